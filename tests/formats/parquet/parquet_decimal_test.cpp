// DECIMAL in Parquet: INT32 / INT64 / FIXED_LEN_BYTE_ARRAY by precision, with
// the DECIMAL logical and converted types and min/max statistics; the reader
// also takes BYTE_ARRAY decimals and checks values against the precision.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "sluice/common/error.h"
#include "sluice/formats/parquet/parquet_metadata.h"
#include "sluice/formats/parquet/parquet_reader.h"
#include "sluice/formats/parquet/parquet_writer.h"
#include "sluice/storage/local_file_system.h"
#include "sluice/types/decimal.h"

#include "parquet_test_util.h"

namespace sluice::parquet {
namespace {

class ParquetDecimalTest : public ParquetFileTest {
 protected:

  FileMetaData Footer(const std::string& path) {
    auto file = fs_.OpenForRead(path);
    const uint64_t size = file->Size();
    char tail[8];
    file->ReadAt(size - 8, 8, tail);
    uint32_t len;
    std::memcpy(&len, tail, 4);
    std::string footer(len, '\0');
    file->ReadAt(size - 8 - len, len, footer.data());
    CompactReader r(reinterpret_cast<const uint8_t*>(footer.data()), footer.size(), path);
    return ReadFileMetaData(r);
  }

};

const std::vector<LogicalType> kTypes = {LogicalType::Decimal(5, 1), LogicalType::Decimal(12, 2),
                                         LogicalType::Decimal(19, 0), LogicalType::Decimal(38, 10)};

// Random values across each type's whole range (and its extremes), NULL every 5th row.
DataChunk MakeChunk(size_t rows, std::mt19937_64& rng) {
  DataChunk c(kTypes, rows);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t col = 0; col < kTypes.size(); ++col) {
      const LogicalType t = kTypes[col];
      if ((i + col) % 5 == 0) {
        c.column(col).SetNull(i);
        continue;
      }
      const Int128 limit = PowerOfTen(t.width());
      Int128 v = (static_cast<Int128>(rng() >> 1) << 64 | static_cast<Int128>(rng())) % limit;
      if (i % 97 == 1) v = limit - 1;
      if (i % 89 == 2) v = -(limit - 1);
      if (rng() % 2) v = -v;
      c.column(col).SetValue(i, Value::Decimal(t, v));
    }
  }
  c.SetSize(rows);
  return c;
}

TEST_F(ParquetDecimalTest, RoundTripsEveryWidthWithSpecEncoding) {
  std::string path = Path("d.parquet");
  std::mt19937_64 rng(3);
  std::vector<DataChunk> chunks;
  WriterOptions options;
  options.row_group_size_rows = 3000;
  options.page_size_bytes = 4096;
  {
    ParquetWriter writer(fs_.OpenForWrite(path), {"a", "b", "c", "d"}, kTypes, options);
    for (int k = 0; k < 4; ++k) {
      chunks.push_back(MakeChunk(2048, rng));
      writer.Write(chunks.back());
    }
    writer.Close();
  }
  std::string want;
  for (const auto& c : chunks) want += c.ToString();

  ParquetReader reader(fs_.OpenForRead(path));
  EXPECT_EQ(reader.column_types(), kTypes);
  std::string got;
  for (size_t rg = 0; rg < reader.num_row_groups(); ++rg) {
    reader.ReadRowGroup(rg, {0, 1, 2, 3}, [&](DataChunk& batch) { got += batch.ToString(); });
  }
  EXPECT_EQ(got, want);

  const FileMetaData meta = Footer(path);
  ASSERT_EQ(meta.schema.size(), 5u);
  const int32_t physical[] = {kInt32Type, kInt64Type, kFixedLenByteArrayType, kFixedLenByteArrayType};
  const int32_t lengths[] = {0, 0, 9, 16};  // 2^71 > 10^19 - 1; 2^127 > 10^38 - 1
  for (size_t i = 0; i < kTypes.size(); ++i) {
    const SchemaElement& s = meta.schema[i + 1];
    EXPECT_EQ(s.type.value_or(-1), physical[i]) << s.name;
    if (lengths[i]) {
      EXPECT_EQ(s.type_length.value_or(0), lengths[i]) << s.name;
    }
    EXPECT_EQ(s.converted_type.value_or(-1), kDecimalConverted);
    EXPECT_EQ(s.precision.value_or(0), kTypes[i].width());
    EXPECT_EQ(s.scale.value_or(-1), kTypes[i].scale());
    EXPECT_EQ(s.logical.kind, LogicalTypeInfo::kDecimal);
    EXPECT_EQ(s.logical.precision, kTypes[i].width());
    EXPECT_EQ(s.logical.scale, kTypes[i].scale());
  }
}

