// lag(x [, offset [, default]]) and lead(...): the value `offset` rows (1 by
// default) before or after the current row in its partition, ignoring the
// frame; `default` (NULL by default) where that row lies outside the
// partition. With IGNORE NULLS only rows where x is not NULL count. As in
// Trino, x and default take their common type (lag(T, bigint, T)); a NULL
// offset gives NULL, a negative one is an error.
#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/window/row_gather.h"

namespace sluice::function {
namespace {

LogicalType BindOffset(const std::string& name, const std::vector<LogicalType>& args,
                       std::vector<LogicalType>& cast_to) {
  const std::string expected = name + "(T) " + name + "(T, bigint) " + name + "(T, bigint, T)";
  if (args.empty() || args.size() > 3) ThrowUnexpectedParameters(name, args, expected);
  LogicalType value = args[0];
  if (args.size() == 3 && args[2].id() != TypeId::kInvalid) {
    value = value.id() == TypeId::kInvalid ? args[2] : CommonSuperType(args[0], args[2]);
    if (value.id() == TypeId::kInvalid) ThrowUnexpectedParameters(name, args, expected);
  }
  if (value.id() == TypeId::kInvalid) value = LogicalType::Varchar();  // lag(NULL): as an untyped output
  cast_to = {value};
  if (args.size() >= 2) {
    if (!args[1].IsInteger() && args[1].id() != TypeId::kInvalid) ThrowUnexpectedParameters(name, args, expected);
    cast_to.push_back(LogicalType::Bigint());
  }
  if (args.size() == 3) cast_to.push_back(value);
  return value;
}

template <bool kLead>
void Evaluate(const WindowInput& in, Vector& out) {
  const Vector& value = *in.args[0];
  const Vector* offsets = in.arg_count > 1 ? in.args[1] : nullptr;
  const Vector* defaults = in.arg_count > 2 ? in.args[2] : nullptr;
  NonNullRows non_null;
  if (in.ignore_nulls) non_null = FindNonNullRows(value, in.count);
  std::vector<uint32_t> picks(in.count, kNoRow);
  std::vector<uint32_t> outside;  // rows whose offset row is outside the partition
  for (size_t i = 0; i < in.count; ++i) {
    uint64_t k = 1;
    if (offsets) {
      if (offsets->IsNull(i)) continue;  // NULL, not the default
      const int64_t o = offsets->data<int64_t>()[i];
      if (o < 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Offset must be at least 0");
      k = static_cast<uint64_t>(o);
    }
    const uint64_t begin = in.partition_begin[i], end = in.partition_end[i];
    if (k == 0) {
      picks[i] = static_cast<uint32_t>(i);
    } else if (!in.ignore_nulls) {
      if (kLead ? k < end - i : k <= i - begin) picks[i] = static_cast<uint32_t>(kLead ? i + k : i - k);
    } else if (kLead) {
      const uint64_t after = non_null.before[i + 1];  // the first non-NULL row after i is rows[after]
      if (k <= non_null.before[end] - after) picks[i] = non_null.rows[after + k - 1];
    } else {
      const uint64_t before = non_null.before[i];
      if (k <= before - non_null.before[begin]) picks[i] = non_null.rows[before - k];
    }
    if (picks[i] == kNoRow) outside.push_back(static_cast<uint32_t>(i));
  }
  GatherPicks(value, picks, out);
  // Only the rows near partition edges take the default: value by value.
  if (defaults) {
    for (uint32_t i : outside) out.SetValue(i, defaults->GetValue(i));
  }
}

}  // namespace

void RegisterOffsetWindowFunctions(FunctionRegistry& r) {
  r.AddWindow(MakeWindowFunction("lag", BindOffset, Evaluate<false>, kNullTreatment));
  r.AddWindow(MakeWindowFunction("lead", BindOffset, Evaluate<true>, kNullTreatment));
}

}  // namespace sluice::function
