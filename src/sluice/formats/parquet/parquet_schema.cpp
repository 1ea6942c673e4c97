#include "sluice/formats/parquet/parquet_schema.h"

#include "sluice/types/decimal.h"

namespace sluice::parquet {

namespace {

constexpr int kMaxNesting = 64;

// Fills the leaf's engine type and conversion, or explains why it has none.
void MapLeafType(LeafColumn& leaf) {
  const SchemaElement& s = *leaf.element;
  const int32_t physical = s.type.value_or(-1);
  const int32_t converted = s.converted_type.value_or(-1);
  const LogicalTypeInfo& l = s.logical;
  auto fail = [&](std::string why) {
    leaf.type = LogicalType();
    leaf.unsupported = std::move(why);
  };
  if (l.kind == LogicalTypeInfo::kDecimal || converted == kDecimalConverted) {
    // The LogicalType's parameters win; old writers only set the element's.
    const bool logical = l.kind == LogicalTypeInfo::kDecimal;
    const int precision = logical ? l.precision : s.precision.value_or(0);
    const int scale = logical ? l.scale : s.scale.value_or(0);
    if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision) {
      return fail("DECIMAL(" + std::to_string(precision) + ", " + std::to_string(scale) +
                  ") is not a valid decimal type");
    }
    if (physical != kInt32Type && physical != kInt64Type && physical != kFixedLenByteArrayType &&
        physical != kByteArrayType) {
      return fail("DECIMAL stored as physical type " + std::to_string(physical) + " is not supported");
    }
    if (physical == kFixedLenByteArrayType && s.type_length.value_or(0) <= 0) {
      return fail("DECIMAL as FIXED_LEN_BYTE_ARRAY without a type_length");
    }
    leaf.type = LogicalType::Decimal(precision, scale);
    leaf.conversion = LeafConversion::kDecimal;
    return;
  }
  const bool is_int = l.kind == LogicalTypeInfo::kInteger;
  const bool is_unsigned = (is_int && !l.is_signed) ||
                           (converted >= kUint8 && converted <= kUint64);
  const int bits = is_int ? l.bit_width
                   : converted == kInt8 || converted == kUint8   ? 8
                   : converted == kInt16 || converted == kUint16 ? 16
                                                                 : 0;
  const bool is_time = l.kind == LogicalTypeInfo::kTime || converted == kTimeMillis ||
                       converted == kTimeMicros;
  // Units per microsecond of TIME/TIMESTAMP: 1 millis, 2 micros, 3 nanos.
  int unit = l.kind == LogicalTypeInfo::kTime || l.kind == LogicalTypeInfo::kTimestamp ? l.time_unit : 0;
  if (converted == kTimeMillis || converted == kTimestampMillis) unit = 1;
  if (converted == kTimeMicros || converted == kTimestampMicros) unit = 2;
  if (unit == 1) leaf.multiply = 1000;
  if (unit == 3) leaf.divide = 1000;
  switch (physical) {
    case kBooleanType: leaf.type = LogicalType::Boolean(); return;
    case kInt32Type:
      if (l.kind == LogicalTypeInfo::kDate || converted == kDateConverted) {
        leaf.type = LogicalType::Date();
      } else if (is_time) {
        leaf.type = LogicalType::Varchar();
        leaf.conversion = LeafConversion::kTimeText;
      } else if (is_unsigned) {
        leaf.type = bits == 8 ? LogicalType::Smallint() : bits == 16 ? LogicalType::Integer() : LogicalType::Bigint();
        leaf.conversion = LeafConversion::kUnsigned32;
      } else if (bits == 8 || bits == 16) {
        leaf.type = bits == 8 ? LogicalType::Tinyint() : LogicalType::Smallint();
        leaf.conversion = LeafConversion::kNarrowInt;
      } else {
        leaf.type = LogicalType::Integer();
      }
      return;
    case kInt64Type:
      if (l.kind == LogicalTypeInfo::kTimestamp || converted == kTimestampMillis ||
          converted == kTimestampMicros) {
        // The unit's digits: MILLIS timestamp(3), MICROS (6), NANOS (9).
        leaf.type = LogicalType::Timestamp(unit == 1 ? 3 : unit == 3 ? 9 : 6);
        if (leaf.multiply != 1 || leaf.divide != 1) leaf.conversion = LeafConversion::kTimestampScale;
      } else if (is_time) {
        leaf.type = LogicalType::Varchar();
        leaf.conversion = LeafConversion::kTimeText;
      } else if (is_unsigned) {
        leaf.type = LogicalType::Decimal(20, 0);
        leaf.conversion = LeafConversion::kUnsigned64;
      } else {
        leaf.type = LogicalType::Bigint();
      }
      return;
    // Impala's nanoseconds, decoded to micros.
    case kInt96Type: leaf.type = LogicalType::Timestamp(9); return;
    case kFloatType: leaf.type = LogicalType::Real(); return;
    case kDoubleType: leaf.type = LogicalType::Double(); return;
    case kByteArrayType: {
      // Text when annotated as such, JSON as json; otherwise bytes, as
      // Trino and DuckDB read BYTE_ARRAY (BSON too: it is binary).
      const bool text = l.kind == LogicalTypeInfo::kString || l.kind == LogicalTypeInfo::kEnum ||
                        converted == kUtf8 || converted == kEnumConverted;
      const bool json = l.kind == LogicalTypeInfo::kJson || converted == kJson;
      leaf.type = json ? LogicalType::Json() : text ? LogicalType::Varchar() : LogicalType::Varbinary();
      return;
    }
    case kFixedLenByteArrayType: {
      const int32_t length = s.type_length.value_or(-1);
      if (length < 0) return fail("FIXED_LEN_BYTE_ARRAY without a type_length");
      if (l.kind == LogicalTypeInfo::kUuid) {
        if (length != 16) return fail("UUID of " + std::to_string(length) + " bytes");
        leaf.type = LogicalType::Varchar();
        leaf.conversion = LeafConversion::kUuidText;
      } else if (l.kind == LogicalTypeInfo::kFloat16) {
        if (length != 2) return fail("FLOAT16 of " + std::to_string(length) + " bytes");
        leaf.type = LogicalType::Real();
        leaf.conversion = LeafConversion::kFloat16;
      } else {
        leaf.type = LogicalType::Varbinary();
      }
      return;
    }
    default: return fail("unknown physical type " + std::to_string(physical));
  }
}

}  // namespace

