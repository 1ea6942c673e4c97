#include "sluice/exec/operators/physical_values.h"

namespace sluice::exec {

SourceResult PhysicalValues::GetData(QueryContext&, DataChunk& out, GlobalState&, LocalState&) {
  // Rows beyond one batch are rare here (VALUES lists); emit them in one go.
  for (size_t c = 0; c < out.ColumnCount(); ++c) out.column(c).Reserve(rows_.size(), 0);
  for (size_t r = 0; r < rows_.size(); ++r) {
    for (size_t c = 0; c < out.ColumnCount(); ++c) out.column(c).SetValue(r, rows_[r][c]);
  }
  out.SetSize(rows_.size());
  return SourceResult::kFinished;
}

}  // namespace sluice::exec
