# Node.js drivers doing their everyday job over TCP with a mysql_native_password account:
# mysql2 (text protocol `.query` with client-side placeholders, server prepares with `.execute`,
# `LIMIT ?`, a pool under concurrent queries, transactions), the older `mysql` package
# (client-side escaping, a transaction) and Knex with the mysql2 client (migrations,
# introspection, CRUD in transactions).
# Knex is the migration tool: it drives both mysql and mysql2, and its migrations exercise
# foreign keys and introspection (information_schema, SHOW FULL FIELDS).
#
# The drivers are pinned by tests/e2e/node/package-lock.json and installed by scripts/deps.sh
# (`npm ci` in tests/e2e/node). Each script is fed to `node -` on stdin from that folder and
# prints what it sees in a stable text form that is compared whole with MySQL 8.4's answer.
# The suite runs unchanged against MariaDB (PORPOISE_E2E_SERVER=mariadb); where MariaDB 10.11
# answers differently the branch says `# MySQL 8.4: ...`.
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from harness import IS_PORPOISE, check_output, dup_key, identified, missing

USER, PASSWORD = "nd", "nd-pw"
NODE_DIR = Path(__file__).resolve().parent / "node"


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    # The database names its character set so that what Knex copies from it (the collation
    # of a renamed column) is the same on both servers.
    server.sql(
        "CREATE DATABASE nd CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
        f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}",
        f"GRANT ALL ON nd.* TO '{USER}'@'%'",
    )
    return server


_node = {}


def node():
    """node's path; fails the test (does not skip it) when node or the drivers are missing."""
    if "path" not in _node:
        _node["path"] = shutil.which("node")
    if _node["path"] is None:
        missing("node is not installed: tests/e2e/test_node_drivers.py needs Node.js 20")
    for package in ("mysql2", "mysql", "knex"):
        if not (NODE_DIR / "node_modules" / package / "package.json").exists():
            missing(f"{NODE_DIR}/node_modules lacks {package}: run scripts/deps.sh "
                    f"(npm ci --no-audit --no-fund in tests/e2e/node)")
    return _node["path"]


PRELUDE = r'''
'use strict';
const env = process.env;
const CONFIG = {host: '127.0.0.1', port: Number(env.ND_PORT), user: env.ND_USER,
                password: env.ND_PASSWORD, database: 'nd'};
// One value with its JS type: n:1.5 number, b:1 bigint, 'x' string (JSON-quoted),
// x'00ff' Buffer, d:ISO Date, NULL.
function v(x) {
  if (x === null) return 'NULL';
  if (x === undefined) return 'undefined';
  if (typeof x === 'number') return 'n:' + x;
  if (typeof x === 'bigint') return 'b:' + x;
  if (typeof x === 'boolean') return String(x);
  if (typeof x === 'string') return JSON.stringify(x);
  if (Buffer.isBuffer(x)) return "x'" + x.toString('hex') + "'";
  if (x instanceof Date) return 'd:' + (isNaN(x) ? 'Invalid' : x.toISOString());
  return typeof x + ':' + JSON.stringify(x);
}
function row(r) { return (Array.isArray(r) ? r : Object.values(r)).map(v).join(' '); }
function out(...parts) { console.log(parts.join(' ')); }
// An error as drivers report it: code errno sqlState message.
function err(e) { return `${e.code} ${e.errno} ${e.sqlState} ${e.sqlMessage || e.message}`; }
function main(fn) {
  fn().then(() => process.exit(0),
            (e) => { console.error(e && e.stack || e); process.exit(1); });
}
'''


def run_node(srv, body, extra_env=None):
    """Runs a node script (PRELUDE + dedented body) on stdin from tests/e2e/node, with the
    server's port and the account in ND_PORT, ND_USER, ND_PASSWORD and TZ=UTC; returns its
    stdout. A non-zero exit or anything on stderr fails the test."""
    env = dict(os.environ, ND_PORT=str(srv.port), ND_USER=USER, ND_PASSWORD=PASSWORD, TZ="UTC")
    env.update(extra_env or {})
    res = subprocess.run([node(), "-"], input=PRELUDE + textwrap.dedent(body),
                         capture_output=True, text=True, timeout=60, env=env, cwd=NODE_DIR)
    assert res.returncode == 0 and not res.stderr, \
        f"node exited {res.returncode}\n--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}"
    return res.stdout


