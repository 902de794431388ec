# Server-side prepared statements as stock clients from Debian use them, over TCP with a
# mysql_native_password account: PHP's mysqli and PDO (mysqlnd: COM_STMT_PREPARE / EXECUTE /
# SEND_LONG_DATA / RESET / CLOSE and binary result rows), Perl's DBD::MariaDB with
# mariadb_server_prepare=1 (libmariadb), SQL-level PREPARE / EXECUTE ... USING /
# DEALLOCATE PREPARE through PyMySQL's text protocol, and sysbench: oltp_read_write run with its
# default prepared statements and without them, oltp_point_select in two sessions at once.
#
# Every client script prints what it sees in a stable text form that is compared whole with
# MySQL 8.4's answer. The suite runs unchanged against MariaDB (PORPOISE_E2E_SERVER=mariadb);
# where MariaDB 10.11 answers differently the branch says `# MySQL 8.4: ...`.
import os
import struct
import re
import shutil
import subprocess
import textwrap
import time

import pymysql
import pytest

from harness import check_output, dup_key, identified, missing

USER, PASSWORD = "ps", "ps-pw"


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE ps",
        "CREATE DATABASE sbtest",
        f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}",
        f"GRANT ALL ON ps.* TO '{USER}'@'%'",
        f"GRANT ALL ON sbtest.* TO '{USER}'@'%'",
    )
    return server


# What each client needs, as Debian packages it: (command, probe, package).
CLIENTS = {
    "php": ("php", ["-r", "exit(extension_loaded('mysqli') && extension_loaded('pdo_mysql')"
                          " ? 0 : 1);"], "php-cli and php-mysql"),
    "perl": ("perl", ["-MDBD::MariaDB", "-e", "1"], "libdbd-mariadb-perl"),
    "sysbench": ("sysbench", ["--version"], "sysbench"),
}
_checked = {}


def tool(name):
    """The client's path; fails the test (does not skip it) when it is not installed."""
    if name not in _checked:
        command, probe, package = CLIENTS[name]
        path = shutil.which(command)
        ok = path is not None and subprocess.run([path] + probe, capture_output=True,
                                                 timeout=30).returncode == 0
        _checked[name] = path if ok else None
    if _checked[name] is None:
        missing(f"{name} client for this test is not installed: "
                f"apt-get install {CLIENTS[name][2]}")
    return _checked[name]


def run_script(srv, interpreter, body, prelude=""):
    """Runs a PHP or Perl script (prelude + dedented body) fed on stdin, with the server's
    port and the account in PS_PORT, PS_USER, PS_PASSWORD; returns its stdout. A non-zero
    exit or anything on stderr (PHP's warnings and deprecations go there) fails the test."""
    env = dict(os.environ, PS_PORT=str(srv.port), PS_USER=USER, PS_PASSWORD=PASSWORD)
    cmd = [tool(interpreter)]
    if interpreter == "php":
        cmd += ["-d", "display_errors=stderr", "-d", "error_reporting=-1"]
    res = subprocess.run(cmd, input=prelude + textwrap.dedent(body), capture_output=True,
                         text=True, timeout=60, env=env)
    assert res.returncode == 0 and not res.stderr, \
        f"{interpreter} exited {res.returncode}\n--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}"
    return res.stdout


# ---------------------------------------------------------------------------------------------
# PHP

PHP_PRELUDE = r'''<?php
mysqli_report(MYSQLI_REPORT_OFF);
// One value with its PHP type: int i:1, float f:2.5, string 'x' (x'00ff' when it has bytes
// outside printable ASCII), NULL.
function v($x) {
    if ($x === null) return 'NULL';
    if (is_int($x)) return "i:$x";
    if (is_float($x)) return 'f:' . var_export($x, true);
    if (is_string($x)) {
        if (preg_match('/[^\x20-\x7e]/', $x)) return "x'" . bin2hex($x) . "'";
        return var_export($x, true);
    }
    return gettype($x);
}
function row($r) { return implode(' ', array_map('v', array_values($r))); }
function connect() {
    $db = new mysqli('127.0.0.1', getenv('PS_USER'), getenv('PS_PASSWORD'), 'ps',
                     (int)getenv('PS_PORT'));
    if ($db->connect_errno) { fwrite(STDERR, "connect: $db->connect_error\n"); exit(1); }
    return $db;
}
function check($ok, $what, $o) {
    if ($ok === false) { fwrite(STDERR, "$what failed: $o->errno $o->error\n"); exit(1); }
    return $ok;
}
'''


