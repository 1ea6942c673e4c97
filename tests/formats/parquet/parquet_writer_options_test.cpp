// The writer's encodings, page versions and page index, and the reader's
// pruning with them: every file written here is read back exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

#include "sluice/formats/parquet/parquet_reader.h"
#include "sluice/formats/parquet/parquet_writer.h"
#include "sluice/storage/local_file_system.h"

#include "parquet_test_util.h"

namespace sluice::parquet {
namespace {

class ParquetWriterOptionsTest : public ParquetFileTest {
 protected:

  // id (sorted bigint), grp (varchar, 10 values), val (double, NULL every
  // 5th row), code (integer, random-ish), day (date, clustered).
  static DataChunk Rows(size_t start, size_t n) {
    DataChunk c({LogicalType::Bigint(), LogicalType::Varchar(), LogicalType::Double(), LogicalType::Integer(),
                 LogicalType::Date()},
                n);
    for (size_t i = 0; i < n; ++i) {
      const size_t r = start + i;
      c.column(0).SetValue(i, Value::Bigint(static_cast<int64_t>(r)));
      c.column(1).SetValue(i, Value::Varchar("group-" + std::to_string(r % 10)));
      if (r % 5 == 0) c.column(2).SetNull(i);
      else c.column(2).SetValue(i, Value::Double(static_cast<double>(r) / 8));
      c.column(3).SetValue(i, Value::Integer(LogicalType::Integer(), static_cast<int32_t>((r * 2654435761u) % 100000)));
      c.column(4).SetValue(i, Value::Date(static_cast<int32_t>(18000 + r / 1000)));
    }
    c.SetSize(n);
    return c;
  }

  void Write(const std::string& path, size_t rows, WriterOptions options) {
    ParquetWriter w(fs_.OpenForWrite(path), {"id", "grp", "val", "code", "day"},
                    {LogicalType::Bigint(), LogicalType::Varchar(), LogicalType::Double(), LogicalType::Integer(),
                     LogicalType::Date()},
                    options);
    for (size_t start = 0; start < rows; start += kVectorSize) w.Write(Rows(start, std::min(kVectorSize, rows - start)));
    w.Close();
  }

  static std::unique_ptr<ParquetReader> Open(const std::string& path) {
    auto fs = std::make_shared<LocalFileSystem>();
    return std::make_unique<ParquetReader>(fs->OpenForRead(path));
  }

  // Every row of the file, rendered; checks them against Rows().
  static void ExpectAllRows(const ParquetReader& r, size_t rows) {
    size_t seen = 0;
    for (size_t rg = 0; rg < r.num_row_groups(); ++rg) {
      r.ReadRowGroup(rg, {0, 1, 2, 3, 4}, [&](DataChunk& batch) {
        DataChunk want = Rows(seen, batch.size());
        ASSERT_EQ(batch.ToString(), want.ToString());
        seen += batch.size();
      });
    }
    EXPECT_EQ(seen, rows);
  }

