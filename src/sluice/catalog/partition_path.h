#pragma once

// Hive partition directory names, "k1=v1/k2=v2", as Hive, Spark, Trino and
// Athena write and read them. Writers build the directory of each partition
// with PartitionPath; readers and partition discovery parse it back.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::catalog {

// The directory name (and catalog value) of a partition whose key is NULL.
// Hive also uses it for the empty string, which cannot name a directory.
inline constexpr std::string_view kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

// Hive's FileUtils.escapePathName: each byte that Hive escapes becomes %XX
// (upper-case hex): the control characters 0x00-0x1F and 0x7F, and
// " # % ' * / : = ? \ [ ] ^ {. Other bytes, UTF-8 included, are kept, so the
// result matches what Hive, Spark and Athena write byte for byte. The empty
// string becomes kHiveDefaultPartition, as in Hive.
std::string EscapePartitionValue(std::string_view value);

// Hive's unescapePathName: each %XX with two hex digits (either case) becomes
// that byte; any other '%' is kept as is. Undoes EscapePartitionValue for
// every non-empty value.
std::string UnescapePartitionValue(std::string_view escaped);

// "k1=v1/k2=v2", keys and values escaped. keys and values must be the same
// length (checked: an internal error otherwise).
std::string PartitionPath(const std::vector<std::string>& keys,
                          const std::vector<std::string>& values);

// The unescaped values of `relative_dir` ("k1=v1/k2=v2", leading and trailing
// '/' allowed), when it has exactly one k=v segment per key, in keys' order,
// with key names equal ignoring ASCII case. nullopt for anything else (a
// hidden or staging directory, a missing or extra level, another key).
std::optional<std::vector<std::string>> ParsePartitionPath(std::string_view relative_dir,
                                                           const std::vector<std::string>& keys);

}  // namespace sluice::catalog
