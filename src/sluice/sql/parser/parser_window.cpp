// Window functions and the aggregate FILTER clause (Trino's grammar):
//   call [FILTER (WHERE e)] [[IGNORE | RESPECT] NULLS OVER (spec) | OVER name]
//   spec:  [existing_name] [PARTITION BY e, ...] [ORDER BY item, ...] [frame]
//   frame: (ROWS | RANGE | GROUPS) (bound | BETWEEN bound AND bound)
//   bound: UNBOUNDED (PRECEDING | FOLLOWING) | CURRENT ROW | e (PRECEDING | FOLLOWING)
//   WINDOW name AS (spec), ... after HAVING.
// Whether a frame's bounds fit together is the binder's question, as in
// Trino, whose messages it gives.
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

bool IsFrameUnit(const Parser& p, size_t ahead) {
  return p.PeekKeyword("rows", ahead) || p.PeekKeyword("range", ahead) || p.PeekKeyword("groups", ahead);
}

}  // namespace

void Parser::ParseCallSuffixes(FunctionCall& f) {
  // FILTER, IGNORE, RESPECT and OVER are not reserved: each is a clause only
  // where what follows makes it one (`sum(x) over` names a column `over`).
  if (PeekKeyword("filter") && PeekOperator("(", 1)) {
    Next();
    Next();
    ExpectKeyword("where");
    f.filter = ParseExpression();
    ExpectOperator(")");
  }
  if ((PeekKeyword("ignore") || PeekKeyword("respect")) && PeekKeyword("nulls", 1)) {
    f.null_treatment = PeekKeyword("ignore") ? NullTreatment::kIgnore : NullTreatment::kRespect;
    Next();
    Next();
    ExpectKeyword("over");  // a null treatment belongs to a window function
  } else if (PeekKeyword("over") && (PeekOperator("(", 1) || IsIdentifierStart(1))) {
    Next();
  } else {
    return;
  }
  if (IsOperator("(")) {
    f.window = ParseWindowSpecification();
    return;
  }
  f.window = std::make_unique<WindowSpecification>();
  f.window->position = Peek().position;
  f.window->existing_position = Peek().position;
  f.window->existing_window = ParseIdentifier().name;
  f.window_is_name = true;
}

std::unique_ptr<WindowSpecification> Parser::ParseWindowSpecification() {
  DepthGuard guard(*this);
  auto w = std::make_unique<WindowSpecification>();
  w->position = Peek().position;
  ExpectOperator("(");
  // A leading name refers to a named window, unless it opens a clause:
  // PARTITION BY, or a frame unit followed by its bound (a window may be
  // named rows: OVER (rows ORDER BY x)).
  const bool opens_partition = PeekKeyword("partition") && PeekKeyword("by", 1);
  const bool opens_frame = IsFrameUnit(*this, 0) && !PeekOperator(")", 1) && !PeekKeyword("partition", 1) &&
                           !PeekKeyword("order", 1) && !IsFrameUnit(*this, 1);
  if (IsIdentifierStart() && !opens_partition && !opens_frame) {
    w->existing_position = Peek().position;
    w->existing_window = ParseIdentifier().name;
  }
  if (PeekKeyword("partition") && PeekKeyword("by", 1)) {
    Next();
    Next();
    w->partition_by = ParseExpressionList();
  }
  if (AcceptKeyword("order")) w->order_by = ParseOrderItems();
  if (IsKeyword("rows") || IsKeyword("range") || IsKeyword("groups")) w->frame = ParseWindowFrame();
  ExpectOperator(")");
  return w;
}

std::unique_ptr<WindowFrame> Parser::ParseWindowFrame() {
  auto frame = std::make_unique<WindowFrame>();
  frame->position = Peek().position;
  frame->unit = PeekKeyword("rows") ? FrameUnit::kRows : PeekKeyword("range") ? FrameUnit::kRange : FrameUnit::kGroups;
  Next();
  if (AcceptKeyword("between")) {
    frame->start = ParseFrameBound();
    ExpectKeyword("and");
    frame->end = ParseFrameBound();
  } else {
    frame->start = ParseFrameBound();
  }
  return frame;
}

FrameBound Parser::ParseFrameBound() {
  FrameBound b;
  if (AcceptKeyword("unbounded")) {
    if (AcceptKeyword("preceding")) {
      b.kind = FrameBoundKind::kUnboundedPreceding;
    } else {
      ExpectKeyword("following");
      b.kind = FrameBoundKind::kUnboundedFollowing;
    }
    return b;
  }
  if (PeekKeyword("current") && PeekKeyword("row", 1)) {
    Next();
    Next();
    b.kind = FrameBoundKind::kCurrentRow;
    return b;
  }
  // The offset stops before PRECEDING / FOLLOWING (neither continues an expression).
  b.offset = ParseConcat();
  if (AcceptKeyword("preceding")) {
    b.kind = FrameBoundKind::kPreceding;
  } else {
    ExpectKeyword("following");
    b.kind = FrameBoundKind::kFollowing;
  }
  return b;
}

void Parser::ParseWindowClause(QuerySpecification& select) {
  do {
    NamedWindow w;
    w.name = ParseIdentifier();
    ExpectKeyword("as");
    w.specification = ParseWindowSpecification();
    select.windows.push_back(std::move(w));
  } while (AcceptOperator(","));
}

}  // namespace sluice::sql
