#pragma once

// The stored key of a partition: its values in one byte string, so that a
// store can index (table, key) for exact lookup and ORDER BY key for listing.
// Storage-neutral: SQLite BLOB and PostgreSQL bytea both compare bytes.

#include <string>
#include <vector>

namespace sluice::catalog {

// Each value's bytes with 0x00 written as 0x00 0xFF, then the terminator
// 0x00 0x00. Because the terminator sorts below every continuation, a
// byte-wise comparison of keys orders them as the value lists compare
// lexicographically (value by value, each byte-wise), and distinct lists
// never share a key.
std::string EncodePartitionKey(const std::vector<std::string>& values);

}  // namespace sluice::catalog
