// Errors the parser returns besides 1064/1065/1235, so callers can tell them apart. (sql/)
#pragma once

#include "common/status.h"

namespace porpoise::sql {

// The parser answers mysqldump's `ALTER TABLE t DISABLE KEYS` / `ENABLE KEYS` with
// ER_ILLEGAL_HA (1031), which MySQL reports on InnoDB as a note for a no-op: callers may
// downgrade it to a warning and carry on with the next statement.
inline bool IsKeysToggleNote(const Status& status) { return status.code() == ER_ILLEGAL_HA; }

}  // namespace porpoise::sql
