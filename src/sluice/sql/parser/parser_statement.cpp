// Statements: dispatch, queries, EXPLAIN, INSERT, SHOW, DESCRIBE, USE, MSCK.
// CREATE and DROP live in parser_ddl.cpp.
#include "sluice/common/ascii_case.h"
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

std::unique_ptr<TableNameStatement> MakeTableStatement(StatementKind kind, SourcePosition at) {
  auto s = std::make_unique<TableNameStatement>(kind);
  s->position = at;
  return s;
}

}  // namespace

StatementPtr Parser::ParseStatement() {
  DepthGuard guard(*this);  // EXPLAIN EXPLAIN ...
  size_t first = pos_;
  auto stmt = ParseStatementBody();
  // The statement's own text: from its first token to its last, so without
  // surrounding comments, blanks and the ';'.
  size_t begin = tokens_[first].offset;
  size_t end = pos_ > first ? tokens_[pos_ - 1].end : begin;
  stmt->text = std::string(source_.substr(begin, end - begin));
  return stmt;
}

StatementPtr Parser::ParseStatementBody() {
  SourcePosition at = Peek().position;
  // Recording tests, so that a bad first word lists the statements.
  if (IsKeyword("select") || IsKeyword("with") || IsKeyword("values") || IsOperator("(")) {
    auto s = Make<QueryStatement>(at);
    s->query = ParseQuery();
    return s;
  }
  if (IsKeyword("create")) return ParseCreate();
  if (IsKeyword("drop")) return ParseDrop();
  if (IsKeyword("insert")) return ParseInsert();
  if (IsKeyword("show")) return ParseShow();
  if (IsKeyword("describe") || PeekKeyword("desc")) return ParseDescribe();
  if (IsKeyword("explain")) return ParseExplain();
  if (AcceptKeyword("use")) {
    auto s = Make<UseStatement>(at);
    s->database = ParseSchemaName();
    return s;
  }
  if ((IsKeyword("set") || IsKeyword("reset")) && PeekKeyword("session", 1)) {
    const bool set = AcceptKeyword("set");
    if (!set) ExpectKeyword("reset");
    ExpectKeyword("session");
    std::string name;
    for (const Identifier& part : ParseQualifiedName().parts) name += (name.empty() ? "" : ".") + AsciiLower(part.name);
    if (!set) {
      auto s = Make<ResetSessionStatement>(at);
      s->name = std::move(name);
      return s;
    }
    auto s = Make<SetSessionStatement>(at);
    s->name = std::move(name);
    ExpectOperator("=");
    s->value = ParseExpression();
    return s;
  }
  if (AcceptKeyword("msck")) {
    ExpectKeyword("repair");
    ExpectKeyword("table");
    auto s = MakeTableStatement(StatementKind::kMsckRepair, at);
    s->name = ParseTableName();
    return s;
  }
  Unexpected();
}

// EXPLAIN [ANALYZE [VERBOSE]] [(TYPE x, FORMAT y)] statement
StatementPtr Parser::ParseExplain() {
  auto s = Make<ExplainStatement>(Next().position);
  if (AcceptKeyword("analyze")) {
    s->analyze = true;
    s->verbose = AcceptKeyword("verbose");
  }
  if (PeekOperator("(") && (PeekKeyword("type", 1) || PeekKeyword("format", 1))) {
    Next();
    do {
      std::string option;
      if (AcceptKeyword("type")) {
        option = "type";
      } else {
        ExpectKeyword("format");
        option = "format";
      }
      s->options.emplace_back(option, ParseIdentifier().name);
    } while (AcceptOperator(","));
    ExpectOperator(")");
  }
  s->statement = ParseStatement();
  return s;
}

// INSERT INTO name [(column, ...)] query
StatementPtr Parser::ParseInsert() {
  auto s = Make<InsertStatement>(Next().position);
  ExpectKeyword("into");
  s->name = ParseTableName();
  if (PeekOperator("(") && !IsQueryStart(1)) {
    Next();
    do {
      s->columns.push_back(ParseIdentifier().name);
    } while (AcceptOperator(","));
    ExpectOperator(")");
  }
  s->query = ParseQuery();
  return s;
}

StatementPtr Parser::ParseShow() {
  SourcePosition at = Next().position;  // SHOW
  auto pattern = [&]() -> std::string {
    if (AcceptKeyword("like")) return ParseStringLiteral();
    if (Peek().type == TokenType::kString) return Next().text;
    Expected("<string>");
    return "";
  };
  if (AcceptKeyword("session")) {
    auto s = Make<ShowSessionStatement>(at);
    if (IsKeyword("like")) s->pattern = pattern();
    return s;
  }
  if (AcceptKeyword("databases") || AcceptKeyword("schemas")) {
    auto s = Make<ShowDatabasesStatement>(at);
    s->pattern = pattern();
    return s;
  }
  if (AcceptKeyword("tables")) {
    auto s = Make<ShowTablesStatement>(at);
    if (AcceptKeyword("in") || AcceptKeyword("from")) s->database = ParseSchemaName();
    s->pattern = pattern();
    return s;
  }
  if (AcceptKeyword("partitions")) {
    auto s = MakeTableStatement(StatementKind::kShowPartitions, at);
    s->name = ParseTableName();
    return s;
  }
  if (AcceptKeyword("columns")) {
    if (!AcceptKeyword("in")) ExpectKeyword("from");
    auto s = MakeTableStatement(StatementKind::kShowColumns, at);
    s->name = ParseTableName();
    // Hive's SHOW COLUMNS IN t IN db names the database last.
    if (s->name.parts.size() == 1 && (AcceptKeyword("in") || AcceptKeyword("from"))) {
      Identifier db = ParseIdentifier();
      s->name.parts.insert(s->name.parts.begin(), db);
      s->name.position = db.position;
    }
    return s;
  }
  if (AcceptKeyword("create")) {
    ExpectKeyword("table");
    auto s = MakeTableStatement(StatementKind::kShowCreateTable, at);
    s->name = ParseTableName();
    return s;
  }
  Unexpected();
}

// DESCRIBE [FORMATTED | EXTENDED] name (DESC too, as Hive allows).
StatementPtr Parser::ParseDescribe() {
  auto s = MakeTableStatement(StatementKind::kDescribe, Next().position);
  // A table may be called "formatted": the word is a keyword only before a name.
  if (PeekKeyword("formatted") && IsIdentifierStart(1)) {
    Next();
    s->formatted = true;
  } else if (PeekKeyword("extended") && IsIdentifierStart(1)) {
    Next();
  }
  s->name = ParseTableName();
  return s;
}

}  // namespace sluice::sql
