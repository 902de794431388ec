// SELECT (query expressions with UNION, joins, derived tables, ORDER BY/LIMIT, locking) and the
// DML statements INSERT/REPLACE, UPDATE and DELETE. (sql/)
#include <cctype>
#include <cstdlib>
#include <optional>

#include "sql/ast/parse_meter.h"
#include "sql/keywords.h"
#include "sql/lexer.h"
#include "sql/parser_impl.h"

namespace porpoise::sql {

// Appends `op [ALL|DISTINCT] operand` to `select`'s chain.
Status Parser::Impl::ParseSetOperand(SelectStatement* select, SelectStatement::SetOperator op,
                                     bool term) {
  // A parenthesised operand's own ORDER BY / LIMIT would end up applying to the whole chain.
  if (!select->union_order_by.empty() || select->union_limit) return SyntaxError();
  SelectStatement::UnionPart part;
  part.op = op;
  part.all = AcceptKeyword("ALL");
  if (!part.all) AcceptKeyword("DISTINCT");
  if (term) {
    PORPOISE_ASSIGN_OR_RETURN(part.select, ParseQueryTerm());
  } else {
    PORPOISE_ASSIGN_OR_RETURN(part.select, ParseQueryPrimary());
  }
  select->unions.push_back(std::move(part));
  return Status::OK();
}

// query_term: query_primary { INTERSECT [ALL|DISTINCT] query_primary }
Result<std::unique_ptr<SelectStatement>> Parser::Impl::ParseQueryTerm() {
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<SelectStatement> select, ParseQueryPrimary());
  while (AcceptKeyword("INTERSECT")) {
    PORPOISE_RETURN_IF_ERROR(
        ParseSetOperand(select.get(), SelectStatement::SetOperator::kIntersect, false));
  }
  return select;
}

// query_expression: query_term { UNION|EXCEPT [ALL|DISTINCT] query_term } [ORDER BY] [LIMIT]
Result<std::unique_ptr<SelectStatement>> Parser::Impl::ParseQueryExpression() {
  PORPOISE_RETURN_IF_ERROR(EnterNesting());
  auto result = [&]() -> Result<std::unique_ptr<SelectStatement>> {
    if (AcceptKeyword("WITH")) {
      bool recursive = AcceptKeyword("RECURSIVE");
      std::vector<SelectStatement::CommonTable> tables;
      do {
        SelectStatement::CommonTable table;
        PORPOISE_ASSIGN_OR_RETURN(table.name, ParseIdentifier());
        if (PeekOp("(")) {
          PORPOISE_ASSIGN_OR_RETURN(table.columns, ParseIdentifierList());
        }
        PORPOISE_RETURN_IF_ERROR(ExpectKeyword("AS"));
        PORPOISE_ASSIGN_OR_RETURN(table.query, ParseSubquery());
        tables.push_back(std::move(table));
      } while (AcceptOp(","));
      if (PeekKeyword("WITH")) return SyntaxError();
      PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<SelectStatement> select, ParseQueryExpression());
      if (!select->with.empty()) return SyntaxError();
      select->with_recursive = recursive;
      select->with = std::move(tables);
      return select;
    }
    bool parenthesized = PeekOp("(");
    PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<SelectStatement> select, ParseQueryTerm());
    while (PeekKeyword("UNION") || PeekKeyword("EXCEPT")) {
      SelectStatement::SetOperator op = PeekKeyword("UNION") ? SelectStatement::SetOperator::kUnion
                                                             : SelectStatement::SetOperator::kExcept;
      Advance();
      PORPOISE_RETURN_IF_ERROR(ParseSetOperand(select.get(), op, true));
    }
    bool whole = !select->unions.empty();
    std::vector<OrderItem>& order = whole ? select->union_order_by : select->order_by;
    ExprPtr& limit = whole ? select->union_limit : select->limit;
    ExprPtr& offset = whole ? select->union_offset : select->offset;
    if (PeekKeyword("ORDER")) {
      if (!order.empty() || (parenthesized && !whole && select->limit)) return SyntaxError();
      PORPOISE_ASSIGN_OR_RETURN(order, ParseOrderBy());
    }
    if (PeekKeyword("LIMIT")) {
      if (limit) return SyntaxError();
      PORPOISE_RETURN_IF_ERROR(ParseLimit(&limit, &offset));
    }
    if (PeekKeyword("INTO")) {
      if (!select->into.empty()) return SyntaxError();
      PORPOISE_RETURN_IF_ERROR(ParseInto(select.get()));
    }
    if (!whole) PORPOISE_RETURN_IF_ERROR(ParseLockingClause(select.get()));
    return select;
  }();
  LeaveNesting();
  return result;
}

Result<std::unique_ptr<SelectStatement>> Parser::Impl::ParseQueryPrimary() {
  if (PeekOp("(")) return ParseSubquery();
  if (AcceptKeyword("TABLE")) {
    // TABLE t: SELECT * FROM t.
    auto select = std::make_unique<SelectStatement>();
    SelectItem star;
    star.expr = MakeColumnRef("", "", "*");
    select->items.push_back(std::move(star));
    auto ref = std::make_unique<TableRef>();
    PORPOISE_ASSIGN_OR_RETURN(ref->name, ParseTableName());
    select->from.push_back(std::move(ref));
    return select;
  }
  if (AcceptKeyword("VALUES")) return ParseValuesRows();
  return ParseSelectCore();
}

