// approx_percentile, as Trino has it:
//   approx_percentile(x, p)          x at percentile p, x's type
//   approx_percentile(x, ARRAY[p..]) an array of them, in the order given
//   approx_percentile(x, w, p)       weighted (w a double >= 1, as a count)
//   approx_percentile(x, w, ARRAY[p..])
// x is bigint (other integers coerce to it; the answer is rounded half up,
// Java's Math.round), real or double (decimals coerce to it). Rows where x,
// w or p is NULL are ignored; no rows give NULL. p must be constant: the
// first row's is used. A t-digest per group (see t_digest.h).
// Errors are Trino's INVALID_FUNCTION_ARGUMENT messages.
#include <cmath>
#include <cstdint>
#include <memory>

#include "sluice/common/error.h"
#include "sluice/functions/aggregate/t_digest.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

struct PercentileState {
  TDigest digest;
  std::vector<double> percentiles;
  bool has_percentiles = false;
};

PercentileState*& Ptr(uint8_t* state) { return *reinterpret_cast<PercentileState**>(state); }
PercentileState* Get(const uint8_t* state) { return *reinterpret_cast<PercentileState* const*>(state); }
void InitState(uint8_t* state) { Ptr(state) = nullptr; }
void DestroyState(uint8_t* state) {
  delete Ptr(state);
  Ptr(state) = nullptr;
}
PercentileState& Ensure(uint8_t* state) {
  if (!Ptr(state)) Ptr(state) = new PercentileState();
  return *Ptr(state);
}

[[noreturn]] void InvalidArgument(const std::string& message) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, message);
}

void CheckPercentile(double p) {
  if (!(p >= 0 && p <= 1)) InvalidArgument("Percentile must be between 0 and 1");
}

// Row `row` of x as a double, checked as Trino checks values.
template <TypeId kValue>
double ValueAt(const Vector& x, size_t row) {
  if constexpr (kValue == TypeId::kBigint) {
    const int64_t v = x.data<int64_t>()[row];
    const double d = static_cast<double>(v);
    // Not every bigint has a double (2^53 + 1); Trino refuses those. Java's
    // cast back saturates, so Trino takes 2^63 - 1 as 2^63.
    const bool exact = d >= 9223372036854775808.0 ? v == INT64_MAX : static_cast<int64_t>(d) == v;
    if (!exact) {
      InvalidArgument("no exact double representation for long: " + std::to_string(v));
    }
    return d;
  } else {
    const double d = kValue == TypeId::kReal ? x.data<float>()[row] : x.data<double>()[row];
    if (!std::isfinite(d)) InvalidArgument("value must be finite; was " + FormatDouble(d));
    return d;
  }
}

// Fields of the packed argument: x, [w,] p.
template <TypeId kValue, bool kWeighted, bool kArray>
void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  const Vector& x = arg->child(0);
  const Vector* w = kWeighted ? &arg->child(1) : nullptr;
  const Vector& p = arg->child(kWeighted ? 2 : 1);
  for (size_t i = 0; i < count; ++i) {
    if (x.IsNull(i) || p.IsNull(i) || (kWeighted && w->IsNull(i))) continue;
    PercentileState& s = Ensure(states[i]);
    if (!s.has_percentiles) {
      if constexpr (kArray) {
        const ListEntry list = p.data<ListEntry>()[i];
        for (uint32_t e = list.offset; e < list.offset + list.length; ++e) {
          if (p.child().IsNull(e)) InvalidArgument("Percentile cannot be null");
          s.percentiles.push_back(p.child().data<double>()[e]);
          CheckPercentile(s.percentiles.back());
        }
      } else {
        s.percentiles.push_back(p.data<double>()[i]);
        CheckPercentile(s.percentiles.back());
      }
      s.has_percentiles = true;
    }
    double weight = 1;
    if constexpr (kWeighted) {
      weight = w->data<double>()[i];
      if (!std::isfinite(weight)) InvalidArgument("weight must be finite, was " + FormatDouble(weight));
      if (weight < 1) InvalidArgument("weight must be >= 1, was " + FormatDouble(weight));
    }
    s.digest.Add(ValueAt<kValue>(x, i), weight);
  }
}

void Combine(const uint8_t* source, uint8_t* target) {
  const PercentileState* s = Get(source);
  if (!s || s->digest.empty()) return;
  PercentileState& t = Ensure(target);
  t.digest.Merge(s->digest);
  if (!t.has_percentiles) {
    t.percentiles = s->percentiles;
    t.has_percentiles = true;
  }
}

