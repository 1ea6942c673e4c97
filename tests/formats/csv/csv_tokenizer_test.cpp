// The AVX2 tokenizer against the byte-at-a-time one on random input made of
// the characters that matter (quotes, delimiters, newlines, escapes, '\r').
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "sluice/formats/csv/csv_block.h"
#include "sluice/formats/csv/csv_tokenizer.h"

namespace sluice::csv {
namespace {

// Everything a tokenizer call produced, for comparison.
struct Outcome {
  TokenizeStop stop;
  size_t next;
  std::vector<std::vector<uint32_t>> rows;  // start, field count, then kept field bounds

  bool operator==(const Outcome&) const = default;
};

std::string Describe(const Outcome& o) {
  std::string s = "stop=" + std::to_string(static_cast<int>(o.stop)) + " next=" + std::to_string(o.next);
  for (const auto& row : o.rows) {
    s += "\n ";
    for (uint32_t v : row) s += " " + std::to_string(v);
  }
  return s;
}

Outcome Tokenize(const CsvTokenizer& tokenizer, const std::string& text, size_t begin, bool at_eof,
            size_t stop_at, size_t columns, size_t max_rows) {
  // The padding the tokenizer may read, as in a CsvBlock.
  std::string padded = text + std::string(CsvBlock::kPadding, '\0');
  RowBounds rows(64);
  TokenizeResult r = tokenizer.Tokenize(padded.data(), begin, text.size(), at_eof, stop_at, rows, max_rows);
  Outcome o{r.stop, r.next, {}};
  for (size_t i = 0; i < rows.rows(); ++i) {
    std::vector<uint32_t> row = {rows.RowStart(i), rows.FieldCount(i)};
    for (size_t c = 0; c < columns && c < rows.FieldCount(i); ++c) {
      row.push_back(rows.FieldStart(i, c));
      row.push_back(rows.FieldEnd(i, c));
    }
    o.rows.push_back(row);
  }
  return o;
}

std::vector<std::string> Fields(const std::string& text, const CsvOptions& options, size_t columns) {
  CsvTokenizer t(options, columns);
  std::string padded = text + std::string(CsvBlock::kPadding, '\0');
  RowBounds rows(64);
  t.Tokenize(padded.data(), 0, text.size(), true, SIZE_MAX, rows, 64);
  std::vector<std::string> out;
  for (size_t i = 0; i < rows.rows(); ++i) {
    std::string row;
    for (size_t c = 0; c < columns; ++c) {
      if (c) row += "|";
      row += c < rows.FieldCount(i) ? text.substr(rows.FieldStart(i, c), rows.FieldEnd(i, c) - rows.FieldStart(i, c))
                                    : "<missing>";
    }
    out.push_back(row);
  }
  return out;
}

TEST(CsvTokenizerTest, FieldsAreRawSpans) {
  CsvOptions o;
  EXPECT_EQ(Fields("a,\"b,c\",d\r\n\"e\nf\",,\n", o, 3),
            (std::vector<std::string>{"a|\"b,c\"|d", "\"e\nf\"||"}));
  EXPECT_EQ(Fields("a\n\n\r\nb,c", o, 2), (std::vector<std::string>{"a|<missing>", "b|c"}));
  EXPECT_EQ(Fields("a,b,c,d\n", o, 2), (std::vector<std::string>{"a|b"}));
  EXPECT_EQ(Fields("x\"y,z\n", o, 2), (std::vector<std::string>{"x\"y|z"}));
  o.escape = '\\';
  EXPECT_EQ(Fields("a\\,b,c\\\nd\n", o, 2), (std::vector<std::string>{"a\\,b|c\\\nd"}));
}

TEST(CsvTokenizerTest, StopsAtSplitEndRowLimitAndMissingData) {
  CsvOptions o;
  CsvTokenizer t(o, 2);
  std::string text = "a,1\nb,2\nc,3\n" + std::string(CsvBlock::kPadding, '\0');
  RowBounds rows(64);
  TokenizeResult r = t.Tokenize(text.data(), 0, 12, true, 5, rows, 64);
  EXPECT_EQ(r.stop, TokenizeStop::kSplitEnd);
  EXPECT_EQ(r.next, 8u);  // the row at 4 started before 5, so it is ours
  EXPECT_EQ(rows.rows(), 2u);
  r = t.Tokenize(text.data(), 4, 12, true, SIZE_MAX, rows, 1);
  EXPECT_EQ(r.stop, TokenizeStop::kFull);
  EXPECT_EQ(r.next, 8u);
  EXPECT_EQ(rows.rows(), 1u);
  r = t.Tokenize(text.data(), 0, 10, false, SIZE_MAX, rows, 64);
  EXPECT_EQ(r.stop, TokenizeStop::kNeedMore);
  EXPECT_EQ(r.next, 8u);
  EXPECT_EQ(rows.rows(), 2u);
  r = t.Tokenize(text.data(), 0, 10, true, SIZE_MAX, rows, 64);
  EXPECT_EQ(r.stop, TokenizeStop::kEndOfData);
  EXPECT_EQ(rows.rows(), 3u);
  std::string open = "a,\"b\n" + std::string(CsvBlock::kPadding, '\0');
  EXPECT_EQ(t.Tokenize(open.data(), 0, 5, true, SIZE_MAX, rows, 64).stop, TokenizeStop::kUnterminatedQuote);
  EXPECT_EQ(t.Tokenize(open.data(), 0, 5, false, SIZE_MAX, rows, 64).stop, TokenizeStop::kNeedMore);
}

TEST(CsvTokenizerTest, SimdMatchesByteAtATimeOnRandomInput) {
  std::mt19937_64 rng(1234);
  const std::string alphabets[] = {
      "aaaaaaab,,,\n\"",          // mostly text
      "a,\"\n",                   // dense structure
      "ab,\"\"\"\n\r\\ ",         // quotes, CR, escapes
      "a,\n\r",                   // no quotes
  };
  int cases = 0;
  for (int iter = 0; iter < 6000; ++iter) {
    const std::string& alphabet = alphabets[iter % 4];
    const size_t length = rng() % 300;
    std::string text;
    for (size_t i = 0; i < length; ++i) text += alphabet[rng() % alphabet.size()];
    CsvOptions options;
    options.quote = rng() % 5 == 0 ? '\0' : '"';
    options.escape = rng() % 3 == 0 ? '\\' : '\0';
    const size_t columns = rng() % 5;
    const bool at_eof = rng() % 2;
    const size_t stop_at = rng() % 4 == 0 ? rng() % (length + 1) : SIZE_MAX;
    const size_t max_rows = 1 + rng() % 64;
    // Start at 0 or at a row start found by the reference.
    CsvTokenizer scalar(options, columns);
    scalar.ForceScalarForTesting(true);
    CsvTokenizer simd(options, columns);
    size_t begin = 0;
    for (int hop = 0; hop < 3; ++hop) {
      Outcome expected = Tokenize(scalar, text, begin, at_eof, stop_at, columns, max_rows);
      Outcome actual = Tokenize(simd, text, begin, at_eof, stop_at, columns, max_rows);
      ASSERT_EQ(actual, expected) << "text: " << ::testing::PrintToString(text) << " begin " << begin
                                  << "\nexpected " << Describe(expected) << "\nactual " << Describe(actual);
      ++cases;
      if (expected.stop != TokenizeStop::kFull) break;
      begin = expected.next;
    }
  }
  EXPECT_GT(cases, 6000);
}

TEST(CsvTokenizerTest, LongInputsCrossManyChunks) {
  // Quoted sections and escapes that span 64-byte chunk boundaries.
  std::mt19937_64 rng(99);
  for (int iter = 0; iter < 200; ++iter) {
    std::string text;
    while (text.size() < 5000) {
      switch (rng() % 6) {
        case 0: text += "\"" + std::string(rng() % 150, 'q') + "\"\"" + std::string(rng() % 80, ',') + "\""; break;
        case 1: text += std::string(rng() % 100, 'x'); break;
        case 2: text += ","; break;
        case 3: text += rng() % 2 ? "\n" : "\r\n"; break;
        case 4: text += "\\" + std::string(1, ",\n\"\\"[rng() % 4]); break;
        default: text += "a\"b"; break;
      }
    }
    CsvOptions options;
    options.escape = iter % 2 ? '\\' : '\0';
    CsvTokenizer scalar(options, 3);
    scalar.ForceScalarForTesting(true);
    CsvTokenizer simd(options, 3);
    size_t begin = 0;
    for (;;) {
      Outcome expected = Tokenize(scalar, text, begin, true, SIZE_MAX, 3, 64);
      Outcome actual = Tokenize(simd, text, begin, true, SIZE_MAX, 3, 64);
      ASSERT_EQ(actual, expected) << "iteration " << iter << " begin " << begin;
      if (expected.stop != TokenizeStop::kFull) break;
      begin = expected.next;
    }
  }
}

}  // namespace
}  // namespace sluice::csv