// VALUES ROW(a, b), ROW(c, d): the rows as SELECTs joined by UNION ALL, their columns named
// column_0, column_1, ... as MySQL names them.
Result<std::unique_ptr<SelectStatement>> Parser::Impl::ParseValuesRows() {
  std::unique_ptr<SelectStatement> first;
  size_t columns = 0;
  do {
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ROW"));
    PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
    auto row = std::make_unique<SelectStatement>();
    if (!PeekOp(")")) {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<ExprPtr> values, ParseExprList());
      for (size_t i = 0; i < values.size(); ++i) {
        SelectItem item;
        item.expr = std::move(values[i]);
        if (!first) item.alias = "column_" + std::to_string(i);
        row->items.push_back(std::move(item));
      }
    }
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    if (row->items.empty()) return Status::Error(ER_TABLE_VALUE_CONSTRUCTOR_MUST_HAVE_COLUMNS);
    for (const SelectItem& item : row->items) {
      if (item.expr && item.expr->kind == ExprKind::kDefault && item.expr->args.empty()) {
        return Status::Error(ER_TABLE_VALUE_CONSTRUCTOR_CANNOT_HAVE_DEFAULT);
      }
    }
    if (!first) {
      columns = row->items.size();
      first = std::move(row);
    } else {
      if (row->items.size() != columns) {
        return Status::Error(ER_WRONG_VALUE_COUNT_ON_ROW, static_cast<long>(first->unions.size() + 2));
      }
      SelectStatement::UnionPart part;
      part.all = true;
      part.select = std::move(row);
      first->unions.push_back(std::move(part));
    }
  } while (AcceptOp(","));
  return first;
}

Result<std::unique_ptr<SelectStatement>> Parser::Impl::ParseSubquery() {
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<SelectStatement> select, ParseQueryExpression());
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return select;
}

// The n of MAX_EXECUTION_TIME(n) in optimizer hints' text (other hints ignored); nullopt
// when there is none.
static std::optional<uint64_t> MaxExecutionTimeHint(std::string_view hints) {
  constexpr std::string_view kName = "MAX_EXECUTION_TIME";
  for (size_t at = 0; at + kName.size() <= hints.size(); ++at) {
    bool match = true;
    for (size_t i = 0; i < kName.size() && match; ++i) {
      match = std::toupper(static_cast<unsigned char>(hints[at + i])) == kName[i];
    }
    if (!match || (at > 0 && IsIdentifierByte(hints[at - 1]))) continue;
    size_t position = at + kName.size();
    auto skip_space = [&] {
      while (position < hints.size() && std::isspace(static_cast<unsigned char>(hints[position]))) ++position;
    };
    skip_space();
    if (position >= hints.size() || hints[position] != '(') continue;
    ++position;
    skip_space();
    size_t digits = position;
    while (position < hints.size() && std::isdigit(static_cast<unsigned char>(hints[position]))) ++position;
    if (digits == position || position - digits > 10) continue;
    uint64_t value = std::strtoull(std::string(hints.substr(digits, position - digits)).c_str(), nullptr, 10);
    skip_space();
    if (position < hints.size() && hints[position] == ')') return value;
  }
  return std::nullopt;
}

Result<std::unique_ptr<SelectStatement>> Parser::Impl::ParseSelectCore() {
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("SELECT"));
  auto select = std::make_unique<SelectStatement>();
  // Optimizer hints come in a /*+ ... */ comment right after SELECT; MAX_EXECUTION_TIME(n)
  // is kept, the others (and a malformed hint, as MySQL only warns) are dropped.
  select->max_execution_time = MaxExecutionTimeHint(Peek().hint);
  while (true) {
    if (AcceptKeyword("DISTINCT") || AcceptKeyword("DISTINCTROW")) {
      select->distinct = true;
    } else if (AcceptKeyword("SQL_CALC_FOUND_ROWS")) {
      select->sql_calc_found_rows = true;
    } else if (!(AcceptKeyword("ALL") || AcceptKeyword("HIGH_PRIORITY") ||
                 AcceptKeyword("STRAIGHT_JOIN") || AcceptKeyword("SQL_SMALL_RESULT") ||
                 AcceptKeyword("SQL_BIG_RESULT") || AcceptKeyword("SQL_BUFFER_RESULT") ||
                 AcceptKeyword("SQL_NO_CACHE") || AcceptKeyword("SQL_CACHE"))) {
      break;
    }
  }
  PORPOISE_RETURN_IF_ERROR(ParseSelectItems(select.get()));
  PORPOISE_RETURN_IF_ERROR(ParseSelectTail(select.get()));
  return select;
}

