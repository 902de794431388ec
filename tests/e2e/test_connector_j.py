# MariaDB Connector/J (Debian's libmariadb-java, 2.7) doing its everyday job over TCP with a
# mysql_native_password account: Statement, PreparedStatement with client-side prepares and
# with useServerPrepStmts=true (COM_STMT_PREPARE / EXECUTE), executeBatch, transactions with
# rollback and savepoints, getGeneratedKeys, and DatabaseMetaData (getTables, getColumns,
# getPrimaryKeys, getIndexInfo, getImportedKeys, getExportedKeys) on a parent/child pair.
#
# A small Java program is written to a temporary folder, compiled once per module with javac
# against the jar and run with `java`, one section per test. It prints what it sees in a stable
# text form that is compared whole with MySQL 8.4's answer. The suite runs unchanged against
# MariaDB (PORPOISE_E2E_SERVER=mariadb); where MariaDB 10.11 answers differently the branch
# says `# MySQL 8.4: ...`.
#
# Known Porpoise gap: index CARDINALITY is always 0 (SHOW INDEX and information_schema.STATISTICS
# keep no statistics, not even after ANALYZE TABLE), so getIndexInfo's CARDINALITY is not
# printed.
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from harness import IS_PORPOISE, check_output, dup_key, identified, missing

USER, PASSWORD = "cj", "cj-pw"
JAR = Path("/usr/share/java/mariadb-java-client.jar")


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(
        "CREATE DATABASE cj CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
        f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}",
        f"GRANT ALL ON cj.* TO '{USER}'@'%'",
    )
    return server


