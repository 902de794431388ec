// Files on the server host: SELECT ... INTO OUTFILE (rows as delimited text) and INTO
// DUMPFILE (one value's bytes). Both need the FILE privilege and a path secure_file_priv
// allows: NULL refuses every file (1290), a directory only paths inside it, "" any path. A
// relative path is in the datadir (which holds no per-database directories). A file is never
// overwritten (1086). (engine/)
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#include "engine/session.h"

namespace porpoise::engine {

namespace {

// `path` made absolute and free of "." and ".." parts (symbolic links resolved for the parts
// that exist), so that a directory prefix test means what it says.
std::string Normalised(const std::string& path) {
  std::string directory = path.substr(0, path.rfind('/') + 1);
  std::string name = path.substr(path.rfind('/') + 1);
  char resolved[PATH_MAX];
  if (!directory.empty() && realpath(directory.c_str(), resolved) != nullptr) {
    std::string out = resolved;
    if (out.back() != '/') out += '/';
    return out + name;
  }
  return path;
}

// Writes `text` in `format`'s escaping: the escape character before itself, the enclosure,
// the first character of each terminator, and NUL as \0.
void AppendEscaped(std::string_view text, const sql::FileFormat& format, std::string* out) {
  if (format.escaped.empty()) {
    out->append(text);
    return;
  }
  char escape = format.escaped[0];
  for (char c : text) {
    bool special = c == escape || (!format.enclosed.empty() && c == format.enclosed[0]) ||
                   (format.enclosed.empty() && !format.fields_terminated.empty() &&
                    c == format.fields_terminated[0]) ||
                   (format.enclosed.empty() && !format.lines_terminated.empty() &&
                    c == format.lines_terminated[0]);
    if (c == '\0') {
      out->push_back(escape);
      out->push_back('0');
    } else if (special) {
      out->push_back(escape);
      out->push_back(c);
    } else {
      out->push_back(c);
    }
  }
}

bool IsStringResult(const ExprType& type) {
  return type.type == ValueType::kString || type.type == ValueType::kBinary ||
         type.type == ValueType::kJson || IsTemporalType(type.type);
}

}  // namespace

Result<std::string> Session::FilePath(const std::string& path) {
  if (!checker_.HasGlobal(auth::Privilege::kFile)) {
    return Status::Error(ER_ACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, "YES");
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string allowed, variables_.Get("secure_file_priv", sql::VariableScope::kGlobal));
  if (allowed == "NULL") return Status::Error(ER_OPTION_PREVENTS_STATEMENT, "--secure-file-priv");
  std::string full = path;
  if (full.empty() || full[0] != '/') {
    PORPOISE_ASSIGN_OR_RETURN(std::string datadir, variables_.Get("datadir", sql::VariableScope::kGlobal));
    if (!datadir.empty() && datadir.back() != '/') datadir += '/';
    full = datadir + path;
  }
  full = Normalised(full);
  if (!allowed.empty()) {
    std::string directory = Normalised(allowed.back() == '/' ? allowed : allowed + "/");
    if (full.compare(0, directory.size(), directory) != 0) {
      return Status::Error(ER_OPTION_PREVENTS_STATEMENT, "--secure-file-priv");
    }
  }
  return full;
}

Status Session::ExecuteSelectIntoFile(const sql::SelectStatement& select, ResultSink& sink,
                                      bool more) {
  const sql::OutFile& file = *select.into_file;
  PORPOISE_ASSIGN_OR_RETURN(std::string path, FilePath(file.path));
  std::vector<ExprType> types;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<std::vector<Value>> rows, QueryRows(select, &types));
  if (file.dump && rows.size() > 1) return Status::Error(ER_TOO_MANY_ROWS);
  const sql::FileFormat& format = file.format;
  std::string out;
  std::string buffer;
  for (const std::vector<Value>& row : rows) {
    if (!file.dump) out += format.lines_starting;
    for (size_t i = 0; i < row.size(); ++i) {
      std::optional<std::string_view> text = FieldText(ResultField(row[i], types[i], &buffer), &buffer);
      if (file.dump) {
        if (text) out.append(*text);
        continue;
      }
      if (i > 0) out += format.fields_terminated;
      if (!text) {
        out += format.escaped.empty() ? "NULL" : format.escaped + "N";
        continue;
      }
      bool enclose = !format.enclosed.empty() &&
                     (!format.optionally_enclosed || IsStringResult(types[i]));
      if (enclose) out += format.enclosed;
      AppendEscaped(*text, format, &out);
      if (enclose) out += format.enclosed;
    }
    if (!file.dump) out += format.lines_terminated;
  }
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) {
    int error = errno;
    if (error == EEXIST) return Status::Error(ER_FILE_EXISTS_ERROR, file.path);
    return Status::Error(ER_CANT_CREATE_FILE, file.path, error, std::strerror(error));
  }
  size_t written = 0;
  while (written < out.size()) {
    ssize_t n = write(fd, out.data() + written, out.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int error = errno;
      close(fd);
      unlink(path.c_str());
      return Status::Error(ER_CANT_CREATE_FILE, file.path, error, std::strerror(error));
    }
    written += static_cast<size_t>(n);
  }
  int synced = fsync(fd);
  int error = errno;
  if (close(fd) != 0 && synced == 0) {
    synced = -1;
    error = errno;
  }
  if (synced != 0) return Status::Error(ER_CANT_CREATE_FILE, file.path, error, std::strerror(error));
  row_count_ = static_cast<int64_t>(rows.size());
  SendOk(sink, more, rows.size());
  return Status::OK();
}

}  // namespace porpoise::engine
