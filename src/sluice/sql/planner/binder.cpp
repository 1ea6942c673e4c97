#include "sluice/common/ascii_case.h"
#include "sluice/sql/planner/binder.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "sluice/common/error.h"
#include "sluice/expression/expression_executor.h"
#include "sluice/functions/cast.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/nested_functions.h"
#include "sluice/sql/planner/binder_internal.h"
#include "sluice/types/binary_text.h"
#include "sluice/sql/planner/decorrelator.h"
#include "sluice/types/date.h"
#include "sluice/types/time_zone.h"
#include "sluice/types/interval.h"
#include "sluice/types/decimal.h"

namespace sluice::planner {

using function::FunctionRegistry;

namespace {

// Folds an expression without column references into a constant. A user
// error while folding is left for execution, as Trino does: the expression
// may sit in a branch that never runs (coalesce(x, 1/0), CASE, if).
BoundExpressionPtr Fold(BoundExpressionPtr e) {
  if (e->kind == ExpressionKind::kConstant || e->kind == ExpressionKind::kColumnRef) return e;
  if (!e->IsConstant() || !e->IsDeterministic()) return e;
  Value v;
  try {
    v = ExpressionExecutor::EvaluateConstant(*e);
  } catch (const SluiceError& error) {
    if (!IsUserError(error.code())) throw;
    return e;
  }
  auto c = BoundExpression::Constant(std::move(v));
  c->type = e->type;
  c->name = e->name;
  return c;
}

// Trino's type of DECIMAL 'text': as many digits as written (leading and
// trailing zeros included, at least one), scale the fraction's digits.
LogicalType DecimalLiteralType(const std::string& text, const sql::Expression& at) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  int integral = 0, fraction = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++integral;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++fraction;
  }
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i != text.size() || integral + fraction == 0 || integral + fraction > kMaxDecimalPrecision) {
    Fail(ErrorCode::kInvalidCast, "Value cannot be cast to decimal: " + text, at);
  }
  return LogicalType::Decimal(std::max(1, integral + fraction), fraction);
}

// Trino's type of TIMESTAMP 'text': timestamp(p), p the fractional digits
// written (TIMESTAMP '2022-08-01 10:00' is a timestamp(0)), with time zone
// when a zone follows ('2022-08-01 10:00 Europe/Paris').
LogicalType TimestampLiteralType(const std::string& text, const sql::Expression& at) {
  const auto parts = ParseTimestampText(text, true);
  if (!parts) Fail(ErrorCode::kInvalidLiteral, "'" + text + "' is not a valid TIMESTAMP literal", at);
  if (parts->zone.empty()) return LogicalType::Timestamp(parts->digits);
  if (!FindZoneKey(parts->zone)) {
    Fail(ErrorCode::kInvalidFunctionArgument, "Time zone not supported: " + std::string(parts->zone), at);
  }
  return LogicalType::TimestampTz(parts->digits);
}

// The type of TYPE 'text': DECIMAL's and TIMESTAMP's from the text, others
// by name. Out of BindNode, whose frame every expression level pays.
LogicalType TypedLiteralType(const sql::Literal& lit, const sql::Expression& at) {
  const std::string type_name = AsciiLower(lit.type_name);
  if (type_name == "decimal") return DecimalLiteralType(lit.text, at);
  if (type_name == "timestamp") return TimestampLiteralType(lit.text, at);
  return ParseTypeName(lit.type_name);
}

// Trino's type of a decimal literal written without the keyword (2.50,
// -0.5, 7.): its digits without leading zeros, at least one; double when
// that is more than 38.
LogicalType PlainDecimalLiteralType(const std::string& text) {
  size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
  while (i < text.size() && text[i] == '0') ++i;
  const size_t dot = text.find('.');
  const int integral = dot == std::string::npos || dot < i ? 0 : static_cast<int>(dot - i);
  const int fraction = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
  if (integral + fraction > kMaxDecimalPrecision) return LogicalType::Double();
  return LogicalType::Decimal(std::max(1, integral + fraction), fraction);
}

// X'0aFF': hex digits of either case, blanks between them ignored, as Trino
// reads binary literals.
Value BinaryLiteral(const sql::Literal& lit) {
  std::string digits;
  for (char c : lit.text) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      Fail(ErrorCode::kSyntaxError, "Binary literal can only contain hexadecimal digits", lit);
    }
    digits += c;
  }
  auto bytes = HexDecode(digits);
  if (!bytes) Fail(ErrorCode::kSyntaxError, "Binary literal must contain an even number of digits", lit);
  return Value::Varbinary(std::move(*bytes));
}

// The common super type of `types` as Trino coerces CASE results and
// conditional arguments: untyped NULLs fit anything, a date meets a
// timestamp as timestamp. kInvalid when all are NULL. Calls `fail` with the
// first pair that has none.
template <typename OnConflict>
LogicalType CommonTypeOf(const std::vector<LogicalType>& types, const OnConflict& fail) {
  LogicalType type;
  for (LogicalType t : types) {
    if (t.id() == TypeId::kInvalid) continue;
    if (type.id() == TypeId::kInvalid) {
      type = t;
      continue;
    }
    LogicalType common = CommonSuperType(type, t);
    if (common.id() == TypeId::kInvalid) fail(type, t);
    type = common;
  }
  return type;
}

// typeof(): Trino's name of a type. An untyped NULL is 'unknown'.
std::string TrinoTypeName(LogicalType t) {
  if (t.id() == TypeId::kInvalid) return "unknown";
  if (t.id() == TypeId::kArray) return "array(" + TrinoTypeName(t.ElementType()) + ")";
  if (t.id() == TypeId::kMap) return "map(" + TrinoTypeName(t.KeyType()) + ", " + TrinoTypeName(t.ValueType()) + ")";
  if (t.id() == TypeId::kRow) {
    std::string out = "row(";
    for (size_t i = 0; i < t.Children().size(); ++i) {
      if (i) out += ", ";
      if (!t.FieldNames()[i].empty()) out += t.FieldNames()[i] + " ";
      out += TrinoTypeName(t.Children()[i]);
    }
    return out + ")";
  }
  return t.ToString();
}

// ORDER BY keys: maps (also inside arrays and rows) have no order.
void CheckOrderable(const LogicalType& type, const sql::Expression& at) {
  if (!type.IsOrderable()) Fail(ErrorCode::kTypeMismatch, "Type " + type.ToString() + " is not orderable", at);
}

// Field `index` of the row `base` evaluates to.
BoundExpressionPtr MakeFieldAccess(BoundExpressionPtr base, size_t index, const std::string& name) {
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kFunction;
  e->function = function::FieldAccessFunction(base->type, index);
  e->type = e->function.return_type;
  e->name = name;
  e->children.push_back(std::move(base));
  e->children.push_back(BoundExpression::Constant(Value::Bigint(static_cast<int64_t>(index))));
  return Fold(std::move(e));
}

// base.field by name (case-insensitive, as Trino resolves row fields).
BoundExpressionPtr MakeFieldAccessByName(BoundExpressionPtr base, const std::string& field,
                                         const sql::Expression& at) {
  if (base->type.id() != TypeId::kRow) {
    Fail(ErrorCode::kTypeMismatch,
         "Expression " + base->name + " is not of type ROW (actual: " + base->type.ToString() + ")", at);
  }
  const auto& names = base->type.FieldNames();
  const std::string wanted = AsciiLower(field);
  for (size_t i = 0; i < names.size(); ++i) {
    if (AsciiLower(names[i]) == wanted) return MakeFieldAccess(std::move(base), i, at.ToString());
  }
  Fail(ErrorCode::kColumnNotFound, "Column '" + at.ToString() + "' cannot be resolved", at);
}

BoundExpressionPtr MakeCase(std::vector<BoundExpressionPtr> conditions, std::vector<BoundExpressionPtr> results,
                            BoundExpressionPtr otherwise, LogicalType type) {
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kCase;
  e->type = type;
  for (size_t i = 0; i < conditions.size(); ++i) {
    e->children.push_back(std::move(conditions[i]));
    e->children.push_back(Fold(BoundExpression::Cast(std::move(results[i]), type)));
  }
  e->children.push_back(Fold(BoundExpression::Cast(std::move(otherwise), type)));
  return e;
}

// Whether every value of `from` survives a cast to `to` and back: integers
// and decimals into integers or decimals, into double up to 32 bits and
// into real up to 16; real into double; date into timestamp; timestamps into
// more fractional digits.
bool WidensExactly(LogicalType from, LogicalType to) {
  if (from == to) return true;
  const bool exact_source = from.IsInteger() || from.IsDecimal();
  if (exact_source && (to.IsInteger() || to.IsDecimal())) return true;
  if (from.IsInteger() && to.id() == TypeId::kDouble) return from.id() != TypeId::kBigint;
  if (from.IsInteger() && to.id() == TypeId::kReal) {
    return from.id() == TypeId::kTinyint || from.id() == TypeId::kSmallint;
  }
  if (from.id() == TypeId::kReal && to.id() == TypeId::kDouble) return true;
  if (!to.IsTimestampKind() || (from.id() == TypeId::kTimestampTz && to.id() == TypeId::kTimestamp)) return false;
  return from.id() == TypeId::kDate || (from.IsTimestampKind() && from.precision() <= to.precision());
}

bool IsNullLiteral(const BoundExpression& e) {
  return e.kind == ExpressionKind::kConstant && e.constant.is_null();
}

using ScalarCallFn = std::function<BoundExpressionPtr(const std::string&, std::vector<BoundExpressionPtr>)>;

