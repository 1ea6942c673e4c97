// Trino's expressions with their own syntax, rewritten to the plain function
// calls they mean so that the binder sees one shape: CURRENT_DATE and
// friends, EXTRACT, TRIM, POSITION, SUBSTRING ... FROM, AT TIME ZONE and
// INTERVAL literals.
#include "sluice/common/ascii_case.h"
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

std::unique_ptr<FunctionCall> MakeCall(const std::string& name, SourcePosition at) {
  auto f = std::make_unique<FunctionCall>();
  f->position = at;
  f->name.position = at;
  f->name.parts.push_back(Identifier{name, false, at});
  return f;
}

bool IsCurrentTimeWord(const std::string& w) {
  return w == "current_date" || w == "current_time" || w == "current_timestamp" || w == "localtime" ||
         w == "localtimestamp" || w == "current_user" || w == "current_catalog" ||
         w == "current_schema" || w == "current_path" || w == "current_role";
}

// Trino's EXTRACT fields; each is also a function of the same name (year(x),
// day_of_week(x), dow(x), ...), which is what EXTRACT becomes.
bool IsExtractField(const std::string& w) {
  static const char* kFields[] = {"year", "quarter", "month", "week", "day", "day_of_month",
                                  "day_of_week", "dow", "day_of_year", "doy", "year_of_week",
                                  "yow", "hour", "minute", "second", "timezone_minute",
                                  "timezone_hour"};
  for (const char* f : kFields) {
    if (w == f) return true;
  }
  return false;
}

}  // namespace

ExpressionPtr Parser::TryParseSpecialForm() {
  const Token& t = Peek();
  if (t.type != TokenType::kIdentifier) return nullptr;
  std::string word = AsciiLower(t.text);
  SourcePosition at = t.position;
  if (IsCurrentTimeWord(word)) return ParseCurrentTime();
  if (word == "extract" && PeekOperator("(", 1)) return ParseExtract();
  if (word == "trim" && PeekOperator("(", 1)) return ParseTrim();
  if (word == "interval" &&
      (Peek(1).type == TokenType::kString ||
       ((PeekOperator("-", 1) || PeekOperator("+", 1)) && Peek(2).type == TokenType::kString))) {
    return ParseInterval();
  }
  // POSITION(needle IN haystack) -> strpos(haystack, needle); a plain call
  // position(a, b) stays one (position is not reserved).
  if (word == "position" && PeekOperator("(", 1) && HasKeywordInside(pos_ + 1, "in")) {
    Next();
    Next();
    auto needle = ParseConcat();
    ExpectKeyword("in");
    auto haystack = ParseConcat();
    ExpectOperator(")");
    auto f = MakeCall("strpos", at);
    f->arguments.push_back(std::move(haystack));
    f->arguments.push_back(std::move(needle));
    return f;
  }
  // SUBSTRING(s FROM start [FOR length]) -> substring(s, start[, length]).
  if (word == "substring" && PeekOperator("(", 1) && HasKeywordInside(pos_ + 1, "from")) {
    Next();
    Next();
    auto f = MakeCall("substring", at);
    f->arguments.push_back(ParseConcat());
    ExpectKeyword("from");
    f->arguments.push_back(ParseConcat());
    if (AcceptKeyword("for")) f->arguments.push_back(ParseConcat());
    ExpectOperator(")");
    return f;
  }
  return nullptr;
}

// CURRENT_DATE, CURRENT_TIME[(p)], CURRENT_TIMESTAMP[(p)], LOCALTIME[(p)],
// LOCALTIMESTAMP[(p)], CURRENT_USER, CURRENT_CATALOG, CURRENT_SCHEMA, ...
ExpressionPtr Parser::ParseCurrentTime() {
  const Token& t = Next();
  std::string word = AsciiLower(t.text);
  auto f = MakeCall(word, t.position);
  f->without_parentheses = true;
  bool takes_precision = word == "current_time" || word == "current_timestamp" || word == "localtime" ||
                         word == "localtimestamp";
  if (takes_precision && AcceptOperator("(")) {
    auto p = std::make_unique<Literal>();
    p->position = Peek().position;
    p->literal_kind = LiteralKind::kInteger;
    p->text = std::to_string(ParseIntegerLiteral());
    f->arguments.push_back(std::move(p));
    f->without_parentheses = false;
    ExpectOperator(")");
  }
  return f;
}

// x AT TIME ZONE 'zone' | INTERVAL '…' -> at_timezone(x, zone), Trino's
// rewrite; it binds tighter than any operator.
ExpressionPtr Parser::ParseAtTimeZone(ExpressionPtr operand) {
  Next();
  ExpectKeyword("time");
  ExpectKeyword("zone");
  auto f = MakeCall("at_timezone", operand->position);
  f->arguments.push_back(std::move(operand));
  f->arguments.push_back(ParsePrimary());
  return f;
}

// EXTRACT(field FROM x) -> field(x).
ExpressionPtr Parser::ParseExtract() {
  SourcePosition at = Next().position;
  ExpectOperator("(");
  const Token& field = Peek();
  Identifier name = ParseIdentifier();
  if (name.quoted || !IsExtractField(name.name)) {
    throw SluiceError(ErrorCode::kSyntaxError, "Invalid EXTRACT field: " + field.text, field.position);
  }
  ExpectKeyword("from");
  auto f = MakeCall(name.name, at);
  f->arguments.push_back(ParseConcat());
  ExpectOperator(")");
  return f;
}

// TRIM([[BOTH | LEADING | TRAILING] [chars] FROM] s) and TRIM(s [, chars])
// -> trim / ltrim / rtrim(s [, chars]).
ExpressionPtr Parser::ParseTrim() {
  SourcePosition at = Next().position;
  ExpectOperator("(");
  std::string name = "trim";
  bool specified = false;
  if ((PeekKeyword("both") || PeekKeyword("leading") || PeekKeyword("trailing")) && !PeekOperator(")", 1) &&
      !PeekOperator(",", 1)) {
    std::string spec = AsciiLower(Next().text);
    name = spec == "leading" ? "ltrim" : spec == "trailing" ? "rtrim" : "trim";
    specified = true;
  }
  ExpressionPtr source, chars;
  if (AcceptKeyword("from")) {
    source = ParseConcat();
  } else {
    auto first = ParseConcat();
    if (AcceptKeyword("from")) {
      chars = std::move(first);
      source = ParseConcat();
    } else if (specified) {
      Unexpected();  // TRIM(LEADING x) needs FROM
    } else if (AcceptOperator(",")) {
      source = std::move(first);
      chars = ParseConcat();
    } else {
      source = std::move(first);
    }
  }
  ExpectOperator(")");
  auto f = MakeCall(name, at);
  f->arguments.push_back(std::move(source));
  if (chars) f->arguments.push_back(std::move(chars));
  return f;
}

// INTERVAL [+|-] 'value' field [TO field]
ExpressionPtr Parser::ParseInterval() {
  auto i = std::make_unique<IntervalLiteral>();
  i->position = Next().position;
  if (PeekOperator("-") || PeekOperator("+")) i->negative = Next().text == "-";
  i->value = ParseStringLiteral();
  auto field = [&]() -> std::string {
    static const char* kFields[] = {"year", "month", "day", "hour", "minute", "second"};
    for (const char* f : kFields) {
      if (PeekKeyword(f)) {
        Next();
        return AsciiUpper(f);
      }
    }
    Expected("<interval field>");
    Unexpected();
  };
  i->start_field = field();
  if (AcceptKeyword("to")) i->end_field = field();
  return i;
}

}  // namespace sluice::sql