TEST_F(ParquetDecimalTest, StatisticsAreSignedMinMax) {
  std::string path = Path("stats.parquet");
  const std::vector<std::string> values = {"-3.5", "12.25", "-100.75", "7"};
  std::vector<LogicalType> types = {LogicalType::Decimal(6, 2), LogicalType::Decimal(14, 2),
                                    LogicalType::Decimal(30, 2)};
  DataChunk c(types, values.size() + 1);
  for (size_t col = 0; col < types.size(); ++col) {
    for (size_t i = 0; i < values.size(); ++i) {
      Int128 v;
      ASSERT_EQ(ParseDecimal(values[i].data(), values[i].size(), types[col].width(), 2, &v), DecimalParseResult::kOk);
      c.column(col).SetValue(i, Value::Decimal(types[col], v));
    }
    c.column(col).SetNull(values.size());
  }
  c.SetSize(values.size() + 1);
  {
    ParquetWriter writer(fs_.OpenForWrite(path), {"a", "b", "c"}, types);
    writer.Write(c);
    writer.Close();
  }
  ParquetReader reader(fs_.OpenForRead(path));
  for (size_t col = 0; col < types.size(); ++col) {
    ColumnChunkStats s = reader.column_stats(0, col);
    EXPECT_EQ(s.min.ToString(), "-100.75") << col;
    EXPECT_EQ(s.max.ToString(), "12.25") << col;
    EXPECT_EQ(s.min.type(), types[col]);
    EXPECT_EQ(s.null_count, 1);
  }
}

// A file as other writers may produce it: a REQUIRED BYTE_ARRAY decimal with
// only the converted type, and minimal big-endian bytes per value.
std::string ByteArrayDecimalFile(const std::vector<std::string>& values, int precision, int scale) {
  std::string body;
  for (const auto& v : values) {
    const uint32_t n = static_cast<uint32_t>(v.size());
    body.append(reinterpret_cast<const char*>(&n), 4);
    body += v;
  }
  PageHeader page;
  page.type = kDataPage;
  page.uncompressed_size = page.compressed_size = static_cast<int32_t>(body.size());
  page.data.num_values = static_cast<int32_t>(values.size());
  page.data.encoding = kPlain;
  CompactWriter header;
  WritePageHeader(page, header);

  FileMetaData meta;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  SchemaElement leaf;
  leaf.type = kByteArrayType;
  leaf.repetition = 0;
  leaf.name = "d";
  leaf.converted_type = kDecimalConverted;
  leaf.precision = precision;
  leaf.scale = scale;
  meta.schema = {root, leaf};
  meta.num_rows = static_cast<int64_t>(values.size());
  RowGroup rg;
  rg.num_rows = meta.num_rows;
  ColumnChunk chunk;
  chunk.file_offset = 4;
  chunk.meta.type = kByteArrayType;
  chunk.meta.encodings = {kPlain};
  chunk.meta.path = {"d"};
  chunk.meta.num_values = meta.num_rows;
  chunk.meta.total_uncompressed_size = chunk.meta.total_compressed_size =
      static_cast<int64_t>(header.buffer().size() + body.size());
  chunk.meta.data_page_offset = 4;
  rg.columns = {chunk};
  meta.row_groups = {rg};
  CompactWriter footer;
  WriteFileMetaData(meta, footer);

  std::string file = "PAR1" + std::string(header.buffer().data(), header.buffer().size()) + body;
  file.append(footer.buffer().data(), footer.buffer().size());
  const uint32_t len = static_cast<uint32_t>(footer.buffer().size());
  file.append(reinterpret_cast<const char*>(&len), 4);
  return file + "PAR1";
}

TEST_F(ParquetDecimalTest, ReadsByteArrayDecimals) {
  // 1.00, -0.01 (0xFF), 0, 2^64 = 184467440737095516.16, -1.28 (0xFF80, sign extended).
  const std::vector<std::string> values = {std::string("\x64", 1), std::string("\xFF", 1), std::string(),
                                           std::string("\x01\x00\x00\x00\x00\x00\x00\x00\x00", 9),
                                           std::string("\xFF\xFF\xFF\x80", 4)};
  std::string path = Path("ba.parquet");
  fs_.WriteAll(path, ByteArrayDecimalFile(values, 20, 2));
  ParquetReader reader(fs_.OpenForRead(path));
  ASSERT_EQ(reader.column_types(), std::vector<LogicalType>{LogicalType::Decimal(20, 2)});
  std::vector<std::string> got;
  reader.ReadRowGroup(0, {0}, [&](DataChunk& batch) {
    for (size_t i = 0; i < batch.size(); ++i) got.push_back(batch.column(0).GetValue(i).ToString());
  });
  EXPECT_EQ(got, (std::vector<std::string>{"1.00", "-0.01", "0.00", "184467440737095516.16", "-1.28"}));
}

TEST_F(ParquetDecimalTest, ValuesBeyondThePrecisionAreCorrupt) {
  std::string path = Path("wide.parquet");
  fs_.WriteAll(path, ByteArrayDecimalFile({std::string("\x03\xE8", 2)}, 3, 0));  // 1000 in decimal(3,0)
  ParquetReader reader(fs_.OpenForRead(path));
  try {
    reader.ReadRowGroup(0, {0}, [](DataChunk&) {});
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kCorruptFile);
    EXPECT_NE(e.message().find("out of range for decimal(3,0)"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace sluice::parquet