Status Parser::Impl::ParseSelectItems(SelectStatement* select) {
  do {
    SelectItem item;
    size_t first = pos;
    if (PeekOp("*")) {
      Advance();
      item.expr = MakeColumnRef("", "", "*");
    } else {
      PORPOISE_ASSIGN_OR_RETURN(item.expr, ParseExpr());
    }
    item.source = SourceText(first, pos);
    // The item itself, as the list holds it (twice while the vector grows), and its text.
    ParseMeter::Charge(2 * sizeof(SelectItem) + item.source.size());
    if (!(item.expr->kind == ExprKind::kColumnRef && item.expr->column == "*")) {
      PORPOISE_ASSIGN_OR_RETURN(item.alias, ParseOptionalAlias(true));
    }
    select->items.push_back(std::move(item));
  } while (AcceptOp(","));
  return Status::OK();
}

Status Parser::Impl::ParseSelectTail(SelectStatement* select) {
  if (PeekKeyword("INTO")) PORPOISE_RETURN_IF_ERROR(ParseInto(select));
  if (AcceptKeyword("FROM")) {
    if (!AcceptKeyword("DUAL")) {
      PORPOISE_ASSIGN_OR_RETURN(select->from, ParseTableReferenceList());
    }
  }
  if (AcceptKeyword("WHERE")) {
    PORPOISE_ASSIGN_OR_RETURN(select->where, ParseExpr());
  }
  if (AcceptKeywords({"GROUP", "BY"})) {
    do {
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr expr, ParseExpr());
      if (!AcceptKeyword("ASC")) AcceptKeyword("DESC");
      select->group_by.push_back(std::move(expr));
    } while (AcceptOp(","));
    select->with_rollup = AcceptKeywords({"WITH", "ROLLUP"});
  }
  if (AcceptKeyword("HAVING")) {
    PORPOISE_ASSIGN_OR_RETURN(select->having, ParseExpr());
  }
  if (AcceptKeyword("WINDOW")) {
    do {
      PORPOISE_ASSIGN_OR_RETURN(std::string name, ParseIdentifier());
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("AS"));
      PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<WindowSpec> spec, ParseWindowSpec());
      select->windows.emplace_back(std::move(name), std::move(spec));
    } while (AcceptOp(","));
  }
  return Status::OK();
}

// INTO target [, target]: user variables or a stored program's variables.
Status Parser::Impl::ParseInto(SelectStatement* select) {
  Advance();
  if (PeekKeyword("OUTFILE") || PeekKeyword("DUMPFILE")) {
    OutFile file;
    file.dump = ToUpperAscii(Advance().text) == "DUMPFILE";
    if (Peek().type != TokenType::kString) return SyntaxError();
    file.path = Advance().text;
    if (!file.dump) PORPOISE_RETURN_IF_ERROR(ParseFileFormat(&file.format));
    select->into_file = std::move(file);
    return Status::OK();
  }
  PORPOISE_ASSIGN_OR_RETURN(select->into, ParseVariableTargets());
  return Status::OK();
}

Result<StatementPtr> Parser::Impl::ParseLoadData() {
  Advance();
  if (!AcceptKeyword("DATA")) return Unsupported("LOAD XML");
  auto load = std::make_unique<LoadDataStatement>();
  if (!AcceptKeyword("LOW_PRIORITY")) AcceptKeyword("CONCURRENT");
  load->local = AcceptKeyword("LOCAL");
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("INFILE"));
  if (Peek().type != TokenType::kString) return SyntaxError();
  load->path = Advance().text;
  load->replace = AcceptKeyword("REPLACE");
  if (!load->replace) load->ignore = AcceptKeyword("IGNORE");
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("INTO"));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("TABLE"));
  PORPOISE_ASSIGN_OR_RETURN(load->table, ParseTableName());
  if (AcceptKeyword("PARTITION")) {
    PORPOISE_ASSIGN_OR_RETURN(std::vector<std::string> partitions, ParseIdentifierList());
  }
  PORPOISE_RETURN_IF_ERROR(ParseFileFormat(&load->format));
  if (AcceptKeyword("IGNORE")) {
    if (Peek().type != TokenType::kInteger) return SyntaxError();
    load->ignore_lines = std::strtoull(Advance().text.c_str(), nullptr, 10);
    if (!AcceptKeyword("LINES") && !AcceptKeyword("ROWS")) return SyntaxError();
  }
  if (AcceptOp("(")) {
    if (!PeekOp(")")) {
      do {
        LoadDataStatement::Target target;
        if (Peek().type == TokenType::kUserVar) {
          target.variable = true;
          PORPOISE_ASSIGN_OR_RETURN(target.name, UserVariableName());
        } else {
          PORPOISE_ASSIGN_OR_RETURN(target.name, ParseIdentifier());
        }
        load->columns.push_back(std::move(target));
      } while (AcceptOp(","));
    }
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  }
  if (AcceptKeyword("SET")) {
    PORPOISE_ASSIGN_OR_RETURN(load->assignments, ParseAssignments());
  }
  return StatementPtr(std::move(load));
}

