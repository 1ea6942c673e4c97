#include "sluice/sql/planner/partition_values.h"

#include "sluice/catalog/partition_path.h"
#include "sluice/common/error.h"
#include "sluice/functions/cast.h"
#include "sluice/vector/vector.h"

namespace sluice::planner {

std::vector<Value> PartitionValues(const catalog::TableDef& table,
                                   const catalog::PartitionDef& partition) {
  std::vector<Value> values;
  for (size_t i = 0; i < table.partition_columns.size(); ++i) {
    const auto& col = table.partition_columns[i];
    const std::string& text = i < partition.values.size() ? partition.values[i] : std::string();
    if (text == catalog::kHiveDefaultPartition) {
      values.push_back(Value::Null(col.type));
      continue;
    }
    if (col.type.id() == TypeId::kVarchar) {
      values.push_back(Value::Varchar(text));
      continue;
    }
    Vector src(LogicalType::Varchar(), 1);
    src.SetString(0, text);
    Vector dst(col.type, 1);
    try {
      function::CastVector(src, dst, 1, false);
    } catch (const SluiceError&) {
      throw SluiceError(ErrorCode::kBadData,
                        "partition " + partition.location + " of table " + table.database + "." +
                            table.name + ": value '" + text + "' of key " + col.name +
                            " is not a valid " + col.type.ToString());
    }
    values.push_back(dst.GetValue(0));
  }
  return values;
}

}  // namespace sluice::planner
