#include "sluice/functions/statement_time.h"

namespace sluice::function {

namespace {
thread_local int64_t statement_start = 0;
}  // namespace

void SetStatementStartMicros(int64_t micros) { statement_start = micros; }
int64_t StatementStartMicros() { return statement_start; }

}  // namespace sluice::function
