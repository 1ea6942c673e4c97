#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "sluice/common/error.h"
#include "sluice/formats/parquet/parquet_reader.h"
#include "sluice/formats/parquet/parquet_writer.h"
#include "sluice/storage/local_file_system.h"

#include "parquet_test_util.h"

namespace sluice::parquet {
namespace {

class ParquetTest : public ParquetFileTest {
 protected:

  // Every type, with NULLs every 7th row; strings repeat (dictionary) or not.
  static DataChunk MakeChunk(size_t rows, size_t offset, bool unique_strings) {
    std::vector<LogicalType> types = {LogicalType::Boolean(), LogicalType::Tinyint(), LogicalType::Smallint(),
                                      LogicalType::Integer(), LogicalType::Bigint(), LogicalType::Real(),
                                      LogicalType::Double(), LogicalType::Varchar(), LogicalType::Date(),
                                      LogicalType::Timestamp()};
    DataChunk c(types, rows);
    for (size_t i = 0; i < rows; ++i) {
      size_t v = offset + i;
      for (size_t col = 0; col < types.size(); ++col) {
        if ((v + col) % 7 == 0) {
          c.column(col).SetNull(i);
          continue;
        }
        Value value;
        switch (types[col].id()) {
          case TypeId::kBoolean: value = Value::Boolean(v % 2); break;
          case TypeId::kTinyint: value = Value::Integer(types[col], static_cast<int8_t>(v)); break;
          case TypeId::kSmallint: value = Value::Integer(types[col], static_cast<int16_t>(v * 3)); break;
          case TypeId::kInteger: value = Value::Integer(types[col], static_cast<int32_t>(v * 1000) - 5); break;
          case TypeId::kBigint: value = Value::Bigint(static_cast<int64_t>(v) * 10000000000LL); break;
          case TypeId::kReal: value = Value::Real(static_cast<float>(v) / 4); break;
          case TypeId::kDouble: value = Value::Double(static_cast<double>(v) / 3); break;
          case TypeId::kVarchar:
            value = Value::Varchar(unique_strings ? "unique string number " + std::to_string(v)
                                                  : "group-" + std::to_string(v % 13));
            break;
          case TypeId::kDate: value = Value::Date(static_cast<int32_t>(v % 20000)); break;
          case TypeId::kTimestamp: value = Value::Timestamp(static_cast<int64_t>(v) * 1234567); break;
          default: break;
        }
        c.column(col).SetValue(i, value);
      }
    }
    c.SetSize(rows);
    return c;
  }