PROGRAM = r'''
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.*;
import java.util.*;

public class E2E {
    static Connection connect(String extra) throws SQLException {
        String url = "jdbc:mariadb://127.0.0.1:" + System.getenv("CJ_PORT") + "/cj"
            + "?user=" + System.getenv("CJ_USER") + "&password=" + System.getenv("CJ_PASSWORD")
            + extra;
        return DriverManager.getConnection(url);
    }

    static void out(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(p);
        }
        System.out.println(sb);
    }

    // A value with its Java class: Integer:1, String:"x", byte[]:x'00ff', NULL.
    static String v(Object x) {
        if (x == null) return "NULL";
        String cls = x.getClass().getSimpleName();
        if (x instanceof byte[]) {
            StringBuilder sb = new StringBuilder("byte[]:x'");
            for (byte b : (byte[]) x) sb.append(String.format("%02x", b & 0xff));
            return sb.append("'").toString();
        }
        if (x instanceof String) return cls + ":" + quote((String) x);
        if (x instanceof BigDecimal) return cls + ":" + ((BigDecimal) x).toPlainString();
        return cls + ":" + x;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    static String row(ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            if (i > 1) sb.append(' ');
            sb.append(v(rs.getObject(i)));
        }
        return sb.toString();
    }

    // Chosen columns of a metadata result set, by label: "NAME=value ...".
    static void dump(String title, ResultSet rs, String... labels) throws SQLException {
        out(title + ":");
        while (rs.next()) {
            StringBuilder sb = new StringBuilder(" ");
            for (String l : labels) sb.append(' ').append(l).append('=').append(show(rs.getObject(l)));
            out(sb);
        }
        rs.close();
    }

    static String show(Object x) {
        if (x == null) return "NULL";
        if (x instanceof String) return quote((String) x);
        return x.toString();
    }

    static String err(SQLException e) {
        return e.getErrorCode() + " " + e.getSQLState() + " " + e.getMessage().replaceAll("^\\(conn=\\d+\\) ", "");
    }

    static int count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String ids(Connection c, String sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) sb.append(sb.length() > 0 ? "," : "").append(rs.getString(1));
        }
        return sb.length() > 0 ? sb.toString() : "(none)";
    }

    public static void main(String[] args) throws Exception {
        String section = args[0];
        String extra = args.length > 1 ? args[1] : "";
        try (Connection c = connect(extra)) {
            switch (section) {
                case "statements": statements(c, args[2]); break;
                case "batch": batch(c, args[2]); break;
                case "transactions": transactions(c, extra); break;
                case "metadata": metadata(c); break;
                default: throw new IllegalArgumentException(section);
            }
        }
    }

    // -----------------------------------------------------------------------------------------

    static void statements(Connection c, String t) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE " + t + " (id INT AUTO_INCREMENT PRIMARY KEY, i INT, "
                + "u BIGINT UNSIGNED, d DECIMAL(12,3), f DOUBLE, s VARCHAR(30), b BLOB, dt DATE, "
                + "dtm DATETIME(3), tm TIME) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
            int n = st.executeUpdate("INSERT INTO " + t + " (i, u, d, f, s, b, dt, dtm, tm) VALUES "
                + "(-2147483648, 18446744073709551615, -123456789.125, 0.1, 'h\u00e9llo \uD83D\uDC2C', "
                + "x'00275cff', '2024-02-29', '2024-02-29 13:45:07.123', '-838:59:59')");
            out("statement insert:", n);
            boolean isResult = st.execute("UPDATE " + t + " SET i = i + 1 WHERE id = 1");
            out("execute update: result set", isResult, "update count", st.getUpdateCount());
        }
        String insert = "INSERT INTO " + t + " (i, u, d, f, s, b, dt, dtm, tm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            out("insert parameters:", ps.getParameterMetaData().getParameterCount());
            ps.setInt(1, 42);
            ps.setObject(2, new BigInteger("9223372036854775808"));
            ps.setBigDecimal(3, new BigDecimal("0.5"));
            ps.setDouble(4, -1e300);
            ps.setString(5, "it's \"q\" \\ \uD83D\uDC2C");
            ps.setBytes(6, new byte[] {0, 1, (byte) 0xfe});
            ps.setDate(7, java.sql.Date.valueOf("1000-01-01"));
            ps.setTimestamp(8, Timestamp.valueOf("9999-12-31 23:59:59.999"));
            ps.setTime(9, Time.valueOf("12:34:56"));
            out("prepared insert:", ps.executeUpdate());
            for (int i = 1; i <= 9; i++) ps.setNull(i, Types.NULL);
            out("prepared insert of NULLs:", ps.executeUpdate());
            ps.setLong(1, 7);
            ps.setLong(2, 0);
            ps.setString(3, "12.5");
            ps.setFloat(4, 0.25f);
            ps.setString(5, "");
            ps.setBytes(6, new byte[0]);
            ps.setString(7, "2024-01-02");
            ps.setString(8, "2024-01-02 03:04:05");
            ps.setString(9, "-00:00:01");
            out("prepared insert of strings:", ps.executeUpdate());
        }
        String select = "SELECT id, i, u, d, f, s, b, dt, dtm, tm FROM " + t + " WHERE id >= ? ORDER BY id";
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                StringBuilder cols = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.append(i > 1 ? ", " : "").append(md.getColumnLabel(i)).append(':')
                        .append(md.getColumnTypeName(i)).append('/').append(md.getColumnType(i));
                }
                out("columns:", cols);
                while (rs.next()) {
                    // TIME through getString: java.sql.Time cannot hold -838:59:59.
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= 9; i++) sb.append(v(rs.getObject(i))).append(' ');
                    out(" ", sb.append("tm=").append(show(rs.getString(10))));
                }
            }
            ps.setInt(1, 4);
            try (ResultSet rs = ps.executeQuery()) {
                out("from id 4:", rs.next() ? rs.getInt(1) : -1, rs.next());
            }
        }
        // Typed getters on one row.
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT i, u, d, f, dt, dtm FROM " + t + " WHERE id = 1")) {
            rs.next();
            out("getters:", rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getDouble(4),
                rs.getDate(5), rs.getTimestamp(6));
            out("getLong of BIGINT UNSIGNED max:", errorOf(() -> rs.getLong(2)));
        }
        // LIMIT ? and errors from a PreparedStatement.
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + t + " ORDER BY id LIMIT ?")) {
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) sb.append(rs.getInt(1)).append(';');
                out("limit 2:", sb);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id) VALUES (?)")) {
            ps.setInt(1, 1);
            ps.executeUpdate();
            out("duplicate accepted?");
        } catch (SQLException e) {
            out("duplicate:", err(e));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM nosuch WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.executeQuery();
            out("unknown table accepted?");
        } catch (SQLException e) {
            out("unknown table:", err(e));
        }
    }

    interface Thrower { Object run() throws SQLException; }

    static String errorOf(Thrower t) {
        try {
            return "value " + t.run();
        } catch (SQLException e) {
            return "SQLException";
        }
    }

    // -----------------------------------------------------------------------------------------

    static void batch(Connection c, String t) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE " + t + " (id INT AUTO_INCREMENT PRIMARY KEY, "
                + "n INT NOT NULL, label VARCHAR(20), UNIQUE KEY uniq_label (label))");
        }
        // 100 rows through one PreparedStatement batch.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (n, label) VALUES (?, ?)")) {
            for (int i = 1; i <= 100; i++) {
                ps.setInt(1, i);
                ps.setString(2, "row " + i);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            out("batch of 100:", counts.length, "counts", summary(counts));
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(n), MIN(id), MAX(id) FROM " + t)) {
            rs.next();
            out("table:", row(rs));
        }
        // A Statement batch of different statements.
        try (Statement st = c.createStatement()) {
            st.addBatch("UPDATE " + t + " SET n = n * 2 WHERE n <= 10");
            st.addBatch("DELETE FROM " + t + " WHERE n > 90");
            st.addBatch("INSERT INTO " + t + " (n, label) VALUES (0, 'zero')");
            out("statement batch:", Arrays.toString(st.executeBatch()));
        }
        // getGeneratedKeys: one row, several rows in one statement, a prepared batch.
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO " + t + " (n) VALUES (1000)", Statement.RETURN_GENERATED_KEYS);
            out("generated (one row):", keys(st.getGeneratedKeys()));
            st.executeUpdate("INSERT INTO " + t + " (n) VALUES (1001), (1002), (1003)",
                             Statement.RETURN_GENERATED_KEYS);
            out("generated (three rows):", keys(st.getGeneratedKeys()));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (n) VALUES (?)",
                                                       Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, 2000);
            ps.executeUpdate();
            out("generated (prepared):", keys(ps.getGeneratedKeys()));
            for (int i = 1; i <= 3; i++) {
                ps.setInt(1, 2000 + i);
                ps.addBatch();
            }
            ps.executeBatch();
            out("generated (prepared batch):", keys(ps.getGeneratedKeys()));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (n) VALUES (?)",
                                                       new String[] {"id"})) {
            ps.setInt(1, 3000);
            ps.executeUpdate();
            out("generated (by column name):", keys(ps.getGeneratedKeys()));
        }
        out("ids from 100:", ids(c, "SELECT id FROM " + t + " WHERE id > 100 ORDER BY id"));
        // A batch that fails on its third row: Connector/J goes on with the rest
        // (continueBatchOnError defaults to true).
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (n, label) VALUES (?, ?)")) {
            String[] labels = {"a", "b", "row 5", "c"};
            for (String l : labels) {
                ps.setInt(1, -1);
                ps.setString(2, l);
                ps.addBatch();
            }
            ps.executeBatch();
            out("failing batch accepted?");
        } catch (BatchUpdateException e) {
            out("failing batch:", err(e), "counts", Arrays.toString(e.getUpdateCounts()));
        }
        out("labels a, b, c:", ids(c, "SELECT label FROM " + t + " WHERE label IN ('a', 'b', 'c') ORDER BY label"));
    }

    static String summary(int[] counts) {
        TreeMap<Integer, Integer> m = new TreeMap<>();
        for (int x : counts) m.merge(x, 1, Integer::sum);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Integer, Integer> e : m.entrySet()) {
            sb.append(sb.length() > 0 ? " " : "").append(e.getValue()).append("x").append(e.getKey());
        }
        return sb.toString();
    }

    static String keys(ResultSet rs) throws SQLException {
        StringBuilder sb = new StringBuilder();
        while (rs.next()) sb.append(sb.length() > 0 ? "," : "").append(rs.getLong(1));
        rs.close();
        return sb.length() > 0 ? sb.toString() : "(none)";
    }

    // -----------------------------------------------------------------------------------------

    static void transactions(Connection c, String extra) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE tx (id INT PRIMARY KEY, v VARCHAR(10))");
        }
        try (Connection other = connect(extra)) {
            out("autocommit:", c.getAutoCommit());
            c.setAutoCommit(false);
            PreparedStatement ins = c.prepareStatement("INSERT INTO tx VALUES (?, ?)");
            ins.setInt(1, 1); ins.setString(2, "one"); ins.executeUpdate();
            out("inside:", count(c, "tx"), "other session:", count(other, "tx"));
            c.rollback();
            out("after rollback:", count(c, "tx"));

            ins.setInt(1, 1); ins.setString(2, "a"); ins.executeUpdate();
            Savepoint sp1 = c.setSavepoint("sp1");
            out("savepoint:", sp1.getSavepointName());
            ins.setInt(1, 2); ins.setString(2, "b"); ins.executeUpdate();
            Savepoint sp2 = c.setSavepoint();
            ins.setInt(1, 3); ins.setString(2, "c"); ins.executeUpdate();
            out("before rollback to sp1:", ids(c, "SELECT v FROM tx ORDER BY id"));
            c.rollback(sp1);
            out("after rollback to sp1:", ids(c, "SELECT v FROM tx ORDER BY id"));
            Savepoint sp3 = c.setSavepoint("sp3");
            ins.setInt(1, 4); ins.setString(2, "d"); ins.executeUpdate();
            c.releaseSavepoint(sp3);
            try {
                c.rollback(sp2);
                out("rollback to a savepoint that was rolled past succeeded?");
            } catch (SQLException e) {
                out("rollback to sp2:", e.getErrorCode(), e.getSQLState());
            }
            out("other session before commit:", ids(other, "SELECT v FROM tx ORDER BY id"));
            c.commit();
            out("other session after commit:", ids(other, "SELECT v FROM tx ORDER BY id"));

            // An error does not end the transaction.
            ins.setInt(1, 5); ins.setString(2, "e"); ins.executeUpdate();
            try {
                ins.setInt(1, 1); ins.setString(2, "dup"); ins.executeUpdate();
            } catch (SQLException e) {
                out("duplicate:", err(e));
            }
            out("inside after the error:", ids(c, "SELECT v FROM tx ORDER BY id"));
            c.rollback();
            out("after rollback:", ids(c, "SELECT v FROM tx ORDER BY id"));
            ins.close();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO tx VALUES (6, 'f')");
            }
            out("autocommit again:", ids(other, "SELECT v FROM tx ORDER BY id"));
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            out("isolation:", c.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    // -----------------------------------------------------------------------------------------

    static void metadata(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE md_parent (id INT AUTO_INCREMENT PRIMARY KEY, "
                + "code VARCHAR(10) NOT NULL, name VARCHAR(50) DEFAULT 'none' COMMENT 'display name', "
                + "UNIQUE KEY uniq_code (code)) COMMENT 'the parents'");
            st.executeUpdate("CREATE TABLE md_child (parent_id INT NOT NULL, seq SMALLINT NOT NULL, "
                + "note TEXT, amount DECIMAL(8,2) NOT NULL DEFAULT 0, created DATETIME(3), "
                + "PRIMARY KEY (parent_id, seq), KEY idx_amount_created (amount, created), "
                + "CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES md_parent (id) "
                + "ON DELETE CASCADE ON UPDATE RESTRICT)");
            st.executeUpdate("CREATE VIEW md_parent_names AS SELECT name FROM md_parent");
        }
        DatabaseMetaData md = c.getMetaData();
        out("product:", md.getDatabaseProductName(), "| driver:", md.getDriverName());
        out("catalog:", c.getCatalog());
        dump("getTables TABLE", md.getTables("cj", null, "md%", new String[] {"TABLE"}),
             "TABLE_CAT", "TABLE_NAME", "TABLE_TYPE", "REMARKS");
        dump("getTables VIEW", md.getTables("cj", null, "md%", new String[] {"VIEW"}),
             "TABLE_CAT", "TABLE_NAME", "TABLE_TYPE");
        for (String t : new String[] {"md_parent", "md_child"}) {
            dump("getColumns " + t, md.getColumns("cj", null, t, "%"),
                 "ORDINAL_POSITION", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE",
                 "DECIMAL_DIGITS", "NULLABLE", "IS_NULLABLE", "COLUMN_DEF", "IS_AUTOINCREMENT",
                 "REMARKS");
            dump("getPrimaryKeys " + t, md.getPrimaryKeys("cj", null, t),
                 "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
            // Porpoise gap: CARDINALITY is always 0 (SHOW INDEX / information_schema.STATISTICS
            // keep no statistics), so it is not printed.
            dump("getIndexInfo " + t, md.getIndexInfo("cj", null, t, false, false),
                 "NON_UNIQUE", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME",
                 "ASC_OR_DESC");
        }
        dump("getIndexInfo md_parent unique", md.getIndexInfo("cj", null, "md_parent", true, false),
             "NON_UNIQUE", "INDEX_NAME", "COLUMN_NAME");
        String[] fk = {"PKTABLE_CAT", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_NAME",
                       "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME",
                       "DEFERRABILITY"};
        dump("getImportedKeys md_child", md.getImportedKeys("cj", null, "md_child"), fk);
        dump("getImportedKeys md_parent", md.getImportedKeys("cj", null, "md_parent"), fk);
        dump("getExportedKeys md_parent", md.getExportedKeys("cj", null, "md_parent"), fk);
        dump("getCrossReference", md.getCrossReference("cj", null, "md_parent", "cj", null, "md_child"), fk);
    }
}
'''


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    """The compiled program: (java, classpath). Fails when the JDK or the jar is missing."""
    javac, java = shutil.which("javac"), shutil.which("java")
    if javac is None or java is None:
        missing("javac/java not found: tests/e2e/test_connector_j.py needs a JDK "
                "(apt-get install default-jdk-headless)")
    if not JAR.exists():
        missing(f"MariaDB Connector/J not found at {JAR}: apt-get install libmariadb-java")
    folder = tmp_path_factory.mktemp("connector-j")
    (folder / "E2E.java").write_text(PROGRAM)
    res = subprocess.run([javac, "-encoding", "UTF-8", "-cp", str(JAR), "-d", str(folder),
                          str(folder / "E2E.java")], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, f"javac failed:\n{res.stdout}\n{res.stderr}"
    return java, f"{JAR}{os.pathsep}{folder}"


def run_java(srv, program, *args):
    """Runs a section of the program against srv in UTC; returns its stdout. A non-zero exit
    or anything on stderr fails the test."""
    java, classpath = program
    env = dict(os.environ, CJ_PORT=str(srv.port), CJ_USER=USER, CJ_PASSWORD=PASSWORD, TZ="UTC")
    res = subprocess.run([java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC",
                          "-Dfile.encoding=UTF-8", "-cp", classpath, "E2E"] + list(args),
                         capture_output=True, text=True, timeout=60, env=env)
    assert res.returncode == 0 and not res.stderr, \
        f"java exited {res.returncode}\n--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}"
    return res.stdout


PREPARES = pytest.mark.parametrize("mode", ["client", "server"], ids=["client-prepares",
                                                                       "server-prepares"])


def url_options(mode):
    return "&useServerPrepStmts=true" if mode == "server" else ""


@PREPARES
def test_statements_and_prepared_statements(srv, program, mode):
    table = f"ty_{mode}"
    out = run_java(srv, program, "statements", url_options(mode), table)
    # Connector/J 2.7 writes a TIME from a binary (server-prepared) row with six fractional
    # digits, and from a text row as the server sent it.
    frac = ".000000" if mode == "server" else ""
    check_output(out, rf"""
        statement insert: 1
        execute update: result set false update count 1
        insert parameters: 9
        prepared insert: 1
        prepared insert of NULLs: 1
        prepared insert of strings: 1
        columns: id:INTEGER/4, i:INTEGER/4, u:BIGINT UNSIGNED/-5, d:DECIMAL/3, f:DOUBLE/8, s:VARCHAR/12, b:BLOB/-3, dt:DATE/91, dtm:DATETIME/93, tm:TIME/92
          Integer:1 Integer:-2147483647 BigInteger:18446744073709551615 BigDecimal:-123456789.125 Double:0.1 String:"héllo 🐬" byte[]:x'00275cff' Date:2024-02-29 Timestamp:2024-02-29 13:45:07.123 tm="-838:59:59{frac}"
          Integer:2 Integer:42 BigInteger:9223372036854775808 BigDecimal:0.500 Double:-1.0E300 String:"it's \"q\" \\ 🐬" byte[]:x'0001fe' Date:1000-01-01 Timestamp:9999-12-31 23:59:59.999 tm="12:34:56{frac}"
          Integer:3 NULL NULL NULL NULL NULL NULL NULL NULL tm=NULL
          Integer:4 Integer:7 BigInteger:0 BigDecimal:12.500 Double:0.25 String:"" byte[]:x'' Date:2024-01-02 Timestamp:2024-01-02 03:04:05.0 tm="-00:00:01{frac}"
        from id 4: 4 false
        getters: -2147483647 18446744073709551615 -123456789.125 0.1 2024-02-29 2024-02-29 13:45:07.123
        getLong of BIGINT UNSIGNED max: SQLException
        limit 2: 1;2;
        duplicate: 1062 23000 Duplicate entry '1' for key '{dup_key(table, "PRIMARY")}'
        unknown table: 1146 42S02 Table 'cj.nosuch' doesn't exist
    """)


@PREPARES
def test_execute_batch_and_generated_keys(srv, program, mode):
    table = f"bt_{mode}"
    out = run_java(srv, program, "batch", url_options(mode), table)
    check_output(out, rf'''
        batch of 100: 100 counts 100x1
        table: Long:100 BigDecimal:5050 Integer:1 Integer:100
        statement batch: [10, 10, 1]
        generated (one row): 102
        generated (three rows): 103,104,105
        generated (prepared): 106
        generated (prepared batch): 107,108,109
        generated (by column name): 110
        ids from 100: 101,102,103,104,105,106,107,108,109,110
        failing batch: 1062 23000 Duplicate entry 'row 5' for key '{dup_key(table, "uniq_label")}' counts [1, 1, -3, 1]
        labels a, b, c: a,b,c
    ''')


def test_transactions_and_savepoints(srv, program):
    out = run_java(srv, program, "transactions", url_options("server"))
    check_output(out, f"""
        autocommit: true
        inside: 1 other session: 0
        after rollback: 0
        savepoint: sp1
        before rollback to sp1: a,b,c
        after rollback to sp1: a
        rollback to sp2: 1305 42000
        other session before commit: (none)
        other session after commit: a,d
        duplicate: 1062 23000 Duplicate entry '1' for key '{dup_key("tx", "PRIMARY")}'
        inside after the error: a,d,e
        after rollback: a,d
        autocommit again: a,d,f
        isolation: true
    """)


def test_database_metadata(srv, program):
    out = run_java(srv, program, "metadata")
    # MySQL 8.4: Connector/J calls the product MySQL; it says MariaDB when the server's version
    # string names MariaDB.
    product = "MySQL" if IS_PORPOISE else "MariaDB"
    # MySQL 8.4: information_schema.COLUMNS.COLUMN_DEFAULT holds a string default as it is and
    # SQL NULL when there is none; MariaDB 10.11 writes a quoted literal, and 'NULL' for a
    # nullable column without a default.
    none, null = ('"none"', "NULL") if IS_PORPOISE else ('"\'none\'"', '"NULL"')
    check_output(out, f"""
        product: {product} | driver: MariaDB Connector/J
        catalog: cj
        getTables TABLE:
          TABLE_CAT="cj" TABLE_NAME="md_child" TABLE_TYPE="TABLE" REMARKS=""
          TABLE_CAT="cj" TABLE_NAME="md_parent" TABLE_TYPE="TABLE" REMARKS="the parents"
        getTables VIEW:
          TABLE_CAT="cj" TABLE_NAME="md_parent_names" TABLE_TYPE="VIEW"
        getColumns md_parent:
          ORDINAL_POSITION=1 COLUMN_NAME="id" DATA_TYPE=4 TYPE_NAME="INT" COLUMN_SIZE=10 DECIMAL_DIGITS=0 NULLABLE=0 IS_NULLABLE="NO" COLUMN_DEF=NULL IS_AUTOINCREMENT="YES" REMARKS=""
          ORDINAL_POSITION=2 COLUMN_NAME="code" DATA_TYPE=12 TYPE_NAME="VARCHAR" COLUMN_SIZE=10 DECIMAL_DIGITS=NULL NULLABLE=0 IS_NULLABLE="NO" COLUMN_DEF=NULL IS_AUTOINCREMENT="NO" REMARKS=""
          ORDINAL_POSITION=3 COLUMN_NAME="name" DATA_TYPE=12 TYPE_NAME="VARCHAR" COLUMN_SIZE=50 DECIMAL_DIGITS=NULL NULLABLE=1 IS_NULLABLE="YES" COLUMN_DEF={none} IS_AUTOINCREMENT="NO" REMARKS="display name"
        getPrimaryKeys md_parent:
          TABLE_NAME="md_parent" COLUMN_NAME="id" KEY_SEQ=1 PK_NAME="PRIMARY"
        getIndexInfo md_parent:
          NON_UNIQUE=0 INDEX_NAME="PRIMARY" TYPE=3 ORDINAL_POSITION=1 COLUMN_NAME="id" ASC_OR_DESC="A"
          NON_UNIQUE=0 INDEX_NAME="uniq_code" TYPE=3 ORDINAL_POSITION=1 COLUMN_NAME="code" ASC_OR_DESC="A"
        getColumns md_child:
          ORDINAL_POSITION=1 COLUMN_NAME="parent_id" DATA_TYPE=4 TYPE_NAME="INT" COLUMN_SIZE=10 DECIMAL_DIGITS=0 NULLABLE=0 IS_NULLABLE="NO" COLUMN_DEF=NULL IS_AUTOINCREMENT="NO" REMARKS=""
          ORDINAL_POSITION=2 COLUMN_NAME="seq" DATA_TYPE=5 TYPE_NAME="SMALLINT" COLUMN_SIZE=5 DECIMAL_DIGITS=0 NULLABLE=0 IS_NULLABLE="NO" COLUMN_DEF=NULL IS_AUTOINCREMENT="NO" REMARKS=""
          ORDINAL_POSITION=3 COLUMN_NAME="note" DATA_TYPE=-1 TYPE_NAME="TEXT" COLUMN_SIZE=65535 DECIMAL_DIGITS=NULL NULLABLE=1 IS_NULLABLE="YES" COLUMN_DEF={null} IS_AUTOINCREMENT="NO" REMARKS=""
          ORDINAL_POSITION=4 COLUMN_NAME="amount" DATA_TYPE=3 TYPE_NAME="DECIMAL" COLUMN_SIZE=8 DECIMAL_DIGITS=2 NULLABLE=0 IS_NULLABLE="NO" COLUMN_DEF="0.00" IS_AUTOINCREMENT="NO" REMARKS=""
          ORDINAL_POSITION=5 COLUMN_NAME="created" DATA_TYPE=93 TYPE_NAME="DATETIME" COLUMN_SIZE=23 DECIMAL_DIGITS=NULL NULLABLE=1 IS_NULLABLE="YES" COLUMN_DEF={null} IS_AUTOINCREMENT="NO" REMARKS=""
        getPrimaryKeys md_child:
          TABLE_NAME="md_child" COLUMN_NAME="parent_id" KEY_SEQ=1 PK_NAME="PRIMARY"
          TABLE_NAME="md_child" COLUMN_NAME="seq" KEY_SEQ=2 PK_NAME="PRIMARY"
        getIndexInfo md_child:
          NON_UNIQUE=0 INDEX_NAME="PRIMARY" TYPE=3 ORDINAL_POSITION=1 COLUMN_NAME="parent_id" ASC_OR_DESC="A"
          NON_UNIQUE=0 INDEX_NAME="PRIMARY" TYPE=3 ORDINAL_POSITION=2 COLUMN_NAME="seq" ASC_OR_DESC="A"
          NON_UNIQUE=1 INDEX_NAME="idx_amount_created" TYPE=3 ORDINAL_POSITION=1 COLUMN_NAME="amount" ASC_OR_DESC="A"
          NON_UNIQUE=1 INDEX_NAME="idx_amount_created" TYPE=3 ORDINAL_POSITION=2 COLUMN_NAME="created" ASC_OR_DESC="A"
        getIndexInfo md_parent unique:
          NON_UNIQUE=0 INDEX_NAME="PRIMARY" COLUMN_NAME="id"
          NON_UNIQUE=0 INDEX_NAME="uniq_code" COLUMN_NAME="code"
        getImportedKeys md_child:
          PKTABLE_CAT="cj" PKTABLE_NAME="md_parent" PKCOLUMN_NAME="id" FKTABLE_CAT="cj" FKTABLE_NAME="md_child" FKCOLUMN_NAME="parent_id" KEY_SEQ=1 UPDATE_RULE=1 DELETE_RULE=0 FK_NAME="fk_child_parent" DEFERRABILITY=7
        getImportedKeys md_parent:
        getExportedKeys md_parent:
          PKTABLE_CAT="cj" PKTABLE_NAME="md_parent" PKCOLUMN_NAME="id" FKTABLE_CAT="cj" FKTABLE_NAME="md_child" FKCOLUMN_NAME="parent_id" KEY_SEQ=1 UPDATE_RULE=1 DELETE_RULE=0 FK_NAME="fk_child_parent" DEFERRABILITY=7
        getCrossReference:
          PKTABLE_CAT="cj" PKTABLE_NAME="md_parent" PKCOLUMN_NAME="id" FKTABLE_CAT="cj" FKTABLE_NAME="md_child" FKCOLUMN_NAME="parent_id" KEY_SEQ=1 UPDATE_RULE=1 DELETE_RULE=0 FK_NAME="fk_child_parent" DEFERRABILITY=7
    """)
