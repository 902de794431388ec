// CompletionWords: keyword and name matching for Tab completion. (cli/)
#include "cli/completion.h"

#include <algorithm>
#include <cctype>

#include "common/strings.h"
#include "sql/keywords.h"

namespace porpoise::cli {
namespace {

bool WantsLowerCase(std::string_view prefix) {
  bool lower = false;
  for (char c : prefix) {
    if (std::isupper(static_cast<unsigned char>(c)) != 0) return false;
    if (std::islower(static_cast<unsigned char>(c)) != 0) lower = true;
  }
  return lower;
}

void SortUnique(std::vector<std::string>& words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
}

}  // namespace

void CompletionWords::SetNames(std::vector<std::string> names) {
  SortUnique(names);
  names_ = std::move(names);
}

std::vector<std::string> CompletionWords::Matches(std::string_view prefix) const {
  std::vector<std::string> matches;
  for (auto name = std::lower_bound(names_.begin(), names_.end(), prefix);
       name != names_.end() && name->starts_with(prefix); ++name) {
    matches.push_back(*name);
  }
  const bool lower = WantsLowerCase(prefix);
  for (const sql::KeywordInfo& keyword : sql::AllKeywords()) {
    if (keyword.name.size() < prefix.size() ||
        !EqualsIgnoreCase(keyword.name.substr(0, prefix.size()), prefix)) {
      continue;
    }
    matches.push_back(lower ? ToLowerAscii(keyword.name) : std::string(keyword.name));
  }
  SortUnique(matches);
  return matches;
}

}  // namespace porpoise::cli