FileSchema BuildFileSchema(const std::vector<SchemaElement>& schema,
                           const std::function<void(const std::string&)>& corrupt) {
  FileSchema out;
  if (schema.empty()) corrupt("empty schema");
  size_t next = 1;
  std::vector<std::string> path;
  // Visits the subtree at `next`; returns after its last element.
  auto visit = [&](auto&& self, int def, int rep, int depth) -> void {
    if (depth > kMaxNesting) corrupt("schema nests deeper than " + std::to_string(kMaxNesting) + " levels");
    if (next >= schema.size()) corrupt("schema tree is truncated");
    const size_t index = next++;
    const SchemaElement& e = schema[index];
    const int32_t repetition = e.repetition.value_or(kOptional);
    if (repetition == kOptional) ++def;
    if (repetition == kRepeated) ++def, ++rep;
    path.push_back(e.name);
    const int32_t children = e.num_children.value_or(0);
    if (children < 0 || static_cast<size_t>(children) > schema.size() - next) {
      corrupt("schema element '" + e.name + "' has " + std::to_string(children) + " children");
    }
    if (children == 0 && !e.type) {
      corrupt("schema element '" + e.name + "' has neither a type nor children");
    }
    if (children == 0) {
      LeafColumn leaf;
      leaf.element = &e;
      leaf.path = path;
      leaf.max_def = def;
      leaf.max_rep = rep;
      MapLeafType(leaf);
      out.leaves.push_back(std::move(leaf));
    }
    for (int32_t c = 0; c < children; ++c) self(self, def, rep, depth + 1);
    path.pop_back();
  };
  const int32_t top = schema[0].num_children.value_or(0);
  if (top < 0 || static_cast<size_t>(top) > schema.size() - 1) {
    corrupt("schema root has " + std::to_string(top) + " children");
  }
  for (int32_t t = 0; t < top; ++t) {
    // Earlier columns' children may have used up the elements.
    if (next >= schema.size()) corrupt("schema tree is truncated");
    FileColumn column;
    column.schema_index = next;
    column.first_leaf = out.leaves.size();
    const SchemaElement& e = schema[next];
    column.name = e.name;
    column.nested = e.num_children.value_or(0) > 0 || e.repetition.value_or(kOptional) == kRepeated;
    visit(visit, 0, 0, 0);
    column.leaf_count = out.leaves.size() - column.first_leaf;
    for (size_t i = column.first_leaf; i < out.leaves.size(); ++i) {
      if (!out.leaves[i].unsupported.empty()) {
        column.unsupported = (column.nested ? "field " + out.leaves[i].path.back() + ": " : "") +
                             out.leaves[i].unsupported;
        break;
      }
    }
    if (column.unsupported.empty()) {
      column.type = column.nested ? LogicalType::Varchar() : out.leaves[column.first_leaf].type;
    }
    out.columns.push_back(std::move(column));
  }
  if (next != schema.size()) corrupt("schema has elements outside the tree");
  return out;
}

}  // namespace sluice::parquet
