#include "sluice/vector/vector_operations.h"

#include <gtest/gtest.h>

#include "sluice/types/decimal.h"

namespace sluice {
namespace {

// HashRow must agree with HashVector, or grouping by dictionary codes would
// put equal keys in different groups.
TEST(VectorOperationsTest, HashRowAgreesWithHashVectorForEveryType) {
  const std::vector<LogicalType> types = {
      LogicalType::Boolean(), LogicalType::Tinyint(), LogicalType::Smallint(), LogicalType::Integer(),
      LogicalType::Bigint(),  LogicalType::Real(),    LogicalType::Double(),   LogicalType::Varchar(),
      LogicalType::Date(),    LogicalType::Timestamp(), LogicalType::Decimal(9, 2), LogicalType::Decimal(30, 4)};
  for (const auto& type : types) {
    Vector v(type, 4);
    for (size_t i = 0; i < 3; ++i) {
      Value value;
      switch (type.id()) {
        case TypeId::kBoolean: value = Value::Boolean(i % 2); break;
        case TypeId::kReal: value = Value::Real(1.5f * static_cast<float>(i)); break;
        case TypeId::kDouble: value = Value::Double(2.25 * static_cast<double>(i)); break;
        case TypeId::kVarchar: value = Value::Varchar("key number " + std::to_string(i) + " of three"); break;
        case TypeId::kDate: value = Value::Date(static_cast<int32_t>(19000 + i)); break;
        case TypeId::kTimestamp: value = Value::Timestamp(static_cast<int64_t>(i) * 1000000); break;
        case TypeId::kDecimal: value = Value::Decimal(type, static_cast<Int128>(i) * 12345 - 7); break;
        default: value = Value::Integer(type, static_cast<int64_t>(i) * 3 - 1); break;
      }
      v.SetValue(i, value);
    }
    v.SetNull(3);
    uint64_t hashes[4];
    HashVector(v, 4, hashes, false);
    for (size_t i = 0; i < 4; ++i) EXPECT_EQ(HashRow(v, i), hashes[i]) << type.ToString() << " row " << i;
  }
}

}  // namespace
}  // namespace sluice