// coalesce, nullif, if, greatest, least and typeof (Trino's "conditional
// expressions"): bound here, not through the registry, because they take the
// common type of all arguments or evaluate arguments lazily. Lazy forms
// become CASE, whose branches run only on the rows they select.
BoundExpressionPtr BindConditionalForm(const std::string& name, std::vector<BoundExpressionPtr> args,
                                       const sql::FunctionCall& at, const ScalarCallFn& call_scalar) {
  auto arity = [&](size_t low, size_t high) {
    if (args.size() < low || args.size() > high) {
      Fail(ErrorCode::kFunctionNotFound,
           "Function '" + name + "' does not take " + std::to_string(args.size()) + " arguments", at);
    }
  };
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a->type);

  if (name == "typeof") {
    // Constant per call: the argument is never evaluated.
    arity(1, 1);
    return BoundExpression::Constant(Value::Varchar(TrinoTypeName(types[0])));
  }
  if (name == "if") {
    arity(2, 3);
    if (types[0].id() != TypeId::kBoolean && types[0].id() != TypeId::kInvalid) {
      Fail(ErrorCode::kTypeMismatch, "IF condition must evaluate to a boolean (actual: " +
                                         types[0].ToString() + ")", at);
    }
    LogicalType type = CommonTypeOf({types.begin() + 1, types.end()}, [&](LogicalType a, LogicalType b) {
      Fail(ErrorCode::kTypeMismatch, "Result types for IF must be the same: " + a.ToString() + " vs " +
                                         b.ToString(), at);
    });
    if (type.id() == TypeId::kInvalid) type = LogicalType::Varchar();  // as CASE
    std::vector<BoundExpressionPtr> conditions, results;
    conditions.push_back(BoundExpression::Cast(std::move(args[0]), LogicalType::Boolean()));
    results.push_back(std::move(args[1]));
    BoundExpressionPtr otherwise = args.size() == 3 ? std::move(args[2]) : BoundExpression::Constant(Value());
    return MakeCase(std::move(conditions), std::move(results), std::move(otherwise), type);
  }
  if (name == "coalesce") {
    arity(1, SIZE_MAX);
    LogicalType type = CommonTypeOf(types, [&](LogicalType a, LogicalType b) {
      Fail(ErrorCode::kTypeMismatch, "All COALESCE operands must be the same type: " + a.ToString() + " vs " +
                                         b.ToString(), at);
    });
    if (type.id() == TypeId::kInvalid) return BoundExpression::Constant(Value());
    // CASE WHEN a IS NOT NULL THEN a WHEN b IS NOT NULL THEN b ... ELSE last.
    // A non-NULL argument is evaluated twice (test, then value): fine for
    // every sluice function, since the only non-deterministic ones, rand()
    // and random(), never return NULL, so the test cannot disagree with the
    // value returned. NULL literals are dropped; a non-NULL constant ends
    // the chain.
    std::vector<BoundExpressionPtr> conditions, results;
    BoundExpressionPtr otherwise;
    for (size_t i = 0; i < args.size() && !otherwise; ++i) {
      if (IsNullLiteral(*args[i])) continue;
      if (args[i]->kind == ExpressionKind::kConstant || i + 1 == args.size()) {
        otherwise = std::move(args[i]);
        break;
      }
      auto test = std::make_unique<BoundExpression>();
      test->kind = ExpressionKind::kIsNotNull;
      test->type = LogicalType::Boolean();
      test->children.push_back(args[i]->Copy());
      conditions.push_back(std::move(test));
      results.push_back(std::move(args[i]));
    }
    if (!otherwise) otherwise = BoundExpression::Constant(Value());
    if (conditions.empty()) return Fold(BoundExpression::Cast(std::move(otherwise), type));
    return MakeCase(std::move(conditions), std::move(results), std::move(otherwise), type);
  }
  if (name == "nullif") {
    // Both sides are compared in their common type; the result has a's type.
    // Normally a kernel on the common type whose result is cast back to a's
    // type, so that `a` is evaluated once (nullif(rand(), 0.5) must compare
    // the value it returns). Where the widening loses digits (bigint to
    // double) the cast back would not restore `a`: then
    // CASE WHEN a = b THEN NULL ELSE a END, which evaluates `a` twice; fine
    // for every function but rand()/random(), which return no such types.
    arity(2, 2);
    LogicalType common = CommonTypeOf(types, [&](LogicalType a, LogicalType b) {
      Fail(ErrorCode::kTypeMismatch, "Types are not comparable with NULLIF: " + a.ToString() + " vs " +
                                         b.ToString(), at);
    });
    if (types[0].id() == TypeId::kInvalid) return BoundExpression::Constant(Value());
    if (types[1].id() == TypeId::kInvalid) return std::move(args[0]);
    const LogicalType result_type = types[0];
    std::vector<BoundExpressionPtr> compared;
    if (!WidensExactly(result_type, common)) {
      compared.push_back(BoundExpression::Cast(args[0]->Copy(), common));
      compared.push_back(BoundExpression::Cast(std::move(args[1]), common));
      std::vector<BoundExpressionPtr> conditions, results;
      conditions.push_back(call_scalar("equal", std::move(compared)));
      results.push_back(BoundExpression::Constant(Value()));
      return MakeCase(std::move(conditions), std::move(results), std::move(args[0]), result_type);
    }
    compared.push_back(BoundExpression::Cast(std::move(args[0]), common));
    compared.push_back(BoundExpression::Cast(std::move(args[1]), common));
    return BoundExpression::Cast(call_scalar("nullif", std::move(compared)), result_type);
  }
  // greatest / least: NULL when any argument is NULL (the kernels), all
  // arguments compared in their common type.
  arity(1, SIZE_MAX);
  LogicalType type = CommonTypeOf(types, [&](LogicalType, LogicalType) {
    std::string list;
    for (LogicalType t : types) list += (list.empty() ? "" : ", ") + TrinoTypeName(t);
    Fail(ErrorCode::kFunctionNotFound, "Unexpected parameters (" + list + ") for function " + name +
                                           ". Expected: " + name + "(E) E:orderable", at);
  });
  if (type.id() == TypeId::kInvalid) return BoundExpression::Constant(Value());
  for (auto& a : args) a = BoundExpression::Cast(std::move(a), type);
  return call_scalar(name, std::move(args));
}

}  // namespace

Binder::Binder(catalog::Catalog& catalog, std::string current_database)
    : catalog_(catalog), current_database_(std::move(current_database)) {}

std::pair<std::string, std::string> Binder::ResolveTableName(const sql::QualifiedName& name) const {
  const auto& parts = name.parts;
  if (parts.size() == 1) return {current_database_, AsciiLower(parts[0].name)};
  if (parts.size() == 2) return {AsciiLower(parts[0].name), AsciiLower(parts[1].name)};
  // catalog.database.table: Athena's catalog is AwsDataCatalog; there is one.
  return {AsciiLower(parts[1].name), AsciiLower(parts[2].name)};
}

Value Binder::EvaluateConstant(const sql::Expression& expr) {
  Block block;
  auto bound = Bind(expr, block);
  if (!bound->IsConstant()) {
    Fail(ErrorCode::kSyntaxError, "expression must be a constant: " + expr.ToString(), expr);
  }
  return ExpressionExecutor::EvaluateConstant(*bound);
}

LogicalOperatorPtr Binder::MakeGet(catalog::TableDef table, const std::string& qualifier,
                                   const std::string& database,
                                   const std::vector<std::string>& column_aliases, Block& block) {
  auto get = std::make_unique<LogicalGet>();
  auto add = [&](const catalog::ColumnDef& c, bool is_partition, size_t index) {
    const size_t position = get->columns.size();
    const std::string name = position < column_aliases.size() ? AsciiLower(column_aliases[position]) : c.name;
    get->columns.push_back({is_partition, index});
    get->names.push_back(name);
    get->types.push_back(c.type);
    block.scope.Add({qualifier, database, name, c.type});
  };
  for (size_t i = 0; i < table.columns.size(); ++i) add(table.columns[i], false, i);
  for (size_t i = 0; i < table.partition_columns.size(); ++i) add(table.partition_columns[i], true, i);
  get->table = std::move(table);
  return get;
}

LogicalOperatorPtr Binder::BindTableFunction(const sql::TableFunctionRelation& f, Block& block) {
  TableFunctionCall call;
  call.name = AsciiLower(f.name.ToString());
  call.position = f.position;
  for (const auto& arg : f.arguments) {
    Value v = EvaluateConstant(*arg.value);
    if (arg.name.empty()) {
      if (!call.named.empty()) {
        throw SluiceError(ErrorCode::kSyntaxError, "positional arguments must come before named ones",
                          arg.position);
      }
      call.positional.push_back(std::move(v));
    } else if (!call.named.emplace(arg.name, std::move(v)).second) {
      throw SluiceError(ErrorCode::kSyntaxError, "argument " + arg.name + " is given twice", arg.position);
    }
  }
  if (table_functions_ == nullptr) {
    throw SluiceError(ErrorCode::kFunctionNotFound, "Table function '" + call.name + "' not registered",
                      f.position);
  }
  catalog::TableDef table = table_functions_->Resolve(call);
  const size_t columns = table.columns.size() + table.partition_columns.size();
  if (f.column_aliases.size() > columns) {
    throw SluiceError(ErrorCode::kSyntaxError,
                      "Column alias list has " + std::to_string(f.column_aliases.size()) +
                          " entries but '" + call.name + "' has " + std::to_string(columns) + " columns",
                      f.position);
  }
  std::string qualifier = f.alias.empty() ? call.name : AsciiLower(f.alias);
  return MakeGet(std::move(table), qualifier, "", f.column_aliases, block);
}

BoundQuery Binder::BindQuery(const sql::Query& query) { return BindQueryBody(query, false); }

BoundQuery Binder::BindQueryBody(const sql::Query& query, bool is_subquery) {
  // WITH: each entry is checked once here (seeing only the entries before
  // it), then stays visible to the body and the entries after it.
  struct FramePop {
    std::vector<WithFrame>& frames;
    bool active;
    ~FramePop() {
      if (active) frames.pop_back();
    }
  } pop{with_frames_, false};
  if (!query.with.empty()) {
    std::set<std::string> names;
    for (const auto& w : query.with) {
      if (!names.insert(AsciiLower(w.name)).second) {
        throw SluiceError(ErrorCode::kSyntaxError,
                          "WITH query name '" + AsciiLower(w.name) + "' specified more than once", w.position);
      }
    }
    with_frames_.push_back({&query.with, 0, outer_frames_.size()});
    pop.active = true;
    for (size_t i = 0; i < query.with.size(); ++i) {
      with_frames_.back().visible = i;
      Block scratch;
      BindWithEntry(with_frames_.size() - 1, i, "", scratch);
    }
    with_frames_.back().visible = query.with.size();
  }
  const sql::QueryBody& body = *query.body;
  if (body.kind == sql::QueryBodyKind::kSelect) {
    return BindSelect(static_cast<const sql::QuerySpecification&>(body), query, is_subquery);
  }
  BoundQuery inner;
  if (body.kind == sql::QueryBodyKind::kValues) {
    inner = BindValues(static_cast<const sql::ValuesBody&>(body));
  } else if (body.kind == sql::QueryBodyKind::kQuery) {
    inner = BindQueryBody(*static_cast<const sql::NestedQueryBody&>(body).query, is_subquery);
  } else {
    inner = BindSetOperation(static_cast<const sql::SetOperation&>(body));
  }
  return OrderAndLimit(std::move(inner), query, is_subquery);
}