// [CHARACTER SET cs] [{FIELDS | COLUMNS} [TERMINATED BY 's'] [[OPTIONALLY] ENCLOSED BY 'c']
// [ESCAPED BY 'c']] [LINES [STARTING BY 's'] [TERMINATED BY 's']]
Status Parser::Impl::ParseFileFormat(FileFormat* format) {
  auto text = [&](std::string* out) -> Status {
    if (Peek().type != TokenType::kString) return SyntaxError();
    *out = Advance().text;
    return Status::OK();
  };
  if (AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeyword("CHARSET")) {
    PORPOISE_ASSIGN_OR_RETURN(std::string charset, ParseIdentifierOrString());
    format->charset = ToLowerAscii(charset);
  }
  if (AcceptKeyword("FIELDS") || AcceptKeyword("COLUMNS")) {
    bool any = false;
    while (true) {
      if (AcceptKeywords({"TERMINATED", "BY"})) {
        PORPOISE_RETURN_IF_ERROR(text(&format->fields_terminated));
      } else if (PeekKeyword("OPTIONALLY") || PeekKeyword("ENCLOSED")) {
        format->optionally_enclosed = AcceptKeyword("OPTIONALLY");
        PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ENCLOSED"));
        PORPOISE_RETURN_IF_ERROR(ExpectKeyword("BY"));
        PORPOISE_RETURN_IF_ERROR(text(&format->enclosed));
      } else if (AcceptKeywords({"ESCAPED", "BY"})) {
        PORPOISE_RETURN_IF_ERROR(text(&format->escaped));
      } else {
        break;
      }
      any = true;
    }
    if (!any) return SyntaxError();
  }
  if (AcceptKeyword("LINES")) {
    bool any = false;
    while (true) {
      if (AcceptKeywords({"STARTING", "BY"})) {
        PORPOISE_RETURN_IF_ERROR(text(&format->lines_starting));
      } else if (AcceptKeywords({"TERMINATED", "BY"})) {
        PORPOISE_RETURN_IF_ERROR(text(&format->lines_terminated));
      } else {
        break;
      }
      any = true;
    }
    if (!any) return SyntaxError();
  }
  // ENCLOSED BY and ESCAPED BY take one character.
  if (format->enclosed.size() > 1 || format->escaped.size() > 1) {
    return Status::Error(ER_WRONG_FIELD_TERMINATORS);
  }
  return Status::OK();
}

Result<VariableTarget> Parser::Impl::ParseVariableTarget() {
  VariableTarget target;
  if (Peek().type == TokenType::kUserVar) {
    target.user = true;
    PORPOISE_ASSIGN_OR_RETURN(target.name, UserVariableName());
  } else {
    PORPOISE_ASSIGN_OR_RETURN(target.name, ParseIdentifier());
  }
  return target;
}

Result<std::vector<VariableTarget>> Parser::Impl::ParseVariableTargets() {
  std::vector<VariableTarget> targets;
  do {
    PORPOISE_ASSIGN_OR_RETURN(VariableTarget target, ParseVariableTarget());
    targets.push_back(std::move(target));
  } while (AcceptOp(","));
  return targets;
}

// [AS] alias; `allow_string` permits 'alias' (select items). "" when none.
Result<std::string> Parser::Impl::ParseOptionalAlias(bool allow_string) {
  bool as = AcceptKeyword("AS");
  const Token& token = Peek();
  if (PeekIdentifier()) return Advance().text;
  if (allow_string && token.type == TokenType::kString) return Advance().text;
  if (as) return SyntaxError();
  return std::string();
}

Result<std::vector<TableRefPtr>> Parser::Impl::ParseTableReferenceList() {
  std::vector<TableRefPtr> list;
  do {
    PORPOISE_ASSIGN_OR_RETURN(TableRefPtr ref, ParseTableReference());
    list.push_back(std::move(ref));
  } while (AcceptOp(","));
  return list;
}

// table_factor { join }, joins left-associative.
Result<TableRefPtr> Parser::Impl::ParseTableReference() {
  PORPOISE_ASSIGN_OR_RETURN(TableRefPtr left, ParseTableFactor());
  uint32_t links = 0;
  auto result = [&]() -> Result<TableRefPtr> {
    while (true) {
      auto join = std::make_unique<TableRef>();
      join->kind = TableRef::Kind::kJoin;
      bool needs_condition = false;
      if (AcceptKeyword("NATURAL")) {
        join->natural = true;
        if (AcceptKeyword("LEFT")) {
          join->join_type = JoinType::kLeft;
          AcceptKeyword("OUTER");
        } else if (AcceptKeyword("RIGHT")) {
          join->join_type = JoinType::kRight;
          AcceptKeyword("OUTER");
        } else {
          AcceptKeyword("INNER");
        }
        PORPOISE_RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      } else if (AcceptKeyword("STRAIGHT_JOIN")) {
        join->join_type = JoinType::kStraight;
      } else if (AcceptKeyword("LEFT") || AcceptKeyword("RIGHT")) {
        join->join_type = ToUpperAscii(tokens[pos - 1].text) == "LEFT" ? JoinType::kLeft
                                                                        : JoinType::kRight;
        AcceptKeyword("OUTER");
        PORPOISE_RETURN_IF_ERROR(ExpectKeyword("JOIN"));
        needs_condition = true;
      } else if (AcceptKeyword("CROSS")) {
        join->join_type = JoinType::kCross;
        PORPOISE_RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      } else if (AcceptKeyword("INNER") || PeekKeyword("JOIN")) {
        PORPOISE_RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      } else {
        return std::move(left);
      }
      PORPOISE_RETURN_IF_ERROR(ExtendChain());
      ++links;
      PORPOISE_ASSIGN_OR_RETURN(join->right, ParseTableFactor());
      if (!join->natural && AcceptKeyword("ON")) {
        PORPOISE_ASSIGN_OR_RETURN(join->on, ParseExpr());
      } else if (!join->natural && AcceptKeyword("USING")) {
        PORPOISE_ASSIGN_OR_RETURN(join->using_columns, ParseIdentifierList());
      } else if (needs_condition) {
        return SyntaxError();
      }
      join->left = std::move(left);
      left = std::move(join);
    }
  }();
  chain_length -= links;
  return result;
}

