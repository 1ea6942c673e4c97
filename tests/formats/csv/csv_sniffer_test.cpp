#include <zstd.h>

#include "formats/csv/csv_test_util.h"
#include "sluice/formats/csv/csv_sniffer.h"

namespace sluice::csv {
namespace {

class CsvSnifferTest : public CsvTest {
 protected:
  SniffResult Sniff(const std::string& name, const std::string& contents, const SniffHints& hints = {}) {
    std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(Write(name, contents));
    return SniffCsv(file, hints);
  }
};

std::vector<std::string> TypeNames(const SniffResult& r) {
  std::vector<std::string> out;
  for (const auto& t : r.types) out.push_back(t.ToString());
  return out;
}

using Names = std::vector<std::string>;

TEST_F(CsvSnifferTest, CommaSeparatedWithHeaderAndTypes) {
  SniffResult r = Sniff("a.csv",
                        "id,Name,price,day,at,ok\n"
                        "1,\"Smith, J\",2.5,2022-08-01,2022-08-01 10:00:00,true\n"
                        "2,Doe,3,2022-08-02,2022-08-02 11:30:00.5,false\n"
                        "3,,,,,\n");
  EXPECT_EQ(r.options.delimiter, ',');
  EXPECT_EQ(r.options.quote, '"');
  EXPECT_TRUE(r.header);
  EXPECT_EQ(r.options.skip_header_lines, 1u);
  EXPECT_EQ(r.names, (Names{"id", "name", "price", "day", "at", "ok"}));
  EXPECT_EQ(TypeNames(r), (Names{"bigint", "varchar", "double", "date", "timestamp(3)", "boolean"}));
}

TEST_F(CsvSnifferTest, OtherDelimiters) {
  EXPECT_EQ(Sniff("p.csv", "a|b|c\n1|x;y|2\n3|z|4\n").options.delimiter, '|');
  EXPECT_EQ(Sniff("s.csv", "a;b\n1,5;x\n2,5;y\n").options.delimiter, ';');
  EXPECT_EQ(Sniff("t.tsv", "a\tb\n1\tx, y\n2\tz\n").options.delimiter, '\t');
  EXPECT_EQ(Sniff("h.txt", "1\001x\n2\001y\n").options.delimiter, '\001');
}

TEST_F(CsvSnifferTest, QuotedDelimitersDecideTheQuote) {
  SniffResult r = Sniff("q.csv", "k,v\n1,'a,b'\n2,'c,d'\n3,'e'\n");
  EXPECT_EQ(r.options.quote, '\'');
  EXPECT_EQ(r.names, (Names{"k", "v"}));
}

TEST_F(CsvSnifferTest, WithoutHeaderColumnsAreNumbered) {
  SniffResult r = Sniff("n.csv", "1,2.5,x\n2,3.5,y\n");
  EXPECT_FALSE(r.header);
  EXPECT_EQ(r.options.skip_header_lines, 0u);
  EXPECT_EQ(r.names, (Names{"column0", "column1", "column2"}));
  EXPECT_EQ(TypeNames(r), (Names{"bigint", "double", "varchar"}));
}

TEST_F(CsvSnifferTest, AllTextColumnsHeaderByDistinctValues) {
  EXPECT_TRUE(Sniff("h.csv", "city,country\nParis,France\nLyon,France\n").header);
  // A first row whose value repeats below is data.
  EXPECT_FALSE(Sniff("d.csv", "Paris,France\nLyon,France\n").header);
}

TEST_F(CsvSnifferTest, HintsWin) {
  SniffHints hints;
  hints.header = false;
  hints.delimiter = ';';
  SniffResult r = Sniff("x.csv", "a;b\n1;2\n", hints);
  EXPECT_FALSE(r.header);
  EXPECT_EQ(TypeNames(r), (Names{"varchar", "varchar"}));
  hints = {};
  hints.skip_lines = 2;
  r = Sniff("y.csv", "report of the day\n\nid,v\n1,2\n", hints);
  EXPECT_TRUE(r.header);
  EXPECT_EQ(r.options.skip_header_lines, 3u);
  EXPECT_EQ(r.names, (Names{"id", "v"}));
}

TEST_F(CsvSnifferTest, DuplicateAndEmptyHeaderNamesAreMadeUnique) {
  SniffResult r = Sniff("u.csv", "a,A,,b\n1,2,3,4\n");
  EXPECT_EQ(r.names, (Names{"a", "a_1", "column2", "b"}));
}

TEST_F(CsvSnifferTest, BomCrlfAndCompressedInput) {
  const std::string text = "\xEF\xBB\xBFid,v\r\n1,x\r\n2,y\r\n";
  SniffResult r = Sniff("b.csv", text);
  EXPECT_EQ(r.names, (Names{"id", "v"}));
  EXPECT_EQ(TypeNames(r), (Names{"bigint", "varchar"}));
  std::string z(ZSTD_compressBound(text.size()), '\0');
  z.resize(ZSTD_compress(z.data(), z.size(), text.data(), text.size(), 1));
  r = Sniff("b.csv.zst", z);
  EXPECT_EQ(r.names, (Names{"id", "v"}));
}

TEST_F(CsvSnifferTest, ASampleCutMidFileUsesWholeLines) {
  std::string text = "id,v\n";
  for (int i = 0; i < 100000; ++i) text += std::to_string(i) + ",\"t " + std::to_string(i) + "\"\n";
  SniffHints hints;
  hints.sample_bytes = 4096;
  SniffResult r = Sniff("big.csv", text, hints);
  EXPECT_EQ(r.names, (Names{"id", "v"}));
  EXPECT_EQ(TypeNames(r), (Names{"bigint", "varchar"}));
}

TEST_F(CsvSnifferTest, EmptyFileIsAnError) {
  try {
    Sniff("e.csv", "");
    FAIL() << "no error";
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadData);
  }
}

}  // namespace
}  // namespace sluice::csv
