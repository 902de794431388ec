// Whole-file copies and reads for porpoise-backup, each with its SHA-256, each synced before
// it returns. (backup/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace porpoise::backup {

struct FileDigest {
  uint64_t size = 0;
  std::string sha256;  // lower-case hex
};

// Copies `from` into the new file `to` (an existing `to` is an error) with permission bits
// `mode` whatever the umask, fsyncs it and returns what was written. 1105 naming the file.
Result<FileDigest> CopyFileSynced(const std::string& from, const std::string& to, uint32_t mode);

// Size and SHA-256 of a file's bytes.
Result<FileDigest> DigestFile(const std::string& path);

// Permission bits of a file (st_mode & 07777).
Result<uint32_t> FileMode(const std::string& path);

// A small text file whole (the manifest).
Result<std::string> ReadTextFile(const std::string& path);

// Writes `text` into the new file `to` with `mode` and fsyncs it.
Status WriteFileSynced(const std::string& to, std::string_view text, uint32_t mode);

// fsyncs the directory holding `directory` (after creating `directory` in it).
Status SyncParentDirectory(const std::string& directory);

}  // namespace porpoise::backup
