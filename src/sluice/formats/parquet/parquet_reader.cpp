#include "sluice/formats/parquet/parquet_reader.h"

#include <algorithm>
#include <cstring>

#include "sluice/common/error.h"
#include "sluice/formats/parquet/column_chunk_reader.h"
#include "sluice/formats/parquet/nested_assembly.h"
#include "sluice/types/decimal.h"

namespace sluice::parquet {

namespace {

constexpr uint64_t kMaxFooterBytes = 256ull << 20;
constexpr uint64_t kMaxIndexBytes = 64ull << 20;
// Chunks closer than this are read together: one request instead of two
// costs less than the bytes between them (on local disks and object stores).
constexpr uint64_t kCoalesceGapBytes = 1ull << 20;
constexpr uint64_t kMaxCoalescedBytes = 256ull << 20;

bool ReadBigEndian(const std::string& b, Int128* out) {
  using UInt128 = unsigned __int128;
  size_t len = b.size();
  const auto* p = reinterpret_cast<const uint8_t*>(b.data());
  const uint8_t extension = len != 0 && (p[0] & 0x80) ? 0xFF : 0x00;
  for (; len > 16; ++p, --len) {
    if (*p != extension) return false;
  }
  UInt128 v = extension ? ~UInt128{0} : 0;
  for (size_t i = 0; i < len; ++i) v = (v << 8) | p[i];
  *out = static_cast<Int128>(v);
  return true;
}

template <typename T>
bool Load(const std::string& b, T* out) {
  if (b.size() != sizeof(T)) return false;
  std::memcpy(out, b.data(), sizeof(T));
  return true;
}

// Sorted, disjoint ranges common to both.
std::vector<RowRange> Intersect(const std::vector<RowRange>& a, const std::vector<RowRange>& b) {
  std::vector<RowRange> out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const size_t lo = std::max(a[i].begin, b[j].begin), hi = std::min(a[i].end, b[j].end);
    if (lo < hi) out.push_back({lo, hi});
    (a[i].end < b[j].end) ? ++i : ++j;
  }
  return out;
}

}  // namespace

void ParquetReader::Corrupt(const std::string& what) const {
  throw SluiceError(ErrorCode::kCorruptFile, file_->path() + ": not a valid Parquet file: " + what);
}

ParquetReader::~ParquetReader() = default;

ParquetReader::ParquetReader(std::shared_ptr<RandomAccessFile> file) : file_(std::move(file)) {
  uint64_t size = file_->Size();
  if (size < 12) Corrupt("file is " + std::to_string(size) + " bytes, too small");
  char tail[8];
  file_->ReadAt(size - 8, 8, tail);
  if (std::memcmp(tail + 4, "PAR1", 4) != 0) {
    Corrupt(std::memcmp(tail + 4, "PARE", 4) == 0 ? "encrypted files are not supported"
                                                   : "missing PAR1 magic at the end");
  }
  char head[4];
  file_->ReadAt(0, 4, head);
  if (std::memcmp(head, "PAR1", 4) != 0) Corrupt("missing PAR1 magic at the start");
  uint32_t footer_len;
  std::memcpy(&footer_len, tail, 4);
  if (footer_len == 0 || footer_len > size - 12 || footer_len > kMaxFooterBytes) {
    Corrupt("footer length " + std::to_string(footer_len) + " does not fit the file");
  }
  std::string footer(footer_len, '\0');
  file_->ReadAt(size - 8 - footer_len, footer_len, footer.data());
  CompactReader r(reinterpret_cast<const uint8_t*>(footer.data()), footer.size(), file_->path());
  meta_ = ReadFileMetaData(r);
  schema_ = BuildFileSchema(meta_.schema, [this](const std::string& what) { Corrupt(what); });
  for (const FileColumn& c : schema_.columns) {
    names_.push_back(c.name);
    types_.push_back(c.type);
  }
  const size_t leaves = schema_.leaves.size();
  for (const auto& rg : meta_.row_groups) {
    if (rg.columns.size() != leaves) {
      Corrupt("row group has " + std::to_string(rg.columns.size()) + " column chunks, schema has " +
              std::to_string(leaves) + " leaf columns");
    }
    if (rg.num_rows < 0) Corrupt("negative row count");
  }
}

