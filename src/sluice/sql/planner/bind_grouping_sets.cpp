// The Binder's GROUP BY: plain expressions and ordinals, ROLLUP, CUBE and
// GROUPING SETS (their cross product, as Trino forms it), GROUP BY
// DISTINCT, and the grouping() function.

#include <algorithm>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/sql/planner/binder_internal.h"

namespace sluice::planner {

namespace {

// Trino caps the grouping sets a query may form.
constexpr size_t kMaxGroupingSets = 4096;

using GroupingSet = std::vector<size_t>;  // sorted indices into Block::groups

// The sets one element stands for, `columns` its columns' group indices.
std::vector<GroupingSet> ElementSets(sql::GroupingElement::Kind kind, const std::vector<GroupingSet>& columns) {
  std::vector<GroupingSet> sets;
  if (kind == sql::GroupingElement::Kind::kSets) return columns;
  const GroupingSet& list = columns[0];
  if (kind == sql::GroupingElement::Kind::kRollup) {
    // ROLLUP (a, b, c): (a, b, c), (a, b), (a), ().
    for (size_t n = list.size() + 1; n-- > 0;) sets.emplace_back(list.begin(), list.begin() + static_cast<long>(n));
    return sets;
  }
  // CUBE (a, b): every subset, the full one first.
  if (list.size() > 12) {
    throw SluiceError(ErrorCode::kNotSupported, "CUBE supports at most 12 columns");
  }
  const size_t count = size_t{1} << list.size();
  for (size_t mask = count; mask-- > 0;) {
    GroupingSet set;
    for (size_t i = 0; i < list.size(); ++i) {
      if (mask & (size_t{1} << (list.size() - 1 - i))) set.push_back(list[i]);
    }
    sets.push_back(std::move(set));
  }
  return sets;
}

GroupingSet Normalized(GroupingSet set) {
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

}  // namespace

void Binder::BindGroupBy(const sql::QuerySpecification& select,
                         const std::vector<const sql::Expression*>& select_items, Block& block) {
  // The index of a grouping expression in block.groups, binding it once.
  auto group_index = [&](const sql::Expression& written) -> size_t {
    const sql::Expression* e = &written;
    if (e->kind == sql::ExpressionKind::kLiteral) {
      const auto& lit = static_cast<const sql::Literal&>(*e);
      if (lit.literal_kind == sql::LiteralKind::kInteger) {
        const int64_t ordinal = std::stoll(lit.text);
        if (ordinal < 1 || ordinal > static_cast<int64_t>(select_items.size()) || !select_items[ordinal - 1]) {
          throw SluiceError(ErrorCode::kSyntaxError, "GROUP BY position " + lit.text + " is not in select list",
                            e->position);
        }
        e = select_items[ordinal - 1];
      }
    }
    auto bound = Bind(*e, block);
    const std::string key = bound->ToString();
    for (size_t i = 0; i < block.group_keys.size(); ++i) {
      if (block.group_keys[i] == key) return i;
    }
    block.group_keys.push_back(key);
    block.group_sql.push_back(e->ToString());
    block.groups.push_back(std::move(bound));
    return block.groups.size() - 1;
  };
  GroupingSet plain;
  for (const auto& g : select.group_by) plain.push_back(group_index(*g));
  if (select.grouping_elements.empty()) return;

  // The cross product of the elements' sets, each plain expression in all.
  std::vector<GroupingSet> sets = {plain};
  for (const sql::GroupingElement& element : select.grouping_elements) {
    std::vector<GroupingSet> columns;
    for (const auto& list : element.sets) {
      GroupingSet set;
      for (const auto& e : list) set.push_back(group_index(*e));
      columns.push_back(std::move(set));
    }
    std::vector<GroupingSet> element_sets;
    try {
      element_sets = ElementSets(element.kind, columns);
    } catch (const SluiceError& e) {
      throw SluiceError(e.code(), e.message(), element.position);
    }
    if (sets.size() * element_sets.size() > kMaxGroupingSets) {
      throw SluiceError(ErrorCode::kNotSupported,
                        "GROUP BY has more than " + std::to_string(kMaxGroupingSets) + " grouping sets",
                        element.position);
    }
    std::vector<GroupingSet> product;
    for (const GroupingSet& left : sets) {
      for (const GroupingSet& right : element_sets) {
        GroupingSet both = left;
        both.insert(both.end(), right.begin(), right.end());
        product.push_back(Normalized(std::move(both)));
      }
    }
    sets = std::move(product);
  }
  if (select.group_by_distinct) {
    std::vector<GroupingSet> distinct;
    for (auto& set : sets) {
      if (std::find(distinct.begin(), distinct.end(), set) == distinct.end()) distinct.push_back(std::move(set));
    }
    sets = std::move(distinct);
  }
  // One set is a plain GROUP BY of its columns.
  if (sets.size() > 1) block.grouping_sets = std::move(sets);
}

BoundExpressionPtr Binder::BindGrouping(const sql::FunctionCall& call, Block& block, bool aggregated) {
  if (!aggregated || block.in_aggregate_argument || call.is_star || call.distinct || call.arguments.empty()) {
    throw SluiceError(ErrorCode::kSyntaxError,
                      call.arguments.empty() || call.is_star || call.distinct
                          ? "Invalid arguments to GROUPING()"
                          : "A GROUPING() operation can only be used with a corresponding GROUPING SET/CUBE/ROLLUP/"
                            "GROUP BY clause",
                      call.position);
  }
  if (call.arguments.size() > 63) {
    throw SluiceError(ErrorCode::kNotSupported, "GROUPING() takes at most 63 arguments", call.position);
  }
  // Each argument must be a grouping expression: the group it is.
  std::vector<size_t> groups;
  for (const auto& arg : call.arguments) {
    Block probe;
    probe.scope = block.scope;
    std::string key;
    try {
      key = Bind(*arg, probe)->ToString();
    } catch (const SluiceError&) {
    }
    auto it = std::find(block.group_keys.begin(), block.group_keys.end(), key);
    if (key.empty() || it == block.group_keys.end()) {
      throw SluiceError(ErrorCode::kSyntaxError,
                        "The arguments to GROUPING() must be expressions referenced by the GROUP BY at the "
                        "associated query level",
                        arg->position);
    }
    groups.push_back(static_cast<size_t>(it - block.group_keys.begin()));
  }
  // Per grouping set: bit n-1-i is set when argument i is not in the set
  // (the first argument is the most significant bit, as in Trino).
  auto value = [&](const std::vector<size_t>& set) {
    int64_t bits = 0;
    for (size_t i = 0; i < groups.size(); ++i) {
      if (std::find(set.begin(), set.end(), groups[i]) == set.end()) bits |= int64_t{1} << (groups.size() - 1 - i);
    }
    return bits;
  };
  if (block.grouping_sets.empty()) return BoundExpression::Constant(Value::Bigint(0));
  if (!block.grouping_set_placeholder) block.grouping_set_placeholder = next_placeholder_++;
  // CASE WHEN set = 0 THEN v0 WHEN set = 1 THEN v1 ... END.
  const auto& registry = function::FunctionRegistry::Get();
  auto equal = registry.BindScalar("equal", {LogicalType::Bigint(), LogicalType::Bigint()}).function;
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kCase;
  e->type = LogicalType::Bigint();
  e->name = call.ToString();
  for (size_t s = 0; s + 1 < block.grouping_sets.size(); ++s) {
    auto test = std::make_unique<BoundExpression>();
    test->kind = ExpressionKind::kFunction;
    test->type = LogicalType::Boolean();
    test->function = equal;
    test->children.push_back(BoundExpression::ColumnRef(kPlaceholderBase + *block.grouping_set_placeholder,
                                                        LogicalType::Bigint(), "$grouping_set"));
    test->children.push_back(BoundExpression::Constant(Value::Bigint(static_cast<int64_t>(s))));
    e->children.push_back(std::move(test));
    e->children.push_back(BoundExpression::Constant(Value::Bigint(value(block.grouping_sets[s]))));
  }
  e->children.push_back(BoundExpression::Constant(Value::Bigint(value(block.grouping_sets.back()))));
  if (e->children.size() == 1) return std::move(e->children[0]);
  return e;
}

}  // namespace sluice::planner
