# A temporary table belongs to the connection that made it: another connection sees the table
# it shadows, and it is gone when its connection closes or resets (the pooled SQLite
# connection handed to the next session carries none of it). COM_RESET_CONNECTION drops them
# too: test_connector_probes.py.


def test_temporary_tables_are_per_connection(server):
    server.sql("CREATE DATABASE tmpdb", "CREATE TABLE tmpdb.t (a INT)", "INSERT INTO tmpdb.t VALUES (1)")
    first = server.root(database="tmpdb")
    second = server.root(database="tmpdb")
    with first.cursor() as cur:
        cur.execute("CREATE TEMPORARY TABLE t (b VARCHAR(3))")
        cur.execute("INSERT INTO t VALUES ('own')")
        cur.execute("SELECT * FROM t")
        assert cur.fetchall() == (("own",),)
    with second.cursor() as cur:
        cur.execute("SELECT * FROM t")
        assert cur.fetchall() == ((1,),)
        cur.execute("CREATE TEMPORARY TABLE t (c INT)")  # its own, no clash
        cur.execute("SELECT COUNT(*) FROM t")
        assert cur.fetchall() == ((0,),)
    first.close()
    second.close()
    # Sessions that follow (on the connections the closed ones went back to) see none of it.
    for _ in range(3):
        with server.root(database="tmpdb") as conn, conn.cursor() as cur:
            cur.execute("SELECT * FROM t")
            assert cur.fetchall() == ((1,),)