BoundQuery Binder::BindBody(const sql::QueryBody& body) {
  switch (body.kind) {
    case sql::QueryBodyKind::kSelect: {
      static const sql::Query kNoClauses;  // the set operation's own ORDER BY/LIMIT apply above
      // Its untyped NULL columns take the other side's type (BindSetOperation).
      set_operand_ = true;
      return BindSelect(static_cast<const sql::QuerySpecification&>(body), kNoClauses, true);
    }
    case sql::QueryBodyKind::kValues: return BindValues(static_cast<const sql::ValuesBody&>(body));
    case sql::QueryBodyKind::kQuery:
      return BindQueryBody(*static_cast<const sql::NestedQueryBody&>(body).query, true);
    case sql::QueryBodyKind::kSetOperation:
      return BindSetOperation(static_cast<const sql::SetOperation&>(body));
  }
  ThrowInternal("unknown query body");
}

namespace {

// Puts a projection casting `plan`'s columns to `types` on top, when any differs.
LogicalOperatorPtr CastColumns(LogicalOperatorPtr plan, const std::vector<LogicalType>& types) {
  if (plan->types == types) return plan;
  auto projection = std::make_unique<LogicalProjection>();
  for (size_t i = 0; i < types.size(); ++i) {
    projection->exprs.push_back(
        BoundExpression::Cast(BoundExpression::ColumnRef(i, plan->types[i], plan->names[i]), types[i]));
    // An untyped column (NULL) is a typed NULL from here on.
    if (plan->types[i].id() == TypeId::kInvalid) projection->exprs.back() = BoundExpression::Constant(Value::Null(types[i]));
    projection->names.push_back(plan->names[i]);
    projection->types.push_back(types[i]);
  }
  projection->children.push_back(std::move(plan));
  return projection;
}

// Appends constant boolean columns to `plan` (which side a row came from).
LogicalOperatorPtr AddMarkers(LogicalOperatorPtr plan, bool from_left) {
  auto projection = std::make_unique<LogicalProjection>();
  for (size_t i = 0; i < plan->types.size(); ++i) {
    projection->exprs.push_back(BoundExpression::ColumnRef(i, plan->types[i], plan->names[i]));
  }
  projection->exprs.push_back(BoundExpression::Constant(Value::Boolean(from_left)));
  projection->exprs.push_back(BoundExpression::Constant(Value::Boolean(!from_left)));
  projection->names = plan->names;
  projection->names.push_back("$left");
  projection->names.push_back("$right");
  projection->types = plan->types;
  projection->types.push_back(LogicalType::Boolean());
  projection->types.push_back(LogicalType::Boolean());
  projection->children.push_back(std::move(plan));
  return projection;
}

// INTERSECT ALL and EXCEPT ALL over the marked union of both sides (as
// Trino plans them): per distinct row (a window partition, NULLs equal),
// how many copies each side has and each copy's number (output after the
// markers: $left_copies, $right_copies, $copy). A row stays while its
// number is at most min(left, right) copies (INTERSECT ALL) or left - right
// (EXCEPT ALL); copies are equal, so which of them stay does not matter.
LogicalOperatorPtr CountCopies(LogicalOperatorPtr plan, size_t width) {
  const auto& registry = FunctionRegistry::Get();
  auto window = std::make_unique<LogicalWindow>();
  for (size_t i = 0; i < width; ++i) {
    window->partition_by.push_back(BoundExpression::ColumnRef(i, plan->types[i], plan->names[i]));
  }
  auto count_side = [&](size_t marker, const char* name) {
    BoundWindowFunction f;
    f.is_aggregate = true;
    f.aggregate = registry.BindAggregate("count_if", {LogicalType::Boolean()}).function;
    f.arguments.push_back(BoundExpression::ColumnRef(marker, LogicalType::Boolean(), plan->names[marker]));
    f.frame.unit = WindowFrameUnit::kRows;
    f.frame.end.kind = WindowBoundKind::kUnboundedFollowing;
    f.type = LogicalType::Bigint();
    f.name = name;
    return f;
  };
  window->functions.push_back(count_side(width, "$left_copies"));
  window->functions.push_back(count_side(width + 1, "$right_copies"));
  BoundWindowFunction number;
  number.window = registry.BindWindow("row_number", {}).function;
  number.type = LogicalType::Bigint();
  number.name = "$copy";
  window->functions.push_back(std::move(number));
  window->names = plan->names;
  window->types = plan->types;
  for (const auto& f : window->functions) {
    window->names.push_back(f.name);
    window->types.push_back(f.type);
  }
  window->children.push_back(std::move(plan));
  return window;
}

}  // namespace

// UNION ALL is a union; UNION groups by every column; INTERSECT and EXCEPT
// (DISTINCT) mark each row with its side, group by every column and keep
// the groups seen on both sides (on the left only); INTERSECT ALL and
// EXCEPT ALL count the copies on each side (KeepMultisetCopies). Grouping
// treats NULLs as equal, as set operations must.
BoundQuery Binder::BindSetOperation(const sql::SetOperation& op) {
  static const char* kNames[] = {"UNION", "INTERSECT", "EXCEPT"};
  const char* what = kNames[static_cast<int>(op.op)];
  BoundQuery left = BindBody(*op.left);
  BoundQuery right = BindBody(*op.right);
  if (left.types.size() != right.types.size()) {
    throw SluiceError(ErrorCode::kTypeMismatch,
                      std::string(what) + " query has different number of fields: " +
                          std::to_string(left.types.size()) + ", " + std::to_string(right.types.size()),
                      op.position);
  }
  std::vector<LogicalType> types;
  for (size_t i = 0; i < left.types.size(); ++i) {
    LogicalType t = CommonTypeOf({left.types[i], right.types[i]}, [&](LogicalType a, LogicalType b) {
      throw SluiceError(ErrorCode::kTypeMismatch,
                        "column " + std::to_string(i + 1) + " in " + what + " query has incompatible types: " +
                            a.ToString() + ", " + b.ToString(),
                        op.position);
    });
    types.push_back(t.id() == TypeId::kInvalid ? LogicalType::Varchar() : t);
  }
  const bool marked = op.op != sql::SetOperator::kUnion;
  auto uni = std::make_unique<LogicalUnion>();
  for (BoundQuery* side : {&left, &right}) {
    auto plan = CastColumns(std::move(side->plan), types);
    if (marked) plan = AddMarkers(std::move(plan), side == &left);
    uni->children.push_back(std::move(plan));
  }
  uni->names = uni->children[0]->names;
  for (size_t i = 0; i < types.size(); ++i) uni->names[i] = left.names[i];
  uni->types = uni->children[0]->types;
  LogicalOperatorPtr plan = std::move(uni);

  if (!op.all) {
    auto agg = std::make_unique<LogicalAggregate>();
    for (size_t i = 0; i < types.size(); ++i) {
      agg->groups.push_back(BoundExpression::ColumnRef(i, types[i], plan->names[i]));
      agg->names.push_back(plan->names[i]);
      agg->types.push_back(types[i]);
    }
    if (marked) {
      auto bool_or = FunctionRegistry::Get().BindAggregate("bool_or", {LogicalType::Boolean()});
      for (size_t m = 0; m < 2; ++m) {
        BoundAggregate a;
        a.function = bool_or.function;
        a.argument = BoundExpression::ColumnRef(types.size() + m, LogicalType::Boolean(), plan->names[types.size() + m]);
        agg->aggregates.push_back(std::move(a));
        agg->names.push_back(plan->names[types.size() + m]);
        agg->types.push_back(LogicalType::Boolean());
      }
    }
    agg->children.push_back(std::move(plan));
    plan = std::move(agg);
  }
  if (marked) {
    // Which rows stay, then the columns without the markers.
    const size_t width = types.size();
    auto column = [&](size_t i) { return BoundExpression::ColumnRef(i, plan->types[i], plan->names[i]); };
    BoundExpressionPtr keep;
    if (op.all) {
      plan = CountCopies(std::move(plan), width);
      const size_t left_copies = width + 2, right_copies = width + 3, copy = width + 4;
      if (op.op == sql::SetOperator::kIntersect) {
        std::vector<BoundExpressionPtr> terms;
        terms.push_back(CallFunction("less_than_or_equal", column(copy), column(left_copies)));
        terms.push_back(CallFunction("less_than_or_equal", column(copy), column(right_copies)));
        keep = BoundExpression::Conjunction(std::move(terms));
      } else {
        keep = CallFunction("less_than_or_equal", column(copy),
                            CallFunction("subtract", column(left_copies), column(right_copies)));
      }
    } else {
      // Groups seen on the left, and on the right (INTERSECT) or not (EXCEPT).
      BoundExpressionPtr in_right = column(width + 1);
      if (op.op == sql::SetOperator::kExcept) {
        auto negated = std::make_unique<BoundExpression>();
        negated->kind = ExpressionKind::kNot;
        negated->type = LogicalType::Boolean();
        negated->children.push_back(std::move(in_right));
        in_right = std::move(negated);
      }
      std::vector<BoundExpressionPtr> terms;
      terms.push_back(column(width));
      terms.push_back(std::move(in_right));
      keep = BoundExpression::Conjunction(std::move(terms));
    }
    plan = FilterOver(std::move(plan), std::move(keep));
    auto projection = std::make_unique<LogicalProjection>();
    for (size_t i = 0; i < width; ++i) {
      projection->exprs.push_back(column(i));
      projection->names.push_back(plan->names[i]);
      projection->types.push_back(types[i]);
    }
    projection->children.push_back(std::move(plan));
    plan = std::move(projection);
  }
  BoundQuery q;
  q.names = plan->names;
  q.types = plan->types;
  q.plan = std::move(plan);
  return q;
}