  std::vector<std::string> ReadAll(const std::string& path) {
    auto reader = ParquetReader(fs_.OpenForRead(path));
    std::vector<size_t> cols;
    for (size_t i = 0; i < reader.column_names().size(); ++i) cols.push_back(i);
    std::vector<std::string> rows;
    for (size_t rg = 0; rg < reader.num_row_groups(); ++rg) {
      reader.ReadRowGroup(rg, cols, [&](DataChunk& batch) {
        std::string s = batch.ToString();
        size_t start = 0;
        while (start < s.size()) {
          size_t end = s.find('\n', start);
          rows.push_back(s.substr(start, end - start));
          start = end + 1;
        }
      });
    }
    return rows;
  }

};

const std::vector<std::string> kNames = {"b", "t", "s", "i", "l", "r", "d", "v", "dt", "ts"};

TEST_F(ParquetTest, EveryTypeAndCodecRoundTrips) {
  for (Codec codec : {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd, Codec::kLz4Raw}) {
    std::string path = Path("all_" + std::to_string(static_cast<int>(codec)) + ".parquet");
    WriterOptions options;
    options.codec = codec;
    options.row_group_size_rows = 3000;  // several row groups
    options.page_size_bytes = 4096;      // several pages per chunk
    DataChunk expected = MakeChunk(10000, 0, false);
    {
      ParquetWriter writer(fs_.OpenForWrite(path), kNames, expected.Types(), options);
      for (size_t start = 0; start < 10000; start += 2048) {
        writer.Write(MakeChunk(std::min<size_t>(2048, 10000 - start), start, false));
      }
      writer.Close();
    }
    ParquetReader reader(fs_.OpenForRead(path));
    EXPECT_EQ(reader.num_rows(), 10000);
    EXPECT_EQ(reader.num_row_groups(), 3u);  // flushed after 4096, 8192 and 10000 rows
    EXPECT_EQ(reader.column_types(), expected.Types());
    std::string want = expected.ToString();
    std::string got;
    for (auto& line : ReadAll(path)) got += line + "\n";
    EXPECT_EQ(got, want) << "codec " << static_cast<int>(codec);
  }
}

TEST_F(ParquetTest, DictionaryFallsBackToPlainAndStatisticsHold) {
  std::string path = Path("fallback.parquet");
  DataChunk chunk = MakeChunk(2048, 0, true);
  {
    ParquetWriter writer(fs_.OpenForWrite(path), kNames, chunk.Types());
    // ~60k distinct strings of ~25 bytes: a dictionary would not pay.
    for (size_t start = 0; start < 60000; start += 2048) writer.Write(MakeChunk(2048, start, true));
    writer.Close();
  }
  auto rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 61440u);
  EXPECT_EQ(rows[61438].substr(0, 5), "false");  // row 61439 is a NULL row
  ParquetReader reader(fs_.OpenForRead(path));
  ColumnChunkStats s = reader.column_stats(0, 3);  // integer column
  EXPECT_EQ(s.min.ToString(), "-5");
  EXPECT_EQ(s.max.ToString(), std::to_string(61439 * 1000 - 5));
  EXPECT_GT(s.null_count, 0);
  ColumnChunkStats v = reader.column_stats(0, 7);
  EXPECT_EQ(v.min.ToString(), "unique string number 1");  // row 0 is NULL
  EXPECT_EQ(v.max.ToString(), "unique string number 9999");
}

// Dictionary-encoded strings reach the engine in dictionary form, with codes
// that name each row's value; batches that mix in PLAIN pages (after the
// writer's fallback) are plain.
TEST_F(ParquetTest, DictionaryEncodedStringsKeepTheirCodes) {
  for (bool unique : {false, true}) {
    std::string path = Path(unique ? "fallback.parquet" : "dictionary.parquet");
    WriterOptions options;
    options.row_group_size_rows = 30000;  // several row groups, several dictionaries
    options.page_size_bytes = 4096;
    {
      ParquetWriter writer(fs_.OpenForWrite(path), kNames, MakeChunk(1, 0, unique).Types(), options);
      for (size_t start = 0; start < 60000; start += 2048) writer.Write(MakeChunk(2048, start, unique));
      writer.Close();
    }
    ParquetReader reader(fs_.OpenForRead(path));
    size_t coded = 0, plain = 0;
    for (size_t rg = 0; rg < reader.num_row_groups(); ++rg) {
      reader.ReadRowGroup(rg, {7}, [&](DataChunk& batch) {
        const Vector& v = batch.column(0);
        if (!v.dictionary()) {
          ++plain;
          return;
        }
        ++coded;
        for (size_t i = 0; i < batch.size(); ++i) {
          if (v.IsNull(i)) continue;
          ASSERT_LT(v.dictionary_codes()[i], v.dictionary()->capacity());
          ASSERT_EQ(v.dictionary()->GetValue(v.dictionary_codes()[i]).ToString(), v.GetValue(i).ToString());
        }
      });
    }
    if (unique) {
      EXPECT_GT(plain, 0u);  // 60k distinct strings outgrow the dictionary
    } else {
      EXPECT_EQ(plain, 0u);
      EXPECT_GT(coded, 20u);
    }
  }
}

TEST_F(ParquetTest, AbortLeavesNoFile) {
  std::string path = Path("aborted.parquet");
  {
    ParquetWriter writer(fs_.OpenForWrite(path), {"x"}, {LogicalType::Integer()});
    DataChunk c({LogicalType::Integer()});
    c.SetSize(10);
    writer.Write(c);
    writer.Abort();
  }
  EXPECT_FALSE(fs_.Exists(path));
  EXPECT_TRUE(fs_.List(dir_.string(), true).empty());
}

// Truncations, bad magic and random byte flips must raise SluiceError, never crash.
TEST_F(ParquetTest, CorruptFilesGiveErrorsNotCrashes) {
  std::string path = Path("good.parquet");
  DataChunk chunk = MakeChunk(3000, 0, false);
  {
    WriterOptions options;
    options.page_size_bytes = 2048;
    ParquetWriter writer(fs_.OpenForWrite(path), kNames, chunk.Types(), options);
    writer.Write(chunk);
    writer.Close();
  }
  std::string good = fs_.ReadAll(path);
  auto try_read = [&](const std::string& bytes) {
    std::string p = Path("bad.parquet");
    fs_.Delete(p);
    fs_.WriteAll(p, bytes);
    try {
      ReadAll(p);
      return true;
    } catch (const SluiceError& e) {
      EXPECT_TRUE(e.code() == ErrorCode::kCorruptFile || e.code() == ErrorCode::kNotSupported ||
                  e.code() == ErrorCode::kIoError)
          << e.Describe();
      return false;
    }
  };
  EXPECT_FALSE(try_read(good.substr(0, good.size() - 3)));
  EXPECT_FALSE(try_read(good.substr(0, 100)));
  EXPECT_FALSE(try_read("PAR1"));
  std::string bad_magic = good;
  bad_magic[bad_magic.size() - 1] = 'X';
  EXPECT_FALSE(try_read(bad_magic));
  std::string bad_len = good;
  bad_len[bad_len.size() - 6] = '\x7f';
  EXPECT_FALSE(try_read(bad_len));
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string mutated = good;
    for (int k = 0; k < 4; ++k) mutated[rng() % mutated.size()] = static_cast<char>(rng());
    try_read(mutated);  // either reads (bytes in values) or reports the damage
  }
}

}  // namespace
}  // namespace sluice::parquet
