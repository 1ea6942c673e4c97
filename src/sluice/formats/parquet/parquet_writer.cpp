#include "sluice/formats/parquet/parquet_writer.h"

#include "sluice/common/error.h"
#include "sluice/formats/parquet/column_writer.h"

namespace sluice::parquet {

struct ParquetWriter::Footer {
  FileMetaData meta;
  // Per row group, per column: the page index, written at Close.
  std::vector<std::vector<ColumnIndex>> column_indexes;
  std::vector<std::vector<OffsetIndex>> offset_indexes;
};

ParquetWriter::ParquetWriter(std::unique_ptr<OutputStream> out, std::vector<std::string> column_names,
                             std::vector<LogicalType> column_types, WriterOptions options)
    : out_(std::move(out)), names_(std::move(column_names)), types_(std::move(column_types)),
      options_(std::move(options)), footer_(std::make_unique<Footer>()) {
  SLUICE_CHECK(names_.size() == types_.size(), "column names and types differ in number");
  for (size_t i = 0; i < names_.size(); ++i) {
    columns_.push_back(std::make_unique<ColumnWriter>(names_[i], types_[i], options_));
  }
  out_->Write("PAR1", 4);
  offset_ = 4;
}

ParquetWriter::~ParquetWriter() {
  if (!closed_) Abort();
}

uint64_t ParquetWriter::bytes_written() const { return offset_; }

size_t ParquetWriter::buffered_bytes() const {
  size_t n = 0;
  for (const auto& c : columns_) n += c->buffered_bytes();
  return n;
}

size_t ParquetWriter::memory_bytes() const {
  size_t n = 0;
  for (const auto& c : columns_) n += c->memory_bytes();
  return n;
}

void ParquetWriter::FlushAndRelease() {
  FlushRowGroup();
  for (auto& c : columns_) c->ReleaseBuffers();
}

void ParquetWriter::Write(const DataChunk& chunk) {
  SLUICE_CHECK(!closed_, "write after close");
  SLUICE_CHECK(chunk.ColumnCount() == columns_.size(), "chunk has the wrong number of columns");
  for (size_t c = 0; c < columns_.size(); ++c) columns_[c]->Append(chunk.column(c), chunk.size());
  rows_in_group_ += chunk.size();
  rows_written_ += chunk.size();
  if (rows_in_group_ >= options_.row_group_size_rows || buffered_bytes() >= options_.row_group_size_bytes) {
    FlushRowGroup();
  }
}

void ParquetWriter::FlushRowGroup() {
  if (rows_in_group_ == 0) return;
  RowGroup rg;
  rg.num_rows = static_cast<int64_t>(rows_in_group_);
  rg.file_offset = static_cast<int64_t>(offset_);
  rg.ordinal = static_cast<int16_t>(footer_->meta.row_groups.size());
  std::vector<ColumnIndex> column_indexes;
  std::vector<OffsetIndex> offset_indexes;
  for (auto& c : columns_) {
    FlushedChunk flushed = c->Flush(*out_, offset_);
    rg.total_byte_size += flushed.chunk.meta.total_uncompressed_size;
    rg.total_compressed_size += flushed.chunk.meta.total_compressed_size;
    rg.columns.push_back(std::move(flushed.chunk));
    column_indexes.push_back(std::move(flushed.column_index));
    offset_indexes.push_back(std::move(flushed.offset_index));
  }
  footer_->meta.row_groups.push_back(std::move(rg));
  footer_->column_indexes.push_back(std::move(column_indexes));
  footer_->offset_indexes.push_back(std::move(offset_indexes));
  rows_in_group_ = 0;
}

void ParquetWriter::Close() {
  SLUICE_CHECK(!closed_, "close twice");
  FlushRowGroup();
  FileMetaData& m = footer_->meta;
  // The page index: every ColumnIndex, then every OffsetIndex (the layout
  // the spec recommends, so a reader fetches each kind in one range).
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t g = 0; g < m.row_groups.size(); ++g) {
      for (size_t c = 0; c < columns_.size(); ++c) {
        ColumnChunk& chunk = m.row_groups[g].columns[c];
        CompactWriter w;
        if (pass == 0) {
          const ColumnIndex& ci = footer_->column_indexes[g][c];
          if (ci.null_pages.empty()) continue;  // no usable bounds
          WriteColumnIndex(ci, w);
          chunk.column_index_offset = static_cast<int64_t>(offset_);
          chunk.column_index_length = static_cast<int32_t>(w.buffer().size());
        } else {
          WriteOffsetIndex(footer_->offset_indexes[g][c], w);
          chunk.offset_index_offset = static_cast<int64_t>(offset_);
          chunk.offset_index_length = static_cast<int32_t>(w.buffer().size());
        }
        out_->Write(w.buffer().data(), w.buffer().size());
        offset_ += w.buffer().size();
      }
    }
  }
  m.version = options_.page_version == 2 ? 2 : 1;
  m.key_value.emplace_back("writer.model.name", "sluice");
  m.num_rows = static_cast<int64_t>(rows_written_);
  m.created_by = options_.created_by;
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(columns_.size());
  m.schema.push_back(root);
  for (const auto& c : columns_) m.schema.push_back(c->Schema());
  CompactWriter w;
  WriteFileMetaData(m, w);
  uint32_t len = static_cast<uint32_t>(w.buffer().size());
  out_->Write(w.buffer().data(), w.buffer().size());
  out_->Write(&len, 4);
  out_->Write("PAR1", 4);
  offset_ += w.buffer().size() + 8;
  closed_ = true;
  out_->Close();
}

void ParquetWriter::Abort() {
  closed_ = true;
  if (out_) out_->Abort();
}

}  // namespace sluice::parquet
