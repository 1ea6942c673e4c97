// sequence(start, stop [, step]) over bigints (step 1 or -1 by default, by
// the direction) and sequence(start, stop) over dates (one day, either
// direction), with Trino's errors and its limit of 10000 entries.
#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

constexpr int64_t kMaxEntries = 10000;

template <typename T, bool kHasStep>
void SequenceKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const T* starts = args[0]->data<T>();
  const T* stops = args[1]->data<T>();
  ListEntry* entries = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(result.list_size()), 0};
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t start = starts[i], stop = stops[i];
    const int64_t step = kHasStep ? args[2]->data<int64_t>()[i] : (stop >= start ? 1 : -1);
    if (step == 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "step must not be zero");
    if ((step > 0 && stop < start) || (step < 0 && stop > start)) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "sequence stop value should be greater than or equal to start value if step is greater "
                        "than zero otherwise stop should be less than or equal to start");
    }
    // In 128 bits: stop - start overflows for the extreme bigints.
    const __int128 n = (static_cast<__int128>(stop) - start) / step + 1;
    if (n > kMaxEntries) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "result of sequence function must not have more than 10000 entries");
    }
    const size_t first = result.GrowList(static_cast<size_t>(n));
    T* out = result.child().data<T>();
    for (int64_t k = 0; k < static_cast<int64_t>(n); ++k) out[first + k] = static_cast<T>(start + k * step);
    entries[i] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(n)};
  }
}

}  // namespace

void RegisterSequenceFunctions(FunctionRegistry& r) {
  const LogicalType b = LogicalType::Bigint();
  const LogicalType d = LogicalType::Date();
  r.AddScalar({"sequence", {b, b}, LogicalType::Array(b), SequenceKernel<int64_t, false>});
  r.AddScalar({"sequence", {b, b, b}, LogicalType::Array(b), SequenceKernel<int64_t, true>});
  r.AddScalar({"sequence", {d, d}, LogicalType::Array(d), SequenceKernel<int32_t, false>});
}

}  // namespace sluice::function