// ( query ) [AS] alias [(column, ...)]
Status Parser::Impl::ParseDerivedTable(TableRef* ref) {
  ref->kind = TableRef::Kind::kDerived;
  PORPOISE_ASSIGN_OR_RETURN(ref->derived, ParseSubquery());
  PORPOISE_ASSIGN_OR_RETURN(ref->alias, ParseOptionalAlias(false));
  if (ref->alias.empty()) return Status::Error(ER_DERIVED_MUST_HAVE_ALIAS);
  if (PeekOp("(")) {
    PORPOISE_ASSIGN_OR_RETURN(ref->column_names, ParseIdentifierList());
  }
  return Status::OK();
}

// {NULL | ERROR | DEFAULT 'json'} ON {EMPTY | ERROR}, at most one of each, in either order.
Status Parser::Impl::ParseJsonTableResponses(JsonTableColumn* column) {
  bool seen[2] = {false, false};
  while (PeekKeyword("NULL") || PeekKeyword("ERROR") || PeekKeyword("DEFAULT")) {
    JsonTableResponse response;
    std::string mode = ToUpperAscii(Advance().text);
    if (mode == "ERROR") {
      response.kind = JsonTableResponse::Kind::kError;
    } else if (mode == "DEFAULT") {
      response.kind = JsonTableResponse::Kind::kDefault;
      if (Peek().type != TokenType::kString) {
        return Status::Error(ER_NOT_SUPPORTED_YET,
                             "non-string DEFAULT value for a column in a JSON_TABLE expression");
      }
      response.default_json = Advance().text;
    }
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ON"));
    bool empty = AcceptKeyword("EMPTY");
    if (!empty && !AcceptKeyword("ERROR")) return SyntaxError();
    if (seen[empty ? 0 : 1]) return SyntaxError();
    if (empty && seen[1]) column->error_before_empty = true;
    seen[empty ? 0 : 1] = true;
    (empty ? column->on_empty : column->on_error) = std::move(response);
  }
  return Status::OK();
}

// COLUMNS ( column, ... ) of JSON_TABLE: name FOR ORDINALITY | name type PATH 'p' [responses]
// | name type EXISTS PATH 'p' | NESTED [PATH] 'p' COLUMNS (...).
Result<std::vector<JsonTableColumn>> Parser::Impl::ParseJsonTableColumns() {
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("COLUMNS"));
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  PORPOISE_RETURN_IF_ERROR(EnterNesting());
  std::vector<JsonTableColumn> columns;
  auto body = [&]() -> Status {
    do {
      JsonTableColumn column;
      if (PeekKeyword("NESTED") &&
          (PeekKeyword("PATH", 1) || Peek(1).type == TokenType::kString)) {
        Advance();
        AcceptKeyword("PATH");
        column.kind = JsonTableColumn::Kind::kNested;
        if (Peek().type != TokenType::kString) return SyntaxError();
        column.path = Advance().text;
        PORPOISE_ASSIGN_OR_RETURN(column.nested, ParseJsonTableColumns());
        columns.push_back(std::move(column));
        continue;
      }
      if (!PeekIdentifier()) return SyntaxError();
      column.name = Advance().text;
      if (AcceptKeywords({"FOR", "ORDINALITY"})) {
        column.kind = JsonTableColumn::Kind::kOrdinality;
        columns.push_back(std::move(column));
        continue;
      }
      PORPOISE_ASSIGN_OR_RETURN(column.type, ParseDataType());
      if (AcceptKeyword("EXISTS")) column.kind = JsonTableColumn::Kind::kExists;
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("PATH"));
      if (Peek().type != TokenType::kString) return SyntaxError();
      column.path = Advance().text;
      if (column.kind == JsonTableColumn::Kind::kPath) {
        PORPOISE_RETURN_IF_ERROR(ParseJsonTableResponses(&column));
      }
      columns.push_back(std::move(column));
    } while (AcceptOp(","));
    return ExpectOp(")");
  };
  Status status = body();
  LeaveNesting();
  if (!status.ok()) return status;
  return columns;
}

