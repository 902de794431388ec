// The information_schema tables this server answers, as column definitions (the rows are built
// by the engine from the catalog at query time). (catalog/)
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "catalog/table_schema.h"

namespace porpoise::catalog {

// Every information_schema table, in name order. Built once; shared and immutable.
const std::vector<std::shared_ptr<const TableSchema>>& InformationSchemaTables();

// Case-insensitive (information_schema names are); nullptr when not provided.
std::shared_ptr<const TableSchema> FindInformationSchemaTable(std::string_view name);

bool IsInformationSchema(std::string_view database);

}  // namespace porpoise::catalog
