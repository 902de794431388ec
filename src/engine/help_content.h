// The server-side help's content: INSERT statements filling mysql.help_category,
// help_topic, help_keyword and help_relation (help_content.cc). (engine/)
#pragma once

#include <string>

namespace porpoise::engine {

std::string HelpContentSql();

}  // namespace porpoise::engine
