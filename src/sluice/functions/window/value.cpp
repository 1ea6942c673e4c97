// first_value(x), last_value(x) and nth_value(x, n): the value at the first,
// last or n-th row of the current row's frame, NULL when the frame is empty
// or shorter. With IGNORE NULLS they count only rows where x is not NULL.
// nth_value's n is read per row: NULL gives NULL, n < 1 is an error (Trino).
#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/window/row_gather.h"

namespace sluice::function {
namespace {

LogicalType BindValue(const std::string& name, const std::vector<LogicalType>& args,
                      std::vector<LogicalType>& cast_to) {
  const bool nth = name == "nth_value";
  if (args.size() != (nth ? 2u : 1u) ||
      (nth && !args[1].IsInteger() && args[1].id() != TypeId::kInvalid)) {
    ThrowUnexpectedParameters(name, args, nth ? "nth_value(T, bigint)" : name + "(T)");
  }
  const LogicalType value = args[0].id() == TypeId::kInvalid ? LogicalType::Varchar() : args[0];
  cast_to = {value};
  if (nth) cast_to.push_back(LogicalType::Bigint());
  return value;
}

enum class Which { kFirst, kLast, kNth };

template <Which kWhich>
void Evaluate(const WindowInput& in, Vector& out) {
  const Vector& value = *in.args[0];
  NonNullRows non_null;
  if (in.ignore_nulls) non_null = FindNonNullRows(value, in.count);
  std::vector<uint32_t> picks(in.count, kNoRow);
  for (size_t i = 0; i < in.count; ++i) {
    const uint64_t begin = in.frame_begin[i], end = in.frame_end[i];
    if (begin >= end) continue;
    uint64_t n = 1;  // the n-th row of the frame, counted from 1 (kLast counts from the end)
    if constexpr (kWhich == Which::kNth) {
      const Vector& nth = *in.args[1];
      if (nth.IsNull(i)) continue;
      const int64_t o = nth.data<int64_t>()[i];
      if (o < 1) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Offset must be at least 1");
      n = static_cast<uint64_t>(o);
    }
    if (!in.ignore_nulls) {
      if (n > end - begin) continue;
      picks[i] = static_cast<uint32_t>(kWhich == Which::kLast ? end - 1 : begin + n - 1);
      continue;
    }
    const uint64_t first = non_null.before[begin], past = non_null.before[end];
    if (n > past - first) continue;
    picks[i] = non_null.rows[kWhich == Which::kLast ? past - 1 : first + n - 1];
  }
  GatherPicks(value, picks, out);
}

}  // namespace

void RegisterValueWindowFunctions(FunctionRegistry& r) {
  r.AddWindow(MakeWindowFunction("first_value", BindValue, Evaluate<Which::kFirst>, kUsesFrame | kNullTreatment));
  r.AddWindow(MakeWindowFunction("last_value", BindValue, Evaluate<Which::kLast>, kUsesFrame | kNullTreatment));
  r.AddWindow(MakeWindowFunction("nth_value", BindValue, Evaluate<Which::kNth>, kUsesFrame | kNullTreatment));
}

}  // namespace sluice::function
