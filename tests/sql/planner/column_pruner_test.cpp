#include "sluice/sql/planner/column_pruner.h"

#include <gtest/gtest.h>

namespace sluice::planner {
namespace {

// A scan of `table` with columns named c0..c{width-1}, all BIGINT.
LogicalOperatorPtr Scan(const std::string& table, size_t width) {
  auto get = std::make_unique<LogicalGet>();
  get->table.name = table;
  for (size_t i = 0; i < width; ++i) {
    catalog::ColumnDef c;
    c.name = table + "_c" + std::to_string(i);
    c.type = LogicalType::Bigint();
    get->table.columns.push_back(c);
    get->columns.push_back({false, i});
    get->names.push_back(c.name);
    get->types.push_back(c.type);
  }
  return get;
}

BoundExpressionPtr Ref(size_t i) { return BoundExpression::ColumnRef(i, LogicalType::Bigint(), "c"); }

std::vector<size_t> ScanIndexes(const LogicalOperator& op) {
  std::vector<size_t> out;
  for (const auto& c : static_cast<const LogicalGet&>(op).columns) out.push_back(c.index);
  return out;
}

// Project(left.c2, right.c0) over a join on left.c1 = right.c1: each scan
// keeps only what the condition and the projection read.
TEST(ColumnPrunerTest, JoinKeepsConditionAndOutputColumns) {
  auto join = std::make_unique<LogicalJoin>();
  join->children.push_back(Scan("l", 4));
  join->children.push_back(Scan("r", 3));
  for (auto& c : join->children) {
    join->names.insert(join->names.end(), c->names.begin(), c->names.end());
    join->types.insert(join->types.end(), c->types.begin(), c->types.end());
  }
  auto condition = std::make_unique<BoundExpression>();
  condition->kind = ExpressionKind::kAnd;
  condition->type = LogicalType::Boolean();
  condition->children.push_back(Ref(1));      // l_c1
  condition->children.push_back(Ref(4 + 1));  // r_c1
  join->condition = std::move(condition);

  LogicalProjection projection;
  projection.names = {"a", "b"};
  projection.types = {LogicalType::Bigint(), LogicalType::Bigint()};
  projection.exprs.push_back(Ref(2));      // l_c2
  projection.exprs.push_back(Ref(4 + 0));  // r_c0
  projection.children.push_back(std::move(join));

  PruneColumns(projection);
  const auto& pruned = static_cast<const LogicalJoin&>(*projection.children[0]);
  EXPECT_EQ(ScanIndexes(*pruned.children[0]), (std::vector<size_t>{1, 2}));
  EXPECT_EQ(ScanIndexes(*pruned.children[1]), (std::vector<size_t>{0, 1}));
  EXPECT_EQ(pruned.names, (std::vector<std::string>{"l_c1", "l_c2", "r_c0", "r_c1"}));
  EXPECT_EQ(pruned.condition->children[0]->column_index, 0u);
  EXPECT_EQ(pruned.condition->children[1]->column_index, 3u);
  EXPECT_EQ(projection.exprs[0]->column_index, 1u);
  EXPECT_EQ(projection.exprs[1]->column_index, 2u);
}

// A semi join outputs the left side only; the right keeps its key.
TEST(ColumnPrunerTest, SemiJoinOutputsLeftOnly) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = JoinType::kSemi;
  join->children.push_back(Scan("l", 2));
  join->children.push_back(Scan("r", 2));
  join->names = join->children[0]->names;
  join->types = join->children[0]->types;
  join->condition = Ref(2 + 1);  // r_c1
  PruneColumns(*join);
  EXPECT_EQ(ScanIndexes(*join->children[0]), (std::vector<size_t>{0, 1}));
  EXPECT_EQ(ScanIndexes(*join->children[1]), (std::vector<size_t>{1}));
  EXPECT_EQ(join->condition->column_index, 2u);
  EXPECT_EQ(join->names.size(), 2u);
}

// Every child of a union delivers exactly the columns kept; unused
// aggregates go, group keys stay.
TEST(ColumnPrunerTest, UnionChildrenAgreeAndUnusedAggregatesGo) {
  auto uni = std::make_unique<LogicalUnion>();
  uni->children.push_back(Scan("a", 3));
  uni->children.push_back(Scan("b", 3));
  uni->names = uni->children[0]->names;
  uni->types = uni->children[0]->types;

  auto agg = std::make_unique<LogicalAggregate>();
  agg->groups.push_back(Ref(0));
  for (size_t arg : {1, 2}) {
    BoundAggregate a;
    a.argument = Ref(arg);
    agg->aggregates.push_back(std::move(a));
  }
  agg->names = {"g", "x", "y"};
  agg->types = {LogicalType::Bigint(), LogicalType::Bigint(), LogicalType::Bigint()};
  agg->children.push_back(std::move(uni));

  LogicalProjection top;
  top.names = {"g", "y"};
  top.types = {LogicalType::Bigint(), LogicalType::Bigint()};
  top.exprs.push_back(Ref(0));
  top.exprs.push_back(Ref(2));
  top.children.push_back(std::move(agg));

  PruneColumns(top);
  const auto& pruned_agg = static_cast<const LogicalAggregate&>(*top.children[0]);
  ASSERT_EQ(pruned_agg.aggregates.size(), 1u);
  EXPECT_EQ(pruned_agg.aggregates[0].argument->column_index, 1u);
  EXPECT_EQ(top.exprs[1]->column_index, 1u);
  const auto& pruned_union = *pruned_agg.children[0];
  EXPECT_EQ(pruned_union.names.size(), 2u);
  for (const auto& child : pruned_union.children) {
    EXPECT_EQ(ScanIndexes(*child), (std::vector<size_t>{0, 2}));
  }
}

// A mark join (x IN (SELECT ...)): its output is the left's columns and the
// mark, which stays after the pruned left columns; the right keeps the
// columns its condition and IN test read.
TEST(ColumnPrunerTest, MarkJoinKeepsItsMarkAfterTheLeftColumns) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = JoinType::kMark;
  join->children.push_back(Scan("l", 3));
  join->children.push_back(Scan("r", 3));
  join->names = join->children[0]->names;
  join->types = join->children[0]->types;
  join->names.push_back("$mark");
  join->types.push_back(LogicalType::Boolean());
  join->condition = BoundExpression::ColumnRef(3 + 2, LogicalType::Bigint(), "r_c2");
  join->mark_comparison = BoundExpression::ColumnRef(0, LogicalType::Bigint(), "l_c0");

  LogicalProjection projection;
  projection.names = {"a", "m"};
  projection.types = {LogicalType::Bigint(), LogicalType::Boolean()};
  projection.exprs.push_back(Ref(2));                                                   // l_c2
  projection.exprs.push_back(BoundExpression::ColumnRef(3, LogicalType::Boolean(), "m"));  // the mark
  projection.children.push_back(std::move(join));

  PruneColumns(projection);
  const auto& pruned = static_cast<const LogicalJoin&>(*projection.children[0]);
  EXPECT_EQ(ScanIndexes(*pruned.children[0]), (std::vector<size_t>{0, 2}));
  EXPECT_EQ(ScanIndexes(*pruned.children[1]), (std::vector<size_t>{2}));
  EXPECT_EQ(pruned.names, (std::vector<std::string>{"l_c0", "l_c2", "$mark"}));
  EXPECT_EQ(pruned.condition->column_index, 2u);
  EXPECT_EQ(pruned.mark_comparison->column_index, 0u);
  EXPECT_EQ(projection.exprs[0]->column_index, 1u);
  EXPECT_EQ(projection.exprs[1]->column_index, 2u);
}

}  // namespace
}  // namespace sluice::planner
