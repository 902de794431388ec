// FormatManifest / ParseManifest (manifest.h). (backup/)
#include "backup/manifest.h"

#include <charconv>
#include <cstdio>
#include <set>

namespace porpoise::backup {
namespace {

Status ManifestError(size_t line_number, std::string message) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::string("Backup manifest line ") +
                                                   std::to_string(line_number) + ": " +
                                                   std::move(message));
}

// Cuts the next space-separated word off the front of `rest`.
std::string_view NextWord(std::string_view& rest) {
  size_t space = rest.find(' ');
  std::string_view word = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  return word;
}

template <typename N>
bool ParseNumber(std::string_view text, N& value, int base) {
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  return error == std::errc() && end == text.data() + text.size();
}

bool IsSha256(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<ManifestFile> ParseFileLine(std::string_view rest, size_t line_number) {
  ManifestFile file;
  std::string_view mode = NextWord(rest);
  std::string_view size = NextWord(rest);
  std::string_view sha256 = NextWord(rest);
  if (!ParseNumber(mode, file.mode, 8) || file.mode > 07777) {
    return ManifestError(line_number, "bad file mode '" + std::string(mode) + "'");
  }
  if (!ParseNumber(size, file.size, 10)) {
    return ManifestError(line_number, "bad file size '" + std::string(size) + "'");
  }
  if (!IsSha256(sha256)) return ManifestError(line_number, "bad SHA-256 checksum");
  if (!IsBackupFileName(rest)) {
    return ManifestError(line_number, "'" + std::string(rest) + "' is not a backup file name");
  }
  file.sha256 = sha256;
  file.name = rest;
  return file;
}

// Sets the field `key` names; false for a key this layout does not have.
bool SetField(Manifest& manifest, std::string_view key, std::string_view value) {
  if (key == "server_version") {
    manifest.server_version = value;
  } else if (key == "data_format_version") {
    manifest.data_format_version = value;
  } else if (key == "snapshot_time") {
    manifest.snapshot_time = value;
  } else if (key == "finished_time") {
    manifest.finished_time = value;
  } else if (key == "source_datadir") {
    manifest.source_datadir = value;
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool IsBackupFileName(std::string_view name) {
  if (name == kDataFileName) return true;
  constexpr std::string_view kSuffix = ".pem";
  return name.size() > kSuffix.size() && name.ends_with(kSuffix) &&
         name.find('/') == std::string_view::npos && name.front() != '.' &&
         name.find('\n') == std::string_view::npos;
}

std::string FormatManifest(const Manifest& manifest) {
  std::string text = "# Porpoise backup manifest (written last: without it the backup is not complete)\n";
  text += "manifest_version " + std::to_string(Manifest::kVersion) + "\n";
  text += "server_version " + manifest.server_version + "\n";
  text += "data_format_version " + manifest.data_format_version + "\n";
  text += "snapshot_time " + manifest.snapshot_time + "\n";
  text += "finished_time " + manifest.finished_time + "\n";
  text += "source_datadir " + manifest.source_datadir + "\n";
  for (const ManifestFile& file : manifest.files) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", file.mode);
    text += std::string("file ") + mode + " " + std::to_string(file.size) + " " + file.sha256 +
            " " + file.name + "\n";
  }
  return text;
}

Result<Manifest> ParseManifest(std::string_view text) {
  Manifest manifest;
  std::set<std::string, std::less<>> names;
  bool has_version = false;
  size_t line_number = 0;
  while (!text.empty()) {
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    std::string_view rest = line;
    std::string_view key = NextWord(rest);
    if (key == "manifest_version") {
      if (rest != std::to_string(Manifest::kVersion)) {
        return ManifestError(line_number, "layout version " + std::string(rest) +
                                              " is not one this program reads");
      }
      has_version = true;
    } else if (key == "file") {
      PORPOISE_ASSIGN_OR_RETURN(ManifestFile file, ParseFileLine(rest, line_number));
      if (!names.insert(file.name).second) {
        return ManifestError(line_number, "'" + file.name + "' is listed twice");
      }
      manifest.files.push_back(std::move(file));
    } else if (!SetField(manifest, key, rest)) {
      return ManifestError(line_number, "unknown field '" + std::string(key) + "'");
    }
  }
  if (!has_version) return ManifestError(line_number, "no manifest_version");
  if (names.count(kDataFileName) == 0) {
    return ManifestError(line_number, std::string("no entry for ") + kDataFileName);
  }
  return manifest;
}

}  // namespace porpoise::backup