# ---------------------------------------------------------------------------------------------
# mysql2


def test_mysql2_query_and_execute_types(srv):
    srv.sql("CREATE TABLE nd.ty (id INT AUTO_INCREMENT PRIMARY KEY, i INT, "
            "u BIGINT UNSIGNED, d DECIMAL(12,3), f DOUBLE, s VARCHAR(30), b BLOB, dt DATE, "
            "dtm DATETIME(3), tm TIME) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci")
    out = run_node(srv, r'''
        const mysql = require('mysql2/promise');
        const Types = require('mysql2').Types;
        const FLAG_UNSIGNED = 32;
        main(async () => {
          // Big integers come back exactly (as strings past 2^53), dates as UTC Dates.
          const c = await mysql.createConnection({...CONFIG, supportBigNumbers: true,
                                                  timezone: 'Z', charset: 'UTF8MB4_GENERAL_CI'});
          const values = [
            [-2147483648, '18446744073709551615', '-123456789.125', 0.1, 'héllo 🐬 "q" \'x\' \\',
             Buffer.from([0, 39, 92, 255]), '2024-02-29',
             new Date(Date.UTC(2024, 1, 29, 13, 45, 7, 123)), '-838:59:59'],
            [42, 42n, '0.5', -1e300, '', Buffer.alloc(0), new Date(Date.UTC(1000, 0, 1)),
             '9999-12-31 23:59:59.999', '12:34:56'],
            [null, null, null, null, null, null, null, null, null],
          ];
          const sql = 'INSERT INTO ty (i, u, d, f, s, b, dt, dtm, tm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
          // .query escapes the values into the text; .execute binds them to a server prepare.
          for (const [how, vals] of [['query', values[0]], ['execute', values[0]],
                                     ['execute', values[1]], ['query', values[2]],
                                     ['execute', values[2]]]) {
            const [r] = await c[how](sql, vals);
            out(`${how} insert: affected ${r.affectedRows} insertId ${r.insertId}`,
                `warnings ${r.warningStatus}`);
          }
          for (const how of ['query', 'execute']) {
            const [rows, fields] = await c[how]('SELECT * FROM ty WHERE id > ? ORDER BY id', [0]);
            out(`${how}: ${rows.length} rows`);
            out('  columns:', fields.map((f) => f.name + ':' + Types[f.columnType] +
                                            (f.flags & FLAG_UNSIGNED ? ' unsigned' : '')).join(', '));
            for (const r of rows) out('  ' + row(r));
          }
          // The same statement again: mysql2 keeps its statements prepared, one COM_STMT_PREPARE
          // for the INSERT and one for the SELECT.
          const [again] = await c.execute('SELECT * FROM ty WHERE id > ? ORDER BY id', [4]);
          out('again:', again.map((r) => r.id).join(','));
          const [[count]] = await c.query(
              "SHOW SESSION STATUS WHERE Variable_name IN ('Com_stmt_prepare')");
          out('Com_stmt_prepare:', count.Value);
          await c.end();
        });
    ''')
    check_output(out, r'''
        query insert: affected 1 insertId 1 warnings 0
        execute insert: affected 1 insertId 2 warnings 0
        execute insert: affected 1 insertId 3 warnings 0
        query insert: affected 1 insertId 4 warnings 0
        execute insert: affected 1 insertId 5 warnings 0
        query: 5 rows
          columns: id:LONG, i:LONG, u:LONGLONG unsigned, d:NEWDECIMAL, f:DOUBLE, s:VAR_STRING, b:BLOB, dt:DATE, dtm:DATETIME, tm:TIME
          n:1 n:-2147483648 "18446744073709551615" "-123456789.125" n:0.1 "héllo 🐬 \"q\" 'x' \\" x'00275cff' d:2024-02-29T00:00:00.000Z d:2024-02-29T13:45:07.123Z "-838:59:59"
          n:2 n:-2147483648 "18446744073709551615" "-123456789.125" n:0.1 "héllo 🐬 \"q\" 'x' \\" x'00275cff' d:2024-02-29T00:00:00.000Z d:2024-02-29T13:45:07.123Z "-838:59:59"
          n:3 n:42 n:42 "0.500" n:-1e+300 "" x'' d:1000-01-01T00:00:00.000Z d:9999-12-31T23:59:59.999Z "12:34:56"
          n:4 NULL NULL NULL NULL NULL NULL NULL NULL NULL
          n:5 NULL NULL NULL NULL NULL NULL NULL NULL NULL
        execute: 5 rows
          columns: id:LONG, i:LONG, u:LONGLONG unsigned, d:NEWDECIMAL, f:DOUBLE, s:VAR_STRING, b:BLOB, dt:DATE, dtm:DATETIME, tm:TIME
          n:1 n:-2147483648 "18446744073709551615" "-123456789.125" n:0.1 "héllo 🐬 \"q\" 'x' \\" x'00275cff' d:2024-02-29T00:00:00.000Z d:2024-02-29T13:45:07.123Z "-838:59:59"
          n:2 n:-2147483648 "18446744073709551615" "-123456789.125" n:0.1 "héllo 🐬 \"q\" 'x' \\" x'00275cff' d:2024-02-29T00:00:00.000Z d:2024-02-29T13:45:07.123Z "-838:59:59"
          n:3 n:42 n:42 "0.500" n:-1e+300 "" x'' d:1000-01-01T00:00:00.000Z d:9999-12-31T23:59:59.999Z "12:34:56"
          n:4 NULL NULL NULL NULL NULL NULL NULL NULL NULL
          n:5 NULL NULL NULL NULL NULL NULL NULL NULL NULL
        again: 5
        Com_stmt_prepare: 2
    ''')


