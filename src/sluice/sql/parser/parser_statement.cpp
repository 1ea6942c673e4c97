// Statements: queries, EXPLAIN, Athena/Hive DDL, CTAS, INSERT, SHOW, USE.
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

template <typename T>
std::unique_ptr<T> Make(SourcePosition position) {
  auto s = std::make_unique<T>();
  s->position = position;
  return s;
}

}  // namespace

StatementPtr Parser::ParseStatement() {
  SourcePosition at = Peek().position;
  if (IsQueryStart()) {
    auto s = Make<QueryStatement>(at);
    s->query = ParseQuery();
    return s;
  }
  if (AcceptKeyword("explain")) {
    auto s = Make<ExplainStatement>(at);
    s->analyze = AcceptKeyword("analyze");
    s->statement = ParseStatement();
    return s;
  }
  if (IsKeyword("create")) return ParseCreate();
  if (IsKeyword("drop")) return ParseDrop();
  if (IsKeyword("show")) return ParseShow();
  if (IsKeyword("describe") || IsKeyword("desc")) {
    Next();
    auto s = std::make_unique<TableNameStatement>(StatementKind::kDescribe);
    s->position = at;
    if (AcceptKeyword("formatted")) s->formatted = true;
    else AcceptKeyword("extended");
    s->name = ParseQualifiedName();
    return s;
  }
  if (AcceptKeyword("use")) {
    auto s = Make<UseStatement>(at);
    QualifiedName name = ParseQualifiedName();
    s->database = name.parts.back().name;
    return s;
  }
  if (AcceptKeyword("insert")) {
    ExpectKeyword("into");
    auto s = Make<InsertStatement>(at);
    s->name = ParseQualifiedName();
    if (IsOperator("(") && !IsQueryStart(1)) {
      Next();
      do {
        s->columns.push_back(ParseIdentifier().name);
      } while (AcceptOperator(","));
      ExpectOperator(")");
    }
    s->query = ParseQuery();
    return s;
  }
  if (AcceptKeyword("msck")) {
    ExpectKeyword("repair");
    ExpectKeyword("table");
    auto s = std::make_unique<TableNameStatement>(StatementKind::kMsckRepair);
    s->position = at;
    s->name = ParseQualifiedName();
    return s;
  }
  Unexpected("'SELECT', 'WITH', 'VALUES', 'CREATE', 'DROP', 'INSERT', 'SHOW', 'DESCRIBE', 'USE', "
             "'EXPLAIN', 'MSCK'");
}

Properties Parser::ParsePropertyList() {
  Properties props;
  ExpectOperator("(");
  if (AcceptOperator(")")) return props;
  do {
    std::string key = ParseStringLiteral();
    ExpectOperator("=");
    props.emplace_back(std::move(key), ParseStringLiteral());
  } while (AcceptOperator(","));
  ExpectOperator(")");
  return props;
}

