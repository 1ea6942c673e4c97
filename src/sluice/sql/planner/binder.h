#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/catalog/catalog.h"
#include "sluice/expression/bound_expression.h"
#include "sluice/sql/parser/ast.h"
#include "sluice/sql/planner/bind_scope.h"
#include "sluice/sql/planner/logical_operator.h"
#include "sluice/sql/planner/subquery_planner.h"
#include "sluice/sql/planner/table_function.h"

namespace sluice::planner {

// A bound query: its logical plan and its output columns.
struct BoundQuery {
  LogicalOperatorPtr plan;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
};

// Resolves a parsed query against the catalog: names to columns and tables,
// types checked and implicit casts made explicit, functions chosen, and
// aggregates, ORDER BY and DISTINCT turned into logical operators. Errors
// carry the position of the offending expression. One Binder per statement.
class Binder {
 public:
  Binder(catalog::Catalog& catalog, std::string current_database);

  // Table functions in FROM (read_csv, ...) resolve through `resolver`;
  // without one they are FUNCTION_NOT_FOUND. Not owned.
  void SetTableFunctions(TableFunctionResolver* resolver) { table_functions_ = resolver; }

  BoundQuery BindQuery(const sql::Query& query);
  // An expression that must not reference columns (CTAS properties, LIMIT).
  Value EvaluateConstant(const sql::Expression& expr);

  // The database a 1- or 2-part table name refers to, and the table name.
  std::pair<std::string, std::string> ResolveTableName(const sql::QualifiedName& name) const;

 private:
  struct AggregateContext;
  struct Block;
  struct WindowCall;
  struct ResolvedWindow;

