// Ranking window functions: row_number, rank, dense_rank, percent_rank,
// cume_dist and ntile. They ignore frames; rank and its kin read the peer
// groups (rows equal on the window's ORDER BY keys), so without ORDER BY
// every row of a partition ranks 1. Each is one pass over the bucket.
#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

LogicalType BindNoArguments(const std::string& name, const std::vector<LogicalType>& args,
                            std::vector<LogicalType>&) {
  if (!args.empty()) ThrowUnexpectedParameters(name, args, name + "()");
  return name == "percent_rank" || name == "cume_dist" ? LogicalType::Double() : LogicalType::Bigint();
}

void RowNumber(const WindowInput& in, Vector& out) {
  int64_t* v = out.data<int64_t>();
  for (size_t i = 0; i < in.count; ++i) v[i] = static_cast<int64_t>(i - in.partition_begin[i]) + 1;
}

void Rank(const WindowInput& in, Vector& out) {
  int64_t* v = out.data<int64_t>();
  for (size_t i = 0; i < in.count; ++i) v[i] = static_cast<int64_t>(in.peer_begin[i] - in.partition_begin[i]) + 1;
}

void DenseRank(const WindowInput& in, Vector& out) {
  int64_t* v = out.data<int64_t>();
  for (size_t i = 0; i < in.count; ++i) {
    if (i == in.partition_begin[i]) {
      v[i] = 1;
    } else {
      v[i] = v[i - 1] + (in.peer_begin[i] == i);  // a new peer group starts here
    }
  }
}

// (rank - 1) / (rows - 1), 0 for a partition of one row.
void PercentRank(const WindowInput& in, Vector& out) {
  double* v = out.data<double>();
  for (size_t i = 0; i < in.count; ++i) {
    const size_t rows = in.partition_end[i] - in.partition_begin[i];
    v[i] = rows <= 1 ? 0.0
                     : static_cast<double>(in.peer_begin[i] - in.partition_begin[i]) / static_cast<double>(rows - 1);
  }
}

// The fraction of the partition's rows up to and including the row's peers.
void CumeDist(const WindowInput& in, Vector& out) {
  double* v = out.data<double>();
  for (size_t i = 0; i < in.count; ++i) {
    v[i] = static_cast<double>(in.peer_end[i] - in.partition_begin[i]) /
           static_cast<double>(in.partition_end[i] - in.partition_begin[i]);
  }
}

LogicalType BindNtile(const std::string& name, const std::vector<LogicalType>& args,
                      std::vector<LogicalType>& cast_to) {
  if (args.size() != 1 || !(args[0].IsInteger() || args[0].id() == TypeId::kInvalid)) {
    ThrowUnexpectedParameters(name, args, "ntile(bigint)");
  }
  cast_to = {LogicalType::Bigint()};
  return LogicalType::Bigint();
}

// Trino's ntile: the partition's rows split into `buckets` groups whose
// sizes differ by at most one, the larger first. The bucket count is read
// per row; NULL gives NULL.
void Ntile(const WindowInput& in, Vector& out) {
  const Vector& buckets = *in.args[0];
  const int64_t* b = buckets.data<int64_t>();
  int64_t* v = out.data<int64_t>();
  for (size_t i = 0; i < in.count; ++i) {
    if (buckets.IsNull(i)) {
      out.SetNull(i);
      continue;
    }
    if (b[i] <= 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Buckets must be greater than 0");
    const uint64_t rows = in.partition_end[i] - in.partition_begin[i];
    const uint64_t n = static_cast<uint64_t>(b[i]);
    const uint64_t k = i - in.partition_begin[i];
    if (n >= rows) {
      v[i] = static_cast<int64_t>(k) + 1;
      continue;
    }
    const uint64_t size = rows / n, larger = rows % n;  // `larger` buckets hold size + 1 rows
    const uint64_t in_larger = larger * (size + 1);
    v[i] = static_cast<int64_t>(k < in_larger ? k / (size + 1) : larger + (k - in_larger) / size) + 1;
  }
}

}  // namespace

void RegisterRankingWindowFunctions(FunctionRegistry& r) {
  r.AddWindow(MakeWindowFunction("row_number", BindNoArguments, RowNumber, kPlainWindow));
  r.AddWindow(MakeWindowFunction("rank", BindNoArguments, Rank, kUsesPeers));
  r.AddWindow(MakeWindowFunction("dense_rank", BindNoArguments, DenseRank, kUsesPeers));
  r.AddWindow(MakeWindowFunction("percent_rank", BindNoArguments, PercentRank, kUsesPeers));
  r.AddWindow(MakeWindowFunction("cume_dist", BindNoArguments, CumeDist, kUsesPeers));
  r.AddWindow(MakeWindowFunction("ntile", BindNtile, Ntile, kPlainWindow));
}

}  // namespace sluice::function
