// listagg, as Trino has it: the parser reads
//   LISTAGG(x [, 'sep'] [ON OVERFLOW ERROR | TRUNCATE ['filler'] WITH|WITHOUT COUNT])
//     WITHIN GROUP (ORDER BY ...)
// as listagg(x, sep, overflow_error, filler, with_count ORDER BY ...), and the
// binder packs the five into one row. The values (varchar; NULLs skipped)
// are joined with the separator in the order the aggregate machinery feeds
// them; no values give NULL. Past Trino's limit of 1048576 bytes the result
// is an EXCEEDED_FUNCTION_MEMORY_LIMIT error (ON OVERFLOW ERROR, the
// default), or it is cut after the last whole value that fits, followed by
// the separator, the filler and with COUNT "(n)", the values left out.
#include <memory>
#include <string>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

constexpr size_t kMaxOutputLength = 1048576;  // Trino's page size limit
constexpr size_t kMaxFillerLength = 65536;

struct ListaggState {
  std::string values;             // the values, back to back
  std::vector<uint32_t> lengths;  // each value's length
  // The call's constant arguments, from its first row.
  std::string separator, filler;
  bool overflow_error = true, with_count = false;
};

ListaggState*& Ptr(uint8_t* state) { return *reinterpret_cast<ListaggState**>(state); }
const ListaggState* Get(const uint8_t* state) { return *reinterpret_cast<const ListaggState* const*>(state); }
void InitState(uint8_t* state) { Ptr(state) = nullptr; }
void DestroyState(uint8_t* state) {
  delete Ptr(state);
  Ptr(state) = nullptr;
}

// Fields of the packed argument.
enum Field : size_t { kValue, kSeparator, kOverflowError, kFiller, kWithCount };

void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  const Vector& value = arg->child(kValue);
  for (size_t i = 0; i < count; ++i) {
    if (value.IsNull(i)) continue;
    ListaggState*& s = Ptr(states[i]);
    if (!s) {
      s = new ListaggState();
      s->separator = arg->child(kSeparator).IsNull(i) ? "" : std::string(arg->child(kSeparator).data<StringRef>()[i].view());
      s->filler = arg->child(kFiller).IsNull(i) ? "" : std::string(arg->child(kFiller).data<StringRef>()[i].view());
      s->overflow_error = arg->child(kOverflowError).IsNull(i) || arg->child(kOverflowError).data<uint8_t>()[i];
      s->with_count = !arg->child(kWithCount).IsNull(i) && arg->child(kWithCount).data<uint8_t>()[i];
      if (s->filler.size() > kMaxFillerLength) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          "Overflow filler length " + std::to_string(s->filler.size()) +
                              " exceeds maximum length " + std::to_string(kMaxFillerLength));
      }
    }
    const std::string_view v = value.data<StringRef>()[i].view();
    s->values += v;
    s->lengths.push_back(static_cast<uint32_t>(v.size()));
  }
}

void Combine(const uint8_t* source, uint8_t* target) {
  const ListaggState* s = Get(source);
  if (!s) return;
  ListaggState*& t = Ptr(target);
  if (!t) {
    t = new ListaggState(*s);
    return;
  }
  t->values += s->values;
  t->lengths.insert(t->lengths.end(), s->lengths.begin(), s->lengths.end());
}

void Finalize(const uint8_t* state, Vector& out, size_t row) {
  const ListaggState* s = Get(state);
  if (!s) {
    out.SetNull(row);
    return;
  }
  std::string text;
  size_t offset = 0, emitted = 0;
  bool overflow = false;
  for (uint32_t length : s->lengths) {
    const size_t needed = length + (emitted > 0 ? s->separator.size() : 0);
    if (text.size() + needed > kMaxOutputLength) {
      overflow = true;
      break;
    }
    if (emitted > 0) text += s->separator;
    text.append(s->values, offset, length);
    offset += length;
    ++emitted;
  }
  if (overflow) {
    if (s->overflow_error) {
      throw SluiceError(ErrorCode::kExceededFunctionMemoryLimit,
                        "Concatenated string has the length in bytes larger than the maximum output length " +
                            std::to_string(kMaxOutputLength));
    }
    if (emitted > 0) text += s->separator;
    text += s->filler;
    if (s->with_count) text += "(" + std::to_string(s->lengths.size() - emitted) + ")";
  }
  out.SetNull(row, false);
  out.SetString(row, text);
}

bool IsVarcharOrNull(const LogicalType& t) { return t.id() == TypeId::kVarchar || t.id() == TypeId::kInvalid; }

BoundCall<AggregateFunction> BindListagg(const std::vector<LogicalType>& args) {
  const bool packed = args.size() == 1 && args[0].id() == TypeId::kRow && args[0].Children().size() == 5;
  const std::vector<LogicalType>& types = packed ? args[0].Children() : args;
  const char* kExpected = "listagg(varchar, varchar, boolean, varchar, boolean)";
  if (!packed || !IsVarcharOrNull(types[kValue])) ThrowUnexpectedParameters("listagg", types, kExpected);
  const std::vector<LogicalType> fields = {LogicalType::Varchar(), LogicalType::Varchar(), LogicalType::Boolean(),
                                           LogicalType::Varchar(), LogicalType::Boolean()};
  AggregateFunction f;
  f.name = "listagg";
  f.arg_types = {LogicalType::Row(fields, std::vector<std::string>(fields.size()))};
  f.return_type = LogicalType::Varchar();
  f.state_size = sizeof(ListaggState*);
  f.initialize = &InitState;
  f.destroy = &DestroyState;
  f.update = &Update;
  f.combine = &Combine;
  f.finalize = &Finalize;
  return BoundCall<AggregateFunction>{f, f.arg_types};
}

}  // namespace

void RegisterListaggAggregate(FunctionRegistry& registry) { registry.AddGenericAggregate("listagg", &BindListagg); }

}  // namespace sluice::function