def test_mysqli_bind_param_and_fetch(srv):
    srv.sql("CREATE TABLE ps.m (id INT AUTO_INCREMENT PRIMARY KEY, i INT, d DOUBLE, "
            "s VARCHAR(40), b BLOB, amount DECIMAL(10,2), dt DATE, dtm DATETIME, tm TIME, "
            "u BIGINT UNSIGNED, UNIQUE KEY uniq_s (s)) CHARACTER SET utf8mb4")
    out = run_script(srv, "php", prelude=PHP_PRELUDE, body=r'''
        $db = connect();
        $st = check($db->prepare("INSERT INTO m (i, d, s, b, amount, dt, dtm, tm, u)
                                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"), 'prepare', $db);
        echo "insert: params $st->param_count fields $st->field_count\n";
        $i = 42; $d = 2.5; $s = 'alpha'; $b = null; $amount = '12345678.91';
        $dt = '2024-02-29'; $dtm = '2024-02-29 13:45:07'; $tm = '-01:02:03';
        $u = '18446744073709551615';
        $st->bind_param('idsbsssss', $i, $d, $s, $b, $amount, $dt, $dtm, $tm, $u);
        // The blob goes in two COM_STMT_SEND_LONG_DATA packets; its bound variable is NULL,
        // as PHP's manual shows, and the long data wins over the NULL bit.
        $st->send_long_data(3, "\x00\x01long ");
        $st->send_long_data(3, "data\xff");
        check($st->execute(), 'execute 1', $st);
        echo "row 1: affected $st->affected_rows insert_id $st->insert_id db $db->insert_id\n";
        // Re-executed with other values (mysqlnd sends no types this time) and NULLs.
        $i = null; $d = -0.125; $s = "it's \"q\" \\ x"; $b = null; $amount = null;
        $dt = null; $dtm = null; $tm = '838:59:59'; $u = '9223372036854775808';
        check($st->execute(), 'execute 2', $st);
        echo "row 2: affected $st->affected_rows insert_id $st->insert_id\n";
        // COM_STMT_RESET drops the long data sent so far.
        $i = -2147483648; $d = 1e300; $s = 'gamma'; $amount = '-0.05';
        $dt = '1000-01-01'; $dtm = '9999-12-31 23:59:59'; $tm = '00:00:00'; $u = '0';
        $st->send_long_data(3, 'discarded');
        check($st->reset(), 'reset', $st);
        $st->send_long_data(3, 'kept');
        check($st->execute(), 'execute 3', $st);
        echo "row 3: affected $st->affected_rows insert_id $st->insert_id\n";
        echo "close: ", var_export($st->close(), true), "\n";

        $q = check($db->prepare("SELECT id, i, d, s, b, amount, dt, dtm, tm, u FROM m
                                 WHERE id >= ? ORDER BY id"), 'prepare', $db);
        echo "select: params $q->param_count fields $q->field_count\n";
        foreach ($q->result_metadata()->fetch_fields() as $f) {
            echo "  $f->name type $f->type", ($f->flags & MYSQLI_UNSIGNED_FLAG) ? " unsigned" : "",
                 "\n";
        }
        $min = 1;
        $q->bind_param('i', $min);
        check($q->execute(), 'execute', $q);
        $res = $q->get_result();
        echo "get_result: $res->num_rows rows\n";
        while ($r = $res->fetch_row()) {
            echo "  ", row(array_slice($r, 0, 5)), "\n    ", row(array_slice($r, 5)), "\n";
        }
        $res->free();
        // The same statement again, fetched into bound variables.
        $min = 2;
        check($q->execute(), 'execute', $q);
        $q->store_result();
        echo "bind_result: $q->num_rows rows\n";
        $q->bind_result($c1, $c2, $c3, $c4, $c5, $c6, $c7, $c8, $c9, $c10);
        while ($q->fetch()) {
            echo "  ", row([$c1, $c2, $c3, $c4, $c5]), "\n    ",
                 row([$c6, $c7, $c8, $c9, $c10]), "\n";
        }
        $q->close();

        // affected_rows counts changed rows: the same UPDATE again changes none.
        $up = check($db->prepare("UPDATE m SET i = ? WHERE id <= ?"), 'prepare', $db);
        $val = 7; $max = 2;
        $up->bind_param('ii', $val, $max);
        $up->execute(); echo "update: affected $up->affected_rows\n";
        $up->execute(); echo "update again: affected $up->affected_rows\n";
        $del = check($db->prepare("DELETE FROM m WHERE u > ?"), 'prepare', $db);
        $limit = PHP_INT_MAX;
        $del->bind_param('i', $limit);
        $del->execute(); echo "delete: affected $del->affected_rows\n";
        // The text protocol (COM_QUERY) gives mysqli strings.
        $r = $db->query("SELECT id, i, u FROM m ORDER BY id")->fetch_all();
        foreach ($r as $x) echo "text protocol: ", row($x), "\n";
    ''')
    check_output(out, r'''
        insert: params 9 fields 0
        row 1: affected 1 insert_id 1 db 1
        row 2: affected 1 insert_id 2
        row 3: affected 1 insert_id 3
        close: true
        select: params 1 fields 10
          id type 3
          i type 3
          d type 5
          s type 253
          b type 252
          amount type 246
          dt type 10
          dtm type 12
          tm type 11
          u type 8 unsigned
        get_result: 3 rows
          i:1 i:42 f:2.5 'alpha' x'00016c6f6e672064617461ff'
            '12345678.91' '2024-02-29' '2024-02-29 13:45:07' '-01:02:03' '18446744073709551615'
          i:2 NULL f:-0.125 'it\'s "q" \\ x' NULL
            NULL NULL NULL '838:59:59' '9223372036854775808'
          i:3 i:-2147483648 f:1.0E+300 'gamma' 'kept'
            '-0.05' '1000-01-01' '9999-12-31 23:59:59' '00:00:00' i:0
        bind_result: 2 rows
          i:2 NULL f:-0.125 'it\'s "q" \\ x' NULL
            NULL NULL NULL '838:59:59' '9223372036854775808'
          i:3 i:-2147483648 f:1.0E+300 'gamma' 'kept'
            '-0.05' '1000-01-01' '9999-12-31 23:59:59' '00:00:00' i:0
        update: affected 2
        update again: affected 0
        delete: affected 2
        text protocol: '3' '-2147483648' '0'
    ''')


