#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sluice/common/error.h"

// The syntax tree the parser produces and the binder consumes. Plain structs:
// public fields, children owned by std::unique_ptr, one `kind` enum per node
// family (downcast with static_cast after checking it). Every expression,
// relation, query body and statement records the 1-based line and column of
// its first token. Names are kept as written, except that unquoted identifiers
// are lower-cased (Trino folds them); the binder decides how to resolve them.

namespace sluice::sql {

// ---------------------------------------------------------------- names

struct Identifier {
  std::string name;     // as written; unquoted identifiers lower-cased
  bool quoted = false;
  SourcePosition position;
};

// a, db.t, catalog.db.t
struct QualifiedName {
  std::vector<Identifier> parts;
  SourcePosition position;
  std::string ToString() const;
};

// ---------------------------------------------------------- expressions

enum class ExpressionKind {
  kLiteral, kColumnRef, kFunctionCall, kCast, kUnary, kBinary, kIsNull, kBetween,
  kInList, kLike, kCase, kArray, kSubquery, kExists, kInSubquery,
  kQuantifiedComparison,  // x > ALL (SELECT ...), x = ANY|SOME (SELECT ...)
  kSubscript,  // a[i], m['k']
  kInterval,   // INTERVAL '7' DAY
  kDereference,  // (expr).field, a[1].x: a row's field
  kLambda,       // x -> x + 1, (k, v) -> v > 0
};

struct Expression {
  explicit Expression(ExpressionKind k) : kind(k) {}
  virtual ~Expression() = default;
  ExpressionKind kind;
  SourcePosition position;
  // SQL-ish rendering, used for default column names and messages.
  virtual std::string ToString() const = 0;
  // Calls f on each direct child expression (not into subqueries).
  virtual void ForEachChild(const std::function<void(const Expression&)>& f) const {}
};
using ExpressionPtr = std::unique_ptr<Expression>;

// Numbers keep their text; the binder types them (Trino: 1.5 is DECIMAL, 1e3
// DOUBLE, an integer INTEGER or BIGINT by magnitude). A leading minus sign is
// folded into the literal so that -9223372036854775808 is representable.
enum class LiteralKind { kNull, kBoolean, kInteger, kDecimal, kDouble, kString, kTyped };

struct Literal : Expression {
  Literal() : Expression(ExpressionKind::kLiteral) {}
  LiteralKind literal_kind = LiteralKind::kNull;
  std::string text;       // digits, string contents (unescaped), "true"/"false"
  std::string type_name;  // kTyped, lower case: "date", "timestamp", "decimal", ...
  std::string ToString() const override;
};

struct ColumnRef : Expression {
  ColumnRef() : Expression(ExpressionKind::kColumnRef) {}
  std::vector<Identifier> parts;
  std::string ToString() const override;
};

struct OrderItem {
  ExpressionPtr expr;
  bool ascending = true;
  std::optional<bool> nulls_first;  // unset: the default (NULLS LAST)
};

// "a DESC, b NULLS FIRST": ORDER BY items as SQL.
std::string OrderItemsToString(const std::vector<OrderItem>& items);

// ------------------------------------------------------------ windows

enum class FrameUnit { kRows, kRange, kGroups };
enum class FrameBoundKind { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };

struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  ExpressionPtr offset;  // kPreceding / kFollowing only
};

// ROWS | RANGE | GROUPS [BETWEEN] start [AND end]. Without BETWEEN, `end` is
// unset and means CURRENT ROW (kept apart so that the text round-trips).
struct WindowFrame {
  FrameUnit unit = FrameUnit::kRange;
  FrameBound start;
  std::optional<FrameBound> end;
  SourcePosition position;
};

// The inside of OVER (...) or of WINDOW w AS (...): an optional named
// window it refines, PARTITION BY, ORDER BY and a frame.
struct WindowSpecification {
  std::string existing_window;  // "w" in OVER (w ORDER BY x); "" when none
  SourcePosition existing_position;
  std::vector<ExpressionPtr> partition_by;
  std::vector<OrderItem> order_by;
  std::unique_ptr<WindowFrame> frame;
  SourcePosition position;
  std::string ToString() const;  // with its parentheses
  void ForEachExpression(const std::function<void(const Expression&)>& f) const;
};

// WINDOW name AS (specification), after HAVING.
struct NamedWindow {
  Identifier name;
  std::unique_ptr<WindowSpecification> specification;
};

