// information_schema: before a statement that reads one of its tables, the session fills a
// TEMP table of that name from the catalog (rows the account may see), so the query runs on
// SQLite like any other. (engine/)
#include <algorithm>
#include <functional>
#include <set>

#include "catalog/charsets.h"
#include "catalog/information_schema.h"
#include "catalog/performance_schema.h"
#include "common/strings.h"
#include "engine/catalog_store.h"
#include "engine/program.h"
#include "engine/session.h"
#include "sql/keywords.h"
#include "sql/printer.h"
#include "storage/database.h"

namespace porpoise::engine {

namespace {

// CHARACTER_OCTET_LENGTH: a TEXT type's length is in bytes already; a CHAR, VARCHAR, ENUM
// or SET holds its characters in as many bytes as its character set's widest takes.
uint64_t OctetLength(const sql::DataType& type, uint64_t characters) {
  if (type.name.ends_with("text")) return characters;
  const catalog::CollationInfo* collation = catalog::FindCollation(catalog::ColumnCollationName(type));
  const catalog::CharsetInfo* charset = collation != nullptr ? catalog::FindCharset(collation->charset) : nullptr;
  return characters * (charset != nullptr ? charset->max_length : 4);
}

using Row = std::vector<Value>;

Value Text(std::string_view text) { return Value::Text(std::string(text)); }
Value Integer(int64_t value) { return Value::Integer(value); }
Value OptionalText(const std::optional<std::string>& text) {
  return text ? Value::Text(*text) : Value::Null();
}

Value NumericPrecision(const catalog::ColumnSchema& column) {
  const std::string& name = column.type.name;
  switch (column.type_class) {
    case catalog::TypeClass::kInteger:
      if (name == "tinyint") return Integer(3);
      if (name == "smallint") return Integer(5);
      if (name == "mediumint") return Integer(7);
      if (name == "int") return Integer(10);
      return Integer(column.type.is_unsigned ? 20 : 19);
    case catalog::TypeClass::kDecimal:
      return Integer(column.type.length.value_or(10));
    case catalog::TypeClass::kFloat:
      return Integer(12);
    case catalog::TypeClass::kDouble:
      return Integer(22);
    case catalog::TypeClass::kBit:
      return Integer(column.type.length.value_or(1));
    default:
      return Value::Null();
  }
}

// `privileges`: the account's on a column ("" hides it).
void ColumnRows(const catalog::TableSchema& table,
                const std::function<std::string(const catalog::ColumnSchema&)>& privileges,
                std::vector<Row>* rows) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const catalog::ColumnSchema& column = table.columns[i];
    if (column.hidden()) continue;
    std::string held = privileges(column);
    if (held.empty()) continue;
    bool textual = catalog::IsTextual(column.type_class);
    bool binary = column.type_class == catalog::TypeClass::kBinary;
    bool labels = column.type_class == catalog::TypeClass::kEnum || column.type_class == catalog::TypeClass::kSet;
    uint64_t max_length = labels ? catalog::WireLength(column.type) / 4  // (the longest value)
                                 : catalog::MaxLength(column.type);
    Value char_length = Value::Null();
    Value octet_length = Value::Null();
    if (textual) {
      char_length = Integer(static_cast<int64_t>(max_length));
      octet_length = Integer(static_cast<int64_t>(OctetLength(column.type, max_length)));
    } else if (binary) {
      char_length = Integer(static_cast<int64_t>(max_length));
      octet_length = Integer(static_cast<int64_t>(max_length));
    }
    Value scale = Value::Null();
    if (column.type_class == catalog::TypeClass::kInteger) scale = Integer(0);
    if (column.type_class == catalog::TypeClass::kDecimal) scale = Integer(column.type.scale.value_or(0));
    Value datetime_precision = Value::Null();
    if (column.type_class == catalog::TypeClass::kDateTime ||
        column.type_class == catalog::TypeClass::kTimestamp ||
        column.type_class == catalog::TypeClass::kTime) {
      datetime_precision = Integer(catalog::FractionalDigits(column.type));
    }
    auto [charset, collation] = catalog::ColumnCharsetAndCollation(table, column);
    rows->push_back(Row{Text("def"), Text(table.database), Text(table.name), Text(column.name),
                        Integer(static_cast<int64_t>(i + 1)),
                        OptionalText(catalog::ColumnDefaultText(column)),
                        Text(column.nullable ? "YES" : "NO"), Text(column.type.name), char_length,
                        octet_length, NumericPrecision(column), scale, datetime_precision,
                        textual ? Text(charset) : Value::Null(),
                        textual ? Text(collation) : Value::Null(),
                        Text(catalog::ColumnTypeText(column.type)),
                        Text(catalog::ColumnKeyText(table, i)), Text(catalog::ColumnExtraText(column)),
                        Text(held), Text(column.comment),
                        Text(column.generated() ? catalog::EscapedExpression(column.generation_expression) : ""),
                        Value::Null()});
  }
}