def test_mysqli_errors(srv):
    srv.sql("CREATE TABLE ps.e (id INT AUTO_INCREMENT PRIMARY KEY, k VARCHAR(10), "
            "UNIQUE KEY uniq_k (k))",
            "CREATE TABLE ps.gone (id INT)")
    out = run_script(srv, "php", prelude=PHP_PRELUDE, body=r'''
        $db = connect();
        // Prepare-time errors: no statement comes back.
        $st = $db->prepare("SELECT * FROM nosuch WHERE id = ?");
        echo "unknown table: ", var_export($st, true), " $db->errno $db->sqlstate $db->error\n";
        $st = $db->prepare("SELEC ?");
        echo "syntax: ", var_export($st, true), " $db->errno $db->sqlstate\n";
        // Execute-time errors leave the statement usable.
        $ins = check($db->prepare("INSERT INTO e (k) VALUES (?)"), 'prepare', $db);
        $k = 'dup';
        $ins->bind_param('s', $k);
        echo "first: ", var_export($ins->execute(), true), " insert_id $ins->insert_id\n";
        echo "again: ", var_export($ins->execute(), true),
             " $ins->errno $ins->sqlstate $ins->error\n";
        $k = str_repeat('x', 11);
        echo "too long: ", var_export($ins->execute(), true),
             " $ins->errno $ins->sqlstate $ins->error\n";
        $k = 'other';
        echo "after: ", var_export($ins->execute(), true), " affected $ins->affected_rows\n";
        // The table a statement reads is dropped between two executions.
        $g = check($db->prepare("SELECT COUNT(*) FROM gone"), 'prepare', $db);
        $g->execute(); $g->bind_result($n); $g->fetch(); $g->free_result();
        echo "gone before: ", v($n), "\n";
        $db->query("DROP TABLE gone");
        echo "gone after: ", var_export($g->execute(), true), " $g->errno $g->error\n";
        $r = $db->query("SELECT k FROM e ORDER BY id")->fetch_all();
        foreach ($r as $x) echo "row: ", row($x), "\n";
    ''')
    check_output(out, rf'''
        unknown table: false 1146 42S02 Table 'ps.nosuch' doesn't exist
        syntax: false 1064 42000
        first: true insert_id 1
        again: false 1062 23000 Duplicate entry 'dup' for key '{dup_key("e", "uniq_k")}'
        too long: false 1406 22001 Data too long for column 'k' at row 1
        after: true affected 1
        gone before: i:0
        gone after: false 1146 Table 'ps.gone' doesn't exist
        row: 'dup'
        row: 'other'
    ''')


