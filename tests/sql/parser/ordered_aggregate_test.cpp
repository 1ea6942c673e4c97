// ORDER BY inside an aggregate call and LISTAGG's WITHIN GROUP syntax: their
// trees (LISTAGG read as Trino reads it, with synthetic arguments), their
// rendering, and that the rendering parses back to itself.
#include <gtest/gtest.h>

#include "parser_test_util.h"

namespace sluice::sql {
namespace {

using parser_testing::As;
using parser_testing::Described;
using parser_testing::Expr;
using parser_testing::Render;

using parser_testing::Call;

TEST(OrderedAggregateTest, OrderByInsideTheCall) {
  const FunctionCall& f = Call("array_agg(x, y ORDER BY a DESC NULLS FIRST, b) FILTER (WHERE c)");
  EXPECT_EQ(f.arguments.size(), 2u);
  ASSERT_EQ(f.order_by.size(), 2u);
  EXPECT_FALSE(f.order_by[0].ascending);
  EXPECT_TRUE(*f.order_by[0].nulls_first);
  EXPECT_FALSE(f.order_by[1].nulls_first.has_value());
  EXPECT_FALSE(f.within_group);
  EXPECT_NE(f.filter, nullptr);
  EXPECT_EQ(f.ToString(), "array_agg(x, y ORDER BY a DESC NULLS FIRST, b) FILTER (WHERE c)");
}

TEST(OrderedAggregateTest, ListaggDefaultsAndOverflow) {
  const FunctionCall& plain = Call("listagg(x) WITHIN GROUP (ORDER BY y)");
  ASSERT_EQ(plain.arguments.size(), 5u);
  EXPECT_TRUE(plain.within_group);
  EXPECT_EQ(plain.ToString(), "listagg(x, '' ON OVERFLOW ERROR) WITHIN GROUP (ORDER BY y)");
  EXPECT_EQ(Expr("LISTAGG(DISTINCT x, ',' ON OVERFLOW TRUNCATE WITHOUT COUNT) WITHIN GROUP (ORDER BY y DESC)"),
            "listagg(DISTINCT x, ',' ON OVERFLOW TRUNCATE '...' WITHOUT COUNT) WITHIN GROUP (ORDER BY y DESC)");
  EXPECT_EQ(Expr("listagg(x, ';' ON OVERFLOW TRUNCATE '~' WITH COUNT) WITHIN GROUP (ORDER BY y) FILTER (WHERE z)"),
            "listagg(x, ';' ON OVERFLOW TRUNCATE '~' WITH COUNT) WITHIN GROUP (ORDER BY y) FILTER (WHERE z)");
}

TEST(OrderedAggregateTest, Errors) {
  EXPECT_EQ(Described("SELECT listagg(x, ',') FROM t"), "1:24: mismatched input 'FROM'. Expecting: 'WITHIN'");
  EXPECT_EQ(Described("SELECT listagg(x, y) WITHIN GROUP (ORDER BY y) FROM t"),
            "1:19: mismatched input 'y'. Expecting: <string>");
  EXPECT_EQ(Described("SELECT listagg(x ON OVERFLOW TRUNCATE) WITHIN GROUP (ORDER BY y) FROM t"),
            "1:38: mismatched input ')'. Expecting: 'WITH', 'WITHOUT'");
}

TEST(OrderedAggregateTest, RoundTrip) {
  const char* queries[] = {
      "SELECT g, array_agg(x ORDER BY y DESC NULLS LAST), listagg(s, ', ') WITHIN GROUP (ORDER BY s) FROM t GROUP BY g",
      "SELECT listagg(s ON OVERFLOW TRUNCATE 'x' WITH COUNT) WITHIN GROUP (ORDER BY s) FILTER (WHERE s <> '') FROM t",
  };
  for (const char* sql : queries) {
    std::string once = Render(sql);
    EXPECT_EQ(Render(once), once) << sql;
  }
}

}  // namespace
}  // namespace sluice::sql
