#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/catalog/catalog.h"
#include "sluice/expression/bound_expression.h"
#include "sluice/sql/parser/ast.h"
#include "sluice/sql/planner/bind_scope.h"
#include "sluice/sql/planner/logical_operator.h"
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
  BoundExpressionPtr BindFunction(const sql::FunctionCall& call, Block& block, bool aggregated);
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
  BoundExpressionPtr MakeScalarCall(const std::string& name, std::vector<BoundExpressionPtr> args,
                                    const sql::Expression& at);

  // The WITH queries in scope, innermost last. A query sees the WITH
  // entries before it in its own list (`visible`) and those of enclosing
  // queries; each reference binds the query again (Trino inlines WITH too).
  struct WithFrame {
    const std::vector<sql::WithQuery>* entries = nullptr;
    size_t visible = 0;
  };
  // Binds the WITH query `name` refers to, or returns null when none does.
  LogicalOperatorPtr BindWithReference(const std::string& name, const std::string& alias, Block& block);
  // Binds entry `entry` of with_frames_[frame], adding its columns to `block`.
  LogicalOperatorPtr BindWithEntry(size_t frame, size_t entry, const std::string& alias, Block& block);

  std::vector<WithFrame> with_frames_;
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
