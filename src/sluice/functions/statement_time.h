#pragma once

#include <cstdint>

namespace sluice::function {

// The time the running statement started, in microseconds since the epoch:
// current_date, current_timestamp, now() and localtimestamp all return it, so
// one statement sees one value however often it names them (as in Trino).
// Set by the connection on the thread that binds the statement (the binder
// folds these calls to constants there); 0 means unset, and the clock is read.
void SetStatementStartMicros(int64_t micros);
int64_t StatementStartMicros();

}  // namespace sluice::function
