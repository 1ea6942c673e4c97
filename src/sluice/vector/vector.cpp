#include "sluice/vector/vector.h"

#include <bit>

#include "sluice/common/error.h"

namespace sluice {

size_t ValidityMask::CountInvalid(size_t count) const {
  if (bits_.empty()) return 0;
  size_t valid = 0;
  size_t full = count / 64;
  for (size_t i = 0; i < full; ++i) valid += std::popcount(bits_[i]);
  if (count % 64) {
    valid += std::popcount(bits_[full] & ((uint64_t{1} << (count % 64)) - 1));
  }
  return count - valid;
}

Vector::Vector(LogicalType type, size_t capacity)
    : type_(type), capacity_(capacity),
      data_(new uint8_t[capacity * type.PhysicalSize()]) {
  validity_.Resize(capacity);
}

StringHeap& Vector::heap() {
  if (!heap_) {
    heap_ = std::make_shared<StringHeap>();
    buffers_.push_back(heap_);
  }
  return *heap_;
}

void Vector::ShareBuffersOf(const Vector& other) {
  for (const auto& b : other.buffers_) buffers_.push_back(b);
}

void Vector::Reserve(size_t capacity, size_t count) {
  if (capacity <= capacity_) return;
  dictionary_.reset();
  size_t width = type_.PhysicalSize();
  std::unique_ptr<uint8_t[]> grown(new uint8_t[capacity * width]);
  std::memcpy(grown.get(), data_.get(), count * width);
  data_ = std::move(grown);
  capacity_ = capacity;
  validity_.Resize(capacity);
}

void Vector::Reset() {
  validity_.SetAllValid();
  heap_.reset();
  buffers_.clear();
  dictionary_.reset();
}

Value Vector::GetValue(size_t row) const {
  if (IsNull(row)) return Value::Null(type_);
  switch (type_.id()) {
    case TypeId::kBoolean: return Value::Boolean(data<uint8_t>()[row] != 0);
    case TypeId::kTinyint: return Value::Integer(type_, data<int8_t>()[row]);
    case TypeId::kSmallint: return Value::Integer(type_, data<int16_t>()[row]);
    case TypeId::kInteger: return Value::Integer(type_, data<int32_t>()[row]);
    case TypeId::kBigint: return Value::Integer(type_, data<int64_t>()[row]);
    case TypeId::kReal: return Value::Real(data<float>()[row]);
    case TypeId::kDouble: return Value::Double(data<double>()[row]);
    case TypeId::kVarchar: return Value::Varchar(data<StringRef>()[row].str());
    case TypeId::kVarbinary: return Value::Varbinary(data<StringRef>()[row].str());
    case TypeId::kJson: return Value::Json(data<StringRef>()[row].str());
    case TypeId::kIntervalDayTime: return Value::IntervalDayTime(data<int64_t>()[row]);
    case TypeId::kIntervalYearMonth: return Value::IntervalYearMonth(data<int32_t>()[row]);
    case TypeId::kDate: return Value::Date(data<int32_t>()[row]);
    case TypeId::kTimestamp: return Value::Timestamp(data<int64_t>()[row]);
    case TypeId::kDecimal: return Value::Decimal(type_, LoadDecimal(data_.get(), row, type_.PhysicalSize() == 16));
    case TypeId::kInvalid: break;
  }
  ThrowInternal("GetValue on invalid type");
}

void Vector::SetValue(size_t row, const Value& value) {
  dictionary_.reset();
  if (value.is_null()) {
    SetNull(row);
    return;
  }
  validity_.SetValid(row);
  switch (type_.id()) {
    case TypeId::kBoolean: data<uint8_t>()[row] = value.int_value() != 0; return;
    case TypeId::kTinyint: data<int8_t>()[row] = static_cast<int8_t>(value.int_value()); return;
    case TypeId::kSmallint: data<int16_t>()[row] = static_cast<int16_t>(value.int_value()); return;
    case TypeId::kInteger: data<int32_t>()[row] = static_cast<int32_t>(value.int_value()); return;
    case TypeId::kBigint: data<int64_t>()[row] = value.int_value(); return;
    case TypeId::kReal: data<float>()[row] = static_cast<float>(value.double_value()); return;
    case TypeId::kDouble: data<double>()[row] = value.double_value(); return;
    case TypeId::kVarchar:
    case TypeId::kVarbinary:
    case TypeId::kJson: SetString(row, value.string_value()); return;
    case TypeId::kDate: data<int32_t>()[row] = static_cast<int32_t>(value.int_value()); return;
    case TypeId::kTimestamp:
    case TypeId::kIntervalDayTime: data<int64_t>()[row] = value.int_value(); return;
    case TypeId::kIntervalYearMonth: data<int32_t>()[row] = static_cast<int32_t>(value.int_value()); return;
    case TypeId::kDecimal: {
      // A constant of another decimal type is rescaled by a cast first.
      SLUICE_CHECK(value.type() == type_, "SetValue with a different decimal type");
      StoreDecimal(data_.get(), row, type_.PhysicalSize() == 16, value.decimal_value());
      return;
    }
    case TypeId::kInvalid: break;
  }
  ThrowInternal("SetValue on invalid type");
}

void Vector::CopyFrom(const Vector& source, const uint32_t* sel, size_t count,
                      size_t offset) {
  SLUICE_CHECK(source.type_ == type_, "CopyFrom between different types");
  if (offset + count > capacity_) Reserve(std::max(offset + count, capacity_ * 2), offset);
  size_t width = type_.PhysicalSize();
  const uint8_t* src = source.data_.get();
  uint8_t* dst = data_.get() + offset * width;
  if (sel == nullptr) {
    std::memcpy(dst, src, count * width);
  } else {
    switch (width) {
      case 1: for (size_t i = 0; i < count; ++i) dst[i] = src[sel[i]]; break;
      case 2: for (size_t i = 0; i < count; ++i) reinterpret_cast<uint16_t*>(dst)[i] = reinterpret_cast<const uint16_t*>(src)[sel[i]]; break;
      case 4: for (size_t i = 0; i < count; ++i) reinterpret_cast<uint32_t*>(dst)[i] = reinterpret_cast<const uint32_t*>(src)[sel[i]]; break;
      case 8: for (size_t i = 0; i < count; ++i) reinterpret_cast<uint64_t*>(dst)[i] = reinterpret_cast<const uint64_t*>(src)[sel[i]]; break;
      case 16: for (size_t i = 0; i < count; ++i) std::memcpy(dst + i * 16, src + sel[i] * 16, 16); break;
      default: for (size_t i = 0; i < count; ++i) std::memcpy(dst + i * width, src + sel[i] * width, width); break;
    }
  }
  if (!source.validity_.AllValid() || !validity_.AllValid()) {
    for (size_t i = 0; i < count; ++i) {
      validity_.Set(offset + i, source.validity_.IsValid(sel ? sel[i] : i));
    }
  }
  if (type_.IsStringLike() && &source != this) ShareBuffersOf(source);
  dictionary_.reset();
  if (source.dictionary_ && offset == 0 && &source != this) {
    uint32_t* codes = MutableDictionaryCodes();
    const uint32_t* from = source.codes_.data();
    if (sel == nullptr) std::memcpy(codes, from, count * sizeof(uint32_t));
    else for (size_t i = 0; i < count; ++i) codes[i] = from[sel[i]];
    dictionary_ = source.dictionary_;
  }
}

}  // namespace sluice