def test_mysql2_limit_and_statement_errors(srv):
    srv.sql("CREATE TABLE nd.lim (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, "
            "UNIQUE KEY uniq_name (name))",
            "INSERT INTO nd.lim VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four'), "
            "(5, 'five')")
    out = run_node(srv, r'''
        const mysql = require('mysql2/promise');
        main(async () => {
          const c = await mysql.createConnection(CONFIG);
          // LIMIT ? and LIMIT ?, ? bound by .execute: numbers, a numeric string, a bigint.
          for (const args of [[2], [0], ['3'], [10n]]) {
            const [rows] = await c.execute('SELECT id FROM lim ORDER BY id LIMIT ?', args);
            out(`limit ${v(args[0])}:`, rows.map((r) => r.id).join(',') || '(none)');
          }
          const [page] = await c.execute(
              'SELECT name FROM lim WHERE id >= ? ORDER BY id LIMIT ?, ?', [2, 1, 2]);
          out('limit 1, 2 from id 2:', page.map((r) => r.name).join(','));
          const [off] = await c.execute('SELECT id FROM lim ORDER BY id DESC LIMIT ? OFFSET ?',
                                        [2, 3]);
          out('limit 2 offset 3:', off.map((r) => r.id).join(','));

          // An explicit prepared statement, executed twice and closed.
          const st = await c.prepare('SELECT name FROM lim WHERE id = ? OR name = ? ORDER BY id');
          out('prepared: params', st.statement.parameters.length,
              'columns', st.statement.columns.length);
          for (const args of [[1, 'four'], [9, 'nine']]) {
            const [rows] = await st.execute(args);
            out(`  ${row(args)}:`, rows.map((r) => r.name).join(',') || '(none)');
          }
          st.close();

          // Errors: at prepare (unknown table, syntax) and at execute (duplicate key, NOT NULL).
          for (const [sql, args] of [['SELECT * FROM nosuch WHERE id = ?', [1]],
                                     ['SELEC ?', [1]],
                                     ['INSERT INTO lim VALUES (?, ?)', [6, 'one']],
                                     ['INSERT INTO lim VALUES (?, ?)', [6, null]]]) {
            try {
              await c.execute(sql, args);
              out('no error:', sql);
            } catch (e) {
              out('error:', e.code, e.errno, e.sqlState,
                  e.errno === 1064 ? '(syntax)' : e.sqlMessage);
            }
          }
          // The connection works on.
          const [[n]] = await c.execute('SELECT COUNT(*) AS n FROM lim WHERE id > ?', [0]);
          out('count:', v(n.n));
          await c.end();
        });
    ''')
    check_output(out, rf'''
        limit n:2: 1,2
        limit n:0: (none)
        limit "3": 1,2,3
        limit b:10: 1,2,3,4,5
        limit 1, 2 from id 2: three,four
        limit 2 offset 3: 2,1
        prepared: params 2 columns 1
          n:1 "four": one,four
          n:9 "nine": (none)
        error: ER_NO_SUCH_TABLE 1146 42S02 Table 'nd.nosuch' doesn't exist
        error: ER_PARSE_ERROR 1064 42000 (syntax)
        error: ER_DUP_ENTRY 1062 23000 Duplicate entry 'one' for key '{dup_key("lim", "uniq_name")}'
        error: ER_BAD_NULL_ERROR 1048 23000 Column 'name' cannot be null
        count: n:5
    ''')