def open_statements(srv, want=None, timeout=5.0):
    """The global Prepared_stmt_count; with want, waits up to timeout for it (a server frees a
    closed connection's statements when it notices the disconnect, not before the client
    exits)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = srv.sql("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'")
        assert rows, "SHOW GLOBAL STATUS has no Prepared_stmt_count"
        count = int(rows[0][1])
        if want is None or count == want or time.monotonic() > deadline:
            return count
        time.sleep(0.02)


def test_mysqli_close_frees_the_statement(srv):
    # Earlier tests' connections may still be closing.
    left = open_statements(srv, want=0)
    assert left == 0, f"Prepared_stmt_count is {left} after the earlier clients disconnected"
    out = run_script(srv, "php", prelude=PHP_PRELUDE, body=r'''
        $db = connect();
        function open_statements($db) {
            $r = $db->query("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'")->fetch_row();
            return $r[0] . '=' . $r[1];
        }
        echo "start: ", open_statements($db), "\n";
        $a = check($db->prepare("SELECT 1"), 'prepare', $db);
        $b = check($db->prepare("SELECT CONCAT('b: ', ?)"), 'prepare', $db);
        echo "two open: ", open_statements($db), "\n";
        echo "close a: ", var_export($a->close(), true), " ", open_statements($db), "\n";
        $x = 'still here';
        $b->bind_param('s', $x);
        check($b->execute(), 'execute', $b);
        $b->bind_result($y);
        $b->fetch();
        echo "b: ", v($y), "\n";
        echo "close b: ", var_export($b->close(), true), " ", open_statements($db), "\n";
        $c = check($db->prepare("SELECT 3"), 'prepare', $db);
        $db->close();
    ''')
    check_output(out, '''
        start: Prepared_stmt_count=0
        two open: Prepared_stmt_count=2
        close a: true Prepared_stmt_count=1
        b: 'b: still here'
        close b: true Prepared_stmt_count=0
    ''')
    # The statement left open ends with its connection.
    left = open_statements(srv, want=0)
    assert left == 0, f"Prepared_stmt_count is {left} after the client disconnected"


def test_pdo_native_prepares(srv):
    srv.sql("CREATE TABLE ps.p (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL, "
            "qty INT, price DECIMAL(8,2), ratio DOUBLE, created DATETIME)")
    out = run_script(srv, "php", prelude=PHP_PRELUDE, body=r'''
        $port = getenv('PS_PORT');
        $pdo = new PDO("mysql:host=127.0.0.1;port=$port;dbname=ps;charset=utf8mb4",
                       getenv('PS_USER'), getenv('PS_PASSWORD'),
                       [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
                        PDO::ATTR_EMULATE_PREPARES => false,
                        PDO::ATTR_STRINGIFY_FETCHES => false]);
        $emulate = $pdo->getAttribute(PDO::ATTR_EMULATE_PREPARES);
        echo "emulate: ", var_export((bool)$emulate, true), "\n";

        // Named placeholders (PDO turns them into ?) inside a transaction.
        $pdo->beginTransaction();
        $ins = $pdo->prepare("INSERT INTO p (name, qty, price, ratio, created)
                              VALUES (:name, :qty, :price, :ratio, :created)");
        $rows = [['apple', 3, '1.25', 0.5, '2024-01-02 03:04:05'],
                 ['banana', 12, '0.10', 1.75, '2024-06-30 23:59:59'],
                 ['cherry', null, null, null, null],
                 ['blueberry', 7, '99999.99', -2.0, '2000-01-01 00:00:00']];
        foreach ($rows as [$name, $qty, $price, $ratio, $created]) {
            $ins->bindValue(':name', $name, PDO::PARAM_STR);
            $ins->bindValue(':qty', $qty, $qty === null ? PDO::PARAM_NULL : PDO::PARAM_INT);
            $ins->bindValue(':price', $price, $price === null ? PDO::PARAM_NULL : PDO::PARAM_STR);
            $ins->bindValue(':ratio', $ratio === null ? null : (string)$ratio,
                            $ratio === null ? PDO::PARAM_NULL : PDO::PARAM_STR);
            $ins->bindValue(':created', $created);
            $ins->execute();
            echo "insert $name: rows ", $ins->rowCount(), " id ", $pdo->lastInsertId(), "\n";
        }
        $pdo->commit();
        // A rolled-back insert leaves nothing.
        $pdo->beginTransaction();
        $ins->execute([':name' => 'durian', ':qty' => 1, ':price' => '1', ':ratio' => '1',
                       ':created' => null]);
        $pdo->rollBack();
        echo "count: ", v($pdo->query("SELECT COUNT(*) FROM p")->fetchColumn()), "\n";

        // Positional placeholders, LIMIT ? bound as an integer, re-executed.
        $sel = $pdo->prepare("SELECT id, name, qty, price, ratio, created FROM p
                              WHERE qty >= ? OR qty IS NULL ORDER BY id LIMIT ?");
        $sel->bindValue(1, 5, PDO::PARAM_INT);
        $sel->bindValue(2, 3, PDO::PARAM_INT);
        $sel->execute();
        for ($i = 0; $i < $sel->columnCount(); $i++) {
            $m = $sel->getColumnMeta($i);
            echo "column $m[name]: $m[native_type]\n";
        }
        foreach ($sel->fetchAll(PDO::FETCH_NUM) as $r) echo "limit 3: ", row($r), "\n";
        $sel->bindValue(2, 1, PDO::PARAM_INT);
        $sel->execute();
        foreach ($sel->fetchAll(PDO::FETCH_ASSOC) as $r) echo "limit 1: ", row($r), "\n";

        // Named placeholders with execute(array): every value is sent as a string.
        $named = $pdo->prepare("SELECT name FROM p WHERE name LIKE :pat OR id = :id ORDER BY id");
        $named->execute([':pat' => 'b%', ':id' => '1']);
        echo "named: ", implode(',', $named->fetchAll(PDO::FETCH_COLUMN)), "\n";
        $agg = $pdo->prepare("SELECT COUNT(*), SUM(qty), MAX(price), MIN(ratio) FROM p
                              WHERE id <> ?");
        $agg->execute([0]);
        echo "aggregates: ", row($agg->fetch(PDO::FETCH_NUM)), "\n";

        // Native prepares fail at prepare().
        try {
            $pdo->prepare("SELECT * FROM nosuch WHERE id = ?");
            echo "prepared?\n";
        } catch (PDOException $e) {
            echo "prepare error: ", $e->getCode(), " ", implode(" ", $e->errorInfo), "\n";
        }
        try {
            $u = $pdo->prepare("INSERT INTO p (id, name) VALUES (?, ?)");
            $u->execute([1, 'again']);
        } catch (PDOException $e) {
            echo "execute error: ", $e->getCode(), " ", implode(" ", $e->errorInfo), "\n";
        }
    ''')
    check_output(out, rf'''
        emulate: false
        insert apple: rows 1 id 1
        insert banana: rows 1 id 2
        insert cherry: rows 1 id 3
        insert blueberry: rows 1 id 4
        count: i:4
        column id: LONG
        column name: VAR_STRING
        column qty: LONG
        column price: NEWDECIMAL
        column ratio: DOUBLE
        column created: DATETIME
        limit 3: i:2 'banana' i:12 '0.10' f:1.75 '2024-06-30 23:59:59'
        limit 3: i:3 'cherry' NULL NULL NULL NULL
        limit 3: i:4 'blueberry' i:7 '99999.99' f:-2.0 '2000-01-01 00:00:00'
        limit 1: i:2 'banana' i:12 '0.10' f:1.75 '2024-06-30 23:59:59'
        named: apple,banana,blueberry
        aggregates: i:4 '22' '99999.99' f:-2.0
        prepare error: 42S02 42S02 1146 Table 'ps.nosuch' doesn't exist
        execute error: 23000 23000 1062 Duplicate entry '1' for key '{dup_key("p", "PRIMARY")}'
    ''')


# ---------------------------------------------------------------------------------------------
# Perl DBD::MariaDB (libmariadb's mysql_stmt_* API)

def test_perl_dbd_mariadb_server_prepare(srv):
    srv.sql("CREATE TABLE ps.pl (id INT AUTO_INCREMENT PRIMARY KEY, n BIGINT, f DOUBLE, "
            "s VARCHAR(30), b VARBINARY(16), d DECIMAL(6,3), day DATE, UNIQUE KEY uniq_s (s)) "
            "CHARACTER SET utf8mb4")
    out = run_script(srv, "perl", r'''
        use strict;
        use warnings;
        use DBI qw(:sql_types);
        use JSON::PP;
        my $json = JSON::PP->new->canonical->allow_nonref;
        # Numbers print bare, strings quoted: shows which values come back as Perl numbers.
        sub show { join ' ', map { defined $_ ? $json->encode($_) : 'NULL' } @_ }
        my $dsn = "DBI:MariaDB:database=ps;host=127.0.0.1;port=$ENV{PS_PORT};"
                . "mariadb_server_prepare=1;mariadb_server_prepare_disable_fallback=1";
        my $dbh = DBI->connect($dsn, $ENV{PS_USER}, $ENV{PS_PASSWORD},
                               { RaiseError => 0, PrintError => 0, AutoCommit => 1 })
            or die "connect: $DBI::errstr\n";
        print "server_prepare: $dbh->{mariadb_server_prepare}\n";

        my $ins = $dbh->prepare('INSERT INTO pl (n, f, s, b, d, day) VALUES (?, ?, ?, ?, ?, ?)')
            or die "prepare: " . $dbh->errstr . "\n";
        print "params: $ins->{NUM_OF_PARAMS}\n";
        for my $r ([9007199254740993, 0.25, 'one', "\x00\xff", '1.5', '2023-03-04'],
                   [-5, undef, "two's", undef, undef, undef],
                   [undef, -1e-3, 'three', 'abc', '-999.999', '2038-01-19']) {
            $ins->bind_param(1, $r->[0], SQL_BIGINT);
            $ins->bind_param(2, $r->[1], SQL_DOUBLE);
            $ins->bind_param(3, $r->[2], SQL_VARCHAR);
            $ins->bind_param(4, $r->[3], SQL_VARBINARY);
            $ins->bind_param(5, $r->[4], SQL_DECIMAL);
            $ins->bind_param(6, $r->[5], SQL_DATE);
            my $rows = $ins->execute or die "execute: " . $ins->errstr . "\n";
            print "insert: rows $rows id $ins->{mariadb_insertid}\n";
        }
        # An execute-time error, then the statement works on.
        my $rv = $ins->execute(1, 2, 'one', 'x', 0, undef);
        print "duplicate: ", defined $rv ? $rv : 'undef', " ", $ins->err, " ", $ins->state,
              " ", $ins->errstr, "\n";
        $rv = $ins->execute(undef, undef, 'four', '', undef, undef);
        print "after it: $rv\n";

        my $sel = $dbh->prepare('SELECT n, f, s, HEX(b), d, day FROM pl
                                 WHERE id >= ? AND s <> ? ORDER BY id')
            or die "prepare: " . $dbh->errstr . "\n";
        for my $args ([1, ''], [2, 'three'], [9, 'x']) {
            $sel->execute(@$args) or die "execute: " . $sel->errstr . "\n";
            my $all = $sel->fetchall_arrayref;
            print "select @$args: ", scalar(@$all), " rows\n";
            print "  ", show(@$_), "\n" for @$all;
        }
        print "names: @{$sel->{NAME}}\n";

        my $bad = $dbh->prepare('SELECT * FROM nosuch WHERE id = ?');
        print "prepare error: ", defined $bad ? 'statement' : 'undef', " ", $dbh->err, " ",
              $dbh->state, " ", $dbh->errstr, "\n";
        $dbh->disconnect;
    ''')
    check_output(out, rf'''
        server_prepare: 1
        params: 6
        insert: rows 1 id 1
        insert: rows 1 id 2
        insert: rows 1 id 3
        duplicate: undef 1062 23000 Duplicate entry 'one' for key '{dup_key("pl", "uniq_s")}'
        after it: 1
        select 1 : 4 rows
          9007199254740993 0.25 "one" "00FF" "1.500" "2023-03-04"
          -5 NULL "two's" NULL NULL NULL
          NULL -0.001 "three" "616263" "-999.999" "2038-01-19"
          NULL NULL "four" "" NULL NULL
        select 2 three: 2 rows
          -5 NULL "two's" NULL NULL NULL
          NULL NULL "four" "" NULL NULL
        select 9 x: 0 rows
        names: n f s HEX(b) d day
        prepare error: undef 1146 42S02 Table 'ps.nosuch' doesn't exist
    ''')


# ---------------------------------------------------------------------------------------------
# SQL PREPARE / EXECUTE ... USING / DEALLOCATE PREPARE over the text protocol


def test_sql_prepare_execute_deallocate(srv):
    srv.sql("CREATE TABLE ps.q (id INT PRIMARY KEY, name VARCHAR(20), score DOUBLE)",
            "INSERT INTO ps.q VALUES (1, 'ann', 1.5), (2, 'bob', NULL), (3, 'cy', -4)")
    conn = srv.connect(USER, PASSWORD, database="ps")
    other = srv.connect(USER, PASSWORD, database="ps")

    def q(sql, c=conn):
        with c.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall(), cur.rowcount

    def err(sql, c=conn):
        with pytest.raises(pymysql.err.MySQLError) as info:
            q(sql, c)
        return info.value.args[0], info.value.args[1]

    try:
        assert q("PREPARE sel FROM 'SELECT id, name, score FROM q WHERE id >= ? ORDER BY id'") \
            == ((), 0)
        assert q("SET @lo = 2") == ((), 0)
        assert q("EXECUTE sel USING @lo") == (((2, "bob", None), (3, "cy", -4.0)), 2)
        assert q("SET @lo = '3'") == ((), 0)
        assert q("EXECUTE sel USING @lo") == (((3, "cy", -4.0),), 1)
        # An unset variable is NULL: no row is >= NULL.
        assert q("EXECUTE sel USING @never_set") == ((), 0)
        # Names are case-insensitive; a statement belongs to its session.
        assert q("EXECUTE SEL USING @lo") == (((3, "cy", -4.0),), 1)
        assert err("EXECUTE sel USING @lo", other) == (
            1243, "Unknown prepared statement handler (sel) given to EXECUTE")

        # 1210 for a wrong number of USING variables, either way.
        assert q("PREPARE two FROM 'SELECT CONCAT(?, \\'-\\', ?)'") == ((), 0)
        assert err("EXECUTE two USING @lo") == (1210, "Incorrect arguments to EXECUTE")
        assert err("EXECUTE two USING @lo, @lo, @lo") == (1210, "Incorrect arguments to EXECUTE")
        assert err("EXECUTE two") == (1210, "Incorrect arguments to EXECUTE")
        assert q("SET @a = 7, @b = 'x'") == ((), 0)
        assert q("EXECUTE two USING @a, @b") == ((("7-x",),), 1)

        # Writing statements; affected rows come back in the OK packet.
        assert q("PREPARE ins FROM 'INSERT INTO q (id, name, score) VALUES (?, ?, ?)'") == ((), 0)
        assert q("SET @id = 4, @name = 'dee', @score = 2.25") == ((), 0)
        assert q("EXECUTE ins USING @id, @name, @score") == ((), 1)
        assert q("SET @id = 5, @name = NULL") == ((), 0)
        assert q("EXECUTE ins USING @id, @name, @score") == ((), 1)
        assert err("EXECUTE ins USING @id, @name, @score") == (
            1062, f"Duplicate entry '5' for key '{dup_key('q', 'PRIMARY')}'")
        assert q("PREPARE upd FROM 'UPDATE q SET score = score * ? WHERE id > ?'") == ((), 0)
        assert q("SET @k = 2, @after = 3") == ((), 0)
        assert q("EXECUTE upd USING @k, @after") == ((), 2)
        assert q("SELECT id, name, score FROM q WHERE id > 3 ORDER BY id") == (
            ((4, "dee", 4.5), (5, None, 4.5)), 2)

        # PREPARE ... FROM @variable, LIMIT ?.
        assert q("SET @text = 'SELECT name FROM q ORDER BY id LIMIT ?'") == ((), 0)
        assert q("PREPARE lim FROM @text") == ((), 0)
        assert q("SET @n = 2") == ((), 0)
        assert q("EXECUTE lim USING @n") == ((("ann",), ("bob",)), 2)
        assert q("SET @text = 'changing the variable changes nothing', @n = 1") == ((), 0)
        assert q("EXECUTE lim USING @n") == ((("ann",),), 1)

        # Re-PREPARE under the same name replaces the statement.
        assert q("PREPARE sel FROM 'SELECT COUNT(*) FROM q'") == ((), 0)
        assert q("EXECUTE sel") == (((5,),), 1)
        assert err("EXECUTE sel USING @lo") == (1210, "Incorrect arguments to EXECUTE")
        # A PREPARE that fails leaves no statement under its name.
        assert err("PREPARE sel FROM 'SELECT * FROM nosuch'") == (
            1146, "Table 'ps.nosuch' doesn't exist")
        assert err("EXECUTE sel") == (
            1243, "Unknown prepared statement handler (sel) given to EXECUTE")

        # DEALLOCATE PREPARE and its synonym DROP PREPARE.
        assert q("DEALLOCATE PREPARE two") == ((), 0)
        assert err("EXECUTE two USING @a, @b") == (
            1243, "Unknown prepared statement handler (two) given to EXECUTE")
        assert err("DEALLOCATE PREPARE two") == (
            1243, "Unknown prepared statement handler (two) given to DEALLOCATE PREPARE")
        assert q("DROP PREPARE lim") == ((), 0)
        assert err("EXECUTE nosuch") == (
            1243, "Unknown prepared statement handler (nosuch) given to EXECUTE")
        assert err("EXECUTE lim USING @n") == (
            1243, "Unknown prepared statement handler (lim) given to EXECUTE")
    finally:
        conn.close()
        other.close()


def test_prepared_writes_follow_grants_and_found_rows(srv):
    """A prepared UPDATE executed again is checked against the account's rights as they are
    at each execution; the affected rows follow CLIENT_FOUND_ROWS (rows matched) or not (rows
    changed); REPLACE and ON DUPLICATE KEY UPDATE report MySQL's counts and info line."""
    srv.sql("CREATE TABLE ps.g (id INT PRIMARY KEY, u INT UNIQUE, v INT)",
            "INSERT INTO ps.g VALUES (1, 1, 10), (2, 2, 20), (3, 3, 30)",
            "CREATE USER 'psw'@'%' " + identified("psw-pw"),
            "GRANT SELECT, UPDATE ON ps.g TO 'psw'@'%'")
    conn = srv.connect("psw", "psw-pw", database="ps")
    # PyMySQL asks for CLIENT_FOUND_ROWS (1 << 1) when told to.
    found = srv.connect(USER, PASSWORD, database="ps", client_flag=2)
    plain = srv.connect(USER, PASSWORD, database="ps")

    def q(sql, c=conn):
        with c.cursor() as cur:
            cur.execute(sql)
            # The OK packet's info, without the length byte both servers write before it
            # (PyMySQL keeps the rest of the packet).
            return cur.rowcount, c._result.message[1:]

    try:
        q("PREPARE up FROM 'UPDATE g SET v = v + ? WHERE id = ?'")
        q("SET @d = 1, @id = 1")
        assert q("EXECUTE up USING @d, @id")[0] == 1
        srv.sql("REVOKE UPDATE ON ps.g FROM 'psw'@'%'")
        with pytest.raises(pymysql.err.MySQLError) as info:
            q("EXECUTE up USING @d, @id")
        assert info.value.args[0] == 1142
        # MariaDB names the table `ps`.`g`; MySQL 8.4 'g'.
        assert re.fullmatch(r"UPDATE command denied to user 'psw'@'(localhost|127\.0\.0\.1)' "
                            r"for table ('g'|`ps`\.`g`)", info.value.args[1])
        srv.sql("GRANT UPDATE ON ps.g TO 'psw'@'%'")
        assert q("EXECUTE up USING @d, @id")[0] == 1
        assert srv.sql("SELECT v FROM ps.g WHERE id = 1") == ((12,),)

        # Setting a row to the value it has: 0 rows changed, 1 row matched.
        for c, expected in ((plain, 0), (found, 1)):
            q("PREPARE same FROM 'UPDATE g SET v = ? WHERE id = ?'", c)
            q("SET @v = 20, @id = 2", c)
            assert q("EXECUTE same USING @v, @id", c) == (
                expected, b"Rows matched: 1  Changed: 0  Warnings: 0")
            assert q("UPDATE g SET v = 20 WHERE id = 2", c)[0] == expected
            assert q("INSERT INTO g VALUES (2, 2, 20) ON DUPLICATE KEY UPDATE v = 20", c)[0] \
                == expected

        assert q("REPLACE INTO g VALUES (1, 2, 5)", plain)[0] == 3
        # (VALUES() is deprecated in MySQL 8.4: its 1287 counts in the info line)
        assert q("INSERT INTO g VALUES (3, 3, 31), (4, 4, 40) ON DUPLICATE KEY UPDATE "
                 "v = VALUES(v)", plain) == (3, b"Records: 2  Duplicates: 1  Warnings: 1")
        assert q("REPLACE INTO g VALUES (4, 4, 41), (5, 5, 50)", plain) == (
            3, b"Records: 2  Duplicates: 1  Warnings: 0")
        assert q("INSERT IGNORE INTO g VALUES (5, 9, 0), (6, 6, 60)", plain) == (
            1, b"Records: 2  Duplicates: 1  Warnings: 1")
    finally:
        conn.close()
        found.close()
        plain.close()