// TABLE_CONSTRAINTS (primary keys, unique keys, foreign keys), KEY_COLUMN_USAGE (their
// columns) and REFERENTIAL_CONSTRAINTS (the foreign keys' rules).
void ConstraintRows(std::string_view name,
                    const std::vector<std::shared_ptr<const catalog::TableSchema>>& tables,
                    std::vector<Row>* rows) {
  for (const auto& table : tables) {
    if (table->view || table->database == "information_schema") continue;
    for (const catalog::IndexSchema& index : table->indexes) {
      if (!index.unique() || name == "CHECK_CONSTRAINTS") continue;
      bool primary = index.kind == sql::IndexDef::Kind::kPrimary;
      if (name == "TABLE_CONSTRAINTS") {
        rows->push_back(Row{Text("def"), Text(table->database), Text(index.name), Text(table->database),
                            Text(table->name), Text(primary ? "PRIMARY KEY" : "UNIQUE"), Text("YES")});
      } else if (name == "KEY_COLUMN_USAGE") {
        for (size_t i = 0; i < index.columns.size(); ++i) {
          rows->push_back(Row{Text("def"), Text(table->database), Text(index.name), Text("def"),
                              Text(table->database), Text(table->name), Text(index.columns[i]),
                              Integer(static_cast<int64_t>(i + 1)), Value::Null(), Value::Null(),
                              Value::Null(), Value::Null()});
        }
      }
    }
    for (const catalog::CheckSchema& check : table->checks) {
      if (name == "TABLE_CONSTRAINTS") {
        rows->push_back(Row{Text("def"), Text(table->database), Text(check.name), Text(table->database),
                            Text(table->name), Text("CHECK"), Text(check.enforced ? "YES" : "NO")});
      } else if (name == "CHECK_CONSTRAINTS") {
        rows->push_back(Row{Text("def"), Text(table->database), Text(check.name),
                            Text(catalog::EscapedExpression(check.expression))});
      }
    }
    for (const catalog::ForeignKeySchema& key : table->foreign_keys) {
      if (name == "TABLE_CONSTRAINTS") {
        rows->push_back(Row{Text("def"), Text(table->database), Text(key.name), Text(table->database),
                            Text(table->name), Text("FOREIGN KEY"), Text("YES")});
      } else if (name == "KEY_COLUMN_USAGE") {
        for (size_t i = 0; i < key.columns.size(); ++i) {
          rows->push_back(Row{Text("def"), Text(table->database), Text(key.name), Text("def"),
                              Text(table->database), Text(table->name), Text(key.columns[i]),
                              Integer(static_cast<int64_t>(i + 1)), Integer(static_cast<int64_t>(i + 1)),
                              Text(key.ref_database), Text(key.ref_table), Text(key.ref_columns[i])});
        }
      } else if (name == "REFERENTIAL_CONSTRAINTS") {
        // The referenced table's key the constraint relies on: its primary or a unique key
        // over exactly the referenced columns.
        Value unique = Value::Null();
        for (const auto& other : tables) {
          if (other->database != key.ref_database || other->name != key.ref_table) continue;
          for (const catalog::IndexSchema& index : other->indexes) {
            if (!index.unique() || index.columns.size() != key.ref_columns.size()) continue;
            bool same = true;
            for (size_t i = 0; i < index.columns.size(); ++i) {
              same = same && EqualsIgnoreCase(index.columns[i], key.ref_columns[i]);
            }
            if (same) {
              unique = Text(index.name);
              break;
            }
          }
        }
        rows->push_back(Row{Text("def"), Text(table->database), Text(key.name), Text("def"),
                            Text(key.ref_database), unique, Text("NONE"),
                            Text(catalog::ReferenceActionName(key.on_update)),
                            Text(catalog::ReferenceActionName(key.on_delete)),
                            Text(table->name), Text(key.ref_table)});
      }
    }
  }
}

