// Athena / Hive DDL: CREATE and DROP of databases and tables, CREATE TABLE AS.
#include "sluice/common/ascii_case.h"
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

// Hive's well-known input formats, so that a table declared with explicit
// classes reads like one declared STORED AS.
std::string StoredAsFor(const std::string& input_format) {
  if (input_format.find("Parquet") != std::string::npos) return "parquet";
  if (input_format.find("TextInputFormat") != std::string::npos) return "textfile";
  if (input_format.find("OrcInputFormat") != std::string::npos) return "orc";
  if (input_format.find("AvroContainerInputFormat") != std::string::npos) return "avro";
  return "";
}

}  // namespace

bool Parser::AcceptIfNotExists() {
  if (!AcceptKeyword("if")) return false;
  ExpectKeyword("not");
  ExpectKeyword("exists");
  return true;
}

bool Parser::AcceptIfExists() {
  if (!AcceptKeyword("if")) return false;
  ExpectKeyword("exists");
  return true;
}

// ('key' = 'value', ...), as in DBPROPERTIES, SERDEPROPERTIES, TBLPROPERTIES.
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
  if (AcceptKeyword("database") || AcceptKeyword("schema")) return ParseCreateDatabase(at);
  bool external = AcceptKeyword("external");
  ExpectKeyword("table");
  bool if_not_exists = AcceptIfNotExists();
  QualifiedName name = ParseTableName();
  if (external || IsOperator("(")) return ParseCreateTable(at, external, if_not_exists, std::move(name));
  return ParseCreateTableAs(at, if_not_exists, std::move(name));
}

// CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [COMMENT 'c'] [LOCATION 'uri']
// [WITH DBPROPERTIES ('k'='v', ...)], clauses in any order.
StatementPtr Parser::ParseCreateDatabase(SourcePosition at) {
  auto s = Make<CreateDatabaseStatement>(at);
  s->if_not_exists = AcceptIfNotExists();
  s->name = ParseSchemaName();
  for (;;) {
    if (AcceptKeyword("comment")) {
      s->comment = ParseStringLiteral();
    } else if (AcceptKeyword("location")) {
      s->location = ParseStringLiteral();
    } else if (IsKeyword("with")) {
      Next();
      ExpectKeyword("dbproperties");
      s->properties = ParsePropertyList();
    } else {
      return s;
    }
  }
}

// CREATE TABLE name [WITH (property = expression, ...)] AS query [WITH [NO] DATA]
StatementPtr Parser::ParseCreateTableAs(SourcePosition at, bool if_not_exists, QualifiedName name) {
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
  s->query = ParseQuery();  // "AS (SELECT ...)" folds to the same tree
  if (IsKeyword("with")) {
    Next();
    s->with_no_data = AcceptKeyword("no");
    ExpectKeyword("data");
  }
  return s;
}

// (name type [COMMENT 'c'], ...). Hive DDL is not bound by Trino's reserved
// words, and a type always follows the name, so any word may name a column.
std::vector<ColumnDefinition> Parser::ParseColumnDefinitions() {
  std::vector<ColumnDefinition> out;
  ExpectOperator("(");
  do {
    ColumnDefinition c;
    c.position = Peek().position;
    if (Peek().type == TokenType::kIdentifier && Peek(1).type == TokenType::kIdentifier) {
      c.name = AsciiLower(Next().text);
    } else {
      c.name = ParseIdentifier().name;
    }
    c.type_name = ParseTypeName();
    if (AcceptKeyword("comment")) c.comment = ParseStringLiteral();
    out.push_back(std::move(c));
  } while (AcceptOperator(","));
  ExpectOperator(")");
  return out;
}