# ---------------------------------------------------------------------------------------------
# sysbench: oltp_read_write with prepared statements (its default) and without them


def sysbench_stats(output):
    """The numbers of the run's `SQL statistics` block."""
    stats = {}
    for key in ("read", "write", "other", "total", "transactions", "queries",
                "ignored errors", "reconnects"):
        m = re.search(rf"^\s+{key}:\s+(\d+)", output, re.M)
        assert m, f"no '{key}:' line in sysbench's output:\n{output}"
        stats[key] = int(m.group(1))
    # A statement that changes no row counts as "other", not "write": only the sum is fixed.
    stats["write+other"] = stats.pop("write") + stats.pop("other")
    return stats


STMT_COUNTERS = ("Com_stmt_prepare", "Com_stmt_execute", "Com_stmt_close")


def stmt_counters(srv):
    """The global Com_stmt_* counters that SHOW GLOBAL STATUS has."""
    rows = srv.sql("SHOW GLOBAL STATUS WHERE Variable_name IN "
                   "('Com_stmt_prepare', 'Com_stmt_execute', 'Com_stmt_close')")
    return {name: int(value) for name, value in rows}


def test_sysbench_oltp_read_write(srv):
    sysbench = tool("sysbench")
    common = ["--db-driver=mysql", "--mysql-host=127.0.0.1", f"--mysql-port={srv.port}",
              f"--mysql-user={USER}", f"--mysql-password={PASSWORD}", "--mysql-db=sbtest",
              "--tables=1", "--table-size=10000", "--rand-type=uniform"]

    def sb(test, *args, timeout=120):
        res = subprocess.run([sysbench, test] + common + list(args), capture_output=True,
                             text=True, timeout=timeout)
        assert res.returncode == 0, f"sysbench {test} {' '.join(args)} exited " \
            f"{res.returncode}:\n{res.stdout}\n{res.stderr}"
        return res.stdout

    sb("oltp_read_write", "prepare")
    assert srv.sql("SELECT COUNT(*) FROM sbtest.sbtest1")[0][0] == 10000
    before = stmt_counters(srv)
    # 300 transactions of 20 statements: BEGIN, 10 point selects, 4 range selects, 2 updates,
    # a delete, an insert, COMMIT. One thread: two would make Porpoise answer 1213 whenever
    # both transactions write (one writer at a time; a transaction that read an older snapshot
    # cannot become the writer), which sysbench retries and counts as "ignored errors".
    expected = {"read": 4200, "write+other": 1800, "total": 6000, "transactions": 300,
                "queries": 6000, "ignored errors": 0, "reconnects": 0}
    for mode in ("auto", "disable"):
        out = sb("oltp_read_write", "run", "--threads=1", "--events=300", "--time=0",
                 f"--db-ps-mode={mode}")
        assert sysbench_stats(out) == expected, f"--db-ps-mode={mode}:\n{out}"
    # Two sessions at once, each with its own prepared statement: point selects.
    out = sb("oltp_point_select", "run", "--threads=2", "--events=1000", "--time=0")
    assert sysbench_stats(out) == {"read": 1000, "write+other": 0, "total": 1000,
                                   "transactions": 1000, "queries": 1000,
                                   "ignored errors": 0, "reconnects": 0}, out
    # Each transaction deleted and re-inserted one row.
    assert srv.sql("SELECT COUNT(*) FROM sbtest.sbtest1")[0][0] == 10000
    sb("oltp_read_write", "cleanup")
    assert srv.sql("SHOW TABLES FROM sbtest") == ()
    # The prepared runs went through COM_STMT_PREPARE / EXECUTE / CLOSE (sysbench falls back
    # to plain queries only when the server answers 1295 ER_UNSUPPORTED_PS): oltp_read_write
    # prepares 11 statements and executes 6000, oltp_point_select one per thread, executed
    # 1000 times; --db-ps-mode=disable prepares nothing.
    after = stmt_counters(srv)
    assert set(before) == set(after) == set(STMT_COUNTERS), \
        f"SHOW GLOBAL STATUS lacks some of {STMT_COUNTERS}: {after}"
    assert {k: after[k] - before[k] for k in after} == \
        {"Com_stmt_prepare": 13, "Com_stmt_execute": 7000, "Com_stmt_close": 13}


