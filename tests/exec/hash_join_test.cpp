// The hash join's subquery modes: MARK joins (EXISTS, and IN with its
// three-valued result per group of build rows), SINGLE joins (a scalar
// subquery: at most one match per probe row) and null-safe keys.
#include <gtest/gtest.h>

#include <algorithm>

#include "sluice/common/error.h"
#include "sluice/exec/operators/physical_hash_join.h"
#include "sluice/exec/operators/physical_result_collector.h"
#include "sluice/exec/operators/physical_values.h"
#include "sluice/exec/pipeline_executor.h"

namespace sluice::exec {
namespace {

Value Int(int64_t v) { return Value::Integer(LogicalType::Integer(), v); }
Value Null() { return Value::Null(LogicalType::Integer()); }

std::vector<LogicalType> Ints(size_t n) { return std::vector<LogicalType>(n, LogicalType::Integer()); }

// Runs a join of `probe` and `build` rows (integer columns) and returns its
// rows as sorted "a|b|..." strings.
std::vector<std::string> RunJoin(HashJoinSpec spec, std::vector<std::vector<Value>> probe,
                             std::vector<std::vector<Value>> build, size_t threads = 2) {
  spec.probe_types = Ints(probe.empty() ? spec.probe_width : probe[0].size());
  spec.build_types = Ints(build.empty() ? spec.build_width : build[0].size());
  auto join = std::make_unique<PhysicalHashJoin>(std::move(spec));
  const std::vector<LogicalType> types = join->types();
  join->children.push_back(std::make_unique<PhysicalValues>(join->spec().probe_types, std::move(probe)));
  join->children.push_back(std::make_unique<PhysicalValues>(join->spec().build_types, std::move(build)));
  PhysicalResultCollector root(types, std::vector<std::string>(types.size(), "c"));
  root.children.push_back(std::move(join));
  QueryContext ctx("q", threads);
  ExecutePlan(ctx, root);
  std::vector<std::string> rows;
  for (const auto& chunk : root.TakeResult().chunks) {
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::string row;
      for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
        row += (c ? "|" : "") + chunk.column(c).GetValue(r).ToString();
      }
      rows.push_back(row);
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

HashJoinSpec Spec(HashJoinType type, size_t probe_width, size_t build_width, std::vector<size_t> probe_keys,
                  std::vector<size_t> build_keys) {
  HashJoinSpec spec;
  spec.type = type;
  spec.probe_width = probe_width;
  spec.build_width = build_width;
  spec.probe_keys = std::move(probe_keys);
  spec.build_keys = std::move(build_keys);
  return spec;
}

using Rows = std::vector<std::string>;

TEST(HashJoinTest, MarkWithoutTestIsExists) {
  auto spec = Spec(HashJoinType::kMark, 1, 1, {0}, {0});
  EXPECT_EQ(RunJoin(std::move(spec), {{Int(1)}, {Int(2)}, {Null()}}, {{Int(2)}, {Int(2)}, {Null()}}),
            (Rows{"1|false", "2|true", "NULL|false"}));
}

TEST(HashJoinTest, MarkInTestWithoutGroups) {
  // x IN (2, 3): NULL x is NULL over a non-empty set.
  auto in = [](std::vector<std::vector<Value>> build) {
    auto spec = Spec(HashJoinType::kMark, 1, 1, {0}, {0});
    spec.key_options.last_key_tested = true;
    return RunJoin(std::move(spec), {{Int(1)}, {Int(2)}, {Null()}}, std::move(build));
  };
  EXPECT_EQ(in({{Int(2)}, {Int(3)}}), (Rows{"1|false", "2|true", "NULL|NULL"}));
  // A NULL in the set: no match is NULL, never FALSE.
  EXPECT_EQ(in({{Int(2)}, {Null()}}), (Rows{"1|NULL", "2|true", "NULL|NULL"}));
  // The empty set: FALSE, even for NULL.
  EXPECT_EQ(in({}), (Rows{"1|false", "2|false", "NULL|false"}));
}

TEST(HashJoinTest, MarkInTestPerGroup) {
  // Probe (g, x), build (g, y): x IN (SELECT y ... WHERE g = outer g), the
  // group key null-safe (a subquery's correlation value).
  auto spec = Spec(HashJoinType::kMark, 2, 2, {0, 1}, {0, 1});
  spec.key_options.null_safe = {true, false};
  spec.key_options.last_key_tested = true;
  auto rows = RunJoin(std::move(spec),
                  {{Int(1), Int(5)}, {Int(1), Int(6)}, {Int(2), Int(5)}, {Int(3), Int(5)}, {Int(3), Null()},
                   {Null(), Int(7)}, {Null(), Int(8)}, {Int(4), Null()}},
                  {{Int(1), Int(5)}, {Int(2), Int(9)}, {Int(2), Null()}, {Null(), Int(7)}});
  EXPECT_EQ(rows, (Rows{"1|5|true", "1|6|false", "2|5|NULL", "3|5|false", "3|NULL|false", "4|NULL|false",
                        "NULL|7|true", "NULL|8|false"}));
}

TEST(HashJoinTest, MarkGroupKeyThatIsNotNullSafe) {
  // A NULL group key (regular equality) selects no rows: FALSE.
  auto spec = Spec(HashJoinType::kMark, 2, 2, {0, 1}, {0, 1});
  spec.key_options.last_key_tested = true;
  auto rows = RunJoin(std::move(spec), {{Null(), Int(1)}, {Int(1), Null()}}, {{Null(), Int(1)}, {Int(1), Int(2)}});
  EXPECT_EQ(rows, (Rows{"1|NULL|NULL", "NULL|1|false"}));
}

TEST(HashJoinTest, SingleJoinPadsAndFailsOnASecondMatch) {
  auto spec = Spec(HashJoinType::kSingle, 1, 2, {0}, {0});
  EXPECT_EQ(RunJoin(std::move(spec), {{Int(1)}, {Int(2)}, {Null()}}, {{Int(1), Int(10)}, {Int(3), Int(30)}}),
            (Rows{"1|1|10", "2|NULL|NULL", "NULL|NULL|NULL"}));
  auto twice = Spec(HashJoinType::kSingle, 1, 2, {0}, {0});
  try {
    RunJoin(std::move(twice), {{Int(1)}}, {{Int(1), Int(10)}, {Int(1), Int(11)}});
    FAIL() << "expected SUBQUERY_MULTIPLE_ROWS";
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSubqueryMultipleRows);
    EXPECT_EQ(e.message(), "Scalar sub-query has returned multiple rows");
  }
}

TEST(HashJoinTest, SingleJoinMatchesAcrossOutputBatches) {
  // Many probe rows, each with one match: no false "multiple rows".
  std::vector<std::vector<Value>> probe, build;
  for (int i = 0; i < 5000; ++i) {
    probe.push_back({Int(i % 1000)});
    if (i < 1000) build.push_back({Int(i), Int(i * 2)});
  }
  auto rows = RunJoin(Spec(HashJoinType::kSingle, 1, 2, {0}, {0}), std::move(probe), std::move(build));
  ASSERT_EQ(rows.size(), 5000u);
  EXPECT_EQ(rows.front(), "0|0|0");
}

TEST(HashJoinTest, NullSafeKeysMatchNulls) {
  auto spec = Spec(HashJoinType::kInner, 1, 1, {0}, {0});
  spec.key_options.null_safe = {true};
  EXPECT_EQ(RunJoin(std::move(spec), {{Int(1)}, {Null()}}, {{Null()}, {Int(1)}, {Int(2)}}),
            (Rows{"1|1", "NULL|NULL"}));
}

}  // namespace
}  // namespace sluice::exec
