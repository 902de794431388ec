// EXPLAIN: the statement is bound and checked as if it ran, and SQLite's plan for its SQL
// (EXPLAIN QUERY PLAN) is shown in MySQL's shapes: the traditional table (one row per table
// access, MySQL's access types, keys by their MySQL names, Extra notes), FORMAT=TREE's
// iterator lines and FORMAT=JSON's query blocks. EXPLAIN ANALYZE also runs the query and adds
// its measured time and row count. Row counts in plans are estimates, as MySQL's are: the
// table's row count for a scan, 1 for a unique lookup. (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/strings.h"
#include "engine/session.h"
#include "sql/parser.h"
#include "sql/printer.h"
#include "storage/database.h"
#include "types/collation.h"
#include "types/json.h"

namespace porpoise::engine {

namespace {

using Cell = std::optional<std::string>;

// One line of SQLite's EXPLAIN QUERY PLAN.
struct PlanStep {
  int id = 0;
  int parent = 0;
  std::string detail;
};

// One table access of the plan, in the traditional format's terms.
struct Access {
  int select_id = 1;
  std::string select_type;
  Cell table;
  std::string alias;
  Cell type;
  Cell possible_keys, key, key_len, ref;
  std::optional<int64_t> rows;
  std::string filtered = "100.00";
  std::vector<std::string> extra;
  std::string lookup;  // SQLite's constraint text: "b=?", "a>? AND a<?"
  bool covering = false;
};

// A SELECT of the plan: its number, MySQL's select_type and where its accesses start.
struct PlanSelect {
  int id = 1;
  std::string type;
  std::vector<size_t> accesses;
  std::vector<std::string> notes;  // "Using temporary", "Using filesort"
  bool constant_row = false;
};

bool StartsWith(std::string_view text, std::string_view prefix) { return text.starts_with(prefix); }

// The bytes MySQL counts for a key part on `column` (key_len).
uint32_t KeyPartLength(const catalog::ColumnSchema& column) {
  std::string name = ToLowerAscii(column.type.name);
  uint32_t length = column.type.length.value_or(0);
  uint32_t bytes = 0;
  if (name == "tinyint" || name == "bool" || name == "year") {
    bytes = 1;
  } else if (name == "smallint") {
    bytes = 2;
  } else if (name == "mediumint" || name == "date" || name == "time") {
    bytes = 3;
  } else if (name == "int" || name == "float" || name == "timestamp") {
    bytes = 4;
  } else if (name == "bigint" || name == "double") {
    bytes = 8;
  } else if (name == "datetime") {
    bytes = 5 + (length + 1) / 2;
  } else if (name == "decimal") {
    uint32_t precision = length == 0 ? 10 : length;
    uint32_t scale = column.type.scale.value_or(0);
    auto digits = [](uint32_t n) {
      static constexpr uint32_t kPartial[] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
      return n / 9 * 4 + kPartial[n % 9];
    };
    bytes = digits(precision - scale) + digits(scale);
  } else {
    uint32_t per_character = 4;
    if (column.collation != nullptr) {
      std::string collation(column.collation->name());
      if (collation.starts_with("latin1") || collation.starts_with("ascii") || collation == "binary") {
        per_character = 1;
      } else if (collation.starts_with("utf8mb3")) {
        per_character = 3;
      }
    }
    if (name == "binary" || name == "varbinary") per_character = 1;
    bytes = (length == 0 ? 1 : length) * per_character;
    if (name.starts_with("var")) bytes += 2;
    if (name.find("text") != std::string::npos || name.find("blob") != std::string::npos) bytes = 767 + 2;
  }
  return bytes + (column.nullable ? 1 : 0);
}

// The columns a lookup constrains ("a=? AND b>?" -> a, b) and whether all are equalities.
std::vector<std::string> LookupColumns(std::string_view lookup, bool* all_equal) {
  std::vector<std::string> columns;
  *all_equal = true;
  size_t start = 0;
  while (start < lookup.size()) {
    size_t end = lookup.find(" AND ", start);
    std::string_view part = lookup.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    size_t op = part.find_first_of("=<>");
    if (op != std::string_view::npos) {
      columns.emplace_back(part.substr(0, op));
      if (part.substr(op, 2) != "=?") *all_equal = false;
    }
    if (end == std::string_view::npos) break;
    start = end + 5;
  }
  return columns;
}

std::string Fixed2(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

}  // namespace

// The tables of a FROM list by the name a plan shows them under (alias, else table name).
void Session::CollectExplainTables(const std::vector<sql::TableRefPtr>& from,
                                   std::map<std::string, std::shared_ptr<const catalog::TableSchema>>* out) {
  for (const sql::TableRefPtr& ref : from) {
    if (!ref) continue;
    std::vector<const sql::TableRef*> pending{ref.get()};
    while (!pending.empty()) {
      const sql::TableRef* node = pending.back();
      pending.pop_back();
      if (node->kind == sql::TableRef::Kind::kJoin) {
        if (node->left) pending.push_back(node->left.get());
        if (node->right) pending.push_back(node->right.get());
      } else if (node->kind == sql::TableRef::Kind::kTable) {
        std::string database = node->name.database.empty() ? database_ : node->name.database;
        auto table = catalog_->FindTable(database, node->name.table);
        if (table) (*out)[node->alias.empty() ? node->name.table : node->alias] = table;
      } else if (node->derived) {
        CollectExplainTables(node->derived->from, out);
      }
      if (node->on) CollectExplainSubqueries(*node->on, out);
    }
  }
}

// The tables of the subqueries inside `expr`.
void Session::CollectExplainSubqueries(const sql::Expr& expr,
                                       std::map<std::string, std::shared_ptr<const catalog::TableSchema>>* out) {
  if (expr.subquery) {
    CollectExplainTables(expr.subquery->from, out);
    if (expr.subquery->where) CollectExplainSubqueries(*expr.subquery->where, out);
  }
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg) CollectExplainSubqueries(*arg, out);
  }
}