// JSON_TABLE ( expr, 'path' COLUMNS (...) ) [AS] alias
Status Parser::Impl::ParseJsonTable(TableRef* ref) {
  ref->kind = TableRef::Kind::kJsonTable;
  Advance();
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  PORPOISE_ASSIGN_OR_RETURN(ref->json_doc, ParseExpr());
  PORPOISE_RETURN_IF_ERROR(ExpectOp(","));
  if (Peek().type != TokenType::kString) return SyntaxError();
  ref->json_path = Advance().text;
  PORPOISE_ASSIGN_OR_RETURN(ref->json_columns, ParseJsonTableColumns());
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  PORPOISE_ASSIGN_OR_RETURN(ref->alias, ParseOptionalAlias(false));
  if (ref->alias.empty()) return Status::Error(ER_TF_MUST_HAVE_ALIAS);
  return Status::OK();
}

// name [[AS] alias] [index hints] | [LATERAL] ( query ) [AS] alias [(columns)]
// | JSON_TABLE (...) [AS] alias | ( table_reference_list )
Result<TableRefPtr> Parser::Impl::ParseTableFactor() {
  auto ref = std::make_unique<TableRef>();
  if (AcceptKeyword("LATERAL")) {
    if (!PeekOp("(") || !StartsQuery(1)) return SyntaxError();
    PORPOISE_RETURN_IF_ERROR(ParseDerivedTable(ref.get()));
    ref->lateral = true;
    return ref;
  }
  if (PeekKeyword("JSON_TABLE") && PeekOp("(", 1)) {
    PORPOISE_RETURN_IF_ERROR(ParseJsonTable(ref.get()));
    return ref;
  }
  if (PeekOp("(")) {
    if (StartsQuery(1) || PeekOp("(", 1)) {
      size_t saved = pos;
      bool is_query = StartsQuery(1);
      if (!is_query) {
        size_t ahead = 1;
        while (PeekOp("(", ahead)) ++ahead;
        is_query = StartsQuery(ahead);
      }
      if (is_query) {
        PORPOISE_RETURN_IF_ERROR(ParseDerivedTable(ref.get()));
        return ref;
      }
      pos = saved;
    }
    Advance();
    PORPOISE_RETURN_IF_ERROR(EnterNesting());
    Result<std::vector<TableRefPtr>> list = ParseTableReferenceList();
    LeaveNesting();
    if (!list.ok()) return list.status();
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    std::vector<TableRefPtr> refs = std::move(list).value();
    TableRefPtr joined = std::move(refs[0]);
    for (size_t index = 1; index < refs.size(); ++index) {
      auto cross = std::make_unique<TableRef>();
      cross->kind = TableRef::Kind::kJoin;
      cross->join_type = JoinType::kCross;
      cross->left = std::move(joined);
      cross->right = std::move(refs[index]);
      joined = std::move(cross);
    }
    return joined;
  }
  PORPOISE_ASSIGN_OR_RETURN(ref->name, ParseTableName());
  if (AcceptKeyword("PARTITION")) {
    PORPOISE_ASSIGN_OR_RETURN(std::vector<std::string> partitions, ParseIdentifierList());
  }
  PORPOISE_ASSIGN_OR_RETURN(ref->alias, ParseOptionalAlias(false));
  PORPOISE_RETURN_IF_ERROR(SkipIndexHints());
  return ref;
}

// USE|IGNORE|FORCE {INDEX|KEY} [FOR JOIN|ORDER BY|GROUP BY] (names): hints only, dropped.
Status Parser::Impl::SkipIndexHints() {
  while ((PeekKeyword("USE") || PeekKeyword("IGNORE") || PeekKeyword("FORCE")) &&
         (PeekKeyword("INDEX", 1) || PeekKeyword("KEY", 1))) {
    Advance();
    Advance();
    if (AcceptKeyword("FOR")) {
      if (!AcceptKeyword("JOIN") && !AcceptKeywords({"ORDER", "BY"}) &&
          !AcceptKeywords({"GROUP", "BY"})) {
        return SyntaxError();
      }
    }
    PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
    while (!AcceptOp(")")) {
      if (AtStatementEnd()) return SyntaxError();
      Advance();
    }
  }
  return Status::OK();
}

Result<std::vector<OrderItem>> Parser::Impl::ParseOrderBy() {
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ORDER"));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("BY"));
  std::vector<OrderItem> items;
  do {
    OrderItem item;
    PORPOISE_ASSIGN_OR_RETURN(item.expr, ParseExpr());
    if (AcceptKeyword("DESC")) {
      item.descending = true;
    } else {
      AcceptKeyword("ASC");
    }
    items.push_back(std::move(item));
  } while (AcceptOp(","));
  return items;
}