  BoundQuery BindQueryBody(const sql::Query& query, bool is_subquery);
  // A query body inside a set operation (its own ORDER BY/LIMIT apply above).
  BoundQuery BindBody(const sql::QueryBody& body);
  BoundQuery BindSetOperation(const sql::SetOperation& op);
  BoundQuery BindValues(const sql::ValuesBody& values);
  BoundQuery OrderAndLimit(BoundQuery inner, const sql::Query& query, bool is_subquery);
  LogicalOperatorPtr AddLimit(LogicalOperatorPtr plan, const sql::Query& query);
  BoundQuery BindSelect(const sql::QuerySpecification& select, const sql::Query& query,
                        bool is_subquery);
  LogicalOperatorPtr BindFrom(const sql::Relation& relation, Block& block);
  // Adds a FROM subquery's columns to `block`'s scope, under its alias and
  // column aliases.
  static void AddSubqueryColumns(const sql::SubqueryRelation& relation, const BoundQuery& sub, Block& block);
  // FROM's items, joined; a LATERAL item sees the items before it.
  LogicalOperatorPtr BindFromList(const std::vector<sql::RelationPtr>& from, Block& block);
  LogicalOperatorPtr BindJoin(const sql::JoinRelation& relation, Block& block);
  // UNNEST(...) over `left`, whose columns `left_scope` names, as a lateral
  // join (bind_unnest.cpp). The unnested columns are added to `block`
  // (which holds the left's already), under the UNNEST's alias.
  LogicalOperatorPtr BindUnnest(const sql::UnnestRelation& unnest, LogicalOperatorPtr left,
                                const BindScope& left_scope, bool left_outer, Block& block);
  // Every pair of `left`'s and `right`'s rows (a join without condition).
  static LogicalOperatorPtr CrossJoin(LogicalOperatorPtr left, LogicalOperatorPtr right);
  LogicalOperatorPtr BindTableFunction(const sql::TableFunctionRelation& call, Block& block);
  // A scan of all of `table`'s columns, added to the block's scope under
  // `qualifier` (and `database`, for db.table.column references).
  LogicalOperatorPtr MakeGet(catalog::TableDef table, const std::string& qualifier,
                             const std::string& database, const std::vector<std::string>& column_aliases,
                             Block& block);
  BoundExpressionPtr Bind(const sql::Expression& expr, Block& block);
  BoundExpressionPtr BindAggregated(const sql::Expression& expr, Block& block);
  BoundExpressionPtr BindNode(const sql::Expression& expr, Block& block, bool aggregated);
  // BindNode's cases, each its own frame.
  BoundExpressionPtr BindAsGroupKey(const sql::Expression& expr, Block& block);
  BoundExpressionPtr BindLiteral(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindInterval(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindCast(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindUnary(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindBinary(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindIsNull(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindBetween(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindInList(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindLike(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindCase(const sql::Expression& expr, Block& block, bool aggregated);
  BoundExpressionPtr BindFunction(const sql::FunctionCall& call, Block& block, bool aggregated);
  // f(...) OVER (...): registers the call in the block, returns a reference
  // to its result (see kWindowColumn).
  BoundExpressionPtr BindWindowFunction(const sql::FunctionCall& call, Block& block, bool aggregated);
  // The PARTITION BY, ORDER BY and frame `spec` stands for, after named
  // windows (the first `visible` of the block's WINDOW clause) are applied.
  ResolvedWindow ResolveWindow(const sql::WindowSpecification& spec, bool bare_name, size_t visible,
                               const Block& block);
  // Checks the WINDOW clause (names, references) as Trino does, used or not.
  void CheckWindowClause(const Block& block);
  BoundWindowFrame BindFrame(const sql::WindowFrame* frame, const ResolvedWindow& window, Block& block,
                             bool aggregated, const std::vector<BoundOrderKey>& order_by);
  // Puts the block's window functions, grouped by sort, over `plan`, and
  // points `exprs`' references to their results.
  LogicalOperatorPtr PlanWindows(LogicalOperatorPtr plan, Block& block, std::vector<BoundExpressionPtr>& exprs);
  BoundExpressionPtr BindColumnReference(const sql::ColumnRef& ref, Block& block, bool aggregated);
  BoundExpressionPtr BindNestedAccess(const sql::Expression& expr, Block& block, bool aggregated);
  // transform, filter, reduce, ... (bind_lambda.cpp): the lambdas' bodies
  // see their parameters (innermost first) and the block's columns.
  BoundExpressionPtr BindLambdaCall(const std::string& name, const sql::FunctionCall& call, Block& block,
                                    bool aggregated);
  BoundExpressionPtr BindLambdaBody(const sql::Expression& lambda, const std::vector<LogicalType>& param_types,
                                    Block& block, bool aggregated);
  // A lambda parameter named `name` in scope, or null.
  BoundExpressionPtr TryBindLambdaParameter(const std::string& name) const;
  BoundExpressionPtr MakeComparison(const std::string& op, BoundExpressionPtr left,
                                    BoundExpressionPtr right, const sql::Expression& at);
  // `result_type`, when given, replaces the function's return type (a type
  // that a constant argument decides: current_timestamp(p)).
  BoundExpressionPtr MakeScalarCall(const std::string& name, std::vector<BoundExpressionPtr> args,
                                    const sql::Expression& at, LogicalType result_type = LogicalType());
  // CURRENT_TIMESTAMP(p) and LOCALTIMESTAMP(p): p literal digits, the type's precision.
  BoundExpressionPtr BindCurrentTimestamp(const std::string& name, std::vector<BoundExpressionPtr> args,
                                          const sql::FunctionCall& call);

  // Subqueries in expressions (bind_subquery.cpp). A subquery binds to a
  // placeholder column (see subquery_planner.h) and is kept in the block
  // until PlanSubqueries joins it into the plan of its clause.
  BoundExpressionPtr BindSubquery(const sql::SubqueryExpression& expr, Block& block, bool aggregated);
  // A reference to a column of an enclosing query (a correlated subquery's),
  // or null when no enclosing query has the column.
  BoundExpressionPtr ResolveOuterColumn(const std::vector<std::string>& parts, const sql::Expression& at);
  // Joins `subqueries` (taken) into `plan`, and points the placeholders of
  // `exprs` at their columns. `filter`, when given, is the clause the plan
  // is for: its EXISTS / IN conjuncts become semi and anti joins (and leave
  // it; it is null when none is left).
  // `columns` may hold other placeholders' columns to resolve too.
  static LogicalOperatorPtr PlanSubqueries(LogicalOperatorPtr plan, std::vector<BoundSubquery>& subqueries,
                                           BoundExpressionPtr* filter, const std::vector<BoundExpression*>& exprs,
                                           PlaceholderColumns columns = {});

  // GROUP BY with ROLLUP, CUBE and GROUPING SETS (bind_grouping_sets.cpp):
  // binds the grouping expressions into block.groups (ordinals pick
  // `select_items`) and, with grouping elements, the grouping sets.
  void BindGroupBy(const sql::QuerySpecification& select, const std::vector<const sql::Expression*>& select_items,
                   Block& block);
  // grouping(a, b, ...): which of its arguments the row's grouping set leaves out.
  BoundExpressionPtr BindGrouping(const sql::FunctionCall& call, Block& block, bool aggregated);
  // Binds a LATERAL (SELECT ...) relation that sees `left`'s columns.
  BoundQuery BindLateral(const sql::SubqueryRelation& relation, Block& left);

  // The query blocks whose columns a subquery being bound may reference,
  // innermost last: the block it sits in, whether it sits after that
  // block's aggregation (then only group keys are visible), and so on out.
  struct OuterFrame {
    Block* block = nullptr;
    bool aggregated = false;
  };
  std::vector<OuterFrame> outer_frames_;
  size_t next_placeholder_ = 0;

  // The WITH queries in scope, innermost last. A query sees the WITH
  // entries before it in its own list (`visible`) and those of enclosing
  // queries; each reference binds the query again (Trino inlines WITH too).
  struct WithFrame {
    const std::vector<sql::WithQuery>* entries = nullptr;
    size_t visible = 0;
    size_t outer_frames = 0;  // outer_frames_.size() where the WITH is
  };
  // Binds the WITH query `name` refers to, or returns null when none does.
  LogicalOperatorPtr BindWithReference(const std::string& name, const std::string& alias, Block& block);
  // Binds entry `entry` of with_frames_[frame], adding its columns to `block`.
  LogicalOperatorPtr BindWithEntry(size_t frame, size_t entry, const std::string& alias, Block& block);

  std::vector<WithFrame> with_frames_;
  bool set_operand_ = false;  // the next BindSelect binds a set operation's operand
  // Parameters of the lambdas being bound, outermost first.
  struct LambdaScope {
    std::vector<std::string> names;
    std::vector<LogicalType> types;
  };
  std::vector<LambdaScope> lambda_scopes_;
  catalog::Catalog& catalog_;
  std::string current_database_;
  TableFunctionResolver* table_functions_ = nullptr;
};

}  // namespace sluice::planner