Value ParquetReader::DecodeStatistic(const LeafColumn& leaf, const std::string& b) const {
  const LogicalType& type = leaf.type;
  const int32_t physical = leaf.element->type.value_or(-1);
  switch (leaf.conversion) {
    case LeafConversion::kDecimal: {
      Int128 v;
      int32_t i32;
      int64_t i64;
      if (physical == kInt32Type && Load(b, &i32)) v = i32;
      else if (physical == kInt64Type && Load(b, &i64)) v = i64;
      else if ((physical != kFixedLenByteArrayType && physical != kByteArrayType) || !ReadBigEndian(b, &v)) return Value();
      return DecimalFits(v, type.width()) ? Value::Decimal(type, v) : Value();
    }
    case LeafConversion::kUnsigned32: {
      uint32_t u;
      return Load(b, &u) ? Value::Integer(type, u) : Value();
    }
    case LeafConversion::kUnsigned64: {
      uint64_t u;
      return Load(b, &u) ? Value::Decimal(type, static_cast<Int128>(u)) : Value();
    }
    case LeafConversion::kTimeText:
    case LeafConversion::kUuidText:
    case LeafConversion::kFloat16: return Value();
    default: break;
  }
  switch (physical) {
    case kBooleanType: return b.size() >= 1 ? Value::Boolean(b[0] != 0) : Value();
    case kInt32Type: {
      int32_t v;
      if (!Load(b, &v)) return Value();
      return type.id() == TypeId::kDate ? Value::Date(v) : Value::Integer(type, v);
    }
    case kInt64Type: {
      int64_t v;
      if (!Load(b, &v)) return Value();
      if (type.id() != TypeId::kTimestamp) return Value::Bigint(v);
      if (leaf.divide != 1) return Value::Timestamp(v / leaf.divide - (v % leaf.divide < 0 ? 1 : 0), type);
      int64_t micros;
      return __builtin_mul_overflow(v, leaf.multiply, &micros) ? Value() : Value::Timestamp(micros, type);
    }
    case kFloatType: {
      float v;
      return Load(b, &v) ? Value::Real(v) : Value();
    }
    case kDoubleType: {
      double v;
      return Load(b, &v) ? Value::Double(v) : Value();
    }
    case kByteArrayType:
    case kFixedLenByteArrayType:
      if (type.id() == TypeId::kJson) return Value();  // JSON has no order
      return type.id() == TypeId::kVarbinary ? Value::Varbinary(b) : Value::Varchar(b);
    default: return Value();  // INT96: no defined order
  }
}

ColumnChunkStats ParquetReader::column_stats(size_t rg, size_t column) const {
  ColumnChunkStats out;
  const FileColumn& c = schema_.columns[column];
  if (c.nested || !c.unsupported.empty()) return out;
  const LeafColumn& leaf = schema_.leaves[c.first_leaf];
  const ColumnMetaData& md = meta_.row_groups[rg].columns[c.first_leaf].meta;
  const Statistics& s = md.statistics;
  if (s.null_count) out.null_count = *s.null_count;
  auto min = s.min_value, max = s.max_value;
  // The deprecated fields used signed byte order: trusted for signed
  // numbers and booleans only.
  const bool legacy_ok = md.type != kByteArrayType && md.type != kFixedLenByteArrayType &&
                         leaf.conversion != LeafConversion::kUnsigned32 &&
                         leaf.conversion != LeafConversion::kUnsigned64;
  if (!min && legacy_ok) min = s.legacy_min;
  if (!max && legacy_ok) max = s.legacy_max;
  if (!min || !max) return out;
  out.min = DecodeStatistic(leaf, *min);
  out.max = DecodeStatistic(leaf, *max);
  if (out.min.is_null() || out.max.is_null()) out.min = out.max = Value();
  return out;
}

bool ParquetReader::RowGroupMayMatch(size_t rg, const std::vector<RangePredicate>& predicates) const {
  const int64_t rows = meta_.row_groups[rg].num_rows;
  if (rows == 0) return false;
  for (const RangePredicate& p : predicates) {
    if (p.column >= schema_.columns.size()) continue;
    ColumnChunkStats s = column_stats(rg, p.column);
    if (!p.MayMatch(s.min, s.max, s.null_count, rows)) return false;
  }
  return true;
}

