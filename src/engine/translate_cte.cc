// WITH: common table expressions. A table name without a database is looked up in the WITH
// clauses around it, innermost first, before the catalog. A common table is bound where it is
// read, as a derived table; a recursive one (WITH RECURSIVE, reading itself in a block after
// its non-recursive ones) becomes a recursive common table of SQLite's, whose UNION ALL blocks
// carry a hidden iteration count that cte_max_recursion_depth bounds (3636). (engine/)
#include <charconv>

#include "engine/emitter.h"
#include "engine/translator.h"
#include "engine/variables.h"

namespace porpoise::engine {

namespace {

// The hidden column counting a recursive table's iterations.
constexpr char kDepthColumn[] = "#depth";

bool ReadsTable(const sql::SelectStatement& select, const std::string& name);

bool ReadsTable(const sql::TableRef& ref, const std::string& name) {
  switch (ref.kind) {
    case sql::TableRef::Kind::kTable:
      return ref.name.database.empty() && ref.name.table == name;
    case sql::TableRef::Kind::kDerived:
      return ref.derived && ReadsTable(*ref.derived, name);
    case sql::TableRef::Kind::kJoin:
      return (ref.left && ReadsTable(*ref.left, name)) || (ref.right && ReadsTable(*ref.right, name));
    case sql::TableRef::Kind::kJsonTable:
      return false;
  }
  return false;
}

// Whether one block (its own FROM, not its UNION chain) names the table `name`.
bool ReadsTable(const sql::SelectStatement& select, const std::string& name) {
  for (const sql::TableRefPtr& ref : select.from) {
    if (ref && ReadsTable(*ref, name)) return true;
  }
  return false;
}

}  // namespace

Result<std::optional<ScopeTable>> Translator::ResolveCommonTable(const sql::TableName& name,
                                                                 const std::string& alias) {
  for (size_t frame_index = common_table_frames_.size(); frame_index-- > 0;) {
    const CommonTableFrame frame = common_table_frames_[frame_index];
    for (size_t i = 0; i < frame.visible && i < frame.owner->with.size(); ++i) {
      const sql::SelectStatement::CommonTable& table = frame.owner->with[i];
      if (table.name != name.table) continue;
      ScopeTable scope_table;
      scope_table.alias = alias.empty() ? name.table : alias;
      for (size_t open = recursive_tables_.size(); open-- > 0;) {
        RecursiveTable& recursive = recursive_tables_[open];
        if (recursive.table != &table) continue;
        // Inside its own definition: the rows made so far, read by the recursive blocks only.
        if (recursive.columns.empty()) {
          return Status::Error(ER_CTE_RECURSIVE_REQUIRES_NONRECURSIVE_FIRST, table.name);
        }
        if (++recursive.references > 1) {
          return Status::Error(ER_CTE_RECURSIVE_REQUIRES_SINGLE_REFERENCE, table.name);
        }
        recursive.self_alias = scope_table.alias;
        scope_table.recursive_name = recursive.storage_name;
        scope_table.derived_names = recursive.names;
        scope_table.derived_columns = recursive.columns;
        return std::optional<ScopeTable>(std::move(scope_table));
      }
      // The definition sees the WITH clauses around its own, and in its own the tables
      // before it (itself too under RECURSIVE).
      std::vector<CommonTableFrame> frames_before = common_table_frames_;
      common_table_frames_.resize(frame_index + 1);
      common_table_frames_.back().visible = frame.owner->with_recursive ? i + 1 : i;
      bool recursive = false;
      if (frame.owner->with_recursive) {
        recursive = ReadsTable(*table.query, table.name);
        for (const sql::SelectStatement::UnionPart& part : table.query->unions) {
          recursive = recursive || (part.select && ReadsTable(*part.select, table.name));
        }
      }
      std::string storage_name;
      Result<BoundSelectResult> bound = Status::OK();
      if (recursive) {
        storage_name = "r#" + std::to_string(++recursive_count_);
        bound = BindRecursive(table, storage_name);
      } else {
        bound = BindSelect(*table.query, nullptr);
      }
      common_table_frames_ = std::move(frames_before);
      if (!bound.ok()) return bound.status();
      std::vector<OutputColumn>& columns = bound.value().columns;
      if (!table.columns.empty() && table.columns.size() != columns.size()) {
        return Status::Error(ER_VIEW_WRONG_LIST);
      }
      for (size_t c = 0; c < columns.size(); ++c) {
        std::string column = table.columns.empty() ? columns[c].info.name : table.columns[c];
        for (const std::string& existing : scope_table.derived_names) {
          if (existing == column) return Status::Error(ER_DUP_FIELDNAME, column);
        }
        OutputColumn copy = columns[c];
        copy.info = MakeColumnInfo(copy.type, column);
        scope_table.derived_names.push_back(column);
        scope_table.derived_columns.push_back(std::move(copy));
      }
      scope_table.derived_query = std::move(bound.value().query);
      scope_table.recursive_name = std::move(storage_name);
      return std::optional<ScopeTable>(std::move(scope_table));
    }
  }
  return std::optional<ScopeTable>();
}

Result<BoundSelectResult> Translator::BindRecursive(const sql::SelectStatement::CommonTable& table,
                                                    std::string storage_name) {
  const sql::SelectStatement& query = *table.query;
  if (query.unions.empty()) return Status::Error(ER_CTE_RECURSIVE_REQUIRES_UNION, table.name);
  std::vector<const sql::SelectStatement*> blocks = {&query};
  for (const sql::SelectStatement::UnionPart& part : query.unions) {
    if (!part.select) return Status::Error(ER_PARSE_ERROR, "UNION", 1);
    if (part.op != sql::SelectStatement::SetOperator::kUnion) {
      return Status::Error(ER_CTE_RECURSIVE_REQUIRES_UNION, table.name);
    }
    blocks.push_back(part.select.get());
  }
  bool union_all = true;
  for (const sql::SelectStatement::UnionPart& part : query.unions) union_all = union_all && part.all;

  // The non-recursive blocks first: the first one gives the columns their types and names.
  recursive_tables_.push_back({&table, storage_name, {}, {}, 0, ""});
  struct Popper {
    std::vector<RecursiveTable>& tables;
    ~Popper() { tables.pop_back(); }
  } popper{recursive_tables_};
  auto chain = std::make_shared<BoundQuery>();
  chain->kind = BoundQuery::Kind::kSetOperation;
  BoundSelectResult result;
  bool recursive_seen = false;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const sql::SelectStatement& block = *blocks[i];
    bool recursive = ReadsTable(block, table.name);
    if (recursive && i == 0) {
      return Status::Error(ER_CTE_RECURSIVE_REQUIRES_NONRECURSIVE_FIRST, table.name);
    }
    if (!recursive && recursive_seen) {
      return Status::Error(ER_CTE_RECURSIVE_REQUIRES_NONRECURSIVE_FIRST, table.name);
    }
    if (recursive && (!block.group_by.empty() || block.having || block.distinct)) {
      return Status::Error(ER_CTE_RECURSIVE_FORBIDS_AGGREGATION, table.name);
    }
    if (recursive && !recursive_seen) {
      // From here on the table reads itself, typed as its first block made it.
      RecursiveTable& open = recursive_tables_.back();
      for (size_t c = 0; c < result.columns.size(); ++c) {
        open.names.push_back(table.columns.empty() ? result.columns[c].info.name : table.columns[c]);
        OutputColumn column = result.columns[c];
        column.type.column = nullptr;
        open.columns.push_back(std::move(column));
      }
    }
    recursive_seen = recursive_seen || recursive;
    recursive_tables_.back().references = 0;
    PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult bound, BindCore(block, nullptr, true));
    if (i > 0 && bound.columns.size() != result.columns.size()) {
      return Status::Error(ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
    }
    if (bound.query->kind != BoundQuery::Kind::kSelect) {
      return Status::Error(ER_NOT_SUPPORTED_YET,
                           "ORDER BY or LIMIT in a block of a recursive common table");
    }
    auto member = std::make_shared<BoundQuery>(*bound.query);
    if (i == 0) {
      // SQLite names the table's columns after its first block's.
      for (size_t c = 0; c < table.columns.size() && c < member->select.names.size(); ++c) {
        member->select.names[c] = table.columns[c];
      }
    }
    if (union_all) {
      // The iteration count: 0 in a non-recursive block, one more than the row read in a
      // recursive one, which fails the statement past cte_max_recursion_depth.
      BoundExpr depth = IntegerConstant(0);
      if (recursive) {
        PORPOISE_ASSIGN_OR_RETURN(std::string limit, context_.variables->Get(
                                                         "cte_max_recursion_depth",
                                                         sql::VariableScope::kSession));
        int64_t max_depth = 0;
        std::from_chars(limit.data(), limit.data() + limit.size(), max_depth);
        BoundExpr previous =
            BoundExpr::Column(QuoteName(recursive_tables_.back().self_alias) + "." + QuoteName(kDepthColumn),
                              TypeOf(ValueType::kInteger, 21));
        depth = BoundExpr::Call("pp_cte_depth", {std::move(previous), IntegerConstant(max_depth)},
                                TypeOf(ValueType::kInteger, 21));
      }
      member->select.items.push_back(std::move(depth));
      member->select.names.push_back(kDepthColumn);
    }
    if (i == 0) {
      result.columns = std::move(bound.columns);
    } else {
      chain->operators.push_back({sql::SelectStatement::SetOperator::kUnion, query.unions[i - 1].all});
    }
    chain->members.push_back(std::move(member));
  }
  result.query = std::move(chain);
  return result;
}

}  // namespace porpoise::engine