enum class NullTreatment { kDefault, kIgnore, kRespect };

// A function call, with an aggregate's FILTER and a window function's OVER.
// Also the special forms Trino spells without a plain call syntax, rewritten
// to the functions they mean: CURRENT_DATE / CURRENT_TIMESTAMP / LOCALTIME ...
// (without_parentheses), EXTRACT(YEAR FROM x) -> year(x), TRIM(LEADING 'x'
// FROM s) -> ltrim(s, 'x'), POSITION(a IN b) -> strpos(b, a),
// SUBSTRING(s FROM 2 FOR 3) -> substring(s, 2, 3). ForEachChild visits the
// arguments, the filter and the window's expressions.
struct FunctionCall : Expression {
  FunctionCall() : Expression(ExpressionKind::kFunctionCall) {}
  QualifiedName name;
  std::vector<ExpressionPtr> arguments;
  bool distinct = false;
  bool is_star = false;  // count(*)
  bool without_parentheses = false;  // CURRENT_DATE, CURRENT_USER, LOCALTIME, ...
  ExpressionPtr filter;  // agg(x) FILTER (WHERE filter)
  // array_agg(x ORDER BY y): the order the aggregate sees its rows in.
  // LISTAGG(x, sep ON OVERFLOW ...) WITHIN GROUP (ORDER BY y) is parsed as
  // Trino does, into listagg(x, sep, overflow_error, filler, with_count
  // ORDER BY y), with within_group set (it prints in its own syntax).
  std::vector<OrderItem> order_by;
  bool within_group = false;
  NullTreatment null_treatment = NullTreatment::kDefault;  // lag(x) IGNORE NULLS OVER ...
  // OVER (...); OVER w is a specification holding only existing_window,
  // with window_is_name set.
  std::unique_ptr<WindowSpecification> window;
  bool window_is_name = false;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

struct Cast : Expression {
  Cast() : Expression(ExpressionKind::kCast) {}
  ExpressionPtr operand;
  std::string type_name;  // normalised text: "varchar", "decimal(10,2)"
  bool is_try = false;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

enum class UnaryOp { kMinus, kPlus, kNot };

struct UnaryExpression : Expression {
  UnaryExpression() : Expression(ExpressionKind::kUnary) {}
  UnaryOp op = UnaryOp::kMinus;
  ExpressionPtr operand;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

// op: "+", "-", "*", "/", "%", "||", "=", "<>" (also for !=), "<", "<=", ">", ">=",
// "AND", "OR", "IS DISTINCT FROM", "IS NOT DISTINCT FROM".
struct BinaryExpression : Expression {
  BinaryExpression() : Expression(ExpressionKind::kBinary) {}
  std::string op;
  ExpressionPtr left, right;
  // Levels of expressions from here down to the deepest leaf. Operator
  // chains (a + b + c ..., x = 1 OR x = 2 ...) are built in loops, not by
  // recursion, so the parser bounds their height with this instead of its
  // nesting guard: everything after the parser walks trees recursively.
  uint32_t height = 1;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

struct IsNullExpression : Expression {
  IsNullExpression() : Expression(ExpressionKind::kIsNull) {}
  ExpressionPtr operand;
  bool negated = false;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

struct BetweenExpression : Expression {
  BetweenExpression() : Expression(ExpressionKind::kBetween) {}
  ExpressionPtr operand, low, high;
  bool negated = false;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

struct InListExpression : Expression {
  InListExpression() : Expression(ExpressionKind::kInList) {}
  ExpressionPtr operand;
  std::vector<ExpressionPtr> items;
  bool negated = false;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

struct LikeExpression : Expression {
  LikeExpression() : Expression(ExpressionKind::kLike) {}
  ExpressionPtr operand, pattern, escape;  // escape may be null
  bool negated = false;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

struct WhenClause {
  ExpressionPtr condition, result;
};

struct CaseExpression : Expression {
  CaseExpression() : Expression(ExpressionKind::kCase) {}
  ExpressionPtr operand;  // simple CASE x WHEN ...; null for searched CASE
  std::vector<WhenClause> when_clauses;
  ExpressionPtr else_result;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

struct ArrayConstructor : Expression {
  ArrayConstructor() : Expression(ExpressionKind::kArray) {}
  std::vector<ExpressionPtr> elements;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

// base[index]: array element (1-based) or map value.
struct SubscriptExpression : Expression {
  SubscriptExpression() : Expression(ExpressionKind::kSubscript) {}
  ExpressionPtr base, index;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

// base.field where base is not a plain name (names with dots are ColumnRefs,
// which the binder resolves into columns and then fields).
struct DereferenceExpression : Expression {
  DereferenceExpression() : Expression(ExpressionKind::kDereference) {}
  ExpressionPtr base;
  Identifier field;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

// A lambda, only valid as an argument of the functions that take one
// (transform, filter, reduce, ...). Parameters lower-cased.
struct LambdaExpression : Expression {
  LambdaExpression() : Expression(ExpressionKind::kLambda) {}
  std::vector<Identifier> parameters;
  ExpressionPtr body;
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

// INTERVAL [+|-] '7' DAY, INTERVAL '1-2' YEAR TO MONTH. Fields upper case.
struct IntervalLiteral : Expression {
  IntervalLiteral() : Expression(ExpressionKind::kInterval) {}
  std::string value;  // the string's contents
  bool negative = false;
  std::string start_field;  // YEAR, MONTH, DAY, HOUR, MINUTE, SECOND
  std::string end_field;    // "" unless `TO field`
  std::string ToString() const override;
};

struct Query;

// (SELECT ...) as a value, EXISTS (SELECT ...), x [NOT] IN (SELECT ...),
// x <op> ALL|ANY|SOME (SELECT ...)
struct SubqueryExpression : Expression {
  explicit SubqueryExpression(ExpressionKind k) : Expression(k) {}
  std::unique_ptr<Query> query;
  ExpressionPtr operand;  // kInSubquery and kQuantifiedComparison only
  bool negated = false;
  std::string op;         // kQuantifiedComparison: "=", "<>", "<", "<=", ">", ">="
  bool all = false;       // kQuantifiedComparison: ALL (else ANY, which SOME spells too)
  std::string ToString() const override;
  void ForEachChild(const std::function<void(const Expression&)>& f) const override;
};

// -------------------------------------------------------------- queries

enum class RelationKind { kTable, kSubquery, kJoin, kTableFunction, kUnnest };

struct Relation {
  explicit Relation(RelationKind k) : kind(k) {}
  virtual ~Relation() = default;
  RelationKind kind;
  SourcePosition position;
};
using RelationPtr = std::unique_ptr<Relation>;

struct TableRelation : Relation {
  TableRelation() : Relation(RelationKind::kTable) {}
  QualifiedName name;
  std::string alias;  // "" when none; as written (unquoted ones lower-cased)
};

struct SubqueryRelation : Relation {
  SubqueryRelation() : Relation(RelationKind::kSubquery) {}
  std::unique_ptr<Query> query;
  std::string alias;  // may be "" (FROM (SELECT ...) without alias)
  std::vector<std::string> column_aliases;
  bool lateral = false;  // LATERAL (SELECT ...): sees the FROM items before it
};

// One argument of a table function: positional, or named (`delimiter => ';'`).
struct TableFunctionArgument {
  std::string name;  // "" when positional; lower-cased
  ExpressionPtr value;
  SourcePosition position;
};

// FROM read_csv('s3://raw/feed/*.csv', delimiter => ';') [AS] alias [(columns)],
// also written TABLE(read_csv(...)) as in Trino.
struct TableFunctionRelation : Relation {
  TableFunctionRelation() : Relation(RelationKind::kTableFunction) {}
  QualifiedName name;
  std::vector<TableFunctionArgument> arguments;
  std::string alias;
  std::vector<std::string> column_aliases;
};

// UNNEST(a, ...) [WITH ORDINALITY] [AS] alias [(columns)]: alone in FROM,
// or on the right of a join, where it reads the left side's columns.
struct UnnestRelation : Relation {
  UnnestRelation() : Relation(RelationKind::kUnnest) {}
  std::vector<ExpressionPtr> expressions;
  bool with_ordinality = false;
  std::string alias;
  std::vector<std::string> column_aliases;
};

enum class JoinType { kInner, kLeft, kRight, kFull, kCross };

struct JoinRelation : Relation {
  JoinRelation() : Relation(RelationKind::kJoin) {}
  JoinType join_type = JoinType::kInner;
  RelationPtr left, right;
  ExpressionPtr condition;           // ON
  std::vector<std::string> using_columns;
};

struct SelectItem {
  ExpressionPtr expr;            // null for a star
  std::string alias;
  bool is_star = false;
  std::string star_qualifier;    // "t" in t.*, "db.t" in db.t.*; "" for a bare *
  SourcePosition position;
};

// GROUP BY ROLLUP (a, b), CUBE (a, b), GROUPING SETS ((a, b), (a), ()).
struct GroupingElement {
  enum class Kind { kRollup, kCube, kSets };
  Kind kind = Kind::kRollup;
  // kSets: each set as listed; kRollup and kCube: one list, the columns.
  std::vector<std::vector<ExpressionPtr>> sets;
  SourcePosition position;
};

enum class QueryBodyKind { kSelect, kSetOperation, kValues, kQuery };

struct QueryBody {
  explicit QueryBody(QueryBodyKind k) : kind(k) {}
  virtual ~QueryBody() = default;
  QueryBodyKind kind;
  SourcePosition position;
};
using QueryBodyPtr = std::unique_ptr<QueryBody>;

struct QuerySpecification : QueryBody {
  QuerySpecification() : QueryBody(QueryBodyKind::kSelect) {}
  bool distinct = false;
  std::vector<SelectItem> select_items;
  std::vector<RelationPtr> from;  // comma-separated relations
  ExpressionPtr where;
  // GROUP BY's plain expressions, then its ROLLUP, CUBE and GROUPING SETS
  // elements: the grouping sets are the cross product of all of them (a
  // plain expression is the one set of itself).
  std::vector<ExpressionPtr> group_by;
  std::vector<GroupingElement> grouping_elements;
  bool group_by_distinct = false;  // GROUP BY DISTINCT: each grouping set once
  ExpressionPtr having;
  std::vector<NamedWindow> windows;  // WINDOW w AS (...), ...
};

enum class SetOperator { kUnion, kIntersect, kExcept };

struct SetOperation : QueryBody {
  SetOperation() : QueryBody(QueryBodyKind::kSetOperation) {}
  SetOperator op = SetOperator::kUnion;
  bool all = false;
  QueryBodyPtr left, right;
};

struct ValuesBody : QueryBody {
  ValuesBody() : QueryBody(QueryBodyKind::kValues) {}
  std::vector<std::vector<ExpressionPtr>> rows;
};

// A parenthesised query used as a query body: (SELECT ... ORDER BY ... LIMIT ...)
struct NestedQueryBody : QueryBody {
  NestedQueryBody() : QueryBody(QueryBodyKind::kQuery) {}
  std::unique_ptr<Query> query;
};

struct WithQuery {
  std::string name;
  std::vector<std::string> column_aliases;
  std::unique_ptr<Query> query;
  SourcePosition position;
};

// A parenthesised query without its own WITH/ORDER BY/LIMIT/OFFSET is folded
// into its parent, so `(SELECT ...)` and `((SELECT ...))` give the same tree
// as `SELECT ...`; NestedQueryBody appears only where the inner query has
// clauses of its own (e.g. a set operation over a limited query).
struct Query {
  std::vector<WithQuery> with;
  QueryBodyPtr body;
  std::vector<OrderItem> order_by;
  ExpressionPtr limit;   // null: none (LIMIT ALL too); FETCH FIRST n ROWS ONLY too
  ExpressionPtr offset;
  SourcePosition position;
  // SQL text that parses back to an equal tree (used by tests and EXPLAIN).
  std::string ToString() const;
};

// ----------------------------------------------------------- statements

enum class StatementKind {
  kQuery, kExplain, kCreateDatabase, kDropDatabase, kCreateTable, kCreateTableAs, kInsert,
  kDropTable, kDropView, kShowDatabases, kShowTables, kShowPartitions, kShowColumns,
  kShowCreateTable, kDescribe, kUse, kMsckRepair, kSetSession, kResetSession, kShowSession,
};

struct Statement {
  explicit Statement(StatementKind k) : kind(k) {}
  virtual ~Statement() = default;
  StatementKind kind;
  SourcePosition position;
  std::string text;  // this statement's own source text
};
using StatementPtr = std::unique_ptr<Statement>;

struct QueryStatement : Statement {
  QueryStatement() : Statement(StatementKind::kQuery) {}
  std::unique_ptr<Query> query;
};

using Properties = std::vector<std::pair<std::string, std::string>>;

struct ExplainStatement : Statement {
  ExplainStatement() : Statement(StatementKind::kExplain) {}
  bool analyze = false;
  bool verbose = false;  // EXPLAIN ANALYZE VERBOSE
  Properties options;    // EXPLAIN (TYPE LOGICAL, FORMAT TEXT): {"type","logical"}, lower case
  StatementPtr statement;
};

struct CreateDatabaseStatement : Statement {
  CreateDatabaseStatement() : Statement(StatementKind::kCreateDatabase) {}
  std::string name;
  bool if_not_exists = false;
  std::string comment, location;
  Properties properties;
};

struct DropDatabaseStatement : Statement {
  DropDatabaseStatement() : Statement(StatementKind::kDropDatabase) {}
  std::string name;
  bool if_exists = false;
  bool cascade = false;
};

struct ColumnDefinition {
  std::string name;
  std::string type_name;  // normalised text: "string", "decimal(10,2)", "array<string>"
  std::string comment;
  SourcePosition position;
};

struct CreateTableStatement : Statement {
  CreateTableStatement() : Statement(StatementKind::kCreateTable) {}
  bool external = false;
  bool if_not_exists = false;
  QualifiedName name;
  std::vector<ColumnDefinition> columns;
  std::string comment;
  std::vector<ColumnDefinition> partition_columns;
  std::vector<std::string> clustered_by;
  int64_t buckets = 0;
  // ROW FORMAT DELIMITED (empty when not given)
  std::string fields_terminated_by, escaped_by, collection_items_terminated_by,
      map_keys_terminated_by, lines_terminated_by;
  std::optional<std::string> null_defined_as;
  // ROW FORMAT SERDE
  std::string row_format_serde;
  Properties serde_properties;
  // STORED AS name, lower case ("textfile", "parquet", ...). For STORED AS
  // INPUTFORMAT 'x' OUTPUTFORMAT 'y' the classes are kept below and stored_as
  // is "parquet" / "textfile" when the input format is a well-known one, else
  // "INPUTFORMAT 'x' OUTPUTFORMAT 'y'".
  std::string stored_as;
  std::string input_format, output_format;
  std::string location;
  Properties table_properties;
};

struct TableProperty {
  std::string name;
  ExpressionPtr value;
  SourcePosition position;
};

struct CreateTableAsStatement : Statement {
  CreateTableAsStatement() : Statement(StatementKind::kCreateTableAs) {}
  bool if_not_exists = false;
  QualifiedName name;
  std::vector<TableProperty> properties;
  std::unique_ptr<Query> query;
  bool with_no_data = false;
};

struct InsertStatement : Statement {
  InsertStatement() : Statement(StatementKind::kInsert) {}
  QualifiedName name;
  std::vector<std::string> columns;
  std::unique_ptr<Query> query;
};

struct DropTableStatement : Statement {
  explicit DropTableStatement(StatementKind k = StatementKind::kDropTable) : Statement(k) {}
  QualifiedName name;
  bool if_exists = false;
};

struct ShowDatabasesStatement : Statement {
  ShowDatabasesStatement() : Statement(StatementKind::kShowDatabases) {}
  std::string pattern;
};

struct ShowTablesStatement : Statement {
  ShowTablesStatement() : Statement(StatementKind::kShowTables) {}
  std::string database;  // "" = current
  std::string pattern;
};

// SHOW PARTITIONS / SHOW COLUMNS / SHOW CREATE TABLE / DESCRIBE / MSCK REPAIR TABLE
struct TableNameStatement : Statement {
  explicit TableNameStatement(StatementKind k) : Statement(k) {}
  QualifiedName name;
  bool formatted = false;  // DESCRIBE FORMATTED
};
using ShowPartitionsStatement = TableNameStatement;
using ShowColumnsStatement = TableNameStatement;
using ShowCreateTableStatement = TableNameStatement;
using DescribeStatement = TableNameStatement;
using MsckRepairStatement = TableNameStatement;

struct UseStatement : Statement {
  UseStatement() : Statement(StatementKind::kUse) {}
  std::string database;
};

// SET SESSION name = value, RESET SESSION name (names are dotted:
// sluice.csv.bad_value), SHOW SESSION [LIKE 'pattern'].
struct SetSessionStatement : Statement {
  SetSessionStatement() : Statement(StatementKind::kSetSession) {}
  std::string name;  // lower-cased
  ExpressionPtr value;
};

struct ResetSessionStatement : Statement {
  ResetSessionStatement() : Statement(StatementKind::kResetSession) {}
  std::string name;
};

struct ShowSessionStatement : Statement {
  ShowSessionStatement() : Statement(StatementKind::kShowSession) {}
  std::string pattern;
};

}  // namespace sluice::sql