BoundQuery Binder::BindValues(const sql::ValuesBody& values) {
  // Every row has the same width; each column takes the common type of its
  // values (an all-NULL column is varchar, as in a select list).
  const size_t width = values.rows.front().size();
  std::vector<std::vector<BoundExpressionPtr>> rows;
  for (const auto& row : values.rows) {
    if (row.size() != width) {
      throw SluiceError(ErrorCode::kTypeMismatch,
                        "VALUES rows must have the same number of columns: " + std::to_string(width) +
                            " and " + std::to_string(row.size()),
                        row.empty() ? values.position : row.front()->position);
    }
    Block block;
    std::vector<BoundExpressionPtr> bound;
    for (const auto& e : row) bound.push_back(Bind(*e, block));
    rows.push_back(std::move(bound));
  }
  auto plan = std::make_unique<LogicalValues>();
  for (size_t c = 0; c < width; ++c) {
    std::vector<LogicalType> types;
    for (const auto& row : rows) types.push_back(row[c]->type);
    LogicalType type = CommonTypeOf(types, [&](LogicalType a, LogicalType b) {
      Fail(ErrorCode::kTypeMismatch, "VALUES column " + std::to_string(c + 1) + " mixes types " +
                                         a.ToString() + " and " + b.ToString(), *values.rows.front()[c]);
    });
    if (type.id() == TypeId::kInvalid) type = LogicalType::Varchar();
    plan->names.push_back("_col" + std::to_string(c));
    plan->types.push_back(type);
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<Value> out;
    for (size_t c = 0; c < width; ++c) {
      auto cast = BoundExpression::Cast(std::move(rows[r][c]), plan->types[c]);
      if (!cast->IsConstant()) {
        Fail(ErrorCode::kSyntaxError, "VALUES may not reference columns", *values.rows[r][c]);
      }
      try {
        out.push_back(ExpressionExecutor::EvaluateConstant(*cast));
      } catch (const SluiceError& e) {
        throw SluiceError(e.code(), e.message(), values.rows[r][c]->position);
      }
    }
    plan->rows.push_back(std::move(out));
  }
  BoundQuery q;
  q.names = plan->names;
  q.types = plan->types;
  q.plan = std::move(plan);
  return q;
}