// A routine's or parameter's type as ROUTINES and PARAMETERS describe it, from DATA_TYPE
// to COLLATION_NAME and DTD_IDENTIFIER.
struct TypeCells {
  Value data_type, char_length, octet_length, precision, scale, datetime_precision, charset,
      collation, dtd;
};

TypeCells TypeCellsOf(const sql::DataType& type) {
  TypeCells cells{Text(type.name), Value::Null(), Value::Null(), Value::Null(), Value::Null(),
                  Value::Null(), Value::Null(), Value::Null(), Text(ToLowerAscii(sql::ToSql(type)))};
  Result<catalog::ColumnSchema> column = VariableColumn("x", type);
  if (!column.ok()) return cells;
  const catalog::ColumnSchema& c = column.value();
  uint64_t max_length = catalog::MaxLength(c.type);
  if (c.type_class == catalog::TypeClass::kString) {
    cells.char_length = Integer(static_cast<int64_t>(max_length));
    cells.octet_length = Integer(static_cast<int64_t>(OctetLength(c.type, max_length)));
    cells.charset = Text(c.type.charset.empty() ? "utf8mb4" : c.type.charset);
    cells.collation = Text(c.type.collation.empty() ? "utf8mb4_0900_ai_ci" : c.type.collation);
  } else if (c.type_class == catalog::TypeClass::kBinary) {
    cells.char_length = Integer(static_cast<int64_t>(max_length));
    cells.octet_length = Integer(static_cast<int64_t>(max_length));
  }
  cells.precision = NumericPrecision(c);
  if (c.type_class == catalog::TypeClass::kInteger) cells.scale = Integer(0);
  if (c.type_class == catalog::TypeClass::kDecimal) cells.scale = Integer(c.type.scale.value_or(0));
  if (c.type_class == catalog::TypeClass::kDateTime || c.type_class == catalog::TypeClass::kTimestamp ||
      c.type_class == catalog::TypeClass::kTime) {
    cells.datetime_precision = Integer(catalog::FractionalDigits(c.type));
  }
  return cells;
}

void RoutineRows(std::string_view name, const catalog::CatalogSnapshot& catalog,
                 const std::function<RoutineAccess(const catalog::RoutineSchema&)>& access,
                 std::vector<Row>* rows) {
  for (const auto& [key, routine] : catalog.routines()) {
    RoutineAccess seen = access(*routine);
    if (seen == RoutineAccess::kNone) continue;
    Value definer = Text(routine->definer_user + "@" + routine->definer_host);
    if (routine->kind == catalog::RoutineKind::kTrigger) {
      if (name != "TRIGGERS") continue;
      const sql::CreateTriggerStatement& trigger = routine->trigger();
      rows->push_back(Row{Text("def"), Text(routine->database), Text(routine->name),
                          Text(std::string(trigger.EventName())),
                          Text("def"), Text(routine->database), Text(routine->table),
                          Integer(routine->action_order), Value::Null(), Text(trigger.body_text),
                          Text("ROW"), Text(std::string(trigger.TimingName())),
                          Value::Null(), Value::Null(), Text("OLD"), Text("NEW"), Text(routine->created),
                          Text(routine->sql_mode), definer, Text(routine->character_set_client),
                          Text(routine->collation_connection), Text(routine->database_collation)});
      continue;
    }
    const sql::CreateRoutineStatement& definition = routine->routine();
    std::string type(catalog::RoutineKindName(routine->kind));
    if (name == "PARAMETERS") {
      if (definition.function) {
        // A function's result is its parameter 0, with no mode and no name.
        TypeCells cells = TypeCellsOf(definition.returns);
        rows->push_back(Row{Text("def"), Text(routine->database), Text(routine->name), Integer(0),
                            Value::Null(), Value::Null(), cells.data_type, cells.char_length,
                            cells.octet_length, cells.precision, cells.scale, cells.datetime_precision,
                            cells.charset, cells.collation, cells.dtd, Text(type)});
      }
      for (size_t i = 0; i < definition.parameters.size(); ++i) {
        const sql::RoutineParameter& parameter = definition.parameters[i];
        TypeCells cells = TypeCellsOf(parameter.type);
        const char* mode = parameter.mode == sql::RoutineParameter::Mode::kIn    ? "IN"
                           : parameter.mode == sql::RoutineParameter::Mode::kOut ? "OUT"
                                                                                 : "INOUT";
        rows->push_back(Row{Text("def"), Text(routine->database), Text(routine->name),
                            Integer(static_cast<int64_t>(i + 1)), Text(mode), Text(parameter.name),
                            cells.data_type, cells.char_length, cells.octet_length, cells.precision,
                            cells.scale, cells.datetime_precision, cells.charset, cells.collation,
                            cells.dtd, Text(type)});
      }
      continue;
    }
    if (name != "ROUTINES") continue;
    TypeCells cells = definition.function ? TypeCellsOf(definition.returns)
                                          : TypeCells{Text(""), Value::Null(), Value::Null(), Value::Null(),
                                                      Value::Null(), Value::Null(), Value::Null(),
                                                      Value::Null(), Value::Null()};
    rows->push_back(Row{Text(routine->name), Text("def"), Text(routine->database), Text(routine->name),
                        Text(type), cells.data_type, cells.char_length, cells.octet_length,
                        cells.precision, cells.scale, cells.datetime_precision, cells.charset,
                        cells.collation, cells.dtd, Text("SQL"), seen == RoutineAccess::kDefinition ? Text(definition.body_text) : Value::Null(),
                        Value::Null(), Text("SQL"), Text("SQL"),
                        Text(definition.deterministic ? "YES" : "NO"), Text(definition.data_access),
                        Value::Null(), Text(definition.security), Text(routine->created),
                        Text(routine->modified), Text(routine->sql_mode), Text(definition.comment), definer,
                        Text(routine->character_set_client), Text(routine->collation_connection),
                        Text(routine->database_collation)});
  }
}

}  // namespace

