// The in-memory catalog snapshot and its holder. (catalog/)
#include "catalog/catalog.h"

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
