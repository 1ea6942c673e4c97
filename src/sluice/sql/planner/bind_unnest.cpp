// UNNEST in FROM (Trino's semantics): alone, after a comma or on the right
// of CROSS JOIN / JOIN ... ON true / LEFT JOIN ... ON true, where its
// expressions read the columns of everything to its left. Arrays give one
// column (an array of rows one per field), maps two (key, value); several
// collections are zipped, the shorter padded with NULLs; WITH ORDINALITY
// adds the 1-based position.
#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/sql/planner/binder_internal.h"

namespace sluice::planner {

LogicalOperatorPtr Binder::BindUnnest(const sql::UnnestRelation& unnest, LogicalOperatorPtr left,
                                      const BindScope& left_scope, bool left_outer, Block& block) {
  Block scope_block;
  scope_block.scope = left_scope;
  auto op = std::make_unique<LogicalUnnest>();
  op->names = left->names;
  op->types = left->types;
  op->ordinality = unnest.with_ordinality;
  op->left_outer = left_outer;
  std::vector<LogicalType> types;
  for (const auto& e : unnest.expressions) {
    auto bound = Bind(*e, scope_block);
    const LogicalType t = bound->type;
    if (t.id() == TypeId::kMap) {
      types.push_back(t.KeyType());
      types.push_back(t.ValueType());
    } else if (t.id() == TypeId::kArray && t.ElementType().id() == TypeId::kRow) {
      for (const auto& f : t.ElementType().Children()) types.push_back(f);
    } else if (t.id() == TypeId::kArray) {
      types.push_back(t.ElementType());
    } else {
      throw SluiceError(ErrorCode::kTypeMismatch, "Cannot unnest type: " + t.ToString(), e->position);
    }
    op->exprs.push_back(std::move(bound));
  }
  if (unnest.with_ordinality) types.push_back(LogicalType::Bigint());
  if (!unnest.column_aliases.empty() && unnest.column_aliases.size() != types.size()) {
    throw SluiceError(ErrorCode::kSyntaxError,
                      "Column alias list has " + std::to_string(unnest.column_aliases.size()) + " entries but '" +
                          unnest.alias + "' has " + std::to_string(types.size()) + " columns available",
                      unnest.position);
  }
  const std::string qualifier = AsciiLower(unnest.alias);
  for (size_t i = 0; i < types.size(); ++i) {
    // Unnamed columns are reachable only through `*` (Trino names them _colN).
    const std::string name = i < unnest.column_aliases.size() ? AsciiLower(unnest.column_aliases[i])
                                                              : "_col" + std::to_string(op->names.size());
    // An unknown element type (ARRAY[NULL]) is a NULL of varchar.
    const LogicalType type = types[i].id() == TypeId::kInvalid ? LogicalType::Varchar() : types[i];
    block.scope.Add({qualifier, "", name, type});
    op->names.push_back(name);
    op->types.push_back(type);
  }
  for (size_t i = 0; i < op->exprs.size(); ++i) {
    // Collections of unknown elements: cast to varchar ones, as typed above.
    const LogicalType& t = op->exprs[i]->type;
    auto known = [](const LogicalType& e) { return e.id() == TypeId::kInvalid ? LogicalType::Varchar() : e; };
    if (t.id() == TypeId::kArray && t.ElementType().id() == TypeId::kInvalid) {
      op->exprs[i] = BoundExpression::Cast(std::move(op->exprs[i]), LogicalType::Array(LogicalType::Varchar()));
    } else if (t.id() == TypeId::kMap) {
      op->exprs[i] = BoundExpression::Cast(std::move(op->exprs[i]), LogicalType::Map(known(t.KeyType()), known(t.ValueType())));
    }
  }
  op->children.push_back(std::move(left));
  return op;
}

}  // namespace sluice::planner