def test_long_data_past_max_allowed_packet_fails_the_execution(servers):
    # COM_STMT_SEND_LONG_DATA gets no answer; what a parameter collects is capped at
    # max_allowed_packet, and executions after an overflow fail as MySQL's do, until
    # COM_STMT_RESET.
    from wire_client import ServerError, WireClient
    srv = servers.new()
    srv.initialize()
    srv.start("--max-allowed-packet=1M")
    srv.sql(f"CREATE USER 'ld'@'%' {identified('ld-pw')}")
    client = WireClient("127.0.0.1", srv.port, "ld", "ld-pw")
    statement, _ = client.prepare("SELECT ?")
    chunk = b"x" * (256 << 10)
    for _ in range(6):  # 1.5 MiB
        client._write(b"\x18" + struct.pack("<IH", statement, 0) + chunk, 0)
    # Parameter 0 bound as a BLOB with no inline value: the long data is its value.
    with pytest.raises(ServerError) as excinfo:
        client.execute_raw(statement, b"\x00\x01\x00\x00\x00" + b"\x00\x01\xfc\x00")
    assert excinfo.value.code == 1105
    assert excinfo.value.message == (
        "Parameter of prepared statement which is set through mysql_send_long_data() is "
        "longer than 'max_allowed_packet' bytes")
    with pytest.raises(ServerError) as excinfo:
        client.execute_raw(statement, b"\x00\x01\x00\x00\x00" + b"\x00\x01\xfc\x00")
    assert excinfo.value.code == 1105
    client._write(b"\x1a" + struct.pack("<I", statement), 0)  # COM_STMT_RESET
    client._check(client._read())
    for _ in range(2):  # 512 KiB fits
        client._write(b"\x18" + struct.pack("<IH", statement, 0) + chunk, 0)
    _, rows = client.execute_raw(statement, b"\x00\x01\x00\x00\x00" + b"\x00\x01\xfc\x00")
    assert rows == [("x" * (512 << 10),)]
    client.close()
