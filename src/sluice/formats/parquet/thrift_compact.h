#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::parquet {

// Thrift's compact protocol, the encoding of Parquet's metadata (footer and
// page headers): field headers with delta-encoded ids, zigzag varints.
class CompactWriter {
 public:
  enum Type : uint8_t {
    kBoolTrue = 1, kBoolFalse = 2, kByte = 3, kI16 = 4, kI32 = 5, kI64 = 6,
    kDouble = 7, kBinary = 8, kList = 9, kSet = 10, kMap = 11, kStruct = 12,
  };

  void FieldI32(int16_t id, int32_t v) { FieldHeader(id, kI32); Varint(ZigZag(v)); }
  void FieldI64(int16_t id, int64_t v) { FieldHeader(id, kI64); Varint(ZigZag(v)); }
  void FieldBool(int16_t id, bool v) { FieldHeader(id, v ? kBoolTrue : kBoolFalse); }
  void FieldBinary(int16_t id, std::string_view v) {
    FieldHeader(id, kBinary);
    Varint(v.size());
    out_.append(v.data(), v.size());
  }
  void FieldStructBegin(int16_t id) {
    FieldHeader(id, kStruct);
    StructBegin();
  }
  void FieldListBegin(int16_t id, Type element, size_t size) {
    FieldHeader(id, kList);
    ListHeader(element, size);
  }
  // A struct nested in a list or at top level.
  void StructBegin() {
    last_ids_.push_back(last_id_);
    last_id_ = 0;
  }
  void StructEnd() {
    out_.push_back(0);  // stop
    last_id_ = last_ids_.back();
    last_ids_.pop_back();
  }
  void ListHeader(Type element, size_t size) {
    if (size < 15) {
      out_.push_back(static_cast<char>((size << 4) | element));
    } else {
      out_.push_back(static_cast<char>(0xF0 | element));
      Varint(size);
    }
  }
  void ListI32(int32_t v) { Varint(ZigZag(v)); }
  void ListI64(int64_t v) { Varint(ZigZag(v)); }
  // Booleans in a list are one byte each: 1 true, 2 false.
  void ListBool(bool v) { out_.push_back(static_cast<char>(v ? kBoolTrue : kBoolFalse)); }
  void ListBinary(std::string_view v) {
    Varint(v.size());
    out_.append(v.data(), v.size());
  }

  std::string& buffer() { return out_; }

 private:
  static uint64_t ZigZag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void FieldHeader(int16_t id, Type type) {
    int delta = id - last_id_;
    if (delta > 0 && delta <= 15) {
      out_.push_back(static_cast<char>((delta << 4) | type));
    } else {
      out_.push_back(static_cast<char>(type));
      Varint(ZigZag(id));
    }
    last_id_ = id;
  }

  std::string out_;
  int16_t last_id_ = 0;
  std::vector<int16_t> last_ids_;
};

// Reads the compact protocol with bounds checks; any malformed input throws
// SluiceError(kCorruptFile) with `context` (the file) in the message.
class CompactReader {
 public:
  CompactReader(const uint8_t* data, size_t size, std::string context)
      : p_(data), end_(data + size), context_(std::move(context)) {}

  struct Field {
    int16_t id = 0;
    uint8_t type = 0;  // 0 = stop
  };
  void StructBegin() {
    last_ids_.push_back(last_id_);
    last_id_ = 0;
  }
  void StructEnd() {
    last_id_ = last_ids_.back();
    last_ids_.pop_back();
  }
  Field ReadField();
  bool ReadBool(const Field& f) { return f.type == CompactWriter::kBoolTrue; }
  // A list element of type bool (one byte; writers use 1 for true).
  bool ReadListBool() { return ReadByte() == CompactWriter::kBoolTrue; }
  int32_t ReadI32() { return static_cast<int32_t>(ReadZigZag()); }
  int64_t ReadI64() { return ReadZigZag(); }
  std::string ReadBinary();
  // Returns the element type and count.
  std::pair<uint8_t, size_t> ReadListHeader();
  void Skip(uint8_t type, int depth = 0);
  // Skips one element of a list, set or map.
  void SkipElement(uint8_t type, int depth);
  size_t consumed(const uint8_t* start) const { return static_cast<size_t>(p_ - start); }
  const uint8_t* position() const { return p_; }
  [[noreturn]] void Corrupt(const std::string& what) const;

 private:
  uint64_t ReadVarint();
  int64_t ReadZigZag() {
    uint64_t v = ReadVarint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  uint8_t ReadByte() {
    if (p_ >= end_) Corrupt("metadata ends unexpectedly");
    return *p_++;
  }

  const uint8_t* p_;
  const uint8_t* end_;
  std::string context_;
  int16_t last_id_ = 0;
  std::vector<int16_t> last_ids_;
};

}  // namespace sluice::parquet
