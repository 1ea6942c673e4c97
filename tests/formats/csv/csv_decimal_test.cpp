// DECIMAL columns of CSV files: parsed from the text into the unscaled
// integer, extra fraction digits rounded half up, bad values NULL or an error.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "csv_test_util.h"
#include "sluice/types/decimal.h"

namespace sluice::csv {
namespace {

class CsvDecimalTest : public CsvTest {};

const LogicalType kMoney = LogicalType::Decimal(12, 2);
const LogicalType kWide = LogicalType::Decimal(38, 10);

TEST_F(CsvDecimalTest, ParsesShortAndLongDecimals) {
  std::string path = Write("d.csv",
                           "12.50,12345678901234567890123456.0123456789\n"
                           "-0.05,-1\n"
                           "1.005,0.00000000005\n"
                           ",\n"
                           " 3.5 ,99999999999999999999999999.9999999999\n"
                           "1.5e2,1.23456789016\n"
                           "\"4.25\",+7\n"
                           "-1.005,-0.00000000005\n");
  EXPECT_EQ(Read(path, {kMoney, kWide}), (std::vector<std::string>{
                                             "12.50|12345678901234567890123456.0123456789",
                                             "-0.05|-1.0000000000",
                                             "1.01|0.0000000001",
                                             "NULL|NULL",
                                             "3.50|99999999999999999999999999.9999999999",
                                             "150.00|1.2345678902",
                                             "4.25|7.0000000000",
                                             "-1.01|-0.0000000001",
                                         }));
}

TEST_F(CsvDecimalTest, StoresUnscaledIntegersOfThePhysicalWidth) {
  std::string path = Write("d.csv", "9999999999.99,-99999999999999999999999999.9999999999\n");
  std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
  CsvReader reader(file, PlanSplits(path, file->Size(), 0)[0], CsvOptions{}, {kMoney, kWide}, {0, 1});
  DataChunk chunk({kMoney, kWide});
  ASSERT_TRUE(reader.Next(chunk));
  ASSERT_EQ(chunk.size(), 1u);
  EXPECT_EQ(chunk.column(0).data<int64_t>()[0], 999999999999);
  EXPECT_TRUE(chunk.column(1).data<Int128>()[0] == -(PowerOfTen(36) - 1));
}

TEST_F(CsvDecimalTest, BadValuesAreNullByDefault) {
  std::string path = Write("d.csv", "abc\n12345678901.00\n1.2.3\n5\n-\n.\n1e\n12,5\n");
  EXPECT_EQ(Read(path, {kMoney}),
            (std::vector<std::string>{"NULL", "NULL", "NULL", "5.00", "NULL", "NULL", "NULL", "12.00"}));
}

TEST_F(CsvDecimalTest, BadValueErrorsSayWhatIsWrong) {
  ReadSpec spec;
  spec.options.error_on_bad_value = true;
  std::string garbage = Write("garbage.csv", "1.00\nabc\n");
  EXPECT_NE(ReadError(garbage, {kMoney}, spec).find("value 'abc' is not a valid decimal(12,2)"), std::string::npos)
      << ReadError(garbage, {kMoney}, spec);
  std::string wide = Write("wide.csv", "1.00\n12345678901.00\n");
  EXPECT_NE(ReadError(wide, {kMoney}, spec).find("value '12345678901.00' is out of range for decimal(12,2)"),
            std::string::npos)
      << ReadError(wide, {kMoney}, spec);
  // Rounding that carries into a new integer digit is out of range too.
  std::string carry = Write("carry.csv", "9999999999.995\n");
  EXPECT_NE(ReadError(carry, {kMoney}, spec).find("is out of range for decimal(12,2)"), std::string::npos);
  // Empty is NULL even in this mode.
  std::string empty = Write("empty.csv", ",1\n\"\",2\n");
  EXPECT_EQ(Read(empty, {kMoney, kMoney}, spec), (std::vector<std::string>{"NULL|1.00", "NULL|2.00"}));
}

// The reader's SWAR path for short decimals must agree with ParseDecimal
// (what casts use) on every kind of text, right at the block's padding.
TEST_F(CsvDecimalTest, FastPathAgreesWithTheCast) {
  std::mt19937_64 rng(17);
  for (const LogicalType t : {LogicalType::Decimal(9, 2), LogicalType::Decimal(18, 5), LogicalType::Decimal(4, 4),
                              LogicalType::Decimal(12, 0)}) {
    std::string file;
    std::vector<std::string> expected;
    for (int i = 0; i < 5000; ++i) {
      std::string text = rng() % 4 == 0 ? "-" : (rng() % 8 == 0 ? "+" : "");
      const int int_digits = static_cast<int>(rng() % 11);
      const int frac_digits = static_cast<int>(rng() % 10);
      for (int d = 0; d < int_digits; ++d) text += static_cast<char>('0' + rng() % 10);
      if (frac_digits > 0 || rng() % 4 == 0) text += ".";
      for (int d = 0; d < frac_digits; ++d) text += static_cast<char>('0' + rng() % 10);
      if (rng() % 50 == 0) text += "x";
      if (text.empty()) text = ".";  // an empty line is no row at all
      file += text + "\n";
      Int128 v;
      expected.push_back(ParseDecimal(text.data(), text.size(), t.width(), t.scale(), &v) == DecimalParseResult::kOk
                             ? FormatDecimal(v, t.scale())
                             : "NULL");
    }
    EXPECT_EQ(Read(Write("r.csv", file), {t}), expected) << t.ToString();
  }
}

TEST_F(CsvDecimalTest, NullStringIsCheckedBeforeParsing) {
  ReadSpec spec;
  spec.options.null_string = "0";
  spec.options.null_string_set = true;
  std::string path = Write("d.csv", "0\n0.0\n");
  EXPECT_EQ(Read(path, {kMoney}, spec), (std::vector<std::string>{"NULL", "0.00"}));
}

}  // namespace
}  // namespace sluice::csv