// USER_PRIVILEGES, SCHEMA_PRIVILEGES, TABLE_PRIVILEGES and COLUMN_PRIVILEGES: a row per
// privilege of each grant
// (USAGE for an account with no global one); the account's own rows, or every account's for
// one that may read the mysql schema.
void Session::PrivilegeRows(std::string_view name, std::vector<Row>* rows) {
  const auth::AccountSnapshot& snapshot = checker_.snapshot();
  const Principal& me = checker_.principal();
  bool all = bootstrap_ || checker_.CheckTable(auth::Privilege::kSelect, "mysql", "user").ok();
  auto mine = [&](const std::string& user, const std::string& host) {
    return all || (user == me.account_user && host == me.account_host);
  };
  auto grantee = [](const std::string& user, const std::string& host) {
    return Value::Text("'" + user + "'@'" + host + "'");
  };
  auto each = [&](auth::PrivilegeSet set, const std::function<void(std::string_view, bool)>& emit) {
    bool grantable = (set & auth::Bit(auth::Privilege::kGrantOption)) != 0;
    for (std::string_view privilege : auth::PrivilegeNames(set)) emit(privilege, grantable);
  };
  if (name == "USER_PRIVILEGES") {
    for (const auth::Account& account : snapshot.accounts()) {
      if (!mine(account.user, account.host)) continue;
      auth::PrivilegeSet set = account.global_privileges;
      if ((set & ~auth::Bit(auth::Privilege::kGrantOption)) == 0) {
        rows->push_back(Row{grantee(account.user, account.host), Value::Text("def"), Value::Text("USAGE"),
                            Value::Text("NO")});
        continue;
      }
      each(set, [&](std::string_view privilege, bool grantable) {
        rows->push_back(Row{grantee(account.user, account.host), Value::Text("def"),
                            Value::Text(std::string(privilege)), Value::Text(grantable ? "YES" : "NO")});
      });
    }
  } else if (name == "SCHEMA_PRIVILEGES") {
    for (const auth::DatabaseGrant& grant : snapshot.database_grants()) {
      if (!mine(grant.user, grant.host)) continue;
      each(grant.privileges, [&](std::string_view privilege, bool grantable) {
        rows->push_back(Row{grantee(grant.user, grant.host), Value::Text("def"), Value::Text(grant.database),
                            Value::Text(std::string(privilege)), Value::Text(grantable ? "YES" : "NO")});
      });
    }
  } else if (name == "COLUMN_PRIVILEGES") {
    // Per table: each privilege, then the columns carrying it.
    for (const auth::TableGrant& grant : snapshot.table_grants()) {
      if (!mine(grant.user, grant.host) || grant.column_privileges == 0) continue;
      bool grantable = (grant.privileges & auth::Bit(auth::Privilege::kGrantOption)) != 0;
      for (std::string_view privilege : auth::PrivilegeNames(grant.column_privileges)) {
        auth::PrivilegeSet bit = auth::Bit(*auth::PrivilegeFromName(privilege));
        for (const auth::ColumnGrant& column : snapshot.column_grants()) {
          if (column.user != grant.user || column.host != grant.host ||
              column.database != grant.database || column.table != grant.table ||
              (column.privileges & bit) == 0) {
            continue;
          }
          rows->push_back(Row{grantee(grant.user, grant.host), Value::Text("def"),
                              Value::Text(grant.database), Value::Text(grant.table),
                              Value::Text(column.column), Value::Text(std::string(privilege)),
                              Value::Text(grantable ? "YES" : "NO")});
        }
      }
    }
  } else {
    for (const auth::TableGrant& grant : snapshot.table_grants()) {
      if (!mine(grant.user, grant.host)) continue;
      each(grant.privileges, [&](std::string_view privilege, bool grantable) {
        rows->push_back(Row{grantee(grant.user, grant.host), Value::Text("def"), Value::Text(grant.database),
                            Value::Text(grant.table), Value::Text(std::string(privilege)),
                            Value::Text(grantable ? "YES" : "NO")});
      });
    }
  }
}