def test_mysql2_pool_concurrent_queries(srv):
    srv.sql("CREATE TABLE nd.pool (id INT AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL, "
            "conn BIGINT NOT NULL)")
    out = run_node(srv, r'''
        const mysql = require('mysql2/promise');
        main(async () => {
          const pool = mysql.createPool({...CONFIG, connectionLimit: 4, waitForConnections: true});
          // 40 reads and 40 autocommit inserts at once, half through .query, half .execute.
          const jobs = [];
          for (let i = 1; i <= 40; i++) {
            const how = i % 2 ? 'query' : 'execute';
            jobs.push(pool[how]('SELECT ? + 0 AS n, CONNECTION_ID() AS conn', [i])
                        .then(([rows]) => rows[0]));
            jobs.push(pool[how]('INSERT INTO pool (n, conn) VALUES (?, CONNECTION_ID())', [i])
                        .then(([r]) => ({n: r.affectedRows, conn: null})));
          }
          const results = await Promise.all(jobs);
          const reads = results.filter((r) => r.conn !== null);
          out('reads:', reads.length, 'sum', reads.reduce((s, r) => s + Number(r.n), 0));
          out('inserted:', results.filter((r) => r.conn === null).reduce((s, r) => s + r.n, 0));
          const readConns = new Set(reads.map((r) => String(r.conn)));
          const [[t]] = await pool.query(
              'SELECT COUNT(*) AS c, SUM(n) AS s, COUNT(DISTINCT n) AS d, ' +
              'COUNT(DISTINCT conn) AS conns FROM pool');
          out('table:', v(t.c), v(t.s), v(t.d));
          // The pool opened more than one connection, and no more than its limit.
          out('sessions used: between 2 and 4:',
              readConns.size >= 2 && readConns.size <= 4 && t.conns >= 1 && t.conns <= 4);
          // A pooled connection for a transaction, the others still serving queries.
          const conn = await pool.getConnection();
          await conn.beginTransaction();
          await conn.execute('INSERT INTO pool (n, conn) VALUES (?, CONNECTION_ID())', [100]);
          const [[inside]] = await conn.query('SELECT COUNT(*) AS c FROM pool');
          const [[outside]] = await pool.query('SELECT COUNT(*) AS c FROM pool');
          out('inside:', v(inside.c), 'outside:', v(outside.c));
          await conn.rollback();
          conn.release();
          const [[after]] = await pool.query('SELECT COUNT(*) AS c FROM pool');
          out('after rollback:', v(after.c));
          await pool.end();
        });
    ''')
    check_output(out, '''
        reads: 40 sum 820
        inserted: 40
        table: n:40 "820" n:40
        sessions used: between 2 and 4: true
        inside: n:41 outside: n:40
        after rollback: n:40
    ''')


