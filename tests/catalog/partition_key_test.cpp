#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sluice/catalog/partition_key.h"

namespace sluice::catalog {
namespace {

// Byte-wise order of keys must equal the lexicographic order of value lists,
// and distinct lists must get distinct keys; NUL bytes and prefixes are the
// cases a naive separator gets wrong.
TEST(PartitionKeyTest, OrderAndUniquenessMatchTheValueLists) {
  std::vector<std::string> atoms = {"",  "a",   "a!", "ab", std::string("a\0", 2),
                                    std::string("\0", 1), "b", "\xff", "a/b", "/"};
  std::vector<std::vector<std::string>> lists;
  for (const auto& x : atoms) {
    for (const auto& y : atoms) lists.push_back({x, y});
  }
  std::set<std::string> keys;
  for (const auto& a : lists) {
    keys.insert(EncodePartitionKey(a));
    for (const auto& b : lists) {
      // std::string compares as unsigned bytes (char_traits<char>::compare
      // uses memcmp semantics), like SQLite BLOBs.
      bool by_key = EncodePartitionKey(a) < EncodePartitionKey(b);
      bool by_values = std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
      ASSERT_EQ(by_key, by_values) << testing::PrintToString(a) << " vs " << testing::PrintToString(b);
    }
  }
  EXPECT_EQ(keys.size(), lists.size());
}

}  // namespace
}  // namespace sluice::catalog