// APPLICABLE_ROLES: each grant of a role on the way down from the current account (and the
// mandatory roles, granted to it); ENABLED_ROLES: the session's active roles and the roles
// granted to those.
void Session::RoleRows(std::string_view name, std::vector<Row>* rows) {
  const auth::Account* account = checker_.account();
  if (account == nullptr) return;
  const auth::AccountSnapshot& snapshot = checker_.snapshot();
  std::vector<const auth::Account*> defaults = snapshot.DefaultRoles(*account);
  auto is = [](bool yes) { return Value::Text(yes ? "YES" : "NO"); };
  auto is_default = [&](const std::string& user, const std::string& host) {
    return std::any_of(defaults.begin(), defaults.end(), [&](const auth::Account* role) {
      return role->user == user && role->host == host;
    });
  };
  auto is_mandatory = [&](const std::string& user, const std::string& host) {
    const auto& mandatory = checker_.mandatory_roles();
    return std::find(mandatory.begin(), mandatory.end(), std::make_pair(user, host)) !=
           mandatory.end();
  };
  auto row_of = [&](const std::string& grantee_user, const std::string& grantee_host,
                    const std::string& role_user, const std::string& role_host, bool admin) {
    rows->push_back(Row{Value::Text(account->user), Value::Text(account->host),
                        Value::Text(grantee_user), Value::Text(grantee_host), Value::Text(role_user),
                        Value::Text(role_host), is(admin), is(is_default(role_user, role_host)),
                        is(is_mandatory(role_user, role_host))});
  };
  if (name == "ENABLED_ROLES") {
    for (size_t i = 1; i < checker_.grantees().size(); ++i) {
      const auth::Account& role = *checker_.grantees()[i];
      rows->push_back(Row{Value::Text(role.user), Value::Text(role.host),
                          is(is_default(role.user, role.host)),
                          is(is_mandatory(role.user, role.host))});
    }
    return;
  }
  std::vector<std::pair<std::string, std::string>> pending{{account->user, account->host}};
  std::set<std::pair<std::string, std::string>> seen(pending.begin(), pending.end());
  auto reach = [&](const std::string& user, const std::string& host) {
    if (seen.emplace(user, host).second) pending.emplace_back(user, host);
  };
  for (const auto& [user, host] : checker_.mandatory_roles()) {
    const auth::Account* role = snapshot.FindExact(user, host);
    // A mandatory role also granted to the account is listed once, with its grant.
    if (role == nullptr || snapshot.FindRoleEdge(*role, *account) != nullptr) continue;
    row_of(account->user, account->host, user, host, false);
    reach(user, host);
  }
  for (size_t next = 0; next < pending.size(); ++next) {
    auto [grantee_user, grantee_host] = pending[next];
    for (const auth::RoleEdge& edge : snapshot.role_edges()) {
      if (edge.user != grantee_user || edge.host != grantee_host) continue;
      row_of(grantee_user, grantee_host, edge.role_user, edge.role_host, edge.admin);
      reach(edge.role_user, edge.role_host);
    }
  }
}