def test_mysql2_transaction_rollback(srv):
    srv.sql("CREATE TABLE nd.acct (id INT PRIMARY KEY, balance DECIMAL(10,2) NOT NULL)",
            "INSERT INTO nd.acct VALUES (1, 100.00), (2, 50.00)")
    out = run_node(srv, r'''
        const mysql = require('mysql2/promise');
        main(async () => {
          const c = await mysql.createConnection(CONFIG);
          const other = await mysql.createConnection(CONFIG);
          const balances = async (conn) => {
            const [rows] = await conn.query('SELECT id, balance FROM acct ORDER BY id');
            return rows.map(row).join(' | ');
          };
          // A transfer that is rolled back.
          await c.beginTransaction();
          await c.execute('UPDATE acct SET balance = balance - ? WHERE id = ?', ['30.00', 1]);
          await c.execute('UPDATE acct SET balance = balance + ? WHERE id = ?', ['30.00', 2]);
          const [ins] = await c.execute('INSERT INTO acct VALUES (?, ?)', [3, '7.5']);
          out('insert in transaction: affected', ins.affectedRows);
          out('inside:', await balances(c));
          out('other session:', await balances(other));
          await c.rollback();
          out('after rollback:', await balances(c));
          // The same transfer committed.
          await c.beginTransaction();
          await c.execute('UPDATE acct SET balance = balance - ? WHERE id = ?', ['30.00', 1]);
          await c.execute('UPDATE acct SET balance = balance + ? WHERE id = ?', ['30.00', 2]);
          await c.commit();
          out('after commit:', await balances(other));
          // An error inside a transaction does not end it: the rollback undoes the earlier work.
          await c.beginTransaction();
          await c.query('DELETE FROM acct WHERE id = 2');
          try {
            await c.query('INSERT INTO acct VALUES (1, 0)');
          } catch (e) {
            out('error:', e.code);
          }
          const [[n]] = await c.query('SELECT COUNT(*) AS n FROM acct');
          out('rows inside:', v(n.n));
          await c.rollback();
          out('after second rollback:', await balances(other));
          await c.end();
          await other.end();
        });
    ''')
    check_output(out, '''
        insert in transaction: affected 1
        inside: n:1 "70.00" | n:2 "80.00" | n:3 "7.50"
        other session: n:1 "100.00" | n:2 "50.00"
        after rollback: n:1 "100.00" | n:2 "50.00"
        after commit: n:1 "70.00" | n:2 "80.00"
        error: ER_DUP_ENTRY
        rows inside: n:1
        after second rollback: n:1 "70.00" | n:2 "80.00"
    ''')


# ---------------------------------------------------------------------------------------------
# mysql (mysqljs): client-side escaping only, callbacks


def test_mysql_package_placeholders_and_transaction(srv):
    srv.sql("CREATE TABLE nd.my (id INT AUTO_INCREMENT PRIMARY KEY, s VARCHAR(40), "
            "b VARBINARY(10), d DECIMAL(10,2), dt DATETIME, u BIGINT UNSIGNED, ok TINYINT(1)) "
            "CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci")
    out = run_node(srv, r'''
        const mysql = require('mysql');
        const util = require('util');
        main(async () => {
          const c = mysql.createConnection({...CONFIG, charset: 'UTF8MB4_GENERAL_CI',
                                            timezone: 'Z', supportBigNumbers: true});
          const q = util.promisify(c.query).bind(c);
          await util.promisify(c.connect).bind(c)();
          // SET ? expands an object; values are escaped into the statement's text.
          const tricky = "it's \\ \"x\" 🐬 \n\0 end";
          let r = await q('INSERT INTO my SET ?',
                          {s: tricky, b: Buffer.from([0, 39, 92, 255]), d: '1.50',
                           dt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
                           u: '18446744073709551615', ok: true});
          out('insert: affected', r.affectedRows, 'insertId', r.insertId);
          r = await q('INSERT INTO my (s, d, u) VALUES ?',
                      [[['a', 2.25, 1], ["b'", null, 2], [null, -3, null]]]);
          out('bulk insert: affected', r.affectedRows, 'insertId', r.insertId, r.message || '');
          out('format:', mysql.format('SELECT ?? FROM ?? WHERE id IN (?) AND s = ?',
                                      [['id', 's'], 'my', [1, 2], "a'b"]));
          const rows = await q('SELECT ?? FROM ?? WHERE id IN (?) OR s = ? ORDER BY id',
                               [['id', 's', 'b', 'd', 'dt', 'u', 'ok'], 'my', [1, 3], "b'"]);
          for (const x of rows) out('  ' + row(x));
          const [back] = await q('SELECT COUNT(*) AS n FROM my WHERE s = ?', [tricky]);
          out('found the tricky string:', v(back.n));

          // A transaction rolled back, then one committed.
          await util.promisify(c.beginTransaction).bind(c)();
          await q('UPDATE my SET d = d * ? WHERE d IS NOT NULL', [10]);
          await q('DELETE FROM my WHERE id = ?', [1]);
          const [mid] = await q('SELECT COUNT(*) AS n, SUM(d) AS s FROM my');
          out('inside:', row(mid));
          await util.promisify(c.rollback).bind(c)();
          const [rb] = await q('SELECT COUNT(*) AS n, SUM(d) AS s FROM my');
          out('after rollback:', row(rb));
          await util.promisify(c.beginTransaction).bind(c)();
          await q('DELETE FROM my WHERE s IS NULL');
          await util.promisify(c.commit).bind(c)();
          const [cm] = await q('SELECT COUNT(*) AS n, SUM(d) AS s FROM my');
          out('after commit:', row(cm));
          try {
            await q('INSERT INTO my (id) VALUES (?)', [1]);
          } catch (e) {
            out('error:', e.code, e.errno, e.sqlState, e.sqlMessage);
          }
          await util.promisify(c.end).bind(c)();
        });
    ''')
    check_output(out, rf'''
        insert: affected 1 insertId 1
        bulk insert: affected 3 insertId 2 &Records: 3  Duplicates: 0  Warnings: 0
        format: SELECT `id`, `s` FROM `my` WHERE id IN (1, 2) AND s = 'a\'b'
          n:1 "it's \\ \"x\" 🐬 \n\u0000 end" x'00275cff' n:1.5 d:2024-01-02T03:04:05.000Z "18446744073709551615" n:1
          n:3 "b'" NULL NULL NULL n:2 NULL
        found the tricky string: n:1
        inside: n:3 n:-7.5
        after rollback: n:4 n:0.75
        after commit: n:3 n:3.75
        error: ER_DUP_ENTRY 1062 23000 Duplicate entry '1' for key '{dup_key("my", "PRIMARY")}'
    ''')


