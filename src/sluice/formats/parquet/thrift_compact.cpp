#include "sluice/formats/parquet/thrift_compact.h"

#include "sluice/common/error.h"

namespace sluice::parquet {

void CompactReader::Corrupt(const std::string& what) const {
  throw SluiceError(ErrorCode::kCorruptFile, context_ + ": corrupt Parquet metadata: " + what);
}

uint64_t CompactReader::ReadVarint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = ReadByte();
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  Corrupt("varint too long");
}

CompactReader::Field CompactReader::ReadField() {
  uint8_t b = ReadByte();
  Field f;
  f.type = b & 0x0F;
  if (f.type == 0) return f;  // stop
  int delta = b >> 4;
  f.id = delta ? static_cast<int16_t>(last_id_ + delta) : static_cast<int16_t>(ReadZigZag());
  last_id_ = f.id;
  return f;
}

std::string CompactReader::ReadBinary() {
  uint64_t n = ReadVarint();
  if (n > static_cast<uint64_t>(end_ - p_)) Corrupt("string longer than the metadata");
  std::string s(reinterpret_cast<const char*>(p_), n);
  p_ += n;
  return s;
}

std::pair<uint8_t, size_t> CompactReader::ReadListHeader() {
  uint8_t b = ReadByte();
  size_t n = b >> 4;
  if (n == 15) n = ReadVarint();
  // Every element takes at least one byte: a larger count is corrupt.
  if (n > static_cast<size_t>(end_ - p_) + 1) Corrupt("list longer than the metadata");
  return {static_cast<uint8_t>(b & 0x0F), n};
}

void CompactReader::SkipElement(uint8_t type, int depth) {
  // Inside a container a boolean is a byte of its own, not part of a field header.
  if (type == CompactWriter::kBoolTrue || type == CompactWriter::kBoolFalse) ReadByte();
  else Skip(type, depth);
}

void CompactReader::Skip(uint8_t type, int depth) {
  if (depth > 32) Corrupt("nesting too deep");
  switch (type) {
    case CompactWriter::kBoolTrue:
    case CompactWriter::kBoolFalse: return;
    case CompactWriter::kByte: ReadByte(); return;
    case CompactWriter::kI16:
    case CompactWriter::kI32:
    case CompactWriter::kI64: ReadVarint(); return;
    case CompactWriter::kDouble:
      if (end_ - p_ < 8) Corrupt("metadata ends unexpectedly");
      p_ += 8;
      return;
    case CompactWriter::kBinary: ReadBinary(); return;
    case CompactWriter::kList:
    case CompactWriter::kSet: {
      auto [elem, n] = ReadListHeader();
      for (size_t i = 0; i < n; ++i) SkipElement(elem, depth + 1);
      return;
    }
    case CompactWriter::kMap: {
      uint64_t n = ReadVarint();
      if (n == 0) return;
      // Every entry takes at least two bytes: a larger count is corrupt.
      if (n > static_cast<uint64_t>(end_ - p_) / 2 + 1) Corrupt("map longer than the metadata");
      uint8_t kv = ReadByte();
      for (uint64_t i = 0; i < n; ++i) {
        SkipElement(kv >> 4, depth + 1);
        SkipElement(kv & 0x0F, depth + 1);
      }
      return;
    }
    case CompactWriter::kStruct: {
      StructBegin();
      for (;;) {
        Field f = ReadField();
        if (f.type == 0) break;
        Skip(f.type, depth + 1);
      }
      StructEnd();
      return;
    }
    default: Corrupt("unknown field type " + std::to_string(type));
  }
}

}  // namespace sluice::parquet