  static bool HasEncoding(const ColumnMetaData& md, int32_t e) {
    return std::find(md.encodings.begin(), md.encodings.end(), e) != md.encodings.end();
  }

};

TEST_F(ParquetWriterOptionsTest, ChoosesEncodingsThatPay) {
  WriterOptions o;
  o.row_group_size_rows = 50'000;
  Write(Path("a.parquet"), 120'000, o);
  auto r = Open(Path("a.parquet"));
  ASSERT_EQ(r->num_row_groups(), 3u);
  const RowGroup& rg = r->metadata().row_groups[0];
  // Sorted ids: the dictionary stops paying, deltas of 1 pack into nothing.
  EXPECT_TRUE(HasEncoding(rg.columns[0].meta, kDeltaBinaryPacked));
  EXPECT_FALSE(rg.columns[0].meta.dictionary_page_offset.has_value());
  // Ten strings: a dictionary, whose size is the exact distinct count.
  EXPECT_TRUE(HasEncoding(rg.columns[1].meta, kRleDictionary));
  EXPECT_EQ(rg.columns[1].meta.statistics.distinct_count.value_or(-1), 10);
  // Clustered dates: dictionary too (50 days per row group).
  EXPECT_TRUE(HasEncoding(rg.columns[4].meta, kRleDictionary));
  ExpectAllRows(*r, 120'000);
  EXPECT_EQ(r->metadata().key_value.size(), 1u);
}

// Customer-like keys (ids drawn at random from a bounded set: most are new
// early in the row group) keep their dictionary; distinct doubles lose it,
// also in a row group too short for the writer's running checks.
TEST_F(ParquetWriterOptionsTest, DictionaryKeptForBoundedKeysAndDroppedWhenItCannotPay) {
  for (auto [rows, customers] : {std::pair<size_t, uint32_t>{120'000, 50'000}, {30'000, 20'000}}) {
    const std::string path = Path("keys" + std::to_string(rows) + ".parquet");
    std::mt19937 random(7);
    std::uniform_int_distribution<uint32_t> customer(0, customers - 1);
    {
      ParquetWriter w(fs_.OpenForWrite(path), {"customer", "amount"}, {LogicalType::Varchar(), LogicalType::Double()});
      for (size_t start = 0; start < rows; start += kVectorSize) {
        const size_t n = std::min(kVectorSize, rows - start);
        DataChunk c({LogicalType::Varchar(), LogicalType::Double()}, n);
        for (size_t i = 0; i < n; ++i) {
          const uint64_t r = start + i;
          c.column(0).SetValue(i, Value::Varchar("customer-" + std::to_string(customer(random))));
          c.column(1).SetValue(i, Value::Double(static_cast<double>(r) * 1.37));
        }
        c.SetSize(n);
        w.Write(c);
      }
      w.Close();
    }
    auto r = Open(path);
    ASSERT_EQ(r->num_row_groups(), 1u);
    const RowGroup& rg = r->metadata().row_groups[0];
    EXPECT_TRUE(HasEncoding(rg.columns[0].meta, kRleDictionary)) << rows << " rows";
    EXPECT_FALSE(rg.columns[1].meta.dictionary_page_offset.has_value()) << rows << " rows";
  }
}

TEST_F(ParquetWriterOptionsTest, PageVersionTwoAndNoDictionaryReadBack) {
  for (int version : {1, 2}) {
    for (bool dictionary : {true, false}) {
      WriterOptions o;
      o.page_version = version;
      o.dictionary = dictionary;
      o.codec = version == 2 ? Codec::kZstd : Codec::kGzip;
      o.row_group_size_rows = 30'000;
      const std::string path = Path("v" + std::to_string(version) + (dictionary ? "d" : "p") + ".parquet");
      Write(path, 70'000, o);
      auto r = Open(path);
      SCOPED_TRACE(path);
      const ColumnMetaData& grp = r->metadata().row_groups[0].columns[1].meta;
      EXPECT_EQ(HasEncoding(grp, kRleDictionary), dictionary);
      if (!dictionary) {
        EXPECT_TRUE(HasEncoding(grp, kDeltaLengthByteArray));
      }
      ExpectAllRows(*r, 70'000);
    }
  }
}

TEST_F(ParquetWriterOptionsTest, PageIndexSelectsRows) {
  WriterOptions o;
  o.page_row_limit = 1000;
  Write(Path("p.parquet"), 40'000, o);
  auto r = Open(Path("p.parquet"));
  ASSERT_EQ(r->num_row_groups(), 1u);
  const ColumnChunk& id = r->metadata().row_groups[0].columns[0];
  ASSERT_TRUE(id.column_index_offset.has_value());
  ASSERT_TRUE(id.offset_index_offset.has_value());

  RangePredicate between_lo{0, RangePredicate::Op::kGreaterEqual, {Value::Bigint(12'345)}};
  RangePredicate between_hi{0, RangePredicate::Op::kLess, {Value::Bigint(14'100)}};
  std::vector<RowRange> rows = r->MatchingRows(0, {between_lo, between_hi});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].begin, 12'000u);  // pages of 1000 rows
  EXPECT_EQ(rows[0].end, 15'000u);

  // Reading only those rows gives exactly them.
  auto group = r->OpenRowGroup(0, {0, 1, 2}, rows);
  DataChunk batch({LogicalType::Bigint(), LogicalType::Varchar(), LogicalType::Double()});
  size_t next = 12'000;
  for (;;) {
    batch.Reset();
    if (!group->Next(batch)) break;
    for (size_t i = 0; i < batch.size(); ++i) {
      ASSERT_EQ(batch.column(0).GetValue(i).int_value(), static_cast<int64_t>(next));
      ASSERT_EQ(batch.column(1).GetValue(i).string_value(), "group-" + std::to_string(next % 10));
      ASSERT_EQ(batch.column(2).IsNull(i), next % 5 == 0);
      ++next;
    }
  }
  EXPECT_EQ(next, 15'000u);

  // A predicate every page may satisfy keeps the whole row group.
  RangePredicate code{3, RangePredicate::Op::kGreaterEqual, {Value::Integer(LogicalType::Integer(), 0)}};
  rows = r->MatchingRows(0, {code});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].end - rows[0].begin, 40'000u);
  RangePredicate none{0, RangePredicate::Op::kGreater, {Value::Bigint(1'000'000)}};
  EXPECT_TRUE(r->MatchingRows(0, {none}).empty());
  EXPECT_FALSE(r->RowGroupMayMatch(0, {none}));
  EXPECT_TRUE(r->RowGroupMayMatch(0, {between_lo}));
}

TEST_F(ParquetWriterOptionsTest, RowGroupStatisticsPrune) {
  WriterOptions o;
  o.row_group_size_rows = 10'000;
  Write(Path("g.parquet"), 50'000, o);
  auto r = Open(Path("g.parquet"));
  ASSERT_EQ(r->num_row_groups(), 5u);
  // day = 18025 lies in rows 25000..25999: row group 2 only.
  RangePredicate day{4, RangePredicate::Op::kEqual, {Value::Date(18025)}};
  std::vector<size_t> kept;
  for (size_t rg = 0; rg < 5; ++rg) {
    if (r->RowGroupMayMatch(rg, {day})) kept.push_back(rg);
  }
  EXPECT_EQ(kept, std::vector<size_t>({2}));
  RangePredicate in{1, RangePredicate::Op::kIn, {Value::Varchar("group-3"), Value::Varchar("zzz")}};
  EXPECT_TRUE(r->RowGroupMayMatch(0, {in}));
  RangePredicate out{1, RangePredicate::Op::kIn, {Value::Varchar("a"), Value::Varchar("zzz")}};
  EXPECT_FALSE(r->RowGroupMayMatch(0, {out}));
  RangePredicate nulls{2, RangePredicate::Op::kIsNull, {}};
  EXPECT_TRUE(r->RowGroupMayMatch(0, {nulls}));
  RangePredicate no_nulls{0, RangePredicate::Op::kIsNull, {}};
  EXPECT_FALSE(r->RowGroupMayMatch(0, {no_nulls}));
}

TEST_F(ParquetWriterOptionsTest, AllNullAndNaNColumns) {
  auto fs = std::make_shared<LocalFileSystem>();
  {
    ParquetWriter w(fs->OpenForWrite(Path("n.parquet")), {"v", "d"}, {LogicalType::Varchar(), LogicalType::Double()});
    DataChunk c({LogicalType::Varchar(), LogicalType::Double()}, 100);
    for (size_t i = 0; i < 100; ++i) {
      c.column(0).SetNull(i);
      c.column(1).SetValue(i, Value::Double(i % 2 ? NAN : static_cast<double>(i)));
    }
    c.SetSize(100);
    w.Write(c);
    w.Close();
  }
  auto r = Open(Path("n.parquet"));
  ColumnChunkStats v = r->column_stats(0, 0);
  EXPECT_EQ(v.null_count, 100);
  EXPECT_TRUE(v.min.is_null());
  ColumnChunkStats d = r->column_stats(0, 1);
  EXPECT_EQ(d.min.double_value(), 0.0);  // NaN never bounds
  EXPECT_EQ(d.max.double_value(), 98.0);
  RangePredicate eq{0, RangePredicate::Op::kEqual, {Value::Varchar("x")}};
  EXPECT_FALSE(r->RowGroupMayMatch(0, {eq}));
  size_t nan = 0;
  r->ReadRowGroup(0, {0, 1}, [&](DataChunk& b) {
    for (size_t i = 0; i < b.size(); ++i) {
      EXPECT_TRUE(b.column(0).IsNull(i));
      nan += std::isnan(b.column(1).GetValue(i).double_value());
    }
  });
  EXPECT_EQ(nan, 50u);
}

TEST_F(ParquetWriterOptionsTest, LongStringsBoundedInPageIndex) {
  auto fs = std::make_shared<LocalFileSystem>();
  const std::string long_a(300, 'a'), long_b = std::string(299, 'b') + "\xff";
  {
    ParquetWriter w(fs->OpenForWrite(Path("s.parquet")), {"s"}, {LogicalType::Varchar()});
    DataChunk c({LogicalType::Varchar()}, 2);
    c.column(0).SetValue(0, Value::Varchar(long_a));
    c.column(0).SetValue(1, Value::Varchar(long_b));
    c.SetSize(2);
    w.Write(c);
    w.Close();
  }
  auto r = Open(Path("s.parquet"));
  // Chunk statistics stay exact; the page index bounds are cut but still bound.
  EXPECT_EQ(r->column_stats(0, 0).max.string_value(), long_b);
  RangePredicate eq{0, RangePredicate::Op::kEqual, {Value::Varchar(long_b)}};
  EXPECT_EQ(r->MatchingRows(0, {eq}).size(), 1u);
  RangePredicate above{0, RangePredicate::Op::kGreater, {Value::Varchar("c")}};
  EXPECT_TRUE(r->MatchingRows(0, {above}).empty());
}

}  // namespace
}  // namespace sluice::parquet