// ORDER BY and LIMIT of a query whose body is not a SELECT: keys are
// ordinals, output names or expressions over the outputs.
BoundQuery Binder::OrderAndLimit(BoundQuery inner, const sql::Query& query, bool is_subquery) {
  LogicalOperatorPtr plan = std::move(inner.plan);
  if (!query.order_by.empty() && (!is_subquery || query.limit || query.offset)) {
    Block block;
    for (size_t i = 0; i < inner.names.size(); ++i) block.scope.Add({"", "", inner.names[i], inner.types[i]});
    auto order = std::make_unique<LogicalOrder>();
    for (const auto& o : query.order_by) {
      BoundOrderKey k;
      const sql::Expression& e = *o.expr;
      if (e.kind == sql::ExpressionKind::kLiteral &&
          static_cast<const sql::Literal&>(e).literal_kind == sql::LiteralKind::kInteger) {
        int64_t ordinal = std::stoll(static_cast<const sql::Literal&>(e).text);
        if (ordinal < 1 || ordinal > static_cast<int64_t>(inner.names.size())) {
          Fail(ErrorCode::kSyntaxError, "ORDER BY position " + std::to_string(ordinal) +
                                            " is not in select list", e);
        }
        const size_t c = static_cast<size_t>(ordinal - 1);
        k.expr = BoundExpression::ColumnRef(c, inner.types[c], inner.names[c]);
      } else {
        k.expr = Bind(e, block);
      }
      CheckOrderable(k.expr->type, e);
      k.ascending = o.ascending;
      k.nulls_first = o.nulls_first.value_or(false);
      order->keys.push_back(std::move(k));
    }
    std::vector<BoundExpression*> keys;
    for (auto& k : order->keys) keys.push_back(k.expr.get());
    plan = PlanSubqueries(std::move(plan), block.subqueries, nullptr, keys);
    order->names = plan->names;
    order->types = plan->types;
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  plan = AddLimit(std::move(plan), query);
  inner.plan = KeepColumns(std::move(plan), inner.names.size());
  return inner;
}

LogicalOperatorPtr Binder::AddLimit(LogicalOperatorPtr plan, const sql::Query& query) {
  if (!query.limit && !query.offset) return plan;
  auto limit = std::make_unique<LogicalLimit>();
  limit->names = plan->names;
  limit->types = plan->types;
  auto count = [&](const sql::Expression& e, const char* what) -> int64_t {
    Value v = EvaluateConstant(e);
    if (v.is_null() || !v.type().IsInteger() || v.int_value() < 0) {
      Fail(ErrorCode::kSyntaxError, std::string(what) + " must be a non-negative integer", e);
    }
    return v.int_value();
  };
  if (query.limit) limit->limit = count(*query.limit, "LIMIT");
  if (query.offset) limit->offset = count(*query.offset, "OFFSET");
  limit->children.push_back(std::move(plan));
  return limit;
}

LogicalOperatorPtr Binder::BindWithReference(const std::string& name, const std::string& alias, Block& block) {
  for (size_t f = with_frames_.size(); f-- > 0;) {
    for (size_t i = 0; i < with_frames_[f].visible; ++i) {
      if (AsciiLower((*with_frames_[f].entries)[i].name) == name) return BindWithEntry(f, i, alias, block);
    }
  }
  return nullptr;
}

LogicalOperatorPtr Binder::BindWithEntry(size_t frame, size_t entry, const std::string& alias, Block& block) {
  const sql::WithQuery& w = (*with_frames_[frame].entries)[entry];
  const std::string name = AsciiLower(w.name);
  // Bound in the scope of its definition: the entries before it, and none
  // of the frames of queries nested below that definition.
  // The enclosing queries it sees are those of its definition too.
  std::vector<WithFrame> saved = with_frames_;
  std::vector<OuterFrame> saved_outer = outer_frames_;
  struct Restore {
    std::vector<WithFrame>& frames;
    std::vector<WithFrame>& saved;
    std::vector<OuterFrame>& outer;
    std::vector<OuterFrame>& saved_outer;
    ~Restore() {
      frames = std::move(saved);
      outer = std::move(saved_outer);
    }
  } restore{with_frames_, saved, outer_frames_, saved_outer};
  outer_frames_.resize(std::min(outer_frames_.size(), with_frames_[frame].outer_frames));
  with_frames_.resize(frame + 1);
  with_frames_[frame].visible = entry;
  BoundQuery sub = BindQueryBody(*w.query, true);
  if (!w.column_aliases.empty() && w.column_aliases.size() != sub.names.size()) {
    throw SluiceError(ErrorCode::kSyntaxError,
                      "WITH column alias list has " + std::to_string(w.column_aliases.size()) +
                          " entries but WITH query '" + name + "' has " + std::to_string(sub.names.size()) +
                          " columns",
                      w.position);
  }
  const std::string qualifier = alias.empty() ? name : AsciiLower(alias);
  for (size_t c = 0; c < sub.names.size(); ++c) {
    const std::string column = w.column_aliases.empty() ? sub.names[c] : AsciiLower(w.column_aliases[c]);
    block.scope.Add({qualifier, "", column, sub.types[c]});
  }
  return std::move(sub.plan);
}

void Binder::AddSubqueryColumns(const sql::SubqueryRelation& relation, const BoundQuery& sub, Block& block) {
  const std::string qualifier = AsciiLower(relation.alias);
  for (size_t i = 0; i < sub.names.size(); ++i) {
    std::string name = i < relation.column_aliases.size() ? AsciiLower(relation.column_aliases[i]) : sub.names[i];
    block.scope.Add({qualifier, "", name, sub.types[i]});
  }
}

LogicalOperatorPtr Binder::BindFrom(const sql::Relation& relation, Block& block) {
  switch (relation.kind) {
    case sql::RelationKind::kTable: {
      const auto& t = static_cast<const sql::TableRelation&>(relation);
      if (t.name.parts.size() == 1) {
        if (auto with = BindWithReference(AsciiLower(t.name.parts[0].name), t.alias, block)) {
          return with;
        }
      }
      auto [db, name] = ResolveTableName(t.name);
      auto table = catalog_.GetTable(db, name);
      if (!table) {
        if (!catalog_.GetDatabase(db)) {
          throw SluiceError(ErrorCode::kSchemaNotFound, "Schema '" + db + "' does not exist",
                            relation.position);
        }
        throw SluiceError(ErrorCode::kTableNotFound, "Table '" + db + "." + name + "' does not exist",
                          relation.position);
      }
      std::string qualifier = t.alias.empty() ? name : AsciiLower(t.alias);
      std::string database = t.alias.empty() ? db : std::string();
      return MakeGet(std::move(*table), qualifier, database, {}, block);
    }
    case sql::RelationKind::kTableFunction:
      return BindTableFunction(static_cast<const sql::TableFunctionRelation&>(relation), block);
    case sql::RelationKind::kSubquery: {
      const auto& s = static_cast<const sql::SubqueryRelation&>(relation);
      BoundQuery sub = BindQueryBody(*s.query, true);
      AddSubqueryColumns(s, sub, block);
      return std::move(sub.plan);
    }
    case sql::RelationKind::kJoin:
      return BindJoin(static_cast<const sql::JoinRelation&>(relation), block);
    case sql::RelationKind::kUnnest: {
      // Alone in FROM: over one row of no columns.
      auto values = std::make_unique<LogicalValues>();
      values->rows.push_back({});
      return BindUnnest(static_cast<const sql::UnnestRelation&>(relation), std::move(values), BindScope(), false,
                        block);
    }
  }
  ThrowInternal("unknown relation kind");
}

BoundQuery Binder::BindSelect(const sql::QuerySpecification& select, const sql::Query& query,
                              bool is_subquery) {
  // Only this block is the set operand, not the subqueries inside it.
  const bool set_operand = std::exchange(set_operand_, false);
  Block block;
  block.named_windows = &select.windows;
  LogicalOperatorPtr plan;
  if (select.from.empty()) {
    auto values = std::make_unique<LogicalValues>();
    values->rows.push_back({});
    plan = std::move(values);
  } else {
    plan = BindFromList(select.from, block);
  }

  CheckWindowClause(block);

  // WHERE
  BoundExpressionPtr where;
  std::vector<BoundSubquery> where_subqueries;
  if (select.where) {
    block.clause = "WHERE clause";
    where = Bind(*select.where, block);
    if (where->type.id() != TypeId::kBoolean) {
      Fail(ErrorCode::kTypeMismatch,
           "WHERE clause must evaluate to a boolean: actual type " + where->type.ToString(),
           *select.where);
    }
    where_subqueries = std::move(block.subqueries);
    block.subqueries.clear();
  }

  // Expand the select list (stars) into (expression, output name) pairs.
  struct Item {
    const sql::Expression* expr = nullptr;  // null for a star column
    size_t star_column = 0;
    std::string name;
  };
  std::vector<Item> items;
  for (size_t i = 0; i < select.select_items.size(); ++i) {
    const sql::SelectItem& item = select.select_items[i];
    if (item.is_star) {
      std::string qualifier = item.star_qualifier.empty() ? "" : AsciiLower(item.star_qualifier);
      bool any = false;
      for (size_t c = 0; c < block.scope.size(); ++c) {
        const BindScope::Column& column = block.scope.columns()[c];
        if (qualifier.empty() ? column.qualified_only : column.qualifier != qualifier) continue;
        items.push_back({nullptr, c, block.scope.columns()[c].name});
        any = true;
      }
      if (!any) {
        throw SluiceError(ErrorCode::kColumnNotFound,
                          qualifier.empty() ? "SELECT * with no columns"
                                            : "Table '" + qualifier + "' not found for " + qualifier + ".*",
                          item.position);
      }
      continue;
    }
    std::string name;
    if (!item.alias.empty()) name = AsciiLower(item.alias);
    else if (item.expr->kind == sql::ExpressionKind::kColumnRef) {
      name = AsciiLower(static_cast<const sql::ColumnRef&>(*item.expr).parts.back().name);
    } else {
      name = "_col" + std::to_string(items.size());
    }
    items.push_back({item.expr.get(), 0, name});
  }

  // Does this block aggregate?
  block.aggregated = !select.group_by.empty() || !select.grouping_elements.empty() || select.having != nullptr;
  auto contains_aggregate = [&](const sql::Expression& e, auto&& self) -> bool {
    if (e.kind == sql::ExpressionKind::kFunctionCall) {
      const auto& f = static_cast<const sql::FunctionCall&>(e);
      // sum(x) OVER (...) is a window function; its parts may aggregate.
      if (!f.window && FunctionRegistry::Get().HasAggregate(AsciiLower(f.name.parts.back().name)) &&
          !FunctionRegistry::Get().HasScalar(AsciiLower(f.name.parts.back().name))) {
        return true;
      }
    }
    bool found = false;
    e.ForEachChild([&](const sql::Expression& c) { found = found || self(c, self); });
    return found;
  };
  for (const auto& it : items) {
    if (it.expr && contains_aggregate(*it.expr, contains_aggregate)) block.aggregated = true;
  }
  for (const auto& o : query.order_by) {
    if (contains_aggregate(*o.expr, contains_aggregate)) block.aggregated = true;
  }

  // GROUP BY: ordinals refer to select items; expressions to input columns.
  block.clause = "GROUP BY clause";
  std::vector<const sql::Expression*> item_exprs;
  for (const auto& it : items) item_exprs.push_back(it.expr);
  BindGroupBy(select, item_exprs, block);

  // Select list, HAVING and ORDER BY, over the aggregate's output when aggregated.
  auto bind_output = [&](const sql::Expression& e) {
    return block.aggregated ? BindAggregated(e, block) : Bind(e, block);
  };
  std::vector<BoundExpressionPtr> outputs;
  std::vector<std::string> names;
  block.clause = nullptr;
  block.windows_allowed = true;
  for (const auto& it : items) {
    if (it.expr) {
      outputs.push_back(bind_output(*it.expr));
    } else {
      if (block.aggregated) {
        throw SluiceError(ErrorCode::kSyntaxError, "SELECT * is not allowed with GROUP BY",
                          select.position);
      }
      auto ref = BoundExpression::ColumnRef(it.star_column, block.scope.columns()[it.star_column].type,
                                            it.name);
      outputs.push_back(std::move(ref));
    }
    names.push_back(it.name);
  }
  BoundExpressionPtr having;
  if (select.having) {
    block.windows_allowed = false;
    block.clause = "HAVING clause";
    having = BindAggregated(*select.having, block);
    block.windows_allowed = true;
    block.clause = nullptr;
    if (having->type.id() != TypeId::kBoolean) {
      Fail(ErrorCode::kTypeMismatch, "HAVING clause must evaluate to a boolean", *select.having);
    }
  }

  // ORDER BY: an ordinal or output name picks an output column; anything
  // else is computed as a hidden column. In a subquery without LIMIT the
  // order is meaningless and dropped, as Trino does.
  bool keep_order = !query.order_by.empty() && (!is_subquery || query.limit || query.offset);
  std::vector<BoundOrderKey> order_keys;
  const size_t visible = outputs.size();
  if (keep_order) {
    for (const auto& o : query.order_by) {
      const sql::Expression& e = *o.expr;
      std::optional<size_t> column;
      if (e.kind == sql::ExpressionKind::kLiteral &&
          static_cast<const sql::Literal&>(e).literal_kind == sql::LiteralKind::kInteger) {
        int64_t ordinal = std::stoll(static_cast<const sql::Literal&>(e).text);
        if (ordinal < 1 || ordinal > static_cast<int64_t>(visible)) {
          Fail(ErrorCode::kSyntaxError, "ORDER BY position " + std::to_string(ordinal) +
                                            " is not in select list", e);
        }
        column = static_cast<size_t>(ordinal - 1);
      } else if (e.kind == sql::ExpressionKind::kColumnRef &&
                 static_cast<const sql::ColumnRef&>(e).parts.size() == 1) {
        std::string n = AsciiLower(static_cast<const sql::ColumnRef&>(e).parts[0].name);
        for (size_t i = 0; i < visible; ++i) {
          // An output alias wins over an input column of the same name.
          if (names[i] == n && items[i].expr) {
            column = i;
            break;
          }
        }
      }
      if (!column) {
        auto bound = bind_output(e);
        std::string key = bound->ToString();
        for (size_t i = 0; i < outputs.size(); ++i) {
          if (outputs[i]->ToString() == key) {
            column = i;
            break;
          }
        }
        if (!column) {
          if (select.distinct) {
            Fail(ErrorCode::kSyntaxError,
                 "For SELECT DISTINCT, ORDER BY expressions must appear in select list", e);
          }
          column = outputs.size();
          names.push_back("_order" + std::to_string(outputs.size()));
          outputs.push_back(std::move(bound));
        }
      }
      BoundOrderKey k;
      CheckOrderable(outputs[*column]->type, e);
      k.expr = BoundExpression::ColumnRef(*column, outputs[*column]->type, names[*column]);
      k.ascending = o.ascending;
      k.nulls_first = o.nulls_first.value_or(false);
      order_keys.push_back(std::move(k));
    }
  }

  // Subqueries join the plan where their clause is evaluated: WHERE's
  // before its filter, the others' before the aggregation (group keys,
  // aggregate arguments, a plain select list) or after it.
  plan = PlanSubqueries(std::move(plan), where_subqueries, &where, {});
  if (where) plan = FilterOver(std::move(plan), std::move(where));
  std::vector<BoundExpression*> before_aggregation;
  if (block.aggregated) {
    for (auto& g : block.groups) before_aggregation.push_back(g.get());
    for (auto& a : block.aggregates) before_aggregation.push_back(a.argument.get());
  } else {
    for (auto& o : outputs) before_aggregation.push_back(o.get());
  }
  plan = PlanSubqueries(std::move(plan), block.subqueries, nullptr, before_aggregation);
  if (block.aggregated) {
    auto agg = std::make_unique<LogicalAggregate>();
    for (size_t i = 0; i < block.groups.size(); ++i) {
      agg->names.push_back(block.group_keys[i]);
      agg->types.push_back(block.groups[i]->type);
    }
    for (size_t i = 0; i < block.aggregates.size(); ++i) {
      agg->names.push_back(block.aggregate_keys[i]);
      agg->types.push_back(block.aggregates[i].function.return_type);
    }
    // With grouping sets, which set a row is of comes last (for grouping()).
    PlaceholderColumns grouping_set_column;
    if (!block.grouping_sets.empty()) {
      if (block.grouping_set_placeholder) grouping_set_column[*block.grouping_set_placeholder] = agg->names.size();
      agg->names.push_back("$grouping_set");
      agg->types.push_back(LogicalType::Bigint());
    }
    agg->groups = std::move(block.groups);
    agg->aggregates = std::move(block.aggregates);
    agg->grouping_sets = std::move(block.grouping_sets);
    agg->children.push_back(std::move(plan));
    plan = std::move(agg);
    std::vector<BoundExpression*> after_aggregation;
    for (auto& o : outputs) after_aggregation.push_back(o.get());
    plan = PlanSubqueries(std::move(plan), block.subqueries_after_aggregation, having ? &having : nullptr,
                          after_aggregation, std::move(grouping_set_column));
    if (having) plan = FilterOver(std::move(plan), std::move(having));
  }

  plan = PlanWindows(std::move(plan), block, outputs);

  auto projection = std::make_unique<LogicalProjection>();
  for (size_t i = 0; i < outputs.size(); ++i) {
    // An untyped NULL output becomes varchar, so every column has a type;
    // in a set operand it stays untyped until the set operation gives it
    // the other side's type (unless DISTINCT or ORDER BY must read it here).
    const bool typed_later = set_operand && !select.distinct && order_keys.empty();
    if (outputs[i]->type.id() == TypeId::kInvalid && !typed_later) {
      outputs[i] = BoundExpression::Cast(std::move(outputs[i]), LogicalType::Varchar());
    }
    projection->names.push_back(names[i]);
    projection->types.push_back(outputs[i]->type);
  }
  projection->exprs = std::move(outputs);
  projection->children.push_back(std::move(plan));
  plan = std::move(projection);

  if (select.distinct) {
    auto agg = std::make_unique<LogicalAggregate>();
    agg->names = plan->names;
    agg->types = plan->types;
    for (size_t i = 0; i < plan->types.size(); ++i) {
      agg->groups.push_back(BoundExpression::ColumnRef(i, plan->types[i], plan->names[i]));
    }
    agg->children.push_back(std::move(plan));
    plan = std::move(agg);
  }
  if (!order_keys.empty()) {
    auto order = std::make_unique<LogicalOrder>();
    order->names = plan->names;
    order->types = plan->types;
    order->keys = std::move(order_keys);
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  plan = AddLimit(std::move(plan), query);
  if (plan->names.size() > visible) {
    auto trim = std::make_unique<LogicalProjection>();
    for (size_t i = 0; i < visible; ++i) {
      trim->names.push_back(plan->names[i]);
      trim->types.push_back(plan->types[i]);
      trim->exprs.push_back(BoundExpression::ColumnRef(i, plan->types[i], plan->names[i]));
    }
    trim->children.push_back(std::move(plan));
    plan = std::move(trim);
  }
  BoundQuery out;
  out.names = plan->names;
  out.types = plan->types;
  out.plan = std::move(plan);
  return out;
}

BoundExpressionPtr Binder::Bind(const sql::Expression& expr, Block& block) {
  return BindNode(expr, block, false);
}

// Binds an expression evaluated after aggregation: aggregates and group keys
// become references to the aggregate's output columns.
BoundExpressionPtr Binder::BindAggregated(const sql::Expression& expr, Block& block) {
  return BindNode(expr, block, true);
}

BoundExpressionPtr Binder::MakeScalarCall(const std::string& name,
                                          std::vector<BoundExpressionPtr> args,
                                          const sql::Expression& at, LogicalType result_type) {
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a->type);
  function::BoundCall<function::ScalarFunction> call;
  try {
    call = FunctionRegistry::Get().BindScalar(name, types);
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), e.message(), at.position);
  }
  if (result_type.id() != TypeId::kInvalid) call.function.return_type = result_type;
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kFunction;
  e->type = call.function.return_type;
  e->function = call.function;
  e->name = at.ToString();
  // Constant arguments are cast once here rather than per batch (the call
  // itself may not fold: its other arguments read columns).
  for (size_t i = 0; i < args.size(); ++i) {
    e->children.push_back(Fold(BoundExpression::Cast(std::move(args[i]), call.arg_types[i])));
  }
  return Fold(std::move(e));
}

