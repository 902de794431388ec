// Tests for the backup manifest: round trip, and what a damaged or hostile one is refused
// for.
#include "backup/manifest.h"

#include <gtest/gtest.h>

#include <string>

namespace porpoise::backup {
namespace {

const std::string kSha(64, 'a');

Manifest Sample() {
  Manifest manifest;
  manifest.server_version = "8.4.3-porpoise";
  manifest.data_format_version = "5";
  manifest.snapshot_time = "2026-12-05T00:40:01.123456Z";
  manifest.finished_time = "2026-12-05T00:40:02.000001Z";
  manifest.source_datadir = "/var/lib/porpoise";
  manifest.files = {{"porpoise.db", 0644, 258048, kSha}, {"server-key.pem", 0600, 1675, kSha}};
  return manifest;
}

TEST(ManifestTest, ReadsWhatItWrites) {
  std::string text = FormatManifest(Sample());
  EXPECT_NE(text.find("file 0600 1675 " + kSha + " server-key.pem\n"), std::string::npos);
  auto parsed = ParseManifest(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->server_version, "8.4.3-porpoise");
  EXPECT_EQ(parsed->data_format_version, "5");
  EXPECT_EQ(parsed->snapshot_time, "2026-12-05T00:40:01.123456Z");
  EXPECT_EQ(parsed->source_datadir, "/var/lib/porpoise");
  ASSERT_EQ(parsed->files.size(), 2u);
  EXPECT_EQ(parsed->files[1].name, "server-key.pem");
  EXPECT_EQ(parsed->files[1].mode, 0600u);
  EXPECT_EQ(parsed->files[1].size, 1675u);
  EXPECT_EQ(parsed->files[1].sha256, kSha);
}

void ExpectRefused(const std::string& text, const std::string& words) {
  auto parsed = ParseManifest(text);
  ASSERT_FALSE(parsed.ok()) << text;
  EXPECT_NE(parsed.status().message().find(words), std::string::npos)
      << parsed.status().message();
}

TEST(ManifestTest, RefusesPathsAndOtherFiles) {
  const std::string head = "manifest_version 1\nfile 0644 1 " + kSha + " porpoise.db\n";
  ExpectRefused(head + "file 0600 1 " + kSha + " ../etc/x.pem\n", "not a backup file name");
  ExpectRefused(head + "file 0600 1 " + kSha + " sub/x.pem\n", "not a backup file name");
  ExpectRefused(head + "file 0600 1 " + kSha + " .pem\n", "not a backup file name");
  ExpectRefused(head + "file 0600 1 " + kSha + " notes.txt\n", "not a backup file name");
  ExpectRefused(head + "file 0644 1 " + kSha + " porpoise.db\n", "listed twice");
}

TEST(ManifestTest, RefusesMalformedLines) {
  const std::string data = "file 0644 1 " + kSha + " porpoise.db\n";
  ExpectRefused(data, "no manifest_version");
  ExpectRefused("manifest_version 2\n" + data, "layout version 2");
  ExpectRefused("manifest_version 1\n", "no entry for porpoise.db");
  ExpectRefused("manifest_version 1\nfile 0944 1 " + kSha + " porpoise.db\n", "bad file mode");
  ExpectRefused("manifest_version 1\nfile 0644 -1 " + kSha + " porpoise.db\n", "bad file size");
  ExpectRefused("manifest_version 1\nfile 0644 1 abc porpoise.db\n", "bad SHA-256");
  ExpectRefused("manifest_version 1\ncolour blue\n" + data, "line 2: unknown field 'colour'");
}

}  // namespace
}  // namespace porpoise::backup
