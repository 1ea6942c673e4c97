// Syntax errors: Trino-style messages at the offending token, and robustness
// against truncated, mutated and absurdly nested input (the parser runs inside
// a service: it must throw SluiceError, never crash or hang).
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "parser_test_util.h"

namespace sluice::sql {
namespace {

using parser_testing::Described;
using parser_testing::ErrorOf;

TEST(ErrorTest, MismatchedInputListsTheAlternatives) {
  EXPECT_EQ(Described("SELECT * FORM t"),
            "1:10: mismatched input 'FORM'. Expecting: ',', ';', 'EXCEPT', 'FETCH', 'FROM', 'GROUP', 'HAVING', "
            "'INTERSECT', 'LIMIT', 'OFFSET', 'ORDER', 'UNION', 'WHERE', 'WINDOW', <EOF>");
  // FORM is a fine alias, so there the next token is the offending one.
  EXPECT_EQ(Described("SELECT a\nFORM t"),
            "2:6: mismatched input 't'. Expecting: ',', ';', 'EXCEPT', 'FETCH', 'FROM', 'GROUP', 'HAVING', "
            "'INTERSECT', 'LIMIT', 'OFFSET', 'ORDER', 'UNION', 'WHERE', 'WINDOW', <EOF>");
  EXPECT_EQ(Described("SELECT a, FROM t"), "1:11: mismatched input 'FROM'. Expecting: '*', <expression>");
  EXPECT_EQ(Described("SELEC 1"),
            "1:1: mismatched input 'SELEC'. Expecting: '(', ';', 'CREATE', 'DESCRIBE', 'DROP', 'EXPLAIN', "
            "'INSERT', 'MSCK', 'RESET', 'SELECT', 'SET', 'SHOW', 'USE', 'VALUES', 'WITH'");
  EXPECT_EQ(Described("SELECT a FROM t WHERE a = 'x' GROUP a"), "1:37: mismatched input 'a'. Expecting: 'BY'");
  EXPECT_EQ(Described("SELECT a FROM t ORDER a"), "1:23: mismatched input 'a'. Expecting: 'BY'");
  EXPECT_EQ(Described("SELECT a FROM t ORDER BY a NULLS"),
            "1:33: Unexpected end of input; expecting 'FIRST', 'LAST'");
  EXPECT_EQ(Described("SELECT f(a b)"), "1:12: mismatched input 'b'. Expecting: '%', ')', '*', '+', ',', '-', '.', "
                                        "'/', '<', '<=', '<>', '=', '>', '>=', 'AND', 'BETWEEN', 'IN', 'IS', "
                                        "'LIKE', 'NOT', 'OR', 'ORDER', '[', '||'");
}

TEST(ErrorTest, TokensAreQuotedAsWritten) {
  EXPECT_EQ(ErrorOf("SELECT 1 'x'").message().substr(0, 35), "mismatched input ''x''. Expecting: ");
  SluiceError e = ErrorOf("SELECT * FROM t \"Weird Alias\" \"Another\"");
  EXPECT_EQ(e.message().substr(0, 41), "mismatched input '\"Another\"'. Expecting: ");
  EXPECT_EQ(e.position()->column, 31u);
}

TEST(ErrorTest, EndOfInput) {
  EXPECT_EQ(Described("SELECT 1 +"), "1:11: Unexpected end of input; expecting <expression>");
  EXPECT_EQ(Described("SELECT * FROM"), "1:14: Unexpected end of input; expecting '(', <identifier>");
  EXPECT_EQ(Described("SELECT * FROM t WHERE"), "1:22: Unexpected end of input; expecting <expression>");
  EXPECT_EQ(Described("SELECT (1"), "1:10: Unexpected end of input; expecting '%', ')', '*', '+', ',', '-', '/', "
                                    "'<', '<=', '<>', '=', '>', '>=', 'AND', 'BETWEEN', 'IN', 'IS', 'LIKE', 'NOT', "
                                    "'OR', '[', '||'");
  EXPECT_EQ(Described("CREATE"), "1:7: Unexpected end of input; expecting 'DATABASE', 'EXTERNAL', 'SCHEMA', 'TABLE'");
  // The end position is just past the last character, on the last line.
  EXPECT_EQ(Described("SELECT\n  a,\n"), "3:1: Unexpected end of input; expecting '*', <expression>");
}

TEST(ErrorTest, ErrorsAreSyntaxErrorsWithPositions) {
  for (const char* sql : {"SELECT", "SELECT 1 +", "SELECT (", "CREATE TABLE", "DROP", "SHOW", "SELECT 'x", "@",
                          "SELECT a FROM t JOIN", "INSERT INTO t", "SELECT CAST(1 AS", "VALUES", "WITH x AS"}) {
    SluiceError e = ErrorOf(sql);
    EXPECT_EQ(e.code(), ErrorCode::kSyntaxError) << sql;
    ASSERT_TRUE(e.position().has_value()) << sql;
    EXPECT_GE(e.position()->line, 1u) << sql;
    EXPECT_GE(e.position()->column, 1u) << sql;
    EXPECT_NE(e.Describe().find("SYNTAX_ERROR"), std::string::npos);
  }
}

TEST(ErrorTest, UnsupportedConstructsSayWhat) {
  auto check = [](const char* sql, const char* message) {
    SluiceError e = ErrorOf(sql);
    EXPECT_EQ(e.code(), ErrorCode::kNotSupported) << sql;
    EXPECT_EQ(e.message(), message) << sql;
  };
  check("SELECT * FROM a NATURAL JOIN b", "NATURAL JOIN: not supported yet");
  // Window functions are only that with OVER (...): over is also a name.
  EXPECT_EQ(ParseExpression("sum(over)")->ToString(), "sum(over)");
}

TEST(ErrorTest, DeepNestingFailsCleanly) {
  auto nested = [](int depth, const std::string& open, const std::string& middle, const std::string& close) {
    std::string s = "SELECT ";
    for (int i = 0; i < depth; ++i) s += open;
    s += middle;
    for (int i = 0; i < depth; ++i) s += close;
    return s;
  };
  // Reasonable depths parse.
  EXPECT_NO_THROW(ParseStatement(nested(100, "(", "1", ")")));
  EXPECT_NO_THROW(ParseStatement(nested(100, "- ", "x", "")));
  EXPECT_NO_THROW(ParseStatement(nested(50, "(SELECT ", "1", ")")));
  // Absurd ones are an error, not a stack overflow.
  for (const std::string& sql : {nested(100000, "(", "1", ")"), nested(100000, "NOT ", "a", ""),
                                 nested(100000, "- ", "a", ""), nested(100000, "(SELECT ", "1", ")"),
                                 nested(100000, "f(", "1", ")"), nested(100000, "CASE WHEN ", "a", " THEN 1 END"),
                                 nested(100000, "ARRAY[", "1", "]"), nested(100000, "a[", "1", "]")}) {
    SluiceError e = ErrorOf(sql);
    EXPECT_EQ(e.code(), ErrorCode::kSyntaxError);
    EXPECT_EQ(e.message(), "Statement is too deeply nested (more than 256 levels)");
  }
  std::string explains;
  for (int i = 0; i < 100000; ++i) explains += "EXPLAIN ";
  EXPECT_EQ(ErrorOf(explains + "SELECT 1").code(), ErrorCode::kSyntaxError);
  std::string relations = "SELECT * FROM ";
  for (int i = 0; i < 100000; ++i) relations += "(";
  EXPECT_EQ(ErrorOf(relations + "t").code(), ErrorCode::kSyntaxError);
}

// Operator chains are built in a loop, so they are bounded by height: what
// comes after the parser (binder, evaluation, destruction) recurses.
TEST(ErrorTest, LongOperatorChainsAreBoundedByHeight) {
  auto chain = [](int terms, const std::string& op) {
    std::string s = "SELECT x";
    for (int i = 0; i < terms; ++i) s += " " + op + " x";
    return s;
  };
  EXPECT_NO_THROW(ParseStatement(chain(998, "+")));
  EXPECT_NO_THROW(ParseStatement(chain(998, "OR")));
  for (const std::string& sql : {chain(300000, "+"), chain(300000, "OR"), chain(300000, "||"), chain(300000, "="),
                                 chain(1000, "*")}) {
    SluiceError e = ErrorOf(sql);
    EXPECT_EQ(e.code(), ErrorCode::kSyntaxError);
    EXPECT_EQ(e.message(),
              "Expression is too deeply nested (more than 1000 levels of operators); a long list of alternatives "
              "fits in IN (...)");
  }
  // Chains inside chains count their full height.
  std::string inner = "(x";
  for (int i = 0; i < 600; ++i) inner += " + x";
  inner += ")";
  std::string outer = "SELECT " + inner;
  for (int i = 0; i < 600; ++i) outer += " * x";
  EXPECT_EQ(ErrorOf(outer).code(), ErrorCode::kSyntaxError);
}

// Parentheses that open either a subquery or an expression are decided by
// looking ahead, not by backtracking: alternating nesting stays linear.
TEST(ErrorTest, AmbiguousParenthesesDoNotBacktrack) {
  std::string e = "1";
  for (int i = 0; i < 60; ++i) e = "((SELECT " + e + ") + 1)";
  auto start = std::chrono::steady_clock::now();
  auto stmt = ParseStatement("SELECT " + e);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 2.0);
  std::string p = "x";
  for (int i = 0; i < 60; ++i) p = "position(" + p + ", position('a' IN " + p.substr(0, 0) + "s))";
  EXPECT_NO_THROW(ParseStatement("SELECT " + p));
}

const char* const kCorpus[] = {
    R"(CREATE TABLE monthly_recurring_revenue WITH (format = 'Parquet', external_location = 's3://x/',
       partitioned_by = ARRAY['date']) AS SELECT product_code, SUM(estimated_revenue) AS revenue,
       concat(year, '-', month, '-01') as date FROM (SELECT year, month, day FROM "awsmp"."t" ORDER BY year)
       GROUP BY year, month, product_code ORDER BY year, month, product_code)",
    "SELECT * FROM \"sampledb\".\"elb_logs\" limit 10;",
    R"(CREATE EXTERNAL TABLE IF NOT EXISTS db.t (a string COMMENT 'x', b decimal(10,2), c struct<d:int>)
       PARTITIONED BY (dt string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' ESCAPED BY '\\'
       STORED AS TEXTFILE LOCATION 's3://b/p/' TBLPROPERTIES ('skip.header.line.count'='1'))",
    R"(WITH x AS (SELECT 1 AS a) SELECT DISTINCT t.a, count(DISTINCT b) c FROM x t LEFT JOIN y USING (a)
       WHERE a IN (1, 2) AND b NOT LIKE 'z%' AND c BETWEEN 1 AND 2 OR d IS NOT NULL GROUP BY 1
       HAVING count(*) > 1 ORDER BY 1 DESC NULLS FIRST LIMIT 5 OFFSET 2)",
    "SELECT CASE WHEN a THEN CAST(b AS varchar(3)) ELSE try_cast(c AS double) END, -a * b || 'x', m['k'][1], "
    "DATE '2022-08-01', INTERVAL '1' DAY, EXISTS (SELECT 1), (SELECT 2), x IN (SELECT 3) FROM t",
    "SELECT 1 UNION ALL (SELECT 2 LIMIT 1) INTERSECT VALUES (3), (4) EXCEPT SELECT 5",
    "INSERT INTO t (a, b) VALUES (1, 'x'); SHOW TABLES IN db LIKE 'x'; DESCRIBE FORMATTED t; USE db; "
    "MSCK REPAIR TABLE t; EXPLAIN ANALYZE SELECT 1; DROP TABLE IF EXISTS t; DROP DATABASE d CASCADE",
};