BoundExpressionPtr Binder::MakeComparison(const std::string& op, BoundExpressionPtr left,
                                          BoundExpressionPtr right, const sql::Expression& at) {
  LogicalType lt = left->type, rt = right->type;
  // A string literal compared with a date or timestamp is read as one
  // (DATE '2022-08-01' spelled without the keyword).
  // A timestamp is read with all its digits (the comparison widens the other side).
  auto is_time = [](LogicalType t) { return t.id() == TypeId::kDate || t.IsTimestampKind(); };
  auto read_as = [](LogicalType t) {
    if (t.id() == TypeId::kTimestampTz) return LogicalType::TimestampTz(LogicalType::kMaxTimestampPrecision);
    return t.id() == TypeId::kTimestamp ? LogicalType::Timestamp(LogicalType::kMaxTimestampPrecision) : t;
  };
  if (lt.id() == TypeId::kVarchar && left->kind == ExpressionKind::kConstant && is_time(rt)) {
    lt = read_as(rt);
    left = Fold(BoundExpression::Cast(std::move(left), lt));
  } else if (rt.id() == TypeId::kVarchar && right->kind == ExpressionKind::kConstant && is_time(lt)) {
    rt = read_as(lt);
    right = Fold(BoundExpression::Cast(std::move(right), rt));
  }
  LogicalType common = CommonSuperType(lt, rt);
  if (lt.id() == TypeId::kInvalid) common = rt;
  if (rt.id() == TypeId::kInvalid) common = lt;
  if (common.id() == TypeId::kInvalid && lt.id() == TypeId::kInvalid) common = LogicalType::Varchar();
  if (common.id() == TypeId::kInvalid) {
    Fail(ErrorCode::kTypeMismatch,
         "Cannot apply operator: " + lt.ToString() + " " + at.ToString().substr(0, 0) + op + " " + rt.ToString(),
         at);
  }
  std::vector<BoundExpressionPtr> args;
  if (common.IsDecimal()) {
    // Decimal comparisons rescale inside the kernel: a cast to the common
    // type could overflow when that type is capped at 38 digits.
    args.push_back(std::move(left));
    args.push_back(std::move(right));
  } else {
    args.push_back(BoundExpression::Cast(std::move(left), common));
    args.push_back(BoundExpression::Cast(std::move(right), common));
  }
  static const std::map<std::string, std::string> kNames = {
      {"=", "equal"}, {"<>", "not_equal"}, {"!=", "not_equal"}, {"<", "less_than"},
      {"<=", "less_than_or_equal"}, {">", "greater_than"}, {">=", "greater_than_or_equal"},
      {"IS DISTINCT FROM", "is_distinct_from"}, {"IS NOT DISTINCT FROM", "is_not_distinct_from"}};
  try {
    return MakeScalarCall(kNames.at(op), std::move(args), at);
  } catch (const SluiceError& e) {
    if (e.code() != ErrorCode::kFunctionNotFound) throw;
    // A type without this comparison (json is not orderable).
    Fail(ErrorCode::kTypeMismatch, "Cannot apply operator: " + lt.ToString() + " " + op + " " + rt.ToString(), at);
  }
}

bool TakesPackedArguments(const std::string& name) {
  static const std::set<std::string> kPackedArgumentAggregates = {"map_agg", "multimap_agg", "max_by", "min_by",
                                                                  "approx_percentile", "listagg",
                                                                  "covar_pop", "covar_samp", "corr", "regr_slope",
                                                                  "regr_intercept"};
  return kPackedArgumentAggregates.count(name) > 0;
}

BoundExpressionPtr Binder::BindFunction(const sql::FunctionCall& call, Block& block, bool aggregated) {
  std::string name = AsciiLower(call.name.parts.back().name);
  if (name == "grouping" && call.name.parts.size() == 1) return BindGrouping(call, block, aggregated);
  const auto& registry = FunctionRegistry::Get();
  if (call.window) return BindWindowFunction(call, block, aggregated);
  if (registry.HasWindow(name) && !registry.HasAggregate(name) && !registry.HasScalar(name)) {
    Fail(ErrorCode::kSyntaxError, "Window function " + name + " requires an OVER clause", call);
  }
  if (registry.HasAggregate(name) && !registry.HasScalar(name)) {
    if (!aggregated || block.in_aggregate_argument) {
      Fail(ErrorCode::kSyntaxError,
           block.in_aggregate_argument ? "Cannot nest aggregations inside aggregation '" + name + "'"
                                       : "Aggregate function '" + name + "' is not allowed here",
           call);
    }
    BoundAggregate agg;
    agg.distinct = call.distinct;
    std::vector<LogicalType> types;
    if (!call.is_star) {
      if (call.arguments.empty() || (call.arguments.size() > 1 && !TakesPackedArguments(name))) {
        Fail(ErrorCode::kFunctionNotFound, "aggregate " + name + " takes one argument", call);
      }
      block.in_aggregate_argument = true;
      if (call.arguments.size() == 1) {
        agg.argument = Bind(*call.arguments[0], block);
      } else {
        // Several arguments reach the aggregate as the fields of one row.
        std::vector<BoundExpressionPtr> parts;
        for (const auto& a : call.arguments) parts.push_back(Bind(*a, block));
        agg.argument = MakeScalarCall("row", std::move(parts), call);
      }
      block.in_aggregate_argument = false;
      types.push_back(agg.argument->type);
    }
    if (agg.distinct && agg.argument && agg.argument->type.IsNested()) {
      Fail(ErrorCode::kNotSupported, "DISTINCT aggregates of nested values are not supported", call);
    }
    function::BoundCall<function::AggregateFunction> bound;
    try {
      bound = registry.BindAggregate(name, types);
    } catch (const SluiceError& e) {
      throw SluiceError(e.code(), e.message(), call.position);
    }
    if (agg.argument) agg.argument = BoundExpression::Cast(std::move(agg.argument), bound.arg_types[0]);
    agg.function = bound.function;
    if (call.filter) {
      block.in_aggregate_argument = true;
      agg.filter = Bind(*call.filter, block);
      block.in_aggregate_argument = false;
      if (agg.filter->type.id() != TypeId::kBoolean && agg.filter->type.id() != TypeId::kInvalid) {
        Fail(ErrorCode::kTypeMismatch, "Filter expression must evaluate to a boolean: actual type " +
                                           agg.filter->type.ToString(), *call.filter);
      }
      agg.filter = BoundExpression::Cast(std::move(agg.filter), LogicalType::Boolean());
    }
    if (!call.order_by.empty()) {
      if (agg.distinct) {
        Fail(ErrorCode::kNotSupported, "DISTINCT aggregates with ORDER BY are not supported", call);
      }
      block.in_aggregate_argument = true;
      for (const auto& item : call.order_by) {
        BoundOrderKey k{Bind(*item.expr, block), item.ascending, item.nulls_first.value_or(false)};
        CheckOrderable(k.expr->type, *item.expr);
        agg.order_by.push_back(std::move(k));
      }
      block.in_aggregate_argument = false;
    }
    std::string key = call.ToString();
    size_t index;
    auto it = std::find(block.aggregate_keys.begin(), block.aggregate_keys.end(), key);
    if (it != block.aggregate_keys.end()) {
      index = static_cast<size_t>(it - block.aggregate_keys.begin());
    } else {
      index = block.aggregates.size();
      block.aggregate_keys.push_back(key);
      block.aggregates.push_back(std::move(agg));
    }
    return BoundExpression::ColumnRef(block.groups.size() + index, bound.function.return_type, key);
  }
  if (call.distinct || call.is_star) {
    Fail(ErrorCode::kSyntaxError, "DISTINCT and * are only allowed in aggregate functions", call);
  }
  if (call.filter) Fail(ErrorCode::kFunctionNotAggregate, "Filter is only valid for aggregation functions", call);
  if (!call.order_by.empty()) {
    Fail(ErrorCode::kFunctionNotAggregate, "ORDER BY is only valid for aggregation functions", call);
  }
  if (call.null_treatment != sql::NullTreatment::kDefault) {
    Fail(ErrorCode::kNullTreatmentNotAllowed, "Cannot specify null treatment clause for " + name + " function", call);
  }
  if (IsLambdaFunction(name)) return BindLambdaCall(name, call, block, aggregated);
  std::vector<BoundExpressionPtr> args;
  for (const auto& a : call.arguments) args.push_back(BindNode(*a, block, aggregated));
  static const std::set<std::string> kConditionalForms = {"coalesce", "nullif", "if", "greatest", "least",
                                                          "typeof"};
  if (kConditionalForms.count(name)) {
    return BindConditionalForm(name, std::move(args), call,
                               [&](const std::string& f, std::vector<BoundExpressionPtr> a) {
                                 return MakeScalarCall(f, std::move(a), call);
                               });
  }
  if (name == "try") {
    if (args.size() != 1) Fail(ErrorCode::kFunctionNotFound, "Function 'try' takes one argument", call);
    auto e = std::make_unique<BoundExpression>();
    e->kind = ExpressionKind::kTry;
    e->type = args[0]->type;
    e->name = call.ToString();
    e->children.push_back(std::move(args[0]));
    return Fold(std::move(e));
  }
  if (name == "format") {
    if (args.empty() || (args[0]->type.id() != TypeId::kVarchar && args[0]->type.id() != TypeId::kInvalid)) {
      Fail(ErrorCode::kFunctionNotFound, "Function 'format' takes a varchar format and any arguments", call);
    }
    std::vector<LogicalType> types;
    for (auto& a : args) {
      if (a->type.id() == TypeId::kInvalid) a = BoundExpression::Cast(std::move(a), LogicalType::Varchar());
      types.push_back(a->type);
    }
    auto e = std::make_unique<BoundExpression>();
    e->kind = ExpressionKind::kFunction;
    try {
      e->function = function::FormatFunction(types);
    } catch (const SluiceError& error) {
      throw SluiceError(error.code(), error.message(), call.position);
    }
    e->type = LogicalType::Varchar();
    e->name = call.ToString();
    e->children = std::move(args);
    return Fold(std::move(e));
  }
  // mod(n, m) is the % operator under another name (same types and errors).
  if (name == "mod") name = "modulus";
  if ((name == "current_timestamp" || name == "localtimestamp") && args.size() == 1) {
    return BindCurrentTimestamp(name, std::move(args), call);
  }
  return MakeScalarCall(name, std::move(args), call);
}