StatementPtr Parser::ParseCreate() {
  SourcePosition at = Next().position;  // CREATE
  if (AcceptKeyword("database") || AcceptKeyword("schema")) {
    auto s = Make<CreateDatabaseStatement>(at);
    if (AcceptKeyword("if")) {
      ExpectKeyword("not");
      ExpectKeyword("exists");
      s->if_not_exists = true;
    }
    s->name = ParseQualifiedName().parts.back().name;
    for (;;) {
      if (AcceptKeyword("comment")) {
        s->comment = ParseStringLiteral();
      } else if (AcceptKeyword("location")) {
        s->location = ParseStringLiteral();
      } else if (IsKeyword("with") && IsKeyword("dbproperties", 1)) {
        Next();
        Next();
        s->properties = ParsePropertyList();
      } else {
        break;
      }
    }
    return s;
  }
  bool external = AcceptKeyword("external");
  ExpectKeyword("table");
  bool if_not_exists = false;
  if (AcceptKeyword("if")) {
    ExpectKeyword("not");
    ExpectKeyword("exists");
    if_not_exists = true;
  }
  QualifiedName name = ParseQualifiedName();
  if (!external && !IsOperator("(")) {
    // CREATE TABLE name [WITH (...)] AS query [WITH [NO] DATA]
    auto s = Make<CreateTableAsStatement>(at);
    s->if_not_exists = if_not_exists;
    s->name = std::move(name);
    if (AcceptKeyword("with")) {
      ExpectOperator("(");
      do {
        TableProperty p;
        p.position = Peek().position;
        p.name = ParseIdentifier().name;
        ExpectOperator("=");
        p.value = ParseExpression();
        s->properties.push_back(std::move(p));
      } while (AcceptOperator(","));
      ExpectOperator(")");
    }
    ExpectKeyword("as");
    bool parenthesised = IsOperator("(") && IsQueryStart(1);
    if (parenthesised) Next();
    s->query = ParseQuery();
    if (parenthesised) ExpectOperator(")");
    if (IsKeyword("with") && (IsKeyword("no", 1) || IsKeyword("data", 1))) {
      Next();
      s->with_no_data = AcceptKeyword("no");
      ExpectKeyword("data");
    }
    return s;
  }
  auto s = std::make_unique<CreateTableStatement>();
  s->position = at;
  s->external = external;
  s->if_not_exists = if_not_exists;
  s->name = std::move(name);
  auto parse_columns = [&](std::vector<ColumnDefinition>& out) {
    ExpectOperator("(");
    do {
      ColumnDefinition c;
      c.position = Peek().position;
      c.name = ParseIdentifier().name;
      c.type_name = ParseTypeName();
      if (AcceptKeyword("comment")) c.comment = ParseStringLiteral();
      out.push_back(std::move(c));
    } while (AcceptOperator(","));
    ExpectOperator(")");
  };
  parse_columns(s->columns);
  for (;;) {
    if (AcceptKeyword("comment")) {
      s->comment = ParseStringLiteral();
    } else if (IsKeyword("partitioned") && IsKeyword("by", 1)) {
      Next();
      Next();
      parse_columns(s->partition_columns);
    } else if (IsKeyword("clustered") && IsKeyword("by", 1)) {
      Next();
      Next();
      ExpectOperator("(");
      do {
        s->clustered_by.push_back(ParseIdentifier().name);
      } while (AcceptOperator(","));
      ExpectOperator(")");
      ExpectKeyword("into");
      if (Peek().type != TokenType::kInteger) Unexpected("a number of buckets");
      s->buckets = std::stoll(Next().text);
      ExpectKeyword("buckets");
    } else if (IsKeyword("row") && IsKeyword("format", 1)) {
      Next();
      Next();
      if (AcceptKeyword("serde")) {
        s->row_format_serde = ParseStringLiteral();
        if (IsKeyword("with") && IsKeyword("serdeproperties", 1)) {
          Next();
          Next();
          s->serde_properties = ParsePropertyList();
        }
      } else {
        ExpectKeyword("delimited");
        for (;;) {
          if (IsKeyword("fields")) {
            Next();
            ExpectKeyword("terminated");
            ExpectKeyword("by");
            s->fields_terminated_by = ParseStringLiteral();
            if (IsKeyword("escaped")) {
              Next();
              ExpectKeyword("by");
              s->escaped_by = ParseStringLiteral();
            }
          } else if (IsKeyword("collection")) {
            Next();
            ExpectKeyword("items");
            ExpectKeyword("terminated");
            ExpectKeyword("by");
            s->collection_items_terminated_by = ParseStringLiteral();
          } else if (IsKeyword("map")) {
            Next();
            ExpectKeyword("keys");
            ExpectKeyword("terminated");
            ExpectKeyword("by");
            s->map_keys_terminated_by = ParseStringLiteral();
          } else if (IsKeyword("lines")) {
            Next();
            ExpectKeyword("terminated");
            ExpectKeyword("by");
            s->lines_terminated_by = ParseStringLiteral();
          } else if (IsKeyword("null")) {
            Next();
            ExpectKeyword("defined");
            ExpectKeyword("as");
            s->null_defined_as = ParseStringLiteral();
          } else {
            break;
          }
        }
      }
    } else if (IsKeyword("stored") && IsKeyword("as", 1)) {
      Next();
      Next();
      if (AcceptKeyword("inputformat")) {
        std::string in = ParseStringLiteral();
        ExpectKeyword("outputformat");
        std::string out = ParseStringLiteral();
        s->stored_as = "INPUTFORMAT '" + in + "' OUTPUTFORMAT '" + out + "'";
        if (in.find("Parquet") != std::string::npos) s->stored_as = "PARQUET";
        else if (in.find("TextInputFormat") != std::string::npos) s->stored_as = "TEXTFILE";
      } else {
        s->stored_as = ParseIdentifier().name;
      }
    } else if (AcceptKeyword("location")) {
      s->location = ParseStringLiteral();
    } else if (AcceptKeyword("tblproperties")) {
      s->table_properties = ParsePropertyList();
    } else {
      break;
    }
  }
  return s;
}

