// CompletionWords: what Tab completes in the interactive shell: MySQL's keywords, and the
// database, table and column names read from the server (mysql's --auto-rehash). (cli/)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace porpoise::cli {

class CompletionWords {
 public:
  // Replaces the names (database, table, column and table.column names).
  void SetNames(std::vector<std::string> names);
  size_t name_count() const { return names_.size(); }

  // The words that start with `prefix`, sorted and without repeats: names as they are spelled
  // (case-sensitive, as MySQL's names are), keywords in any case, written in upper case
  // unless the prefix has lower-case letters and no upper-case ones.
  std::vector<std::string> Matches(std::string_view prefix) const;

 private:
  std::vector<std::string> names_;  // sorted, unique
};

}  // namespace porpoise::cli