BoundExpressionPtr Binder::BindCurrentTimestamp(const std::string& name, std::vector<BoundExpressionPtr> args,
                                                const sql::FunctionCall& call) {
  const BoundExpression& p = *args[0];
  if (p.kind != ExpressionKind::kConstant || !p.type.IsInteger() || p.constant.is_null()) {
    Fail(ErrorCode::kFunctionNotFound, "Function '" + name + "' takes a literal precision", call);
  }
  const int64_t precision = p.constant.int_value();
  if (precision < 0 || precision > LogicalType::kMaxTimestampPrecision) {
    Fail(ErrorCode::kInvalidFunctionArgument,
         AsciiUpper(name) + " precision must be in range [0, 12]: " + std::to_string(precision), call);
  }
  // The kernel rounds the statement's start time to the result's precision.
  const int digits = static_cast<int>(precision);
  return MakeScalarCall(name, {}, call,
                        name == "current_timestamp" ? LogicalType::TimestampTz(digits) : LogicalType::Timestamp(digits));
}

namespace {

bool ContainsSubquery(const sql::Expression& e) {
  if (e.kind == sql::ExpressionKind::kSubquery || e.kind == sql::ExpressionKind::kExists ||
      e.kind == sql::ExpressionKind::kInSubquery || e.kind == sql::ExpressionKind::kQuantifiedComparison) {
    return true;
  }
  bool found = false;
  e.ForEachChild([&](const sql::Expression& c) { found = found || ContainsSubquery(c); });
  return found;
}

}  // namespace

// Kept out of BindNode, whose frame every level of an expression pays (ASan
// builds bind the deepest allowed expressions within the stack).
BoundExpressionPtr Binder::BindColumnReference(const sql::ColumnRef& ref, Block& block, bool aggregated) {
  std::vector<std::string> parts;
  for (const auto& p : ref.parts) parts.push_back(AsciiLower(p.name));
  if (auto param = TryBindLambdaParameter(parts[0])) {
    for (size_t f = 1; f < parts.size(); ++f) param = MakeFieldAccessByName(std::move(param), parts[f], ref);
    return param;
  }
  // After aggregation a column of this block must be a group key (checked
  // once it resolved here: a column of an enclosing query is one value per
  // group).
  auto check_grouped = [&] {
    if (aggregated && !block.in_aggregate_argument) {
      Fail(ErrorCode::kSyntaxError,
           "'" + ref.ToString() + "' must be an aggregate expression or appear in GROUP BY clause", ref);
    }
  };
  try {
    // a.b.c: a column, or a shorter prefix naming a column of type ROW
    // followed by field names (the longest column name wins, as in Trino).
    for (size_t n = std::min<size_t>(parts.size(), 3); n > 0; --n) {
      std::vector<std::string> prefix(parts.begin(), parts.begin() + n);
      auto found = block.scope.TryResolve(prefix);
      if (!found) continue;
      check_grouped();
      auto e = BoundExpression::ColumnRef(*found, block.scope.columns()[*found].type, prefix.back());
      for (size_t f = n; f < parts.size(); ++f) e = MakeFieldAccessByName(std::move(e), parts[f], ref);
      return e;
    }
    if (auto outer = ResolveOuterColumn(parts, ref)) return outer;
    block.scope.Resolve(parts);  // throws COLUMN_NOT_FOUND naming the whole reference
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), e.message(), e.position() ? *e.position() : ref.position);
  }
  ThrowInternal("column reference neither resolved nor reported");
}

// ARRAY[...], a[i] / m[k] / r[1], (expr).field.
BoundExpressionPtr Binder::BindNestedAccess(const sql::Expression& expr, Block& block, bool aggregated) {
  switch (expr.kind) {
    case sql::ExpressionKind::kArray: {
      const auto& a = static_cast<const sql::ArrayConstructor&>(expr);
      std::vector<BoundExpressionPtr> elements;
      for (const auto& e : a.elements) elements.push_back(BindNode(*e, block, aggregated));
      return MakeScalarCall("array_constructor", std::move(elements), expr);
    }
    case sql::ExpressionKind::kSubscript: {
      const auto& sub = static_cast<const sql::SubscriptExpression&>(expr);
      auto base = BindNode(*sub.base, block, aggregated);
      auto index = BindNode(*sub.index, block, aggregated);
      if (base->type.id() == TypeId::kRow) {
        // r[1]: a constant 1-based field number.
        const size_t fields = base->type.Children().size();
        if (index->kind != ExpressionKind::kConstant || !index->type.IsInteger() || index->constant.is_null()) {
          Fail(ErrorCode::kInvalidFunctionArgument, "Subscript expression on ROW requires a constant index", expr);
        }
        const int64_t at = index->constant.int_value();
        if (at < 1 || static_cast<size_t>(at) > fields) {
          Fail(ErrorCode::kInvalidFunctionArgument,
               "Invalid subscript index: " + std::to_string(at) + ". ROW indices start at 1 and must be less than or equal to " +
                   std::to_string(fields),
               expr);
        }
        return MakeFieldAccess(std::move(base), static_cast<size_t>(at - 1), expr.ToString());
      }
      std::vector<BoundExpressionPtr> args;
      args.push_back(std::move(base));
      args.push_back(std::move(index));
      return MakeScalarCall("subscript", std::move(args), expr);
    }
    case sql::ExpressionKind::kDereference: {
      const auto& d = static_cast<const sql::DereferenceExpression&>(expr);
      return MakeFieldAccessByName(BindNode(*d.base, block, aggregated), d.field.name, expr);
    }
    default:
      break;
  }
  ThrowInternal("not a nested access");
}

// After aggregation, an expression equal to a group key reads that key
// (one with a subquery is compared as written, not bound twice); null
// when it is not one.
BoundExpressionPtr Binder::BindAsGroupKey(const sql::Expression& expr, Block& block) {
  const bool has_subquery = ContainsSubquery(expr);
  if (has_subquery) {
    for (size_t i = 0; i < block.group_sql.size(); ++i) {
      if (block.group_sql[i] == expr.ToString()) {
        return BoundExpression::ColumnRef(i, block.groups[i]->type, expr.ToString());
      }
    }
  }
  if (!block.group_keys.empty() && !has_subquery &&
      expr.kind != sql::ExpressionKind::kLiteral) {
    try {
      Block probe;
      probe.scope = block.scope;
      auto bound = BindNode(expr, probe, false);
      std::string key = bound->ToString();
      for (size_t i = 0; i < block.group_keys.size(); ++i) {
        if (block.group_keys[i] == key) {
          return BoundExpression::ColumnRef(i, block.groups[i]->type, expr.ToString());
        }
      }
    } catch (const SluiceError&) {
      // Not bindable on its own (it contains an aggregate): bind its parts below.
    }
  }
  return nullptr;
}

BoundExpressionPtr Binder::BindLiteral(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& lit = static_cast<const sql::Literal&>(expr);
  switch (lit.literal_kind) {
    case sql::LiteralKind::kNull: return BoundExpression::Constant(Value());
    case sql::LiteralKind::kBoolean:
      return BoundExpression::Constant(Value::Boolean(AsciiLower(lit.text) == "true"));
    case sql::LiteralKind::kString: return BoundExpression::Constant(Value::Varchar(lit.text));
    case sql::LiteralKind::kInteger: {
      int64_t v;
      try {
        v = std::stoll(lit.text);
      } catch (const std::exception&) {
        Fail(ErrorCode::kNumericOverflow, "Invalid numeric literal: " + lit.text, expr);
      }
      if (v >= INT32_MIN && v <= INT32_MAX) {
        return BoundExpression::Constant(Value::Integer(LogicalType::Integer(), v));
      }
      return BoundExpression::Constant(Value::Bigint(v));
    }
    case sql::LiteralKind::kDouble:
      return BoundExpression::Constant(Value::Double(std::stod(lit.text)));
    case sql::LiteralKind::kDecimal:
    case sql::LiteralKind::kTyped: {
      if (AsciiLower(lit.type_name) == "x") return BoundExpression::Constant(BinaryLiteral(lit));
      if (AsciiLower(lit.type_name) == "json") {  // JSON '...' is parsed JSON, as json_parse makes it
        std::vector<BoundExpressionPtr> text;
        text.push_back(BoundExpression::Constant(Value::Varchar(lit.text)));
        return MakeScalarCall("json_parse", std::move(text), expr);
      }
      // 2.50 is decimal(3,2) as in Trino (its digits, leading zeros not
      // counted); one of more than 38 digits is a double. DECIMAL '12.50'
      // takes its precision and scale from its digits.
      LogicalType t;
      if (lit.literal_kind == sql::LiteralKind::kDecimal) {
        t = PlainDecimalLiteralType(lit.text);
        if (t.id() == TypeId::kDouble) return BoundExpression::Constant(Value::Double(std::stod(lit.text)));
      } else {
        t = TypedLiteralType(lit, expr);
      }
      Vector src(LogicalType::Varchar(), 1);
      src.SetString(0, lit.text);
      Vector dst(t, 1);
      try {
        function::CastVector(src, dst, 1, false);
      } catch (const SluiceError&) {
        Fail(ErrorCode::kInvalidCast, "Value cannot be cast to " + t.ToString() + ": " + lit.text, expr);
      }
      return BoundExpression::Constant(dst.GetValue(0));
    }
  }
  Fail(ErrorCode::kNotSupported, "expression not supported yet: " + expr.ToString(), expr);
}

BoundExpressionPtr Binder::BindInterval(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& i = static_cast<const sql::IntervalLiteral&>(expr);
  const std::string fields = i.start_field + (i.end_field.empty() ? "" : " TO " + i.end_field);
  const auto value = ParseIntervalLiteral(i.value, i.start_field, i.end_field);
  if (!value) Fail(ErrorCode::kSyntaxError, "Invalid INTERVAL " + fields + " value: '" + i.value + "'", expr);
  const int64_t v = i.negative ? -*value : *value;
  if (i.start_field == "YEAR" || i.start_field == "MONTH") {
    return BoundExpression::Constant(Value::IntervalYearMonth(static_cast<int32_t>(v)));
  }
  return BoundExpression::Constant(Value::IntervalDayTime(v));
}