StatementPtr Parser::ParseDrop() {
  SourcePosition at = Next().position;  // DROP
  if (AcceptKeyword("database") || AcceptKeyword("schema")) {
    auto s = Make<DropDatabaseStatement>(at);
    if (AcceptKeyword("if")) {
      ExpectKeyword("exists");
      s->if_exists = true;
    }
    s->name = ParseQualifiedName().parts.back().name;
    if (AcceptKeyword("cascade")) s->cascade = true;
    else AcceptKeyword("restrict");
    return s;
  }
  StatementKind kind;
  if (AcceptKeyword("table")) kind = StatementKind::kDropTable;
  else if (AcceptKeyword("view")) kind = StatementKind::kDropView;
  else Unexpected("'DATABASE', 'SCHEMA', 'TABLE' or 'VIEW'");
  auto s = std::make_unique<DropTableStatement>(kind);
  s->position = at;
  if (AcceptKeyword("if")) {
    ExpectKeyword("exists");
    s->if_exists = true;
  }
  s->name = ParseQualifiedName();
  return s;
}

StatementPtr Parser::ParseShow() {
  SourcePosition at = Next().position;  // SHOW
  auto pattern = [&]() -> std::string {
    if (AcceptKeyword("like")) return ParseStringLiteral();
    if (Peek().type == TokenType::kString) return ParseStringLiteral();
    return "";
  };
  if (AcceptKeyword("databases") || AcceptKeyword("schemas")) {
    auto s = Make<ShowDatabasesStatement>(at);
    s->pattern = pattern();
    return s;
  }
  if (AcceptKeyword("tables")) {
    auto s = Make<ShowTablesStatement>(at);
    if (AcceptKeyword("in") || AcceptKeyword("from")) s->database = ParseQualifiedName().parts.back().name;
    s->pattern = pattern();
    return s;
  }
  auto table_statement = [&](StatementKind kind) {
    auto s = std::make_unique<TableNameStatement>(kind);
    s->position = at;
    s->name = ParseQualifiedName();
    return s;
  };
  if (AcceptKeyword("partitions")) return table_statement(StatementKind::kShowPartitions);
  if (AcceptKeyword("columns")) {
    if (!AcceptKeyword("in")) ExpectKeyword("from");
    return table_statement(StatementKind::kShowColumns);
  }
  if (IsKeyword("create") && IsKeyword("table", 1)) {
    Next();
    Next();
    return table_statement(StatementKind::kShowCreateTable);
  }
  Unexpected("'DATABASES', 'SCHEMAS', 'TABLES', 'PARTITIONS', 'COLUMNS' or 'CREATE TABLE'");
}

}  // namespace sluice::sql