Status Session::ExecuteExplain(const sql::ExplainStatement& explain, ResultSink& sink, bool more) {
  using Format = sql::ExplainStatement::Format;
  const sql::Statement& target = *explain.statement;
  // The query whose plan is shown: a SELECT itself, or the rows an UPDATE/DELETE would visit.
  std::unique_ptr<sql::Statement> owned;
  const sql::SelectStatement* select = nullptr;
  std::string statement_type;  // select_type of a modifying statement's rows
  std::string inserted_table;
  switch (target.kind) {
    case sql::StatementKind::kSelect:
      select = static_cast<const sql::SelectStatement*>(&target);
      if (!select->into.empty()) return Status::Error(ER_NOT_SUPPORTED_YET, "EXPLAIN of SELECT ... INTO");
      break;
    case sql::StatementKind::kUpdate:
    case sql::StatementKind::kDelete: {
      if (explain.analyze) return Status::Error(ER_NOT_SUPPORTED_YET, "EXPLAIN ANALYZE of UPDATE or DELETE");
      std::string from, where, order, limit;
      if (target.kind == sql::StatementKind::kUpdate) {
        const auto& update = static_cast<const sql::UpdateStatement&>(target);
        if (update.tables.size() != 1 || update.tables[0]->kind != sql::TableRef::Kind::kTable) {
          return Status::Error(ER_NOT_SUPPORTED_YET, "multi-table UPDATE");
        }
        const sql::TableRef& ref = *update.tables[0];
        std::string database = ref.name.database.empty() ? database_ : ref.name.database;
        if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
        PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kUpdate, database, ref.name.table));
        from = sql::QuoteIdentifier(database) + "." + sql::QuoteIdentifier(ref.name.table) +
               (ref.alias.empty() ? "" : " AS " + sql::QuoteIdentifier(ref.alias));
        if (update.where) where = sql::ToSql(*update.where);
        for (const sql::OrderItem& item : update.order_by) {
          order += (order.empty() ? "" : ", ") + sql::ToSql(*item.expr) + (item.descending ? " DESC" : "");
        }
        if (update.limit) limit = sql::ToSql(*update.limit);
        statement_type = "UPDATE";
      } else {
        const auto& remove = static_cast<const sql::DeleteStatement&>(target);
        std::string database = remove.table.database.empty() ? database_ : remove.table.database;
        if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
        PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kDelete, database, remove.table.table));
        from = sql::QuoteIdentifier(database) + "." + sql::QuoteIdentifier(remove.table.table) +
               (remove.alias.empty() ? "" : " AS " + sql::QuoteIdentifier(remove.alias));
        if (remove.where) where = sql::ToSql(*remove.where);
        for (const sql::OrderItem& item : remove.order_by) {
          order += (order.empty() ? "" : ", ") + sql::ToSql(*item.expr) + (item.descending ? " DESC" : "");
        }
        if (remove.limit) limit = sql::ToSql(*remove.limit);
        statement_type = "DELETE";
      }
      std::string text = "SELECT 1 FROM " + from + (where.empty() ? "" : " WHERE " + where) +
                         (order.empty() ? "" : " ORDER BY " + order) +
                         (limit.empty() ? "" : " LIMIT " + limit);
      // Printed pieces: they read back the same in any sql_mode.
      PORPOISE_ASSIGN_OR_RETURN(owned, sql::ParseOne(text));
      select = static_cast<const sql::SelectStatement*>(owned.get());
      break;
    }
    case sql::StatementKind::kInsert: {
      if (explain.analyze) return Status::Error(ER_NOT_SUPPORTED_YET, "EXPLAIN ANALYZE of INSERT");
      const auto& insert = static_cast<const sql::InsertStatement&>(target);
      std::string database = insert.table.database.empty() ? database_ : insert.table.database;
      if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
      PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kInsert, database, insert.table.table));
      if (!catalog_->FindTable(database, insert.table.table)) {
        return Status::Error(ER_NO_SUCH_TABLE, database, insert.table.table);
      }
      inserted_table = insert.table.table;
      statement_type = insert.replace ? "REPLACE" : "INSERT";
      select = insert.select.get();
      break;
    }
    default:
      return Status::Error(ER_NOT_SUPPORTED_YET, "EXPLAIN of this statement");
  }

  std::vector<PlanStep> steps;
  std::map<std::string, std::shared_ptr<const catalog::TableSchema>> tables;
  std::optional<double> analyzed_ms;
  uint64_t analyzed_rows = 0;
  if (select != nullptr) {
    TranslatorContext context = MakeTranslatorContext();
    Translator translator(context);
    PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, translator.TranslateSelect(*select));
    PORPOISE_RETURN_IF_ERROR(CheckReads(context));
    if (!context.tables_read.empty()) PORPOISE_RETURN_IF_ERROR(StartImplicitTransaction());
    {
      PORPOISE_ASSIGN_OR_RETURN(storage::Statement plan,
                                PrepareTranslated(translated.sql, context, false, "EXPLAIN QUERY PLAN "));
      while (true) {
        Result<bool> step = plan.Step();
        if (!step.ok()) return TranslateStorageError(step.status());
        if (!step.value()) break;
        steps.push_back({static_cast<int>(plan.ColumnInt64(0)), static_cast<int>(plan.ColumnInt64(1)),
                         std::string(plan.ColumnText(3))});
      }
    }
    if (explain.analyze) {
      auto start = std::chrono::steady_clock::now();
      PORPOISE_ASSIGN_OR_RETURN(storage::Statement run, PrepareTranslated(translated.sql, context));
      while (true) {
        Result<bool> step = run.Step();
        if (!step.ok()) return TranslateStorageError(step.status());
        if (!step.value()) break;
        ++analyzed_rows;
      }
      analyzed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
    CollectExplainTables(select->from, &tables);
    for (const sql::SelectItem& item : select->items) {
      if (item.expr) CollectExplainSubqueries(*item.expr, &tables);
    }
    if (select->where) CollectExplainSubqueries(*select->where, &tables);
    for (const auto& [database, name] : context.tables_read) {
      auto table = catalog_->FindTable(database, name);
      if (table && !tables.count(name)) tables[name] = table;
    }
  }
  // Tables by SQLite storage id, to name the indexes the plan uses.
  std::map<std::string, std::shared_ptr<const catalog::TableSchema>> by_storage;
  for (const auto& [name, table] : tables) {
    by_storage[(table->temporary ? "x" : "t") + std::to_string(table->storage_id)] = table;
  }
  auto row_count = [&](const catalog::TableSchema& table) -> std::optional<int64_t> {
    Result<storage::Statement> count = db_->Prepare("SELECT count(*) FROM " + catalog::SqliteTableName(table));
    if (!count.ok()) return std::nullopt;
    Result<bool> step = count->Step();
    if (!step.ok() || !step.value()) return std::nullopt;
    return count->ColumnInt64(0);
  };

  // Selects: the steps that open one, in plan order.
  std::map<int, const PlanStep*> by_id;
  for (const PlanStep& step : steps) by_id[step.id] = &step;
  std::vector<PlanSelect> selects;
  std::map<int, size_t> select_of_opener;  // step id -> index in selects
  std::map<std::string, int> derived_ids;  // MATERIALIZE/CO-ROUTINE name -> select id
  bool compound = false;
  selects.push_back(PlanSelect{1, "SIMPLE", {}, {}, false});
  for (const PlanStep& step : steps) {
    const std::string& d = step.detail;
    std::string type;
    if (StartsWith(d, "CORRELATED SCALAR SUBQUERY") || StartsWith(d, "CORRELATED LIST SUBQUERY")) {
      type = "DEPENDENT SUBQUERY";
    } else if (StartsWith(d, "SCALAR SUBQUERY") || StartsWith(d, "LIST SUBQUERY")) {
      type = "SUBQUERY";
    } else if (StartsWith(d, "MATERIALIZE ") || StartsWith(d, "CO-ROUTINE ")) {
      type = "DERIVED";
    } else if (StartsWith(d, "LEFT-MOST SUBQUERY")) {
      compound = true;
      select_of_opener[step.id] = 0;
      selects[0].type = "PRIMARY";
      continue;
    } else if (StartsWith(d, "UNION") || StartsWith(d, "INTERSECT") || StartsWith(d, "EXCEPT")) {
      type = StartsWith(d, "UNION") ? "UNION" : StartsWith(d, "INTERSECT") ? "INTERSECT" : "EXCEPT";
    } else {
      continue;
    }
    PlanSelect opened{static_cast<int>(selects.size()) + 1, type, {}, {}, false};
    if (type == "DERIVED") derived_ids[d.substr(d.find(' ') + 1)] = opened.id;
    select_of_opener[step.id] = selects.size();
    selects.push_back(opened);
  }
  if (selects.size() > 1 && selects[0].type == "SIMPLE") selects[0].type = "PRIMARY";
  auto select_for = [&](const PlanStep& step) -> size_t {
    int parent = step.parent;
    while (parent != 0) {
      auto opener = select_of_opener.find(parent);
      if (opener != select_of_opener.end()) return opener->second;
      auto up = by_id.find(parent);
      if (up == by_id.end()) break;
      parent = up->second->parent;
    }
    return 0;
  };

  std::vector<Access> accesses;
  for (const PlanStep& step : steps) {
    const std::string& d = step.detail;
    size_t index = select_for(step);
    PlanSelect& owner = selects[index];
    if (d == "SCAN CONSTANT ROW") {
      owner.constant_row = true;
      continue;
    }
    if (StartsWith(d, "USE TEMP B-TREE FOR ORDER BY") || StartsWith(d, "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY") ||
        StartsWith(d, "USE TEMP B-TREE FOR LAST")) {
      owner.notes.push_back("Using filesort");
      continue;
    }
    if (StartsWith(d, "USE TEMP B-TREE FOR")) {
      owner.notes.push_back("Using temporary");
      continue;
    }
    if (!StartsWith(d, "SCAN ") && !StartsWith(d, "SEARCH ")) continue;
    bool search = StartsWith(d, "SEARCH ");
    std::string rest = d.substr(search ? 7 : 5);
    Access access;
    access.select_id = owner.id;
    access.select_type = statement_type.empty() || index != 0 ? owner.type : statement_type;
    // A table function (LATERAL, JSON_TABLE): "alias VIRTUAL TABLE INDEX n:...".
    if (size_t virtual_at = rest.find(" VIRTUAL TABLE INDEX "); virtual_at != std::string::npos) {
      rest.resize(virtual_at);
    }
    size_t using_at = rest.find(" USING ");
    std::string name = rest.substr(0, using_at);
    std::string how = using_at == std::string::npos ? "" : rest.substr(using_at + 7);
    size_t paren = how.find(" (");
    if (paren != std::string::npos) {
      access.lookup = how.substr(paren + 2, how.size() - paren - 3);
      how.resize(paren);
    } else if (!how.empty() && how.front() == '(') {
      access.lookup = how.substr(1, how.size() - 2);
      how.clear();
    }
    access.alias = name;
    auto derived = derived_ids.find(name);
    access.table = derived != derived_ids.end() ? "<derived" + std::to_string(derived->second) + ">" : name;
    std::shared_ptr<const catalog::TableSchema> schema;
    if (auto found = tables.find(name); found != tables.end()) schema = found->second;
    // The index: its SQLite name (tN_iK, sqlite_autoindex_tN_1) or the integer primary key.
    std::string index_name;
    bool automatic = how.find("AUTOMATIC") != std::string::npos;
    access.covering = how.find("COVERING") != std::string::npos;
    bool unique = false;
    if (how.find("INTEGER PRIMARY KEY") != std::string::npos || how.find("PRIMARY KEY") == 0) {
      index_name = "PRIMARY";
      unique = true;
    } else if (!automatic && !how.empty()) {
      std::string sqlite_index = how.substr(how.rfind(' ') + 1);
      std::string storage = sqlite_index;
      size_t cut = storage.find("_i");
      if (StartsWith(sqlite_index, "sqlite_autoindex_")) {
        storage = sqlite_index.substr(17, sqlite_index.rfind('_') - 17);
        index_name = "PRIMARY";
        unique = true;
      } else if (cut != std::string::npos) {
        storage = sqlite_index.substr(0, cut);
      }
      auto owner_table = by_storage.find(storage);
      if (owner_table != by_storage.end()) {
        if (!schema) schema = owner_table->second;
        if (index_name.empty()) {
          size_t position = static_cast<size_t>(std::strtoul(sqlite_index.c_str() + cut + 2, nullptr, 10));
          if (position < schema->indexes.size()) {
            index_name = schema->indexes[position].name;
            unique = schema->indexes[position].unique();
          }
        }
      }
      if (index_name.empty()) index_name = sqlite_index;
    }
    bool all_equal = true;
    std::vector<std::string> columns = LookupColumns(access.lookup, &all_equal);
    bool first_in_select = owner.accesses.empty();
    if (automatic) {
      access.type = "ALL";
      access.extra.push_back("Using where");
      access.extra.push_back("Using join buffer (hash join)");
    } else if (!search) {
      access.type = index_name.empty() ? "ALL" : "index";
    } else if (!all_equal) {
      access.type = "range";
    } else if (unique && schema) {
      // Every key part given: one row.
      size_t parts = 1;
      for (const catalog::IndexSchema& key : schema->indexes) {
        if (key.name == index_name) parts = key.columns.size();
      }
      bool whole = columns.size() >= parts || (columns.size() == 1 && columns[0] == "rowid");
      access.type = whole ? (first_in_select ? "const" : "eq_ref") : "ref";
    } else {
      access.type = "ref";
    }
    if (!index_name.empty()) {
      access.key = index_name;
      access.possible_keys = index_name;
    }
    if (schema && access.key && *access.type != "index") {
      uint32_t length = 0;
      for (const std::string& column : columns) {
        std::string column_name = column == "rowid" ? "" : column;
        if (column_name.empty()) {
          for (const catalog::IndexSchema& key : schema->indexes) {
            if (key.kind == sql::IndexDef::Kind::kPrimary && !key.columns.empty()) column_name = key.columns[0];
          }
        }
        int at = schema->FindColumn(column_name);
        if (at >= 0) length += KeyPartLength(schema->columns[static_cast<size_t>(at)]);
      }
      if (length > 0) access.key_len = std::to_string(length);
      if (*access.type == "const" || *access.type == "ref" || *access.type == "eq_ref") {
        std::vector<std::string> refs(columns.size(), "const");
        access.ref = Join(refs, ",");
      }
    } else if (schema && access.key) {
      uint32_t length = 0;
      for (const catalog::IndexSchema& key : schema->indexes) {
        if (key.name != *access.key) continue;
        for (const std::string& column : key.columns) {
          int at = schema->FindColumn(column);
          if (at >= 0) length += KeyPartLength(schema->columns[static_cast<size_t>(at)]);
        }
      }
      if (length > 0) access.key_len = std::to_string(length);
    }
    if (*access.type == "const" || *access.type == "eq_ref") {
      access.rows = 1;
    } else if (schema) {
      std::optional<int64_t> count = row_count(*schema);
      if (count) access.rows = *access.type == "ALL" || *access.type == "index" ? *count : std::max<int64_t>(1, *count / 2);
    }
    bool filtered_by_where = index == 0 && select->where != nullptr;
    if (!statement_type.empty() && index == 0 && inserted_table.empty()) {
      // A single-table UPDATE or DELETE reads its rows by a range over the key it uses.
      if (*access.type == "const" || *access.type == "eq_ref" || *access.type == "ref") {
        access.type = "range";
        access.ref.reset();
      }
      access.covering = false;
    }
    if (*access.type == "range" || (filtered_by_where && !automatic &&
                                    (*access.type == "ALL" || *access.type == "index" || *access.type == "ref"))) {
      access.extra.push_back("Using where");
    }
    if (access.covering) access.extra.push_back("Using index");
    owner.accesses.push_back(accesses.size());
    accesses.push_back(std::move(access));
  }
  for (PlanSelect& owner : selects) {
    if (owner.accesses.empty() || owner.notes.empty()) continue;
    Access& first = accesses[owner.accesses.front()];
    for (const std::string& note : owner.notes) {
      if (std::find(first.extra.begin(), first.extra.end(), note) == first.extra.end()) first.extra.push_back(note);
    }
  }

  Rows rows;
  if (explain.format == Format::kTraditional && !explain.analyze) {
    auto text = [](std::string name, uint32_t length) {
      ExprType type = TypeOf(ValueType::kString, length);
      type.collation = types::FindCollationByName("utf8mb4_0900_ai_ci");
      OutputColumn column;
      column.type = type;
      column.info = MakeColumnInfo(type, std::move(name));
      return column;
    };
    auto number = [](std::string name, bool is_unsigned, uint32_t length) {
      ExprType type = TypeOf(ValueType::kInteger, length);
      type.is_unsigned = is_unsigned;
      OutputColumn column;
      column.type = type;
      column.info = MakeColumnInfo(type, std::move(name));
      return column;
    };
    ExprType filtered = TypeOf(ValueType::kDouble, 5, 2);
    OutputColumn filtered_column;
    filtered_column.type = filtered;
    filtered_column.info = MakeColumnInfo(filtered, "filtered");
    rows.columns = {number("id", true, 3),         text("select_type", 20),  text("table", 64),
                    text("partitions", 8192),      text("type", 10),         text("possible_keys", 4096),
                    text("key", 64),               text("key_len", 4096),    text("ref", 1024),
                    number("rows", true, 10),      filtered_column,          text("Extra", 255)};
    if (!inserted_table.empty()) {
      rows.rows.push_back({"1", statement_type, inserted_table, Cell(), "ALL", Cell(), Cell(), Cell(),
                           Cell(), Cell(), Cell(), Cell()});
    }
    for (const PlanSelect& owner : selects) {
      if (owner.accesses.empty() && owner.constant_row) {
        rows.rows.push_back({std::to_string(owner.id), owner.type, Cell(), Cell(), Cell(), Cell(), Cell(),
                             Cell(), Cell(), Cell(), Cell(), "No tables used"});
      }
      for (size_t at : owner.accesses) {
        const Access& a = accesses[at];
        std::string extra = Join(a.extra, "; ");
        rows.rows.push_back({std::to_string(a.select_id), a.select_type, a.table, Cell(), a.type,
                             a.possible_keys, a.key, a.key_len, a.ref,
                             a.rows ? Cell(std::to_string(*a.rows)) : Cell(), a.filtered,
                             extra.empty() ? Cell() : Cell(extra)});
      }
    }
    if (compound) {
      bool distinct = std::any_of(steps.begin(), steps.end(), [](const PlanStep& step) {
        return StartsWith(step.detail, "UNION USING TEMP B-TREE");
      });
      if (distinct) {
        std::string ids;
        for (const PlanSelect& owner : selects) {
          if (owner.type == "PRIMARY" || owner.type == "UNION") ids += (ids.empty() ? "" : ",") + std::to_string(owner.id);
        }
        rows.rows.push_back({Cell(), "UNION RESULT", "<union" + ids + ">", Cell(), "ALL", Cell(), Cell(),
                             Cell(), Cell(), Cell(), Cell(), "Using temporary"});
      }
    }
    return SendRows(rows, sink, more);
  }

  // One text: TREE (with ANALYZE's measurements) or JSON.
  std::string out;
  auto estimate = [](const Access& a) { return a.rows ? *a.rows : 1; };
  if (explain.format == Format::kJson) {
    std::function<void(const PlanSelect&, int)> block;
    block = [&](const PlanSelect& owner, int indent) {
      std::string pad(static_cast<size_t>(indent), ' ');
      out += pad + "\"query_block\": {\n";
      out += pad + "  \"select_id\": " + std::to_string(owner.id);
      double cost = 0;
      for (size_t at : owner.accesses) cost += 0.25 * static_cast<double>(estimate(accesses[at])) + 0.35;
      out += ",\n" + pad + "  \"cost_info\": {\n" + pad + "    \"query_cost\": \"" + Fixed2(cost) + "\"\n" + pad + "  }";
      if (owner.accesses.empty()) {
        out += ",\n" + pad + "  \"message\": \"No tables used\"\n" + pad + "}";
        return;
      }
      auto table_json = [&](const Access& a, const std::string& p) {
        std::string t = p + "\"table\": {\n";
        t += p + "  \"table_name\": \"" + a.table.value_or("") + "\",\n";
        t += p + "  \"access_type\": \"" + a.type.value_or("ALL") + "\"";
        if (a.possible_keys) t += ",\n" + p + "  \"possible_keys\": [\n" + p + "    \"" + *a.possible_keys + "\"\n" + p + "  ]";
        if (a.key) t += ",\n" + p + "  \"key\": \"" + *a.key + "\"";
        if (a.key_len) t += ",\n" + p + "  \"key_length\": \"" + *a.key_len + "\"";
        if (a.ref) t += ",\n" + p + "  \"ref\": [\n" + p + "    \"" + *a.ref + "\"\n" + p + "  ]";
        t += ",\n" + p + "  \"rows_examined_per_scan\": " + std::to_string(estimate(a));
        t += ",\n" + p + "  \"rows_produced_per_join\": " + std::to_string(estimate(a));
        t += ",\n" + p + "  \"filtered\": \"" + a.filtered + "\"";
        if (a.covering) t += ",\n" + p + "  \"using_index\": true";
        double read = 0.25 * static_cast<double>(estimate(a));
        t += ",\n" + p + "  \"cost_info\": {\n" + p + "    \"read_cost\": \"" + Fixed2(read) + "\",\n" + p +
             "    \"eval_cost\": \"" + Fixed2(0.1 * static_cast<double>(estimate(a))) + "\",\n" + p +
             "    \"prefix_cost\": \"" + Fixed2(read + 0.35) + "\"\n" + p + "  }";
        if (std::find(a.extra.begin(), a.extra.end(), "Using where") != a.extra.end() && select != nullptr &&
            select->where) {
          std::string condition;
          types::AppendJsonString(sql::ToSql(*select->where), &condition);
          t += ",\n" + p + "  \"attached_condition\": " + condition;
        }
        return t + "\n" + p + "}";
      };
      if (owner.accesses.size() == 1) {
        out += ",\n" + table_json(accesses[owner.accesses[0]], pad + "  ");
      } else {
        out += ",\n" + pad + "  \"nested_loop\": [\n";
        for (size_t i = 0; i < owner.accesses.size(); ++i) {
          out += pad + "    {\n" + table_json(accesses[owner.accesses[i]], pad + "      ") + "\n" + pad + "    }";
          out += i + 1 < owner.accesses.size() ? ",\n" : "\n";
        }
        out += pad + "  ]";
      }
      out += "\n" + pad + "}";
    };
    out = "{\n";
    block(selects[0], 2);
    out += "\n}";
  } else {
    // FORMAT=TREE: the accesses of the top select joined left-deep, under its sort and
    // grouping; subqueries follow as their own trees.
    auto access_line = [&](const Access& a) {
      std::string name = a.table.value_or("");
      std::string what;
      std::string type = a.type.value_or("ALL");
      if (type == "ALL") {
        what = "Table scan on " + name;
      } else if (type == "index") {
        what = std::string(a.covering ? "Covering index scan" : "Index scan") + " on " + name + " using " + a.key.value_or("");
      } else if (type == "range") {
        what = "Index range scan on " + name + " using " + a.key.value_or("") + " over (" + a.lookup + ")";
      } else if (type == "const" || type == "eq_ref") {
        what = "Single-row index lookup on " + name + " using " + a.key.value_or("") + " (" + a.lookup + ")";
      } else {
        what = std::string(a.covering ? "Covering index lookup" : "Index lookup") + " on " + name + " using " +
               a.key.value_or("") + " (" + a.lookup + ")";
      }
      return what + "  (cost=" + Fixed2(0.25 * static_cast<double>(estimate(a)) + 0.35) +
             " rows=" + std::to_string(estimate(a)) + ")";
    };
    for (const PlanSelect& owner : selects) {
      std::vector<std::string> lines;  // each with its depth
      std::vector<int> depths;
      auto add = [&](int depth, std::string line) {
        depths.push_back(depth);
        lines.push_back(std::move(line));
      };
      int depth = 0;
      if (&owner == &selects[0] && select != nullptr) {
        if (select->limit) add(depth++, "Limit: " + sql::ToSql(*select->limit) + " row(s)");
        if (std::find(owner.notes.begin(), owner.notes.end(), "Using filesort") != owner.notes.end() &&
            !select->order_by.empty()) {
          std::vector<std::string> keys;
          for (const sql::OrderItem& item : select->order_by) {
            keys.push_back(sql::ToSql(*item.expr) + (item.descending ? " DESC" : ""));
          }
          add(depth++, "Sort: " + Join(keys, ", "));
        }
        if (std::find(owner.notes.begin(), owner.notes.end(), "Using temporary") != owner.notes.end()) {
          add(depth++, "Table scan on <temporary>");
          add(depth++, "Aggregate using temporary table");
        }
        if (select->where) add(depth++, "Filter: " + sql::ToSql(*select->where));
      }
      if (owner.accesses.empty()) {
        add(depth, owner.constant_row ? "Rows fetched before execution" : "Zero rows");
      }
      size_t count = owner.accesses.size();
      for (size_t i = 0; i + 1 < count; ++i) add(depth++, "Nested loop inner join");
      for (size_t i = 0; i < count; ++i) {
        // Left-deep: the inner table of each join sits one level under its join line.
        int level = count == 1 ? depth : (i == 0 ? depth : depth - static_cast<int>(i) + 1);
        add(level, access_line(accesses[owner.accesses[i]]));
      }
      if (&owner != &selects[0]) {
        out += "-> Select #" + std::to_string(owner.id) + " (subquery in condition; " +
               (owner.type == "DEPENDENT SUBQUERY" ? "dependent" : "run only once") + ")\n";
      }
      for (size_t i = 0; i < lines.size(); ++i) {
        int indent = depths[i] + (&owner != &selects[0] ? 1 : 0);
        std::string line = std::string(static_cast<size_t>(indent) * 4, ' ') + "-> " + lines[i];
        if (i == 0 && analyzed_ms && &owner == &selects[0]) {
          line += " (actual time=" + Fixed2(*analyzed_ms) + ".." + Fixed2(*analyzed_ms) +
                  " rows=" + std::to_string(analyzed_rows) + " loops=1)";
        }
        out += line + "\n";
      }
    }
  }
  ExprType type = TypeOf(ValueType::kString, 0xffffffu);
  type.collation = types::FindCollationByName("utf8mb4_0900_ai_ci");
  OutputColumn column;
  column.type = type;
  column.info = MakeColumnInfo(type, "EXPLAIN");
  rows.columns = {column};
  rows.rows.push_back({out});
  return SendRows(rows, sink, more);
}

}  // namespace porpoise::engine
