// The in-memory catalog snapshot and its holder. (catalog/)
#include "catalog/catalog.h"

#include <algorithm>
#include <optional>

#include "common/strings.h"

namespace porpoise::catalog {

const DatabaseSchema* CatalogSnapshot::FindDatabase(std::string_view name) const {
  auto found = databases_.find(name);
  return found == databases_.end() ? nullptr : found->second.get();
}

std::shared_ptr<const TableSchema> CatalogSnapshot::FindTable(std::string_view database,
                                                              std::string_view table) const {
  const DatabaseSchema* schema = FindDatabase(database);
  if (schema == nullptr) return nullptr;
  auto found = schema->tables.find(table);
  return found == schema->tables.end() ? nullptr : found->second;
}

void CatalogSnapshot::PutDatabase(DatabaseSchema database) {
  std::string name = database.name;
  databases_[name] = std::make_shared<const DatabaseSchema>(std::move(database));
}

void CatalogSnapshot::RemoveDatabase(std::string_view name) {
  auto found = databases_.find(name);
  if (found == databases_.end()) return;
  for (const auto& [table_name, table] : found->second->tables) {
    if (!table->foreign_keys.empty()) --foreign_key_tables_;
  }
  databases_.erase(found);
  for (auto it = routines_.lower_bound(RoutineKey(std::string(name), RoutineKind::kProcedure, ""));
       it != routines_.end() && std::get<0>(it->first) == name;) {
    if (it->second->kind == RoutineKind::kTrigger) --trigger_count_;
    it = routines_.erase(it);
  }
  for (auto it = triggers_by_table_.begin(); it != triggers_by_table_.end();) {
    it = it->first.first == name ? triggers_by_table_.erase(it) : std::next(it);
  }
}

std::string_view RoutineKindName(RoutineKind kind) {
  switch (kind) {
    case RoutineKind::kProcedure: return "PROCEDURE";
    case RoutineKind::kFunction: return "FUNCTION";
    case RoutineKind::kTrigger: return "TRIGGER";
  }
  return "";
}

CatalogSnapshot::RoutineKey CatalogSnapshot::KeyOf(std::string_view database, RoutineKind kind,
                                                   std::string_view name) {
  return RoutineKey(std::string(database), kind, ToLowerAscii(name));
}

std::shared_ptr<const RoutineSchema> CatalogSnapshot::FindRoutine(std::string_view database,
                                                                  RoutineKind kind,
                                                                  std::string_view name) const {
  auto found = routines_.find(KeyOf(database, kind, name));
  return found == routines_.end() ? nullptr : found->second;
}

const std::vector<std::shared_ptr<const RoutineSchema>>& CatalogSnapshot::TriggersOf(
    std::string_view database, std::string_view table) const {
  static const std::vector<std::shared_ptr<const RoutineSchema>> kNone;
  if (trigger_count_ == 0) return kNone;
  auto found = triggers_by_table_.find({std::string(database), std::string(table)});
  return found == triggers_by_table_.end() ? kNone : found->second;
}

void CatalogSnapshot::SortTriggers(const std::string& database, const std::string& table) {
  std::vector<std::shared_ptr<const RoutineSchema>> triggers;
  for (auto it = routines_.lower_bound(RoutineKey(database, RoutineKind::kTrigger, ""));
       it != routines_.end() && std::get<0>(it->first) == database &&
       std::get<1>(it->first) == RoutineKind::kTrigger;
       ++it) {
    if (it->second->table == table) triggers.push_back(it->second);
  }
  std::sort(triggers.begin(), triggers.end(), [](const auto& a, const auto& b) {
    const sql::CreateTriggerStatement& x = a->trigger();
    const sql::CreateTriggerStatement& y = b->trigger();
    if (x.event != y.event) return x.event < y.event;
    if (x.timing != y.timing) return x.timing < y.timing;
    return a->action_order < b->action_order;
  });
  if (triggers.empty()) {
    triggers_by_table_.erase({database, table});
  } else {
    triggers_by_table_[{database, table}] = std::move(triggers);
  }
}

void CatalogSnapshot::PutRoutine(std::shared_ptr<const RoutineSchema> routine) {
  auto& slot = routines_[KeyOf(routine->database, routine->kind, routine->name)];
  std::optional<std::string> old_table;
  if (slot && slot->kind == RoutineKind::kTrigger) {
    --trigger_count_;
    old_table = slot->table;
  }
  if (routine->kind == RoutineKind::kTrigger) ++trigger_count_;
  slot = routine;
  if (routine->kind != RoutineKind::kTrigger) return;
  if (old_table && *old_table != routine->table) SortTriggers(routine->database, *old_table);
  SortTriggers(routine->database, routine->table);
}

void CatalogSnapshot::RemoveRoutine(std::string_view database, RoutineKind kind,
                                    std::string_view name) {
  auto found = routines_.find(KeyOf(database, kind, name));
  if (found == routines_.end()) return;
  std::string table = found->second->table;
  routines_.erase(found);
  if (kind == RoutineKind::kTrigger) {
    --trigger_count_;
    SortTriggers(std::string(database), table);
  }
}

void CatalogSnapshot::PutTable(std::shared_ptr<const TableSchema> table) {
  auto found = databases_.find(table->database);
  if (found == databases_.end()) return;
  DatabaseSchema copy = *found->second;
  auto& slot = copy.tables[table->name];
  if (slot && !slot->foreign_keys.empty()) --foreign_key_tables_;
  if (!table->foreign_keys.empty()) ++foreign_key_tables_;
  slot = std::move(table);
  found->second = std::make_shared<const DatabaseSchema>(std::move(copy));
}

void CatalogSnapshot::RemoveTable(std::string_view database, std::string_view table) {
  auto found = databases_.find(database);
  if (found == databases_.end()) return;
  DatabaseSchema copy = *found->second;
  auto table_entry = copy.tables.find(table);
  if (table_entry != copy.tables.end()) {
    if (!table_entry->second->foreign_keys.empty()) --foreign_key_tables_;
    copy.tables.erase(table_entry);
  }
  found->second = std::make_shared<const DatabaseSchema>(std::move(copy));
}

std::shared_ptr<const CatalogSnapshot> Catalog::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

void Catalog::Replace(std::shared_ptr<CatalogSnapshot> next) {
  std::lock_guard<std::mutex> lock(mutex_);
  next->set_version(current_->version() + 1);
  current_ = std::move(next);
}

}  // namespace porpoise::catalog