// Every prefix of a valid script parses or fails with SluiceError.
TEST(ErrorTest, EveryPrefixFailsCleanly) {
  for (const char* sql : kCorpus) {
    std::string full = sql;
    ASSERT_NO_THROW(ParseScript(full)) << full;
    for (size_t n = 0; n < full.size(); ++n) {
      try {
        ParseScript(full.substr(0, n));
      } catch (const SluiceError&) {
      } catch (const std::exception& e) {
        ADD_FAILURE() << "non-SluiceError " << e.what() << " for: " << full.substr(0, n);
      }
    }
  }
}

// Random edits of valid scripts (deleted, duplicated and swapped spans,
// injected punctuation) parse or fail with SluiceError.
TEST(ErrorTest, RandomMutationsFailCleanly) {
  std::mt19937 rng(20220801);
  const std::string kInjected[] = {"(", ")", ",", "'", "\"", "SELECT", "FROM", "[", "]", ";", "NOT", "AS",
                                   "((SELECT", "CASE", "END", ".", "*", "--", "/*", "`", "1e", "IN"};
  for (int round = 0; round < 3000; ++round) {
    std::string s = kCorpus[rng() % std::size(kCorpus)];
    for (int edits = 1 + rng() % 4; edits > 0; --edits) {
      size_t at = rng() % (s.size() + 1);
      size_t len = std::min<size_t>(rng() % 12, s.size() - at);
      switch (rng() % 4) {
        case 0: s.erase(at, len); break;
        case 1: s.insert(at, s.substr(at, len)); break;
        case 2: s.insert(at, " " + kInjected[rng() % std::size(kInjected)] + " "); break;
        case 3: {
          size_t other = rng() % (s.size() + 1);
          len = std::min({len, s.size() - other, s.size() - at});
          std::string a = s.substr(at, len);
          s.replace(at, len, s.substr(other, len));
          s.replace(other, len, a);
          break;
        }
      }
    }
    try {
      auto stmts = ParseScript(s);
      for (const auto& stmt : stmts) {
        // Whatever parsed renders without crashing.
        if (stmt->kind == StatementKind::kQuery) static_cast<QueryStatement&>(*stmt).query->ToString();
      }
    } catch (const SluiceError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "non-SluiceError " << e.what() << " for: " << s;
    }
  }
}

}  // namespace
}  // namespace sluice::sql