# ---------------------------------------------------------------------------------------------
# Knex (mysql2 client): migrations, introspection, CRUD in transactions

MIGRATIONS = {
    "001_authors_books.js": r'''
        exports.up = async (knex) => {
          await knex.schema.createTable('authors', (t) => {
            t.increments('id');
            t.string('name', 100).notNullable();
            t.string('email', 120).unique();
          });
          await knex.schema.createTable('books', (t) => {
            t.increments('id');
            t.integer('author_id').unsigned().notNullable()
              .references('id').inTable('authors').onDelete('CASCADE');
            t.string('title', 200).notNullable();
            t.decimal('price', 8, 2);
            t.date('published');
            t.index(['title'], 'books_title_idx');
          });
        };
        exports.down = async (knex) => {
          await knex.schema.dropTable('books');
          await knex.schema.dropTable('authors');
        };
    ''',
    "002_books_isbn.js": r'''
        exports.up = async (knex) => {
          await knex.schema.alterTable('books', (t) => {
            t.string('isbn', 20).nullable().defaultTo('unknown');
            t.renameColumn('title', 'name');
          });
        };
        exports.down = async (knex) => {
          await knex.schema.alterTable('books', (t) => {
            t.dropColumn('isbn');
            t.renameColumn('name', 'title');
          });
        };
    ''',
}

KNEX_PRELUDE = r'''
const path = require('path');
const knex = require('knex')({
  client: 'mysql2',
  connection: {...CONFIG, timezone: 'Z', dateStrings: ['DATE']},
  pool: {min: 0, max: 2},
  migrations: {directory: env.ND_MIGRATIONS},
});
// The DDL Knex sends, in order (its introspection queries are left out).
const ddl = [];
knex.on('query', (q) => { if (/^(create|alter|drop) /i.test(q.sql)) ddl.push(q.sql); });
function flushDdl() { for (const s of ddl.splice(0)) out('  ddl:', s); }
async function shape() {
  const cols = await knex('books').columnInfo();
  return Object.entries(cols).map(([name, c]) =>
      `${name} ${c.type}${c.maxLength === null ? '' : '(' + c.maxLength + ')'}` +
      `${c.nullable ? ' null' : ' not null'}${c.defaultValue === null ? '' : ' default ' + c.defaultValue}`)
      .join(', ') || '(no columns)';
}
async function has() {
  const parts = [];
  for (const t of ['authors', 'books']) parts.push(`${t}=${await knex.schema.hasTable(t)}`);
  if (await knex.schema.hasTable('books')) {
    for (const c of ['title', 'name', 'isbn']) {
      parts.push(`books.${c}=${await knex.schema.hasColumn('books', c)}`);
    }
  }
  return parts.join(' ');
}
'''