// LIMIT n | LIMIT offset, n | LIMIT n OFFSET offset
Status Parser::Impl::ParseLimit(ExprPtr* limit, ExprPtr* offset) {
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("LIMIT"));
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr first, ParseLimitValue());
  if (AcceptOp(",")) {
    PORPOISE_ASSIGN_OR_RETURN(*limit, ParseLimitValue());
    *offset = std::move(first);
  } else if (AcceptKeyword("OFFSET")) {
    PORPOISE_ASSIGN_OR_RETURN(*offset, ParseLimitValue());
    *limit = std::move(first);
  } else {
    *limit = std::move(first);
  }
  return Status::OK();
}

// FOR UPDATE | FOR SHARE [OF t] [NOWAIT | SKIP LOCKED] | LOCK IN SHARE MODE
Status Parser::Impl::ParseLockingClause(SelectStatement* select) {
  if (AcceptKeywords({"LOCK", "IN", "SHARE", "MODE"})) {
    select->lock = LockMode::kForShare;
    return Status::OK();
  }
  if (!PeekKeyword("FOR")) return Status::OK();
  if (PeekKeyword("UPDATE", 1)) {
    select->lock = LockMode::kForUpdate;
  } else if (PeekKeyword("SHARE", 1)) {
    select->lock = LockMode::kForShare;
  } else {
    return Status::OK();
  }
  Advance();
  Advance();
  if (AcceptKeyword("OF")) {
    do {
      PORPOISE_ASSIGN_OR_RETURN(TableName ignored, ParseTableName());
    } while (AcceptOp(","));
  }
  if (!AcceptKeyword("NOWAIT")) AcceptKeywords({"SKIP", "LOCKED"});
  return Status::OK();
}

// col = value, ... (value may be DEFAULT)
Result<std::vector<Assignment>> Parser::Impl::ParseAssignments() {
  std::vector<Assignment> assignments;
  do {
    Assignment assignment;
    PORPOISE_ASSIGN_OR_RETURN(assignment.column, ParseIdentifierExpr());
    if (assignment.column->kind != ExprKind::kColumnRef || assignment.column->column == "*") {
      return SyntaxError();
    }
    if (!AcceptOp("=") && !AcceptOp(":=")) return SyntaxError();
    PORPOISE_ASSIGN_OR_RETURN(assignment.value, ParseValueOrDefault());
    assignments.push_back(std::move(assignment));
  } while (AcceptOp(","));
  return assignments;
}

// INSERT/REPLACE [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] t [(cols)]
//   VALUES|VALUE (...), ... | SET a=1, ... | SELECT ...  [ON DUPLICATE KEY UPDATE ...]
Result<StatementPtr> Parser::Impl::ParseInsert() {
  auto insert = std::make_unique<InsertStatement>();
  insert->replace = ToUpperAscii(Advance().text) == "REPLACE";
  if (!AcceptKeyword("LOW_PRIORITY")) {
    insert->delayed = AcceptKeyword("DELAYED");
    if (!insert->delayed) AcceptKeyword("HIGH_PRIORITY");
  }
  insert->ignore = AcceptKeyword("IGNORE");
  AcceptKeyword("INTO");
  PORPOISE_ASSIGN_OR_RETURN(insert->table, ParseTableName());
  if (AcceptKeyword("PARTITION")) {
    PORPOISE_ASSIGN_OR_RETURN(std::vector<std::string> partitions, ParseIdentifierList());
  }
  if (PeekOp("(") && !PeekKeyword("SELECT", 1) && !PeekKeyword("WITH", 1) && !PeekOp("(", 1)) {
    Advance();
    if (!AcceptOp(")")) {
      do {
        PORPOISE_ASSIGN_OR_RETURN(ExprPtr column, ParseIdentifierExpr());
        if (column->kind != ExprKind::kColumnRef) return SyntaxError();
        insert->columns.push_back(column->column);
      } while (AcceptOp(","));
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    }
  }
  if (AcceptKeyword("VALUES") || AcceptKeyword("VALUE")) {
    do {
      if (Peek().type == TokenType::kLiteralRows) {
        Advance();
        if (insert->rows.empty()) {
          insert->rows = std::move(literal_rows);
        } else {
          for (std::vector<ExprPtr>& row : literal_rows) insert->rows.push_back(std::move(row));
        }
        literal_rows.clear();
        continue;
      }
      AcceptKeyword("ROW");
      PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
      std::vector<ExprPtr> row;
      if (!PeekOp(")")) {
        // (as many values as the row before: a long VALUES list never grows its rows)
        PORPOISE_ASSIGN_OR_RETURN(
            row, ParseExprList(insert->rows.empty() ? insert->columns.size() : insert->rows.back().size()));
      }
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
      insert->rows.push_back(std::move(row));
    } while (AcceptOp(","));
  } else if (AcceptKeyword("SET")) {
    if (!insert->columns.empty()) return SyntaxError();
    PORPOISE_ASSIGN_OR_RETURN(std::vector<Assignment> assignments, ParseAssignments());
    std::vector<ExprPtr> row;
    for (Assignment& assignment : assignments) {
      insert->columns.push_back(assignment.column->column);
      row.push_back(std::move(assignment.value));
    }
    insert->rows.push_back(std::move(row));
  } else if (PeekKeyword("SELECT") || PeekKeyword("WITH") || PeekKeyword("TABLE") || PeekOp("(")) {
    PORPOISE_ASSIGN_OR_RETURN(insert->select, ParseQueryExpression());
  } else {
    return SyntaxError();
  }
  if (!insert->select && AcceptKeyword("AS")) {
    PORPOISE_ASSIGN_OR_RETURN(insert->row_alias, ParseIdentifier());
    if (PeekOp("(")) {
      PORPOISE_ASSIGN_OR_RETURN(insert->column_aliases, ParseIdentifierList());
    }
  }
  if (AcceptKeywords({"ON", "DUPLICATE", "KEY", "UPDATE"})) {
    PORPOISE_ASSIGN_OR_RETURN(insert->on_duplicate, ParseAssignments());
  }
  return StatementPtr(std::move(insert));
}