std::vector<RowRange> ParquetReader::MatchingRows(size_t rg, const std::vector<RangePredicate>& predicates) const {
  const size_t rows = static_cast<size_t>(meta_.row_groups[rg].num_rows);
  std::vector<RowRange> selected{{0, rows}};
  const uint64_t file_size = file_->Size();
  for (const RangePredicate& p : predicates) {
    if (p.column >= schema_.columns.size()) continue;
    const FileColumn& c = schema_.columns[p.column];
    if (c.nested || !c.unsupported.empty()) continue;
    const LeafColumn& leaf = schema_.leaves[c.first_leaf];
    const ColumnChunk& chunk = meta_.row_groups[rg].columns[c.first_leaf];
    if (!chunk.column_index_offset || !chunk.column_index_length || !chunk.offset_index_offset ||
        !chunk.offset_index_length) {
      continue;
    }
    auto read_index = [&](int64_t offset, int32_t length) {
      if (offset < 0 || length <= 0 || static_cast<uint64_t>(length) > kMaxIndexBytes ||
          static_cast<uint64_t>(offset) > file_size || static_cast<uint64_t>(length) > file_size - offset) {
        Corrupt("page index of column '" + c.name + "' lies outside the file");
      }
      std::string bytes(static_cast<size_t>(length), '\0');
      file_->ReadAt(static_cast<uint64_t>(offset), bytes.size(), bytes.data());
      return bytes;
    };
    const std::string ci_bytes = read_index(*chunk.column_index_offset, *chunk.column_index_length);
    const std::string oi_bytes = read_index(*chunk.offset_index_offset, *chunk.offset_index_length);
    CompactReader ci_reader(reinterpret_cast<const uint8_t*>(ci_bytes.data()), ci_bytes.size(), file_->path());
    CompactReader oi_reader(reinterpret_cast<const uint8_t*>(oi_bytes.data()), oi_bytes.size(), file_->path());
    const ColumnIndex ci = ReadColumnIndex(ci_reader);
    const OffsetIndex oi = ReadOffsetIndex(oi_reader);
    const size_t pages = oi.page_locations.size();
    if (ci.null_pages.size() != pages) Corrupt("page index of column '" + c.name + "' disagrees on its pages");
    std::vector<RowRange> keep;
    for (size_t i = 0; i < pages; ++i) {
      const int64_t first = oi.page_locations[i].first_row_index;
      const int64_t last = i + 1 < pages ? oi.page_locations[i + 1].first_row_index : static_cast<int64_t>(rows);
      if (first < 0 || last < first || static_cast<size_t>(last) > rows) {
        Corrupt("page index of column '" + c.name + "' has rows out of order");
      }
      const int64_t page_rows = last - first;
      int64_t nulls = ci.null_counts.empty() ? -1 : ci.null_counts[i];
      Value min, max;
      if (ci.null_pages[i]) {
        nulls = page_rows;
      } else {
        min = DecodeStatistic(leaf, ci.min_values[i]);
        max = DecodeStatistic(leaf, ci.max_values[i]);
      }
      if (!p.MayMatch(min, max, nulls, page_rows) || page_rows == 0) continue;
      if (!keep.empty() && keep.back().end == static_cast<size_t>(first)) {
        keep.back().end = static_cast<size_t>(last);
      } else {
        keep.push_back({static_cast<size_t>(first), static_cast<size_t>(last)});
      }
    }
    selected = Intersect(selected, keep);
    if (selected.empty()) break;
  }
  return selected;
}