def test_knex_migrations_and_crud(srv, tmp_path):
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "001_authors_books.js").write_text(
        textwrap.dedent(MIGRATIONS["001_authors_books.js"]))
    body = r'''
        main(async () => {
          // Batch 1: the first migration alone (the second is added to the folder later).
          let [batch, log] = await knex.migrate.latest();
          out('latest: batch', batch, log.join(','));
          flushDdl();
          out('has:', await has());
          out('columns:', await shape());
          const fs = require('fs');
          fs.copyFileSync(env.ND_SECOND, path.join(env.ND_MIGRATIONS, '002_books_isbn.js'));
          [batch, log] = await knex.migrate.latest();
          out('latest: batch', batch, log.join(','));
          flushDdl();
          out('has:', await has());
          out('columns:', await shape());
          const [done, pending] = await knex.migrate.list();
          out('list:', done.map((m) => m.name).join(','), '| pending:', pending.length);
          const rows = await knex('knex_migrations').select('name', 'batch').orderBy('id');
          out('knex_migrations:', rows.map((r) => `${r.name}@${r.batch}`).join(' '));

          // CRUD in a transaction.
          await knex.transaction(async (trx) => {
            const [ann] = await trx('authors').insert({name: 'Ann', email: 'ann@example.com'});
            const [bob] = await trx('authors').insert({name: 'Bob', email: 'bob@example.com'});
            out('authors inserted:', ann, bob);
            await trx('books').insert([
              {author_id: ann, name: 'First', price: '12.50', published: '2020-05-01'},
              {author_id: ann, name: 'Second', price: '7.25', published: '2021-06-02',
               isbn: '978-0'},
              {author_id: bob, name: 'Third', price: null, published: null},
            ]);
            const n = await trx('books').where('price', '<', 10).update({price: '9.99'});
            out('updated:', n);
            const deleted = await trx('books').where({name: 'Third'}).del();
            out('deleted:', deleted);
          });
          const joined = await knex('books').join('authors', 'authors.id', 'books.author_id')
              .select('authors.name as author', 'books.name', 'books.price', 'books.published',
                      'books.isbn')
              .orderBy('books.id');
          for (const r of joined) out('  ' + row(r));
          // A transaction that throws is rolled back.
          try {
            await knex.transaction(async (trx) => {
              await trx('authors').insert({name: 'Cy', email: 'cy@example.com'});
              await trx('books').where({name: 'First'}).update({price: '0.00'});
              throw new Error('changed my mind');
            });
          } catch (e) {
            out('rolled back:', e.message);
          }
          const counts = await knex('authors').count({n: '*'});
          const first = await knex('books').where({name: 'First'}).first('price');
          out('after rollback: authors', v(counts[0].n), 'First costs', v(first.price));
          // The foreign key is enforced, and its ON DELETE CASCADE applies.
          try {
            await knex('books').insert({author_id: 99, name: 'Orphan'});
            out('orphan inserted?');
          } catch (e) {
            out('orphan:', e.code, e.errno);
          }
          try {
            await knex('authors').where({email: 'ann@example.com'})
                .update({email: 'bob@example.com'});
            out('duplicate email accepted?');
          } catch (e) {
            out('duplicate email:', e.code, e.errno);
          }
          const gone = await knex('authors').where({name: 'Ann'}).del();
          const left = await knex('books').count({n: '*'});
          out('deleted Ann:', gone, 'books left', v(left[0].n));

          // Rolling back the last batch undoes the alterTable, then the first batch.
          [batch, log] = await knex.migrate.rollback();
          out('rollback: batch', batch, log.join(','));
          flushDdl();
          out('has:', await has());
          out('columns:', await shape());
          [batch, log] = await knex.migrate.rollback();
          out('rollback: batch', batch, log.join(','));
          flushDdl();
          out('has:', await has());
          // And forward again, both at once.
          [batch, log] = await knex.migrate.latest();
          out('latest: batch', batch, log.join(','));
          ddl.splice(0);
          out('has:', await has());
          [batch, log] = await knex.migrate.rollback(undefined, true);
          out('rollback all: batch', batch, log.join(','));
          ddl.splice(0);
          out('has:', await has());
          await knex.destroy();
        });
    '''
    second = tmp_path / "002_books_isbn.js"
    second.write_text(textwrap.dedent(MIGRATIONS["002_books_isbn.js"]))
    out = run_node(srv, KNEX_PRELUDE + textwrap.dedent(body),
                   extra_env={"ND_MIGRATIONS": str(migrations), "ND_SECOND": str(second)})
    # MySQL 8.4: information_schema.COLUMNS.COLUMN_DEFAULT holds a string default as it is;
    # MariaDB 10.11 writes it as a quoted literal, and Knex's columnInfo() passes that on.
    unknown = "unknown" if IS_PORPOISE else "'unknown'"
    check_output(out, rf'''
        latest: batch 1 001_authors_books.js
          ddl: create table `knex_migrations` (`id` int unsigned not null auto_increment primary key, `name` varchar(255), `batch` int, `migration_time` timestamp)
          ddl: create table `knex_migrations_lock` (`index` int unsigned not null auto_increment primary key, `is_locked` int)
          ddl: create table `authors` (`id` int unsigned not null auto_increment primary key, `name` varchar(100) not null, `email` varchar(120))
          ddl: alter table `authors` add unique `authors_email_unique`(`email`)
          ddl: create table `books` (`id` int unsigned not null auto_increment primary key, `author_id` int unsigned not null, `title` varchar(200) not null, `price` decimal(8, 2), `published` date)
          ddl: alter table `books` add constraint `books_author_id_foreign` foreign key (`author_id`) references `authors` (`id`) on delete CASCADE
          ddl: alter table `books` add index `books_title_idx`(`title`)
        has: authors=true books=true books.title=true books.name=false books.isbn=false
        columns: id int not null, author_id int not null, title varchar(200) not null, price decimal null, published date null
        latest: batch 2 002_books_isbn.js
          ddl: alter table `books` add `isbn` varchar(20) null default 'unknown'
          ddl: alter table `books` change `title` `name` varchar(200) NOT NULL COLLATE 'utf8mb4_general_ci'
        has: authors=true books=true books.title=false books.name=true books.isbn=true
        columns: id int not null, author_id int not null, name varchar(200) not null, price decimal null, published date null, isbn varchar(20) null default {unknown}
        list: 001_authors_books.js,002_books_isbn.js | pending: 0
        knex_migrations: 001_authors_books.js@1 002_books_isbn.js@2
        authors inserted: 1 2
        updated: 1
        deleted: 1
          "Ann" "First" "12.50" "2020-05-01" "unknown"
          "Ann" "Second" "9.99" "2021-06-02" "978-0"
        rolled back: changed my mind
        after rollback: authors n:2 First costs "12.50"
        orphan: ER_NO_REFERENCED_ROW_2 1452
        duplicate email: ER_DUP_ENTRY 1062
        deleted Ann: 1 books left n:0
        rollback: batch 2 002_books_isbn.js
          ddl: alter table `books` drop `isbn`
          ddl: alter table `books` change `name` `title` varchar(200) NOT NULL COLLATE 'utf8mb4_general_ci'
        has: authors=true books=true books.title=true books.name=false books.isbn=false
        columns: id int not null, author_id int not null, title varchar(200) not null, price decimal null, published date null
        rollback: batch 1 001_authors_books.js
          ddl: drop table `books`
          ddl: drop table `authors`
        has: authors=false books=false
        latest: batch 1 001_authors_books.js,002_books_isbn.js
        has: authors=true books=true books.title=false books.name=true books.isbn=true
        rollback all: batch 1 002_books_isbn.js,001_authors_books.js
        has: authors=false books=false
    ''')