Status Session::PrepareInformationSchema(const TranslatorContext& context) {
  std::function<bool(std::string_view)> visible = [&](std::string_view database) {
    return bootstrap_ || checker_.CanSeeDatabase(database);
  };
  // Every table the account can see, information_schema's own included.
  std::vector<std::shared_ptr<const catalog::TableSchema>> tables;
  for (const auto& table : catalog::InformationSchemaTables()) tables.push_back(table);
  for (const auto& table : catalog::PerformanceSchemaTables()) {
    if (CanReadPerformanceSchemaTable(table->name)) tables.push_back(table);
  }
  // The shared catalog: temporary tables are not listed (and the tables they shadow are).
  std::shared_ptr<const catalog::CatalogSnapshot> shared = engine_.catalog().Current();
  for (const auto& [name, schema] : shared->databases()) {
    if (!visible(name)) continue;
    for (const auto& [table_name, table] : schema->tables) {
      if (CanSeeTable(name, table_name)) tables.push_back(table);
    }
  }
  for (const std::string& name : context.information_schema_tables) {
    std::shared_ptr<const catalog::TableSchema> definition = catalog::FindInformationSchemaTable(name);
    if (!definition) continue;
    std::vector<Row> rows;
    if (name == "SCHEMATA") {
      rows.push_back(Row{Text("def"), Text("information_schema"), Text("utf8mb3"),
                         Text("utf8mb3_general_ci"), Value::Null(), Text("NO")});
      rows.push_back(Row{Text("def"), Text("performance_schema"), Text("utf8mb4"),
                         Text("utf8mb4_0900_ai_ci"), Value::Null(), Text("NO")});
      for (const auto& [database, schema] : catalog_->databases()) {
        if (!visible(database)) continue;
        rows.push_back(Row{Text("def"), Text(database), Text(schema->charset), Text(schema->collation),
                           Value::Null(), Text("NO")});
      }
    } else if (name == "TABLES") {
      for (const auto& table : tables) {
        if (table->view) {
          Row row(definition->columns.size(), Value::Null());
          row[0] = Text("def");
          row[1] = Text(table->database);
          row[2] = Text(table->name);
          row[3] = Text("VIEW");
          row.back() = Text("VIEW");
          rows.push_back(std::move(row));
          continue;
        }
        bool system = table->database == "information_schema";
        Value auto_increment = Value::Null();
        if (table->auto_increment_column >= 0) {
          PORPOISE_ASSIGN_OR_RETURN(uint64_t next, ReadAutoIncrement(*db_, table->database, table->name));
          auto_increment = Integer(static_cast<int64_t>(std::max(next, table->initial_auto_increment)));
        }
        TableStatistics statistics;
        if (!system && table->storage_id != 0) {
          PORPOISE_ASSIGN_OR_RETURN(statistics, ReadTableStatistics(*db_, *table));
        } else if (!system) {
          statistics.data_length = 0;  // a performance_schema table has no storage
        }
        auto count = [](uint64_t value) { return Integer(static_cast<int64_t>(value)); };
        std::optional<std::string> update_time =
            system ? std::nullopt : engine_.UpdateTime(table->storage_id);
        rows.push_back(Row{Text("def"), Text(table->database), Text(table->name),
                           Text(system ? "SYSTEM VIEW" : "BASE TABLE"), system ? Value::Null() : Text(table->engine),
                           system ? Value::Null() : Integer(10), system ? Value::Null() : Text("Dynamic"),
                           system ? Value::Null() : count(statistics.rows),
                           count(statistics.rows == 0 ? 0 : statistics.data_length / statistics.rows),
                           count(system ? 0 : statistics.data_length), Integer(0),
                           count(system ? 0 : statistics.index_length), Integer(0), auto_increment,
                           statistics.create_time ? Text(*statistics.create_time) : Value::Null(),
                           update_time ? Text(*update_time) : Value::Null(), Value::Null(), system ? Value::Null() : Text(table->collation),
                           Value::Null(), Text(""), Text(table->comment)});
      }
    } else if (name == "COLUMNS") {
      for (const auto& table : tables) {
        auto privileges = [&](const catalog::ColumnSchema& column) {
          return ColumnPrivilegesText(table->database, table->name, column.name);
        };
        if (!table->view) {
          ColumnRows(*table, privileges, &rows);
          continue;
        }
        // A view whose query no longer binds has no columns to show.
        Result<std::shared_ptr<const catalog::TableSchema>> columns = ViewColumns(*table);
        if (columns.ok()) ColumnRows(*columns.value(), privileges, &rows);
      }
    } else if (name == "TABLE_CONSTRAINTS" || name == "KEY_COLUMN_USAGE" ||
               name == "REFERENTIAL_CONSTRAINTS" || name == "CHECK_CONSTRAINTS") {
      ConstraintRows(name, tables, &rows);
    } else if (name == "PARTITIONS") {
      // Every table is one unpartitioned partition, as MySQL lists it.
      for (const auto& table : tables) {
        if (table->view || table->database == "information_schema") continue;
        Row row(definition->columns.size(), Value::Null());
        row[0] = Text("def");
        row[1] = Text(table->database);
        row[2] = Text(table->name);
        for (size_t i = 12; i <= 17; ++i) row[i] = Integer(0);  // TABLE_ROWS .. DATA_FREE
        row[22] = Text("");                                      // PARTITION_COMMENT
        rows.push_back(std::move(row));
      }
    } else if (name == "USER_PRIVILEGES" || name == "SCHEMA_PRIVILEGES" ||
               name == "TABLE_PRIVILEGES" || name == "COLUMN_PRIVILEGES") {
      PrivilegeRows(name, &rows);
    } else if (name == "APPLICABLE_ROLES" || name == "ENABLED_ROLES") {
      RoleRows(name, &rows);
    } else if (name == "PROCESSLIST") {
      for (const ServerHooks::Process& process : VisibleProcesses()) {
        rows.push_back(Row{Integer(static_cast<int64_t>(process.id)), Text(process.user),
                           Text(process.host), process.db.empty() ? Value::Null() : Text(process.db),
                           Text(process.command), Integer(process.time), Text(process.state),
                           process.info.empty() ? Value::Null() : Text(process.info)});
      }
    } else if (name == "KEYWORDS") {
      for (const sql::KeywordInfo& keyword : sql::AllKeywords()) {
        rows.push_back(Row{Text(keyword.name), Integer(keyword.reserved ? 1 : 0)});
      }
    } else if (name == "PLUGINS") {
      auto plugin = [&](std::string_view plugin_name, std::string_view type, std::string_view description) {
        rows.push_back(Row{Text(plugin_name), Text("1.0"), Text("ACTIVE"), Text(type), Text("80400.0"),
                           Value::Null(), Value::Null(), Text("Oracle Corporation"), Text(description),
                           Text("GPL"), Text("FORCE")});
      };
      plugin("mysql_native_password", "AUTHENTICATION", "Native MySQL authentication");
      plugin("caching_sha2_password", "AUTHENTICATION", "Caching sha2 authentication");
      plugin("auth_socket", "AUTHENTICATION", "Unix socket authentication");
      plugin("InnoDB", "STORAGE ENGINE", "Supports transactions, row-level locking, and foreign keys");
      plugin("PERFORMANCE_SCHEMA", "STORAGE ENGINE", "Performance Schema");
    } else if (name == "ROUTINES" || name == "PARAMETERS" || name == "TRIGGERS") {
      RoutineRows(name, *shared, [this](const catalog::RoutineSchema& routine) { return AccessTo(routine); },
                  &rows);
    } else if (name == "VIEWS") {
      for (const auto& table : tables) {
        if (!table->view) continue;
        const catalog::ViewSchema& view = *table->view;
        const char* check = view.check_option == sql::CreateViewStatement::CheckOption::kLocal ? "LOCAL"
                            : view.check_option == sql::CreateViewStatement::CheckOption::kCascaded
                                ? "CASCADED"
                                : "NONE";
        rows.push_back(Row{Text("def"), Text(table->database), Text(table->name),
                           Text(ViewQueryText(view)), Text(check),
                           Text(ViewUpdatable(*table) ? "YES" : "NO"),
                           Text(view.definer_user + "@" + view.definer_host), Text(view.security),
                           Text(view.character_set_client), Text(view.collation_connection)});
      }
    } else if (name == "STATISTICS") {
      for (const auto& table : tables) {
        for (size_t position = 0; position < table->indexes.size(); ++position) {
          const catalog::IndexSchema& index = table->indexes[position];
          std::vector<int64_t> cardinality = KeyCardinalities(*table, position);
          for (size_t i = 0; i < index.columns.size(); ++i) {
            int column = table->FindColumn(index.columns[i]);
            bool nullable = column >= 0 && table->columns[static_cast<size_t>(column)].nullable;
            bool functional = column >= 0 && table->columns[static_cast<size_t>(column)].hidden();
            rows.push_back(Row{Text("def"), Text(table->database), Text(table->name),
                               Integer(index.unique() ? 0 : 1), Text(table->database), Text(index.name),
                               Integer(static_cast<int64_t>(i + 1)),
                               functional ? Value::Null() : Text(index.columns[i]),
                               Text(i < index.descending.size() && index.descending[i] ? "D" : "A"),
                               Integer(cardinality[i]),
                               index.prefix_lengths[i] ? Integer(*index.prefix_lengths[i]) : Value::Null(),
                               Value::Null(), Text(nullable ? "YES" : ""), Text(catalog::IndexTypeName(index)), Text(""), Text(""),
                               Text("YES"),
                               functional ? Text(catalog::EscapedExpression(
                                                     table->columns[static_cast<size_t>(column)].generation_expression))
                                          : Value::Null()});
          }
        }
      }
    } else if (name == "ENGINES") {
      rows.push_back(Row{Text("InnoDB"), Text("DEFAULT"),
                         Text("Supports transactions, row-level locking, and foreign keys"), Text("YES"),
                         Text("NO"), Text("YES")});
      rows.push_back(Row{Text("PERFORMANCE_SCHEMA"), Text("YES"), Text("Performance Schema"), Text("NO"),
                         Text("NO"), Text("NO")});
    } else if (name == "CHARACTER_SETS") {
      for (const catalog::CharsetInfo& charset : catalog::AllCharsets()) {
        rows.push_back(Row{Text(charset.name), Text(charset.default_collation), Text(charset.description),
                           Integer(charset.max_length)});
      }
    } else if (name == "COLLATION_CHARACTER_SET_APPLICABILITY") {
      for (const catalog::CollationInfo& collation : catalog::AllCollations()) {
        rows.push_back(Row{Text(collation.name), Text(collation.charset)});
      }
    } else if (name == "COLLATIONS") {
      for (const catalog::CollationInfo& collation : catalog::AllCollations()) {
        rows.push_back(Row{Text(collation.name), Text(collation.charset), Integer(collation.id),
                           Text(collation.is_default ? "Yes" : ""), Text("Yes"), Integer(1),
                           Text(collation.pad_attribute)});
      }
    }
    PORPOISE_RETURN_IF_ERROR(FillVirtualTable(*definition, rows));
  }
  return Status::OK();
}

