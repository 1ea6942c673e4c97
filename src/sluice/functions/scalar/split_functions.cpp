// String functions that return collections (Trino's semantics and errors):
//   split(s, delimiter [, limit])   pieces between delimiters; with a limit
//                                   the last piece holds the rest
//   split_to_map(s, entry_delimiter, key_value_delimiter)
//                                   map(varchar, varchar); a trailing entry
//                                   delimiter is allowed, duplicate keys not
// Elements reference the argument's bytes (no copies).
#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/nested/string_list.h"

namespace sluice::function {
namespace {

template <bool kHasLimit>
void SplitKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* delimiters = args[1]->data<StringRef>();
  ListEntry* entries = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(result.list_size()), 0};
    if (has_nulls && result.IsNull(i)) continue;
    const std::string_view s = in[i].view();
    const std::string_view delimiter = delimiters[i].view();
    if (delimiter.empty()) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "The delimiter may not be the empty string");
    }
    int64_t limit = INT64_MAX;
    if constexpr (kHasLimit) {
      limit = args[2]->data<int64_t>()[i];
      if (limit <= 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Limit must be positive");
    }
    size_t start = 0;
    for (int64_t pieces = 1; pieces < limit; ++pieces) {
      const size_t at = s.find(delimiter, start);
      if (at == std::string_view::npos) break;
      AppendStringElement(result, s.substr(start, at - start));
      ++entries[i].length;
      start = at + delimiter.size();
    }
    AppendStringElement(result, s.substr(start));
    ++entries[i].length;
  }
  result.child().ShareBuffersOf(*args[0]);
}

void SplitToMapKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  ListEntry* entries = result.data<ListEntry>();
  Vector& pairs = result.child();
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(result.list_size()), 0};
    if (has_nulls && result.IsNull(i)) continue;
    const std::string_view s = in[i].view();
    const std::string_view entry_delimiter = args[1]->data<StringRef>()[i].view();
    const std::string_view kv_delimiter = args[2]->data<StringRef>()[i].view();
    if (entry_delimiter.empty()) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "entryDelimiter is empty");
    if (kv_delimiter.empty()) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "keyValueDelimiter is empty");
    if (entry_delimiter == kv_delimiter) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "entryDelimiter and keyValueDelimiter must not be the same");
    }
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find(entry_delimiter, start);
      if (end == std::string_view::npos) end = s.size();
      const std::string_view entry = s.substr(start, end - start);
      const size_t kv = entry.find(kv_delimiter);
      if (kv == std::string_view::npos || entry.find(kv_delimiter, kv + kv_delimiter.size()) != std::string_view::npos) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          "Key-value delimiter must appear exactly once in each entry. Bad input: '" +
                              std::string(entry) + "'");
      }
      const std::string_view key = entry.substr(0, kv);
      for (uint32_t k = 0; k < entries[i].length; ++k) {
        if (pairs.child(0).data<StringRef>()[entries[i].offset + k].view() == key) {
          throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Duplicate keys (" + std::string(key) + ") are not allowed");
        }
      }
      const size_t row = result.GrowList(1);
      pairs.SetNull(row, false);
      pairs.child(0).SetNull(row, false);
      pairs.child(1).SetNull(row, false);
      pairs.child(0).data<StringRef>()[row] = StringRef(key.data(), static_cast<uint32_t>(key.size()));
      const std::string_view value = entry.substr(kv + kv_delimiter.size());
      pairs.child(1).data<StringRef>()[row] = StringRef(value.data(), static_cast<uint32_t>(value.size()));
      ++entries[i].length;
      start = end + entry_delimiter.size();
    }
  }
  pairs.child(0).ShareBuffersOf(*args[0]);
  pairs.child(1).ShareBuffersOf(*args[0]);
}

}  // namespace

void RegisterSplitFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar();
  r.AddScalar({"split", {v, v}, LogicalType::Array(v), SplitKernel<false>});
  r.AddScalar({"split", {v, v, LogicalType::Bigint()}, LogicalType::Array(v), SplitKernel<true>});
  r.AddScalar({"split_to_map", {v, v, v}, LogicalType::Map(v, v), SplitToMapKernel});
}

}  // namespace sluice::function