# ---------------------------------------------------------------------------------------------
# Query attributes (last: its prepared statement would change the counts the tests above read)


@pytest.mark.porpoise_only
def test_mysql2_query_attributes(srv):
    # mysql2 sets CLIENT_QUERY_ATTRIBUTES (every query then carries the attribute prefix) and
    # sends `attributes` with .query and .execute; MySQL 8.4 reads them with the
    # query_attributes component's function, which Porpoise has built in.
    out = run_node(srv, r'''
        const mysql = require('mysql2/promise');
        main(async () => {
          const c = await mysql.createConnection(CONFIG);
          const sql = "SELECT mysql_query_attribute_string('trace') t, " +
                      "mysql_query_attribute_string('n') n, ? p";
          for (const how of ['query', 'execute']) {
            let [rows] = await c[how]({sql, values: ['v'],
                                       attributes: {trace: 'abc-' + how, n: 7}});
            out(how, row(rows[0]));
            [rows] = await c[how]({sql, values: ['w']});
            out(how, 'none', row(rows[0]));
          }
          await c.end();
        });
    ''')
    assert out.splitlines() == [
        'query "abc-query" "7" "v"',
        'query none NULL NULL "w"',
        'execute "abc-execute" "7" "v"',
        'execute none NULL NULL "w"',
    ]