BoundExpressionPtr Binder::BindCast(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& c = static_cast<const sql::Cast&>(expr);
  auto child = BindNode(*c.operand, block, aggregated);
  LogicalType target;
  try {
    target = ParseTypeName(c.type_name);
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), e.message(), expr.position);
  }
  if (!function::CastExists(child->type, target)) {
    Fail(ErrorCode::kTypeMismatch,
         "Cannot cast " + child->type.ToString() + " to " + target.ToString(), expr);
  }
  auto cast = BoundExpression::Cast(std::move(child), target, c.is_try);
  if (cast->kind == ExpressionKind::kCast) cast->name = expr.ToString();
  try {
    return Fold(std::move(cast));
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), e.message(), expr.position);
  }
}

BoundExpressionPtr Binder::BindUnary(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& u = static_cast<const sql::UnaryExpression&>(expr);
  auto child = BindNode(*u.operand, block, aggregated);
  if (u.op == sql::UnaryOp::kPlus) return child;
  if (u.op == sql::UnaryOp::kMinus) {
    std::vector<BoundExpressionPtr> args;
    args.push_back(std::move(child));
    return MakeScalarCall("negate", std::move(args), expr);
  }
  // NOT
  if (child->type.id() != TypeId::kBoolean && child->type.id() != TypeId::kInvalid) {
    Fail(ErrorCode::kTypeMismatch, "NOT requires a boolean, got " + child->type.ToString(), expr);
  }
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kNot;
  e->type = LogicalType::Boolean();
  e->children.push_back(BoundExpression::Cast(std::move(child), LogicalType::Boolean()));
  return Fold(std::move(e));
}

BoundExpressionPtr Binder::BindBinary(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& b = static_cast<const sql::BinaryExpression&>(expr);
  auto left = BindNode(*b.left, block, aggregated);
  auto right = BindNode(*b.right, block, aggregated);
  const std::string& op = b.op;
  if (op == "AND" || op == "OR") {
    for (auto* side : {&left, &right}) {
      if ((*side)->type.id() != TypeId::kBoolean && (*side)->type.id() != TypeId::kInvalid) {
        Fail(ErrorCode::kTypeMismatch,
             op + " requires boolean operands, got " + (*side)->type.ToString(), expr);
      }
    }
    auto e = std::make_unique<BoundExpression>();
    e->kind = op == "AND" ? ExpressionKind::kAnd : ExpressionKind::kOr;
    e->type = LogicalType::Boolean();
    e->children.push_back(BoundExpression::Cast(std::move(left), LogicalType::Boolean()));
    e->children.push_back(BoundExpression::Cast(std::move(right), LogicalType::Boolean()));
    return Fold(std::move(e));
  }
  if (op == "=" || op == "<>" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=" ||
      op == "IS DISTINCT FROM" || op == "IS NOT DISTINCT FROM") {
    return MakeComparison(op, std::move(left), std::move(right), expr);
  }
  if (op == "||") {
    std::vector<BoundExpressionPtr> args;
    args.push_back(std::move(left));
    args.push_back(std::move(right));
    return MakeScalarCall("concat", std::move(args), expr);
  }
  static const std::map<std::string, std::string> kArithmetic = {
      {"+", "add"}, {"-", "subtract"}, {"*", "multiply"}, {"/", "divide"}, {"%", "modulus"}};
  auto it = kArithmetic.find(op);
  if (it == kArithmetic.end()) Fail(ErrorCode::kNotSupported, "operator " + op + " is not supported", expr);
  std::vector<BoundExpressionPtr> args;
  args.push_back(std::move(left));
  args.push_back(std::move(right));
  try {
    return MakeScalarCall(it->second, std::move(args), expr);
  } catch (const SluiceError& e) {
    if (e.code() != ErrorCode::kFunctionNotFound) throw;
    Fail(ErrorCode::kTypeMismatch, "Cannot apply operator " + op + " to these operand types: " +
                                       e.message(), expr);
  }
}

BoundExpressionPtr Binder::BindIsNull(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& n = static_cast<const sql::IsNullExpression&>(expr);
  auto e = std::make_unique<BoundExpression>();
  e->kind = n.negated ? ExpressionKind::kIsNotNull : ExpressionKind::kIsNull;
  e->type = LogicalType::Boolean();
  e->children.push_back(BindNode(*n.operand, block, aggregated));
  return Fold(std::move(e));
}

BoundExpressionPtr Binder::BindBetween(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& b = static_cast<const sql::BetweenExpression&>(expr);
  auto value = BindNode(*b.operand, block, aggregated);
  auto low = BindNode(*b.low, block, aggregated);
  auto high = BindNode(*b.high, block, aggregated);
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kAnd;
  e->type = LogicalType::Boolean();
  e->children.push_back(MakeComparison(">=", value->Copy(), std::move(low), expr));
  e->children.push_back(MakeComparison("<=", std::move(value), std::move(high), expr));
  if (!b.negated) return Fold(std::move(e));
  auto n = std::make_unique<BoundExpression>();
  n->kind = ExpressionKind::kNot;
  n->type = LogicalType::Boolean();
  n->children.push_back(std::move(e));
  return Fold(std::move(n));
}

BoundExpressionPtr Binder::BindInList(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& in = static_cast<const sql::InListExpression&>(expr);
  auto value = BindNode(*in.operand, block, aggregated);
  auto any = std::make_unique<BoundExpression>();
  any->kind = ExpressionKind::kOr;
  any->type = LogicalType::Boolean();
  for (const auto& item : in.items) {
    any->children.push_back(MakeComparison("=", value->Copy(), BindNode(*item, block, aggregated), expr));
  }
  if (!in.negated) return Fold(std::move(any));
  auto n = std::make_unique<BoundExpression>();
  n->kind = ExpressionKind::kNot;
  n->type = LogicalType::Boolean();
  n->children.push_back(std::move(any));
  return Fold(std::move(n));
}

BoundExpressionPtr Binder::BindLike(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& l = static_cast<const sql::LikeExpression&>(expr);
  std::vector<BoundExpressionPtr> args;
  args.push_back(BindNode(*l.operand, block, aggregated));
  args.push_back(BindNode(*l.pattern, block, aggregated));
  if (l.escape) args.push_back(BindNode(*l.escape, block, aggregated));
  auto like = MakeScalarCall("like", std::move(args), expr);
  if (!l.negated) return like;
  auto n = std::make_unique<BoundExpression>();
  n->kind = ExpressionKind::kNot;
  n->type = LogicalType::Boolean();
  n->children.push_back(std::move(like));
  return Fold(std::move(n));
}

BoundExpressionPtr Binder::BindCase(const sql::Expression& expr, Block& block, bool aggregated) {
  const auto& c = static_cast<const sql::CaseExpression&>(expr);
  BoundExpressionPtr operand;
  if (c.operand) operand = BindNode(*c.operand, block, aggregated);
  std::vector<BoundExpressionPtr> conditions, results;
  for (const auto& w : c.when_clauses) {
    auto cond = BindNode(*w.condition, block, aggregated);
    if (operand) cond = MakeComparison("=", operand->Copy(), std::move(cond), *w.condition);
    if (cond->type.id() != TypeId::kBoolean) {
      Fail(ErrorCode::kTypeMismatch, "CASE WHEN condition must be boolean", *w.condition);
    }
    conditions.push_back(std::move(cond));
    results.push_back(BindNode(*w.result, block, aggregated));
  }
  BoundExpressionPtr otherwise = c.else_result ? BindNode(*c.else_result, block, aggregated)
                                               : BoundExpression::Constant(Value());
  std::vector<LogicalType> types = {otherwise->type};
  for (const auto& r : results) types.push_back(r->type);
  LogicalType type = CommonTypeOf(types, [&](LogicalType a, LogicalType b) {
    Fail(ErrorCode::kTypeMismatch,
         "All CASE results must be the same type: " + a.ToString() + " vs " + b.ToString(), expr);
  });
  if (type.id() == TypeId::kInvalid) type = LogicalType::Varchar();
  return MakeCase(std::move(conditions), std::move(results), std::move(otherwise), type);
}

// A dispatcher only: every level of an expression pays its frame (ASan
// builds bind the deepest allowed expressions within the default stack).
BoundExpressionPtr Binder::BindNode(const sql::Expression& expr, Block& block, bool aggregated) {
  if (aggregated && !block.in_aggregate_argument) {
    if (auto key = BindAsGroupKey(expr, block)) return key;
  }
  switch (expr.kind) {
    case sql::ExpressionKind::kLiteral:
      return BindLiteral(expr, block, aggregated);
    case sql::ExpressionKind::kInterval:
      return BindInterval(expr, block, aggregated);
    case sql::ExpressionKind::kColumnRef:
      return BindColumnReference(static_cast<const sql::ColumnRef&>(expr), block, aggregated);
    case sql::ExpressionKind::kFunctionCall:
      return BindFunction(static_cast<const sql::FunctionCall&>(expr), block, aggregated);
    case sql::ExpressionKind::kCast:
      return BindCast(expr, block, aggregated);
    case sql::ExpressionKind::kUnary:
      return BindUnary(expr, block, aggregated);
    case sql::ExpressionKind::kBinary:
      return BindBinary(expr, block, aggregated);
    case sql::ExpressionKind::kIsNull:
      return BindIsNull(expr, block, aggregated);
    case sql::ExpressionKind::kBetween:
      return BindBetween(expr, block, aggregated);
    case sql::ExpressionKind::kInList:
      return BindInList(expr, block, aggregated);
    case sql::ExpressionKind::kLike:
      return BindLike(expr, block, aggregated);
    case sql::ExpressionKind::kCase:
      return BindCase(expr, block, aggregated);
    case sql::ExpressionKind::kSubquery:
    case sql::ExpressionKind::kExists:
    case sql::ExpressionKind::kInSubquery:
    case sql::ExpressionKind::kQuantifiedComparison:
      return BindSubquery(static_cast<const sql::SubqueryExpression&>(expr), block, aggregated);
    case sql::ExpressionKind::kArray:
    case sql::ExpressionKind::kSubscript:
    case sql::ExpressionKind::kDereference:
      return BindNestedAccess(expr, block, aggregated);
    case sql::ExpressionKind::kLambda:
      Fail(ErrorCode::kSyntaxError, "Lambda expression is only allowed as an argument of a function that takes one",
           expr);
    default:
      break;
  }
  Fail(ErrorCode::kNotSupported, "expression not supported yet: " + expr.ToString(), expr);
}

}  // namespace sluice::planner
