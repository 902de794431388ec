// Information and server functions that run in SQLite: FORMAT_BYTES and FORMAT_PICO_TIME
// (pp_format_units), VALIDATE_PASSWORD_STRENGTH (pp_password_strength), LOAD_FILE
// (pp_load_file), ROLES_GRAPHML (pp_roles_graphml), STATEMENT_DIGEST and
// STATEMENT_DIGEST_TEXT (pp_statement_digest), GTID_SUBSET and GTID_SUBTRACT (pp_gtid_subset,
// pp_gtid_subtract). The session's part (may this file be read, the
// account data) comes through its FunctionHost. (engine/)
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <utility>

#include "engine/format_units.h"
#include "engine/gtid_set.h"
#include "engine/runtime.h"
#include "engine/sqlite_functions.h"
#include "sql/digest.h"
#include "sql/parser.h"

namespace porpoise::engine {

namespace {

FunctionHost* HostOf(sqlite3_context* context) {
  return static_cast<FunctionHost*>(sqlite3_user_data(context));
}

void ResultText(sqlite3_context* context, const std::string& text) {
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// pp_format_units(kind, numeric, x): FORMAT_BYTES (kind 0) or FORMAT_PICO_TIME (1) of x read
// as a DOUBLE. MySQL takes numbers only: an argument of another type (numeric 0) is 1690 when
// it has a value.
void FormatUnits(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[2]) == SQLITE_NULL) return sqlite3_result_null(context);
  bool bytes = sqlite3_value_int64(argv[0]) == 0;
  if (sqlite3_value_int64(argv[1]) == 0) {
    return RaiseError(context, Status::Error(ER_DATA_OUT_OF_RANGE, "Input",
                                             bytes ? "format_bytes" : "format_pico_time"));
  }
  double value = sqlite3_value_double(argv[2]);
  ResultText(context, bytes ? FormatBytes(value) : FormatPicoTime(value));
}

// pp_password_strength(password): what VALIDATE_PASSWORD_STRENGTH answers without MySQL's
// validate_password component, which this server does not have: 0 for any password.
void PasswordStrength(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  sqlite3_result_int(context, 0);
}

// The bytes of the regular file at `path` when every account of the host may read it (MySQL
// reads only such files), NULL otherwise; past `limit` bytes NULL with 1301.
void ReadFileInto(sqlite3_context* context, const std::string& path, FunctionHost& host) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return sqlite3_result_null(context);
  struct stat info {};
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || (info.st_mode & S_IROTH) == 0) {
    close(fd);
    return sqlite3_result_null(context);
  }
  if (static_cast<uint64_t>(info.st_size) > host.max_allowed_packet) {
    close(fd);
    host.warnings.push_back(Status::Error(ER_WARN_ALLOWED_PACKET_OVERFLOWED, "load_file",
                                          static_cast<long>(host.max_allowed_packet)));
    return sqlite3_result_null(context);
  }
  std::string bytes(static_cast<size_t>(info.st_size), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  bytes.resize(done);
  sqlite3_result_blob64(context, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

// pp_load_file(path): LOAD_FILE. NULL for a NULL path, and wherever MySQL answers NULL: no FILE
// privilege, a path secure_file_priv does not allow, a file missing or unreadable.
void LoadFile(sqlite3_context* context, int, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || host == nullptr || !host->server_file_path) {
    return sqlite3_result_null(context);
  }
  std::optional<std::string> path = host->server_file_path(std::string(BytesOf(argv[0])));
  if (!path) return sqlite3_result_null(context);
  ReadFileInto(context, *path, *host);
}

// pp_roles_graphml(): ROLES_GRAPHML.
void RolesGraphmlOf(sqlite3_context* context, int, sqlite3_value**) {
  FunctionHost* host = HostOf(context);
  if (host == nullptr || !host->roles_graphml) return sqlite3_result_null(context);
  ResultText(context, host->roles_graphml());
}

// pp_statement_digest(text, modes, statement): STATEMENT_DIGEST_TEXT (text 1) or
// STATEMENT_DIGEST (0) of one statement, read under the sql_mode bits `modes` (1 ANSI_QUOTES,
// 2 PIPES_AS_CONCAT, 4 NO_BACKSLASH_ESCAPES, 8 HIGH_NOT_PRECEDENCE). A statement the parser
// refuses is 3676 quoting the parser's message. MySQL's STATEMENT_DIGEST hashes its token
// stream (token numbers of its own grammar); this one is the SHA-256 of the digest text: as
// stable, equal exactly when the texts are, but not MySQL's value.
void StatementDigest(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[2]) == SQLITE_NULL) return sqlite3_result_null(context);
  int64_t modes = sqlite3_value_int64(argv[1]);
  sql::ParserOptions options;
  options.ansi_quotes = (modes & 1) != 0;
  options.pipes_as_concat = (modes & 2) != 0;
  options.no_backslash_escapes = (modes & 4) != 0;
  options.high_not_precedence = (modes & 8) != 0;
  std::string statement(BytesOf(argv[2]));
  Status parsed = sql::ParseOne(statement, options).status();
  if (parsed.ok()) parsed = sql::CheckNoParameterMarkers(statement, options);
  if (!parsed.ok()) {
    return RaiseError(context, Status::Error(ER_PARSE_ERROR_IN_DIGEST_FN, parsed.message()));
  }
  std::string text = sql::StatementDigestText(statement, options);
  ResultText(context, sqlite3_value_int64(argv[0]) != 0 ? text : Sha256Hex(text));
}