// UPDATE [LOW_PRIORITY] [IGNORE] tables SET ... [WHERE] [ORDER BY] [LIMIT]
Result<StatementPtr> Parser::Impl::ParseUpdate() {
  Advance();
  auto update = std::make_unique<UpdateStatement>();
  AcceptKeyword("LOW_PRIORITY");
  update->ignore = AcceptKeyword("IGNORE");
  PORPOISE_ASSIGN_OR_RETURN(update->tables, ParseTableReferenceList());
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("SET"));
  PORPOISE_ASSIGN_OR_RETURN(update->assignments, ParseAssignments());
  if (AcceptKeyword("WHERE")) {
    PORPOISE_ASSIGN_OR_RETURN(update->where, ParseExpr());
  }
  if (PeekKeyword("ORDER")) {
    PORPOISE_ASSIGN_OR_RETURN(update->order_by, ParseOrderBy());
  }
  if (PeekKeyword("LIMIT")) {
    ExprPtr offset;
    PORPOISE_RETURN_IF_ERROR(ParseLimit(&update->limit, &offset));
    if (offset) return SyntaxError();
  }
  return StatementPtr(std::move(update));
}

// DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM t [[AS] alias] [WHERE] [ORDER BY] [LIMIT]
Result<StatementPtr> Parser::Impl::ParseDelete() {
  Advance();
  auto remove = std::make_unique<DeleteStatement>();
  while (true) {
    if (AcceptKeyword("IGNORE")) {
      remove->ignore = true;
    } else if (!AcceptKeyword("LOW_PRIORITY") && !AcceptKeyword("QUICK")) {
      break;
    }
  }
  // Multi-table: t1[.*], ... FROM references, or FROM t1[.*], ... USING references.
  auto targets = [&]() -> Status {
    do {
      // [db.]t[.*]
      TableName name;
      PORPOISE_ASSIGN_OR_RETURN(name.table, ParseIdentifier());
      if (PeekOp(".") && !PeekOp("*", 1)) {
        Advance();
        name.database = std::move(name.table);
        PORPOISE_ASSIGN_OR_RETURN(name.table, ParseIdentifier());
      }
      if (AcceptOp(".")) PORPOISE_RETURN_IF_ERROR(ExpectOp("*"));
      remove->targets.push_back(std::move(name));
    } while (AcceptOp(","));
    return Status::OK();
  };
  bool from_first = AcceptKeyword("FROM");
  if (!from_first || (!PeekKeyword("WHERE") && [&] {
        size_t mark = pos;
        Result<TableName> name = ParseTableName();
        bool multi = (name.ok() && (PeekOp(",") || PeekKeyword("USING"))) || PeekOp("*");
        pos = mark;
        return multi;
      }())) {
    PORPOISE_RETURN_IF_ERROR(targets());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword(from_first ? "USING" : "FROM"));
    PORPOISE_ASSIGN_OR_RETURN(remove->from, ParseTableReferenceList());
    if (AcceptKeyword("WHERE")) {
      PORPOISE_ASSIGN_OR_RETURN(remove->where, ParseExpr());
    }
    // MySQL's grammar has no ORDER BY or LIMIT for several tables.
    if (PeekKeyword("ORDER") || PeekKeyword("LIMIT")) return SyntaxError();
    return StatementPtr(std::move(remove));
  }
  PORPOISE_ASSIGN_OR_RETURN(remove->table, ParseTableName());
  PORPOISE_ASSIGN_OR_RETURN(remove->alias, ParseOptionalAlias(false));
  if (AcceptKeyword("PARTITION")) {
    PORPOISE_ASSIGN_OR_RETURN(std::vector<std::string> partitions, ParseIdentifierList());
  }
  if (AcceptKeyword("WHERE")) {
    PORPOISE_ASSIGN_OR_RETURN(remove->where, ParseExpr());
  }
  if (PeekKeyword("ORDER")) {
    PORPOISE_ASSIGN_OR_RETURN(remove->order_by, ParseOrderBy());
  }
  if (PeekKeyword("LIMIT")) {
    ExprPtr offset;
    PORPOISE_RETURN_IF_ERROR(ParseLimit(&remove->limit, &offset));
    if (offset) return SyntaxError();
  }
  return StatementPtr(std::move(remove));
}

}  // namespace porpoise::sql
