// Tests for SHA-256-crypt against the specification's published vectors, and the
// caching_sha2_password "$A$005$" stored form built on it. (auth/)
#include "auth/sha256_crypt.h"

#include <gtest/gtest.h>

#include "auth/builtin_plugins.h"

namespace porpoise::auth {
namespace {

struct Vector {
  const char* setting;
  const char* key;
  const char* expected;
};

// From "Unix crypt using SHA-256 and SHA-512" (U. Drepper), section "Test vectors".
constexpr Vector kVectors[] = {
    {"$5$saltstring", "Hello world!", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
    {"$5$rounds=10000$saltstringsaltstring", "Hello world!",
     "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"},
    {"$5$rounds=5000$toolongsaltstring", "This is just a test",
     "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"},
    {"$5$rounds=1400$anotherlongsaltstring",
     "a very much longer text to encrypt.  This one even stretches over morethan one line.",
     "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1"},
    {"$5$rounds=77777$short", "we have a short salt string but not a short password",
     "$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/"},
    {"$5$rounds=123456$asaltof16chars..", "a short string",
     "$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD"},
    {"$5$rounds=10$roundstoolow", "the minimum number is still observed",
     "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC"},
};

TEST(Sha256CryptTest, MatchesPublishedVectors) {
  for (const Vector& vector : kVectors) {
    Result<std::string> hashed = Sha256Crypt(vector.key, vector.setting);
    ASSERT_TRUE(hashed.ok()) << vector.setting;
    EXPECT_EQ(hashed.value(), vector.expected) << vector.setting;
  }
}

TEST(Sha256CryptTest, RejectsOtherSchemes) {
  EXPECT_FALSE(Sha256Crypt("x", "$6$salt").ok());
  EXPECT_FALSE(Sha256Crypt("x", "$5$rounds=abc$salt").ok());
}

TEST(Sha256CryptTest, EmptyKeyStillDigests) {
  EXPECT_EQ(Sha256CryptDigest("", "salt", 5000).size(), 43u);
  EXPECT_NE(Sha256CryptDigest("", "salt", 5000), Sha256CryptDigest("a", "salt", 5000));
}

TEST(CachingSha2HashTest, StoredFormRoundTrips) {
  const std::string salt = "abcdefghij0123456789";
  const std::string stored = MakeCachingSha2Hash("secret", salt, 5000);
  ASSERT_EQ(stored.size(), 70u);
  EXPECT_EQ(stored.substr(0, 7), "$A$005$");
  EXPECT_EQ(stored.substr(7, 20), salt);
  std::optional<CachingSha2Hash> parsed = ParseCachingSha2Hash(stored);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->rounds, 5000u);
  EXPECT_EQ(parsed->salt, salt);
  // The full 20-byte salt takes part (unlike "$5$", which keeps 16).
  EXPECT_EQ(parsed->digest, Sha256CryptDigest("secret", salt, 5000));
  EXPECT_NE(parsed->digest, Sha256CryptDigest("secret", salt.substr(0, 16), 5000));
}

TEST(CachingSha2HashTest, DigestWithShortSaltEqualsDollarFive) {
  // With a salt of 16 bytes or fewer, MySQL's digest and "$5$" coincide.
  Result<std::string> five = Sha256Crypt("Hello world!", "$5$saltstring");
  ASSERT_TRUE(five.ok());
  EXPECT_EQ("$5$saltstring$" + Sha256CryptDigest("Hello world!", "saltstring", 5000), five.value());
}

TEST(CachingSha2HashTest, RoundsFieldIsHexThousands) {
  const std::string stored = MakeCachingSha2Hash("pw", std::string(20, 'x'), 10000);
  EXPECT_EQ(stored.substr(0, 7), "$A$00A$");
  std::optional<CachingSha2Hash> parsed = ParseCachingSha2Hash(stored);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->rounds, 10000u);
}

TEST(CachingSha2HashTest, MalformedFormsAreRejected) {
  const std::string good = MakeCachingSha2Hash("pw", std::string(20, 'x'), 5000);
  EXPECT_FALSE(ParseCachingSha2Hash(good.substr(1)).has_value());
  EXPECT_FALSE(ParseCachingSha2Hash("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19").has_value());
  std::string bad_rounds = good;
  bad_rounds[4] = 'Z';
  EXPECT_FALSE(ParseCachingSha2Hash(bad_rounds).has_value());
  std::string bad_digest = good;
  bad_digest.back() = '$';
  EXPECT_FALSE(ParseCachingSha2Hash(bad_digest).has_value());
}

}  // namespace
}  // namespace porpoise::auth
