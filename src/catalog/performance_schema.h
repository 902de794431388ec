// The performance_schema tables this server answers, as column definitions with MySQL 8.4's
// names, types and order (the engine builds their rows when a statement reads them). (catalog/)
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "catalog/table_schema.h"

namespace porpoise::catalog {

// Every performance_schema table, in name order. Built once; shared and immutable.
const std::vector<std::shared_ptr<const TableSchema>>& PerformanceSchemaTables();

// Case-sensitive, as MySQL compares these names with lower_case_table_names=0; nullptr when
// not provided.
std::shared_ptr<const TableSchema> FindPerformanceSchemaTable(std::string_view name);

bool IsPerformanceSchema(std::string_view database);

// Tables every account may read without a grant (MySQL's world-readable ones: the variable
// and status tables, the current account's connection attributes, the process list).
bool PerformanceSchemaTableIsPublic(std::string_view name);

}  // namespace porpoise::catalog
