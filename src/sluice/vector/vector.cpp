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
  if (type_.IsList()) {
    children_.emplace_back(type_.ListChildType(), capacity);
  } else if (type_.id() == TypeId::kRow) {
    children_.reserve(type_.Children().size());
    for (const auto& field : type_.Children()) children_.emplace_back(field, capacity);
  }
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
  // A row's fields are row-aligned with it; a list's child grows by itself.
  if (type_.id() == TypeId::kRow) {
    for (auto& c : children_) c.Reserve(capacity, count);
  }
}

void Vector::Reset() {
  validity_.SetAllValid();
  heap_.reset();
  buffers_.clear();
  dictionary_.reset();
  for (auto& c : children_) c.Reset();
  list_size_ = 0;
}

size_t Vector::GrowList(size_t n) {
  const size_t first = list_size_;
  Vector& elements = children_[0];
  if (first + n > elements.capacity()) elements.Reserve(std::max(first + n, elements.capacity() * 2), first);
  list_size_ = first + n;
  return first;
}

void Vector::Broadcast(const Vector& source, size_t row, size_t count) {
  if (count > capacity_) Reserve(count, 0);
  if (!type_.IsNested()) {
    std::vector<uint32_t> sel(count, static_cast<uint32_t>(row));
    CopyFrom(source, sel.data(), count, 0);
    return;
  }
  const bool is_null = source.IsNull(row);
  for (size_t i = 0; i < count; ++i) validity_.Set(i, !is_null);
  if (type_.id() == TypeId::kRow) {
    for (size_t f = 0; f < children_.size(); ++f) children_[f].Broadcast(source.children_[f], row, count);
    return;
  }
  // One copy of the elements, which every row's entry shares.
  list_size_ = 0;
  const ListEntry e = source.data<ListEntry>()[row];
  const ListEntry shared{0, is_null ? 0 : e.length};
  std::vector<uint32_t> sel(shared.length);
  for (uint32_t k = 0; k < shared.length; ++k) sel[k] = e.offset + k;
  children_[0].CopyFrom(source.children_[0], sel.data(), shared.length, 0);
  list_size_ = shared.length;
  ListEntry* entries = data<ListEntry>();
  for (size_t i = 0; i < count; ++i) entries[i] = shared;
}

Value Vector::GetValue(size_t row) const {
  if (IsNull(row)) return Value::Null(type_);
  switch (type_.id()) {
    case TypeId::kArray:
    case TypeId::kMap: {
      const ListEntry e = data<ListEntry>()[row];
      std::vector<Value> elements;
      elements.reserve(e.length);
      for (uint32_t k = 0; k < e.length; ++k) elements.push_back(children_[0].GetValue(e.offset + k));
      return type_.id() == TypeId::kArray ? Value::Array(type_, std::move(elements))
                                          : Value::Map(type_, std::move(elements));
    }
    case TypeId::kRow: {
      std::vector<Value> fields;
      fields.reserve(children_.size());
      for (const auto& c : children_) fields.push_back(c.GetValue(row));
      return Value::Row(type_, std::move(fields));
    }
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
    case TypeId::kTimestamp: return Value::Timestamp(data<int64_t>()[row], type_);
    case TypeId::kTimestampTz: return Value::TimestampTz(data<int64_t>()[row], type_);
    case TypeId::kDecimal: return Value::Decimal(type_, LoadDecimal(data_.get(), row, type_.PhysicalSize() == 16));
    case TypeId::kInvalid: break;
  }
  ThrowInternal("GetValue on invalid type");
}

void Vector::SetValue(size_t row, const Value& value) {
  dictionary_.reset();
  if (value.is_null()) {
    SetNull(row);
    // Keep a NULL row's parts well formed: an empty list, NULL fields.
    if (type_.IsList()) data<ListEntry>()[row] = ListEntry{static_cast<uint32_t>(list_size_), 0};
    for (auto& c : children_) {
      if (type_.id() == TypeId::kRow) c.SetValue(row, Value::Null(c.type()));
    }
    return;
  }
  validity_.SetValid(row);
  switch (type_.id()) {
    case TypeId::kArray:
    case TypeId::kMap: {
      const auto& elements = value.children();
      const size_t first = GrowList(elements.size());
      for (size_t k = 0; k < elements.size(); ++k) children_[0].SetValue(first + k, elements[k]);
      data<ListEntry>()[row] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(elements.size())};
      return;
    }
    case TypeId::kRow:
      for (size_t f = 0; f < children_.size(); ++f) children_[f].SetValue(row, value.children()[f]);
      return;
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
    case TypeId::kTimestampTz:
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
  if (type_.IsNested()) {
    if (type_.IsList()) {
      CopyListFrom(source, sel, count, offset);
    } else {
      for (size_t f = 0; f < children_.size(); ++f) children_[f].CopyFrom(source.children_[f], sel, count, offset);
    }
    CopyValidityFrom(source, sel, count, offset);
    return;
  }
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
  CopyValidityFrom(source, sel, count, offset);
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

void Vector::CopyValidityFrom(const Vector& source, const uint32_t* sel, size_t count, size_t offset) {
  if (!source.validity_.AllValid() || !validity_.AllValid()) {
    for (size_t i = 0; i < count; ++i) {
      validity_.Set(offset + i, source.validity_.IsValid(sel ? sel[i] : i));
    }
  }
}

// Rows of a list vector copy their entries and gather their elements into
// this vector's child, after the rows in use (Reset drops those).
void Vector::CopyListFrom(const Vector& source, const uint32_t* sel, size_t count, size_t offset) {
  if (&source == this) {
    Vector copy(type_, std::max<size_t>(count, 1));
    copy.CopyListFrom(source, sel, count, 0);
    CopyListFrom(copy, nullptr, count, offset);
    return;
  }
  const ListEntry* src = source.data<ListEntry>();
  ListEntry* dst = data<ListEntry>() + offset;
  std::vector<uint32_t> element_sel;
  size_t next = list_size_;
  for (size_t i = 0; i < count; ++i) {
    const size_t r = sel ? sel[i] : i;
    const uint32_t length = source.IsNull(r) ? 0 : src[r].length;
    dst[i] = ListEntry{static_cast<uint32_t>(next), length};
    for (uint32_t k = 0; k < length; ++k) element_sel.push_back(src[r].offset + k);
    next += length;
  }
  children_[0].CopyFrom(source.children_[0], element_sel.data(), element_sel.size(), list_size_);
  list_size_ = next;
}

}  // namespace sluice