// CREATE [EXTERNAL] TABLE [IF NOT EXISTS] name (columns) followed by Hive's
// clauses, accepted in any order: COMMENT, PARTITIONED BY, CLUSTERED BY,
// ROW FORMAT, STORED AS, LOCATION, TBLPROPERTIES.
StatementPtr Parser::ParseCreateTable(SourcePosition at, bool external, bool if_not_exists,
                                      QualifiedName name) {
  auto s = Make<CreateTableStatement>(at);
  s->external = external;
  s->if_not_exists = if_not_exists;
  s->name = std::move(name);
  s->columns = ParseColumnDefinitions();
  for (;;) {
    if (AcceptKeyword("comment")) {
      s->comment = ParseStringLiteral();
    } else if (AcceptKeyword("partitioned")) {
      ExpectKeyword("by");
      s->partition_columns = ParseColumnDefinitions();
    } else if (AcceptKeyword("clustered")) {
      ExpectKeyword("by");
      ExpectOperator("(");
      do {
        s->clustered_by.push_back(ParseIdentifier().name);
      } while (AcceptOperator(","));
      ExpectOperator(")");
      ExpectKeyword("into");
      s->buckets = ParseIntegerLiteral();
      ExpectKeyword("buckets");
    } else if (AcceptKeyword("row")) {
      ExpectKeyword("format");
      ParseRowFormat(*s);
    } else if (AcceptKeyword("stored")) {
      ExpectKeyword("as");
      ParseStoredAs(*s);
    } else if (AcceptKeyword("location")) {
      s->location = ParseStringLiteral();
    } else if (AcceptKeyword("tblproperties")) {
      s->table_properties = ParsePropertyList();
    } else {
      return s;
    }
  }
}

// After ROW FORMAT: SERDE 'class' [WITH SERDEPROPERTIES (...)] | DELIMITED
// [FIELDS TERMINATED BY 'c' [ESCAPED BY 'c']] [COLLECTION ITEMS TERMINATED BY
// 'c'] [MAP KEYS TERMINATED BY 'c'] [LINES TERMINATED BY 'c'] [NULL DEFINED AS
// 'c']. The strings are kept as written ('\t' is two characters): the table's
// reader interprets Hive's escapes.
void Parser::ParseRowFormat(CreateTableStatement& s) {
  if (AcceptKeyword("serde")) {
    s.row_format_serde = ParseStringLiteral();
    if (IsKeyword("with") && PeekKeyword("serdeproperties", 1)) {
      Next();
      Next();
      s.serde_properties = ParsePropertyList();
    }
    return;
  }
  ExpectKeyword("delimited");
  auto terminated_by = [&]() {
    ExpectKeyword("terminated");
    ExpectKeyword("by");
    return ParseStringLiteral();
  };
  for (;;) {
    if (AcceptKeyword("fields")) {
      s.fields_terminated_by = terminated_by();
      if (AcceptKeyword("escaped")) {
        ExpectKeyword("by");
        s.escaped_by = ParseStringLiteral();
      }
    } else if (AcceptKeyword("collection")) {
      ExpectKeyword("items");
      s.collection_items_terminated_by = terminated_by();
    } else if (AcceptKeyword("map")) {
      ExpectKeyword("keys");
      s.map_keys_terminated_by = terminated_by();
    } else if (AcceptKeyword("lines")) {
      s.lines_terminated_by = terminated_by();
    } else if (AcceptKeyword("null")) {
      ExpectKeyword("defined");
      ExpectKeyword("as");
      s.null_defined_as = ParseStringLiteral();
    } else {
      return;
    }
  }
}

// After STORED AS: a format name, or INPUTFORMAT 'class' OUTPUTFORMAT 'class'.
void Parser::ParseStoredAs(CreateTableStatement& s) {
  if (AcceptKeyword("inputformat")) {
    s.input_format = ParseStringLiteral();
    ExpectKeyword("outputformat");
    s.output_format = ParseStringLiteral();
    s.stored_as = StoredAsFor(s.input_format);
    if (s.stored_as.empty()) {
      s.stored_as = "INPUTFORMAT '" + s.input_format + "' OUTPUTFORMAT '" + s.output_format + "'";
    }
    return;
  }
  s.stored_as = ParseIdentifier().name;
}

// DROP DATABASE|SCHEMA [IF EXISTS] name [CASCADE|RESTRICT]
// DROP TABLE|VIEW [IF EXISTS] name
StatementPtr Parser::ParseDrop() {
  SourcePosition at = Next().position;  // DROP
  if (AcceptKeyword("database") || AcceptKeyword("schema")) {
    auto s = Make<DropDatabaseStatement>(at);
    s->if_exists = AcceptIfExists();
    s->name = ParseSchemaName();
    if (AcceptKeyword("cascade")) {
      s->cascade = true;
    } else {
      AcceptKeyword("restrict");
    }
    return s;
  }
  StatementKind kind;
  if (AcceptKeyword("table")) {
    kind = StatementKind::kDropTable;
  } else if (AcceptKeyword("view")) {
    kind = StatementKind::kDropView;
  } else {
    Unexpected();
  }
  auto s = std::make_unique<DropTableStatement>(kind);
  s->position = at;
  s->if_exists = AcceptIfExists();
  s->name = ParseTableName();
  return s;
}

}  // namespace sluice::sql