std::unique_ptr<RowGroupReader> ParquetReader::OpenRowGroup(size_t rg, const std::vector<size_t>& columns,
                                                            std::vector<RowRange> rows) const {
  SLUICE_CHECK(rg < meta_.row_groups.size(), "row group out of range");
  const RowGroup& group = meta_.row_groups[rg];
  const size_t num_rows = static_cast<size_t>(group.num_rows);
  const uint64_t file_size = file_->Size();

  // The byte range of every needed leaf chunk.
  struct Range {
    uint64_t start, length;
    size_t leaf;
  };
  std::vector<Range> ranges;
  for (size_t c : columns) {
    SLUICE_CHECK(c < schema_.columns.size(), "column out of range");
    const FileColumn& fc = schema_.columns[c];
    if (!fc.unsupported.empty()) {
      throw SluiceError(ErrorCode::kNotSupported, file_->path() + ": column '" + fc.name + "': " + fc.unsupported);
    }
    for (size_t leaf = fc.first_leaf; leaf < fc.first_leaf + fc.leaf_count; ++leaf) {
      const ColumnMetaData& md = group.columns[leaf].meta;
      uint64_t start = static_cast<uint64_t>(md.data_page_offset);
      if (md.dictionary_page_offset && *md.dictionary_page_offset > 0 &&
          static_cast<uint64_t>(*md.dictionary_page_offset) < start) {
        start = static_cast<uint64_t>(*md.dictionary_page_offset);
      }
      const uint64_t length = static_cast<uint64_t>(md.total_compressed_size);
      if (md.data_page_offset < 0 || md.total_compressed_size < 0 || start < 4 || start > file_size ||
          length > file_size - start) {
        Corrupt("column '" + fc.name + "' chunk lies outside the file");
      }
      ranges.push_back({start, length, leaf});
    }
  }
  // One read per run of nearby chunks.
  std::vector<ChunkBytes> bytes(schema_.leaves.size());
  std::vector<Range> sorted = ranges;
  std::sort(sorted.begin(), sorted.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
  for (size_t i = 0; i < sorted.size();) {
    uint64_t begin = sorted[i].start, end = sorted[i].start + sorted[i].length;
    size_t j = i + 1;
    while (j < sorted.size() && sorted[j].start <= end + kCoalesceGapBytes &&
           std::max(end, sorted[j].start + sorted[j].length) - begin <= kMaxCoalescedBytes) {
      end = std::max(end, sorted[j].start + sorted[j].length);
      ++j;
    }
    auto buffer = std::make_shared<std::string>(end - begin, '\0');
    file_->ReadAt(begin, buffer->size(), buffer->data());
    for (size_t k = i; k < j; ++k) {
      bytes[sorted[k].leaf] = ChunkBytes{buffer,
                                         reinterpret_cast<const uint8_t*>(buffer->data()) + (sorted[k].start - begin),
                                         sorted[k].length};
    }
    i = j;
  }

  std::unique_ptr<RowGroupReader> reader(new RowGroupReader());
  for (size_t c : columns) {
    const FileColumn& fc = schema_.columns[c];
    RowGroupReader::Column column;
    column.nested = fc.nested;
    std::vector<const LeafColumn*> leaves;
    for (size_t leaf = fc.first_leaf; leaf < fc.first_leaf + fc.leaf_count; ++leaf) {
      column.leaves.push_back(std::make_unique<ColumnChunkReader>(file_->path(), schema_.leaves[leaf],
                                                                  group.columns[leaf].meta, bytes[leaf]));
      leaves.push_back(&schema_.leaves[leaf]);
    }
    if (fc.nested) {
      column.assembler = std::make_shared<NestedAssembler>(meta_.schema, fc.schema_index, std::move(leaves),
                                                           file_->path());
    }
    reader->columns_.push_back(std::move(column));
  }
  if (rows.empty()) rows.push_back({0, num_rows});
  for (const RowRange& r : rows) {
    if (r.begin < r.end && r.end <= num_rows) reader->ranges_.push_back(r);
  }
  return reader;
}

RowGroupReader::~RowGroupReader() = default;

void RowGroupReader::Skip(size_t rows) {
  for (Column& c : columns_) {
    if (!c.nested) {
      c.leaves[0]->Skip(rows);
      continue;
    }
    for (auto& leaf : c.leaves) {
      LeafLevels scratch{LogicalType::Boolean()};
      leaf->ReadRecords(rows, scratch, false);
    }
  }
  position_ += rows;
}

bool RowGroupReader::Next(DataChunk& out) {
  while (range_ < ranges_.size()) {
    const RowRange& r = ranges_[range_];
    if (position_ < r.begin) Skip(r.begin - position_);
    if (position_ >= r.end) {
      ++range_;
      continue;
    }
    const size_t n = std::min(kVectorSize, r.end - position_);
    for (size_t k = 0; k < columns_.size(); ++k) {
      Column& c = columns_[k];
      Vector& dst = out.column(k);
      if (dst.capacity() < n) dst.Reserve(n, 0);
      if (!c.nested) {
        c.leaves[0]->Read(n, dst, 0);
        continue;
      }
      std::vector<LeafLevels> levels;
      levels.reserve(c.leaves.size());
      for (auto& leaf : c.leaves) {
        levels.emplace_back(leaf->type());
        leaf->ReadRecords(n, levels.back());
      }
      c.assembler->Assemble(levels, n, dst);
    }
    out.SetSize(n);
    position_ += n;
    return true;
  }
  return false;
}

void ParquetReader::ReadRowGroup(size_t rg, const std::vector<size_t>& columns,
                                 const std::function<void(DataChunk&)>& emit) const {
  auto reader = OpenRowGroup(rg, columns);
  std::vector<LogicalType> types;
  for (size_t c : columns) types.push_back(types_[c]);
  for (;;) {
    DataChunk batch(types);
    if (!reader->Next(batch)) break;
    emit(batch);
  }
}

}  // namespace sluice::parquet