Status Session::FillVirtualTable(const catalog::TableSchema& definition, const std::vector<Row>& rows) {
  std::string table_name = catalog::VirtualTableSqliteName(definition.database, definition.name);
  std::string create = "CREATE TEMP TABLE IF NOT EXISTS " + table_name + " (";
  std::string insert = "INSERT INTO temp." + table_name + " VALUES (";
  for (size_t i = 0; i < definition.columns.size(); ++i) {
    if (i > 0) {
      create += ", ";
      insert += ", ";
    }
    create += QuoteName(definition.columns[i].name) + " " + catalog::SqliteColumnType(definition.columns[i].type);
    insert += "?";
  }
  create += ")";
  insert += ")";
  temp_tables_ = true;
  PORPOISE_RETURN_IF_ERROR(db_->Execute(create));
  PORPOISE_RETURN_IF_ERROR(db_->Execute("DELETE FROM temp." + table_name));
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, db_->Prepare(insert));
  for (const Row& row : rows) {
    for (size_t i = 0; i < definition.columns.size(); ++i) {
      PORPOISE_RETURN_IF_ERROR(BindValue(statement, static_cast<int>(i) + 1, i < row.size() ? row[i] : Value()));
    }
    PORPOISE_RETURN_IF_ERROR(statement.Run());
    PORPOISE_RETURN_IF_ERROR(statement.Reset());
  }
  return Status::OK();
}

}  // namespace porpoise::engine