template <TypeId kValue>
void WriteValue(double v, Vector& out, size_t row) {
  if constexpr (kValue == TypeId::kBigint) {
    // Java's Math.round: half up, saturating at the ends.
    const double rounded = std::floor(v + 0.5);
    out.data<int64_t>()[row] = rounded >= 9223372036854775808.0 ? INT64_MAX
                               : rounded < -9223372036854775808.0 ? INT64_MIN
                                                                  : static_cast<int64_t>(rounded);
  } else if constexpr (kValue == TypeId::kReal) {
    out.data<float>()[row] = static_cast<float>(v);
  } else {
    out.data<double>()[row] = v;
  }
}

template <TypeId kValue, bool kArray>
void Finalize(const uint8_t* state, Vector& out, size_t row) {
  // The digest compresses on reading: finalize owns the state by then.
  PercentileState* s = Get(state);
  if (!s || s->digest.empty()) {
    out.SetNull(row);
    return;
  }
  out.SetNull(row, false);
  if constexpr (!kArray) {
    WriteValue<kValue>(s->digest.Quantile(s->percentiles[0]), out, row);
  } else {
    const size_t n = s->percentiles.size();
    const size_t first = out.GrowList(n);
    for (size_t k = 0; k < n; ++k) {
      out.child().SetNull(first + k, false);
      WriteValue<kValue>(s->digest.Quantile(s->percentiles[k]), out.child(), first + k);
    }
    out.data<ListEntry>()[row] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(n)};
  }
}

template <TypeId kValue, bool kWeighted, bool kArray>
void Configure(AggregateFunction& f) {
  f.update = &Update<kValue, kWeighted, kArray>;
  f.finalize = &Finalize<kValue, kArray>;
}

template <TypeId kValue>
void ConfigureFor(bool weighted, bool array, AggregateFunction& f) {
  if (weighted) {
    array ? Configure<kValue, true, true>(f) : Configure<kValue, true, false>(f);
  } else {
    array ? Configure<kValue, false, true>(f) : Configure<kValue, false, false>(f);
  }
}

bool IsNumberOrNull(const LogicalType& t) { return t.IsNumeric() || t.id() == TypeId::kInvalid; }

BoundCall<AggregateFunction> BindApproxPercentile(const std::vector<LogicalType>& args) {
  const char* kExpected = "approx_percentile(bigint|real|double x, [double w,] double p | array(double) p)";
  const bool packed = args.size() == 1 && args[0].id() == TypeId::kRow;
  const size_t fields = packed ? args[0].Children().size() : 0;
  if (fields != 2 && fields != 3) ThrowUnexpectedParameters("approx_percentile", packed ? args[0].Children() : args, kExpected);
  const std::vector<LogicalType>& types = args[0].Children();
  const bool weighted = fields == 3;
  const LogicalType& x = types[0];
  const LogicalType& p = types.back();
  const bool array = p.id() == TypeId::kArray;
  if (!IsNumberOrNull(x) || (weighted && !IsNumberOrNull(types[1])) ||
      !(array ? IsNumberOrNull(p.ElementType()) : IsNumberOrNull(p))) {
    ThrowUnexpectedParameters("approx_percentile", types, kExpected);
  }
  // Trino's overloads: bigint, real, double; the others coerce to one.
  LogicalType value = LogicalType::Double();
  if (x.IsInteger()) value = LogicalType::Bigint();
  if (x.id() == TypeId::kReal) value = LogicalType::Real();
  std::vector<LogicalType> packed_types = {value};
  if (weighted) packed_types.push_back(LogicalType::Double());
  packed_types.push_back(array ? LogicalType::Array(LogicalType::Double()) : LogicalType::Double());
  std::vector<std::string> names(packed_types.size());
  AggregateFunction f;
  f.name = "approx_percentile";
  f.arg_types = {LogicalType::Row(packed_types, names)};
  f.return_type = array ? LogicalType::Array(value) : value;
  f.state_size = sizeof(PercentileState*);
  f.initialize = &InitState;
  f.destroy = &DestroyState;
  f.combine = &Combine;
  switch (value.id()) {
    case TypeId::kBigint: ConfigureFor<TypeId::kBigint>(weighted, array, f); break;
    case TypeId::kReal: ConfigureFor<TypeId::kReal>(weighted, array, f); break;
    default: ConfigureFor<TypeId::kDouble>(weighted, array, f); break;
  }
  return BoundCall<AggregateFunction>{f, f.arg_types};
}

}  // namespace

void RegisterApproxPercentileAggregates(FunctionRegistry& registry) {
  registry.AddGenericAggregate("approx_percentile", &BindApproxPercentile);
}

}  // namespace sluice::function
