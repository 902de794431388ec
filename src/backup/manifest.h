// The manifest of a backup directory: when the snapshot was taken, by which server version,
// and every file with its size, mode and SHA-256. Written last, so a directory without one
// holds no complete backup. (backup/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace porpoise::backup {

inline constexpr const char* kManifestName = "porpoise-backup.manifest";
inline constexpr const char* kDataFileName = "porpoise.db";

struct ManifestFile {
  std::string name;    // a plain file name in the directory: porpoise.db or *.pem
  uint32_t mode = 0;   // permission bits, restored as they were (0600 for private keys)
  uint64_t size = 0;   // bytes
  std::string sha256;  // 64 lower-case hex digits
};

struct Manifest {
  static constexpr int kVersion = 1;  // of this file's layout
  std::string server_version;         // "8.4.3-porpoise"
  std::string data_format_version;    // porpoise_meta.format_version of the copy
  std::string snapshot_time;          // UTC, "2026-12-05T00:40:01.123456Z"
  std::string finished_time;          // UTC, when the backup was complete
  std::string source_datadir;
  std::vector<ManifestFile> files;    // porpoise.db first
};

// One "key value" line per field, then "file MODE SIZE SHA256 NAME" per file.
std::string FormatManifest(const Manifest& manifest);

// Reads FormatManifest's text. 1105 naming the line for a malformed one, an unknown layout
// version, a file name that is not porpoise.db or a *.pem in the directory itself, a file
// named twice, or no porpoise.db.
Result<Manifest> ParseManifest(std::string_view text);

// Whether `name` may appear in a backup: porpoise.db, or NAME.pem without a path.
bool IsBackupFileName(std::string_view name);

}  // namespace porpoise::backup