// Both arguments read as GTID sets; nullopt (the statement failed with 1772 for the first
// malformed one) when one is not.
std::optional<std::pair<GtidSet, GtidSet>> GtidSets(sqlite3_context* context, sqlite3_value** argv) {
  std::optional<GtidSet> first = GtidSet::Parse(BytesOf(argv[0]));
  std::optional<GtidSet> second = first ? GtidSet::Parse(BytesOf(argv[1])) : std::nullopt;
  if (!first || !second) {
    std::string_view text = BytesOf(argv[first ? 1 : 0]);
    RaiseError(context, Status::Error(ER_MALFORMED_GTID_SET_SPECIFICATION,
                                      MalformedGtidSetText(text)));
    return std::nullopt;
  }
  return std::make_pair(std::move(*first), std::move(*second));
}

// pp_gtid_subset(a, b): GTID_SUBSET, 1 when every GTID of a is in b.
void GtidSubset(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::optional<std::pair<GtidSet, GtidSet>> sets = GtidSets(context, argv);
  if (sets) sqlite3_result_int64(context, sets->first.IsSubsetOf(sets->second) ? 1 : 0);
}

// pp_gtid_subtract(a, b): GTID_SUBTRACT, a's GTIDs that are not in b, in MySQL's printed form.
void GtidSubtract(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::optional<std::pair<GtidSet, GtidSet>> sets = GtidSets(context, argv);
  if (!sets) return;
  sets->first.Subtract(sets->second);
  ResultText(context, sets->first.ToText());
}

}  // namespace

Status RegisterInformationRuntime(sqlite3* db, FunctionHost* host) {
  static constexpr ScalarFunction kScalars[] = {
      {"pp_format_units", 3, FormatUnits, true},
      {"pp_password_strength", 1, PasswordStrength, true},
      {"pp_load_file", 1, LoadFile, false},
      {"pp_roles_graphml", 0, RolesGraphmlOf, false},
      {"pp_statement_digest", 3, StatementDigest, true},
      {"pp_gtid_subset", 2, GtidSubset, true},
      {"pp_gtid_subtract", 2, GtidSubtract, true},
  };
  return RegisterScalars(db, host, kScalars);
}

}  // namespace porpoise::engine
