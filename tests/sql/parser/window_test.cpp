// Window functions (OVER, frames, named windows, IGNORE NULLS) and the
// aggregate FILTER clause: their trees, their rendering, and the words that
// stay names where no clause follows.
#include <gtest/gtest.h>

#include "parser_test_util.h"

namespace sluice::sql {
namespace {

using parser_testing::As;
using parser_testing::Described;
using parser_testing::Expr;
using parser_testing::Render;
using parser_testing::SelectOf;
using parser_testing::Parsed;

using parser_testing::Call;

TEST(WindowTest, OverClauseParts) {
  const FunctionCall& f = Call("rank() OVER (PARTITION BY a, b ORDER BY c DESC NULLS FIRST, d)");
  ASSERT_NE(f.window, nullptr);
  EXPECT_FALSE(f.window_is_name);
  EXPECT_EQ(f.window->partition_by.size(), 2u);
  ASSERT_EQ(f.window->order_by.size(), 2u);
  EXPECT_FALSE(f.window->order_by[0].ascending);
  EXPECT_EQ(f.window->order_by[0].nulls_first, std::optional<bool>(true));
  EXPECT_EQ(f.window->frame, nullptr);
  EXPECT_EQ(f.ToString(), "rank() OVER (PARTITION BY a, b ORDER BY c DESC NULLS FIRST, d)");
  EXPECT_EQ(Expr("row_number() over ()"), "row_number() OVER ()");
}

TEST(WindowTest, Frames) {
  const FunctionCall& f = Call("sum(x) OVER (ORDER BY t ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)");
  ASSERT_NE(f.window->frame, nullptr);
  EXPECT_EQ(f.window->frame->unit, FrameUnit::kRows);
  EXPECT_EQ(f.window->frame->start.kind, FrameBoundKind::kPreceding);
  EXPECT_EQ(f.window->frame->start.offset->ToString(), "2");
  ASSERT_TRUE(f.window->frame->end.has_value());
  EXPECT_EQ(f.window->frame->end->kind, FrameBoundKind::kCurrentRow);
  EXPECT_EQ(Expr("sum(x) OVER (ORDER BY t RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"),
            "sum(x) OVER (ORDER BY t RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)");
  EXPECT_EQ(Expr("sum(x) OVER (ORDER BY t GROUPS BETWEEN 1 + 1 FOLLOWING AND n * 2 FOLLOWING)"),
            "sum(x) OVER (ORDER BY t GROUPS BETWEEN (1 + 1) FOLLOWING AND (n * 2) FOLLOWING)");
  // The short form keeps its spelling (its end is CURRENT ROW).
  const FunctionCall& s = Call("avg(x) OVER (ORDER BY t ROWS 3 PRECEDING)");
  EXPECT_FALSE(s.window->frame->end.has_value());
  EXPECT_EQ(s.ToString(), "avg(x) OVER (ORDER BY t ROWS 3 PRECEDING)");
  EXPECT_EQ(Expr("count(*) OVER (ROWS UNBOUNDED PRECEDING)"), "count(*) OVER (ROWS UNBOUNDED PRECEDING)");
  EXPECT_EQ(Expr("count(*) OVER (range current row)"), "count(*) OVER (RANGE CURRENT ROW)");
}

TEST(WindowTest, NamedWindows) {
  const FunctionCall& bare = Call("rank() OVER w");
  EXPECT_TRUE(bare.window_is_name);
  EXPECT_EQ(bare.window->existing_window, "w");
  EXPECT_EQ(bare.ToString(), "rank() OVER w");
  const FunctionCall& refined = Call("rank() OVER (w ORDER BY x)");
  EXPECT_FALSE(refined.window_is_name);
  EXPECT_EQ(refined.window->existing_window, "w");
  EXPECT_EQ(refined.ToString(), "rank() OVER (w ORDER BY x)");
  // Frame words are names where no bound follows them.
  EXPECT_EQ(Call("rank() OVER (rows)").window->existing_window, "rows");
  EXPECT_EQ(Call("rank() OVER (range ORDER BY x)").window->existing_window, "range");
  EXPECT_EQ(Call("sum(x) OVER (rows ROWS 1 PRECEDING)").window->existing_window, "rows");
  EXPECT_EQ(Call("sum(x) OVER (partition ORDER BY x)").window->existing_window, "partition");

  const QuerySpecification& q =
      SelectOf(Parsed("SELECT rank() OVER w FROM t GROUP BY a HAVING count(*) > 1 "
                      "WINDOW w AS (PARTITION BY a), v AS (w ORDER BY b) ORDER BY 1"));
  ASSERT_EQ(q.windows.size(), 2u);
  EXPECT_EQ(q.windows[0].name.name, "w");
  EXPECT_EQ(q.windows[1].specification->existing_window, "w");
}

TEST(WindowTest, NullTreatmentAndFilter) {
  EXPECT_EQ(Call("lag(x, 2) IGNORE NULLS OVER (ORDER BY t)").null_treatment, NullTreatment::kIgnore);
  EXPECT_EQ(Expr("last_value(x) respect nulls over w"), "last_value(x) RESPECT NULLS OVER w");
  const FunctionCall& f = Call("count(*) FILTER (WHERE a > 1)");
  ASSERT_NE(f.filter, nullptr);
  EXPECT_EQ(f.window, nullptr);
  EXPECT_EQ(f.ToString(), "count(*) FILTER (WHERE (a > 1))");
  EXPECT_EQ(Expr("sum(DISTINCT x) FILTER (WHERE b) OVER (PARTITION BY k)"),
            "sum(DISTINCT x) FILTER (WHERE b) OVER (PARTITION BY k)");
}

TEST(WindowTest, WordsStayNamesWithoutAClause) {
  EXPECT_EQ(Expr("sum(over)"), "sum(over)");
  EXPECT_EQ(Expr("filter(x)"), "filter(x)");
  // `over` after a call is an alias when no window follows.
  EXPECT_EQ(SelectOf(Parsed("SELECT count(*) over FROM t")).select_items[0].alias, "over");
  EXPECT_EQ(SelectOf(Parsed("SELECT count(*) filter FROM t")).select_items[0].alias, "filter");
  EXPECT_EQ(SelectOf(Parsed("SELECT a FROM t WINDOW w AS ()")).windows.size(), 1u);
}

TEST(WindowTest, Errors) {
  EXPECT_EQ(Described("SELECT lag(x) IGNORE NULLS FROM t"), "1:28: mismatched input 'FROM'. Expecting: 'OVER'");
  EXPECT_EQ(Described("SELECT sum(x) OVER (ROWS BETWEEN 1 PRECEDING) FROM t"),
            "1:45: mismatched input ')'. Expecting: 'AND'");
  EXPECT_EQ(Described("SELECT sum(x) OVER (ROWS 1) FROM t"),
            "1:27: mismatched input ')'. Expecting: '%', '*', '+', '-', '/', 'FOLLOWING', 'PRECEDING', '[', '||'");
  EXPECT_EQ(Described("SELECT count(*) FILTER (a) FROM t"), "1:25: mismatched input 'a'. Expecting: 'WHERE'");
}

TEST(WindowTest, RoundTrip) {
  const char* queries[] = {
      "SELECT a, rank() OVER (PARTITION BY b ORDER BY c DESC) AS r, sum(x) OVER w, "
      "lag(x, 1, 0) IGNORE NULLS OVER (w ORDER BY d ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) "
      "FROM t WINDOW w AS (PARTITION BY b), \"W 2\" AS (w) ORDER BY r",
      "SELECT k, sum(x) FILTER (WHERE x > 0), count(*) FILTER (WHERE y IS NULL) OVER (ORDER BY k GROUPS 2 PRECEDING) "
      "FROM t GROUP BY k",
  };
  for (const char* sql : queries) {
    std::string once = Render(sql);
    EXPECT_EQ(Render(once), once) << sql;
  }
}

}  // namespace
}  // namespace sluice::sql
