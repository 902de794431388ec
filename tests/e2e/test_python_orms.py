# Python's database stack as Debian packages it, over TCP with a mysql_native_password account:
# SQLAlchemy 1.4 (python3-sqlalchemy) through both of its MySQL drivers, PyMySQL
# (`mysql+pymysql`) and mysqlclient (`mysql+mysqldb`, libmariadb underneath): declarative models
# with relationships and foreign keys, create_all, the unit of work (add, commit, update,
# cascading deletes in the ORM and in the database), queries with joins, filters, ordering and
# limits, savepoints (begin_nested), and reflection (inspect(engine).get_* and
# Table(..., autoload_with=engine)); then mysqlclient's own API: executemany, callproc with an
# OUT parameter, multiple statements with nextset, and server-side cursors (SSCursor).
#
# Every client script runs in its own interpreter and prints what it sees in a stable text form
# that is compared whole with MySQL 8.4's answer. The suite runs unchanged against MariaDB
# (PORPOISE_E2E_SERVER=mariadb); where MariaDB 10.11 answers differently the branch says
# `# MySQL 8.4: ...`.
import os
import subprocess
import sys
import textwrap

import pytest

from harness import IS_PORPOISE, check_output, identified, missing

USER, PASSWORD = "orm", "orm-pw"
DRIVERS = ("pymysql", "mysqldb")
DATABASES = [f"orm_{d}" for d in DRIVERS] + [f"refl_{d}" for d in DRIVERS] + ["mdb"]


@pytest.fixture(scope="module")
def srv(module_servers):
    server = module_servers.started()
    server.sql(f"CREATE USER '{USER}'@'%' {identified(PASSWORD)}")
    for db in DATABASES:
        server.sql(f"CREATE DATABASE {db}", f"GRANT ALL ON {db}.* TO '{USER}'@'%'")
    return server


# What each script imports, as Debian packages it.
MODULES = {"sqlalchemy": "python3-sqlalchemy", "pymysql": "python3-pymysql",
           "MySQLdb": "python3-mysqldb"}
_checked = {}


def need(*modules):
    """Fails the test (does not skip it) when this interpreter cannot import a module."""
    for module in modules:
        if module not in _checked:
            res = subprocess.run([sys.executable, "-c", f"import {module}"],
                                 capture_output=True, timeout=60)
            _checked[module] = res.returncode == 0
        if not _checked[module]:
            missing(f"Python module {module} is not installed: apt-get install {MODULES[module]}")


def run_python(srv, body, database, prelude="", **env):
    """Runs a Python script (prelude + dedented body) in a fresh interpreter, with the server's
    port, the account and the database in ORM_PORT, ORM_USER, ORM_PASSWORD, ORM_DB; returns its
    stdout. A non-zero exit or anything on stderr (warnings included) fails the test."""
    env = dict(os.environ, ORM_PORT=str(srv.port), ORM_USER=USER, ORM_PASSWORD=PASSWORD,
               ORM_DB=database, PYTHONWARNINGS="default", **env)
    env.pop("SQLALCHEMY_WARN_20", None)
    res = subprocess.run([sys.executable, "-"], input=prelude + textwrap.dedent(body),
                         capture_output=True, text=True, timeout=120, env=env)
    assert res.returncode == 0 and not res.stderr, \
        f"python exited {res.returncode}\n--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}"
    return res.stdout


# ---------------------------------------------------------------------------------------------
# SQLAlchemy

SA_PRELUDE = r'''
import datetime, decimal, enum, os, warnings
# SQLAlchemy's own warnings (a type reflection does not recognise, a relationship conflict)
# are errors.
from sqlalchemy.exc import SAWarning
warnings.simplefilter("error", SAWarning)
from sqlalchemy import (Boolean, CHAR, Column, Date, DateTime, Enum, Float, ForeignKey, Integer,
                        LargeBinary, MetaData, Numeric, String, Table, Text, UniqueConstraint,
                        create_engine, func, inspect, select, text, update)
from sqlalchemy.orm import Session, declarative_base, relationship

DRIVER = os.environ["ORM_DRIVER"]
engine = create_engine(
    f"mysql+{DRIVER}://{os.environ['ORM_USER']}:{os.environ['ORM_PASSWORD']}"
    f"@127.0.0.1:{os.environ['ORM_PORT']}/{os.environ['ORM_DB']}?charset=utf8mb4", future=True)
Base = declarative_base()


class Author(Base):
    __tablename__ = "author"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False, unique=True)
    country = Column(String(2), nullable=False, server_default="NZ")
    # RANK is a reserved word since MySQL 8.0.2: SQLAlchemy quotes it.
    rank = Column(Integer, server_default="0")
    # passive_deletes: ON DELETE CASCADE in the database removes an author's books.
    books = relationship("Book", back_populates="author", order_by="Book.id",
                         cascade="all, delete-orphan", passive_deletes=True)


class Book(Base):
    __tablename__ = "book"
    __table_args__ = (UniqueConstraint("title", "published", name="uq_title_published"),)
    id = Column(Integer, primary_key=True)
    # index=True: create_all adds CREATE INDEX ix_book_author_id after the CREATE TABLE whose
    # FOREIGN KEY made an index of its own; MySQL drops that one then.
    author_id = Column(Integer, ForeignKey("author.id", ondelete="CASCADE"), nullable=False,
                       index=True)
    title = Column(String(100), nullable=False)
    price = Column(Numeric(8, 2))
    published = Column(Date)
    author = relationship("Author", back_populates="books")
    # Without passive_deletes the ORM deletes a book's reviews itself.
    reviews = relationship("Review", back_populates="book", order_by="Review.id",
                           cascade="all, delete-orphan")


class Review(Base):
    __tablename__ = "review"
    id = Column(Integer, primary_key=True)
    # No index of its own: the FOREIGN KEY's index stays.
    book_id = Column(Integer, ForeignKey("book.id", ondelete="CASCADE"), nullable=False)
    stars = Column(Integer, nullable=False)
    book = relationship("Book", back_populates="reviews")


class Kind(enum.Enum):
    talk = 1
    signing = 2


class Event(Base):
    __tablename__ = "event"
    id = Column(Integer, primary_key=True, autoincrement=False)
    kind = Column(Enum(Kind), nullable=False, server_default="talk")
    happened = Column(DateTime, nullable=False, server_default=func.now())
    public = Column(Boolean, nullable=False, server_default=text("1"))
    ratio = Column(Float)
    score = Column(Numeric(5, 1), server_default="2.5")
    code = Column(CHAR(3))
    notes = Column(Text)
    payload = Column(LargeBinary)


def show(label, rows):
    print(f"{label}:")
    for row in rows:
        print("  " + " | ".join("NULL" if v is None else repr(v) if isinstance(v, str) else
                                str(v) for v in row))


Base.metadata.create_all(engine)
'''


@pytest.mark.parametrize("driver", DRIVERS)
def test_sqlalchemy_orm(srv, driver):
    need("sqlalchemy", "pymysql" if driver == "pymysql" else "MySQLdb")
    out = run_python(srv, prelude=SA_PRELUDE, database=f"orm_{driver}", ORM_DRIVER=driver,
                     body=r'''
        with Session(engine, future=True) as s:
            le_guin = Author(name="Le Guin", country="US", books=[
                Book(title="The Dispossessed", price=decimal.Decimal("12.50"),
                     published=datetime.date(1974, 5, 1),
                     reviews=[Review(stars=5), Review(stars=4)]),
                Book(title="The Lathe of Heaven", price=decimal.Decimal("9.99"),
                     published=datetime.date(1971, 1, 1))])
            frame = Author(name="Janet Frame", books=[
                Book(title="Owls Do Cry", published=datetime.date(1957, 1, 1),
                     reviews=[Review(stars=3)])])
            s.add_all([le_guin, frame])
            s.commit()
            print("ids:", le_guin.id, frame.id, [b.id for b in le_guin.books], frame.books[0].id)
            # The server's defaults are read back after the INSERT.
            print("defaults:", frame.country, frame.rank)

            q = (select(Author.name, Book.title, Book.price)
                 .join(Book, Book.author_id == Author.id)
                 .where(Book.published >= datetime.date(1960, 1, 1))
                 .order_by(Book.published.desc())
                 .limit(2))
            show("join", s.execute(q))
            q = (select(Author.name, func.count(Review.id), func.avg(Review.stars))
                 .join(Author.books).outerjoin(Book.reviews)
                 .group_by(Author.name).order_by(Author.name))
            show("outer join, group by", s.execute(q))
            show("like, offset, lazy load",
                 [(b.title, b.author.name) for b in
                  s.query(Book).filter(Book.title.like("The %")).order_by(Book.title)
                  .offset(1).limit(5)])
            show("in, is null", s.execute(select(Book.title).where(
                Book.author_id.in_([frame.id, 99]), Book.price.is_(None))))

            # Updates: through the unit of work, then one UPDATE statement.
            frame.country = "AU"
            frame.books[0].price = decimal.Decimal("20.00")
            s.commit()
            res = s.execute(update(Book).where(Book.price < 15).values(price=Book.price + 1))
            print("bulk update rowcount:", res.rowcount)
            s.commit()
            show("prices", s.execute(select(Book.title, Book.price).order_by(Book.id)))

            # Savepoints: one rolled back, one released, one that fails and rolls back.
            sp = s.begin_nested()
            s.add(Author(name="Rolled Back"))
            s.flush()
            print("inside the savepoint:", s.scalar(select(func.count()).select_from(Author)))
            sp.rollback()
            with s.begin_nested():
                s.add(Author(name="Kept", books=[Book(title="Kept Book")]))
            try:
                with s.begin_nested():
                    s.add(Author(name="Kept"))
            except Exception as e:
                print("duplicate:", type(e).__name__, e.orig.args[0])
            s.commit()
            show("authors", s.execute(select(Author.name, Author.country, Author.rank)
                                      .order_by(Author.id)))

            # Cascading deletes: the ORM deletes a book's reviews, the database an author's
            # books and their reviews.
            s.delete(s.execute(select(Book).where(Book.title == "The Dispossessed"))
                     .scalar_one())
            s.commit()
            print("reviews after deleting a book:",
                  s.scalar(select(func.count()).select_from(Review)))
            s.delete(s.execute(select(Author).where(Author.name == "Janet Frame")).scalar_one())
            s.commit()
            show("books left", s.execute(select(Book.title, Author.name).join(Book.author)
                                         .order_by(Book.id)))
            print("reviews left:", s.scalar(select(func.count()).select_from(Review)))
    ''')
    check_output(out, '''
        ids: 1 2 [1, 2] 3
        defaults: NZ 0
        join:
          'Le Guin' | 'The Dispossessed' | 12.50
          'Le Guin' | 'The Lathe of Heaven' | 9.99
        outer join, group by:
          'Janet Frame' | 1 | 3.0000
          'Le Guin' | 2 | 4.5000
        like, offset, lazy load:
          'The Lathe of Heaven' | 'Le Guin'
        in, is null:
          'Owls Do Cry'
        bulk update rowcount: 2
        prices:
          'The Dispossessed' | 13.50
          'The Lathe of Heaven' | 10.99
          'Owls Do Cry' | 20.00
        inside the savepoint: 3
        duplicate: IntegrityError 1062
        authors:
          'Le Guin' | 'US' | 0
          'Janet Frame' | 'AU' | 0
          'Kept' | 'NZ' | 0
        reviews after deleting a book: 1
        books left:
          'The Lathe of Heaven' | 'Le Guin'
          'Kept Book' | 'Kept'
        reviews left: 0
    ''')


def int_type(width):
    # MySQL 8.4: integer display widths are gone (only TINYINT(1) keeps one); MariaDB 10.11
    # still writes int(11), which SQLAlchemy reflects as INTEGER(display_width=11).
    return "INTEGER" if IS_PORPOISE else f"INTEGER({width})"


@pytest.mark.parametrize("driver", DRIVERS)
def test_sqlalchemy_reflection(srv, driver):
    need("sqlalchemy", "pymysql" if driver == "pymysql" else "MySQLdb")
    out = run_python(srv, prelude=SA_PRELUDE, database=f"refl_{driver}", ORM_DRIVER=driver,
                     body=r'''
        insp = inspect(engine)
        print("tables:", insp.get_table_names())
        for t in insp.get_table_names():
            print(f"{t}:")
            for c in insp.get_columns(t):
                print(f"  column {c['name']} {c['type'].compile(dialect=engine.dialect)}"
                      f" {'NULL' if c['nullable'] else 'NOT NULL'} default={c['default']}"
                      + (" autoincrement" if c.get("autoincrement") is True else ""))
            pk = insp.get_pk_constraint(t)
            print(f"  primary key {pk['constrained_columns']}")
            for fk in insp.get_foreign_keys(t):
                print(f"  foreign key {fk['name']} {fk['constrained_columns']} -> "
                      f"{fk['referred_table']} {fk['referred_columns']} {fk['options']}")
            for ix in sorted(insp.get_indexes(t), key=lambda i: i["name"]):
                print(f"  index {ix['name']} {ix['column_names']}"
                      + (" unique" if ix["unique"] else ""))
            for uq in sorted(insp.get_unique_constraints(t), key=lambda i: i["name"]):
                print(f"  unique {uq['name']} {uq['column_names']}")

        with engine.begin() as conn:
            conn.execute(text("INSERT INTO author (id, name) VALUES (1, 'Mahy')"))
            conn.execute(text("INSERT INTO book (author_id, title, price) VALUES "
                              "(1, 'The Haunting', 7.25), (1, 'Bubble Trouble', NULL)"))
        meta = MetaData()
        book = Table("book", meta, autoload_with=engine)
        for c in book.columns:
            print(f"autoload column {c.name} {c.type.compile(dialect=engine.dialect)}"
                  f" {'NULL' if c.nullable else 'NOT NULL'}")
        print("autoload primary key:", [c.name for c in book.primary_key])
        print("autoload foreign keys:", sorted(fk.target_fullname for fk in book.foreign_keys))
        print("autoload indexes:", sorted((i.name, i.unique) for i in book.indexes))
        # The referred table comes along.
        print("metadata tables:", sorted(meta.tables))
        with engine.connect() as conn:
            show("autoload select", conn.execute(
                select(book.c.title, book.c.price, meta.tables["author"].c.name)
                .join(meta.tables["author"]).order_by(book.c.id)))
    ''')
    i = int_type
    if IS_PORPOISE:
        # MySQL 8.4: SHOW CREATE TABLE quotes numeric defaults, CURRENT_TIMESTAMP is spelled so.
        zero, score, now, true = "'0'", "'2.5'", "CURRENT_TIMESTAMP", "'1'"
    else:
        zero, score, now, true = "0", "2.5", "current_timestamp()", "1"
    check_output(out, f'''
        tables: ['author', 'book', 'event', 'review']
        author:
          column id {i(11)} NOT NULL default=None autoincrement
          column name VARCHAR(50) NOT NULL default=None
          column country VARCHAR(2) NOT NULL default='NZ'
          column rank {i(11)} NULL default={zero}
          primary key ['id']
          index name ['name'] unique
          unique name ['name']
        book:
          column id {i(11)} NOT NULL default=None autoincrement
          column author_id {i(11)} NOT NULL default=None
          column title VARCHAR(100) NOT NULL default=None
          column price DECIMAL(8, 2) NULL default=None
          column published DATE NULL default=None
          primary key ['id']
          foreign key book_ibfk_1 ['author_id'] -> author ['id'] {{'ondelete': 'CASCADE'}}
          index ix_book_author_id ['author_id']
          index uq_title_published ['title', 'published'] unique
          unique uq_title_published ['title', 'published']
        event:
          column id {i(11)} NOT NULL default=None
          column kind ENUM('talk','signing') NOT NULL default='talk'
          column happened DATETIME NOT NULL default={now}
          column public TINYINT(1) NOT NULL default={true}
          column ratio FLOAT NULL default=None
          column score DECIMAL(5, 1) NULL default={score}
          column code CHAR(3) NULL default=None
          column notes TEXT NULL default=None
          column payload BLOB NULL default=None
          primary key ['id']
        review:
          column id {i(11)} NOT NULL default=None autoincrement
          column book_id {i(11)} NOT NULL default=None
          column stars {i(11)} NOT NULL default=None
          primary key ['id']
          foreign key review_ibfk_1 ['book_id'] -> book ['id'] {{'ondelete': 'CASCADE'}}
          index book_id ['book_id']
        autoload column id {i(11)} NOT NULL
        autoload column author_id {i(11)} NOT NULL
        autoload column title VARCHAR(100) NOT NULL
        autoload column price DECIMAL(8, 2) NULL
        autoload column published DATE NULL
        autoload primary key: ['id']
        autoload foreign keys: ['author.id']
        autoload indexes: [('ix_book_author_id', False), ('uq_title_published', True)]
        metadata tables: ['author', 'book']
        autoload select:
          'The Haunting' | 7.25 | 'Mahy'
          'Bubble Trouble' | NULL | 'Mahy'
    ''')


# ---------------------------------------------------------------------------------------------
# mysqlclient (MySQLdb) on its own


def test_mysqldb_cursors(srv):
    need("MySQLdb")
    out = run_python(srv, database="mdb", body=r'''
        import decimal, os
        import MySQLdb
        import MySQLdb.cursors
        from MySQLdb.constants import CLIENT

        conn = MySQLdb.connect(host="127.0.0.1", port=int(os.environ["ORM_PORT"]),
                               user=os.environ["ORM_USER"], password=os.environ["ORM_PASSWORD"],
                               database=os.environ["ORM_DB"], charset="utf8mb4",
                               client_flag=CLIENT.MULTI_STATEMENTS)
        print("autocommit:", conn.get_autocommit())
        cur = conn.cursor()
        cur.execute("CREATE TABLE item (id INT PRIMARY KEY AUTO_INCREMENT, "
                    "name VARCHAR(30) NOT NULL, qty INT, price DECIMAL(7,2))")

        # executemany: an INSERT ... VALUES becomes one multi-row INSERT; other statements
        # run once per row and their counts add up.
        n = cur.executemany("INSERT INTO item (name, qty, price) VALUES (%s, %s, %s)",
                            [("bolt", 10, decimal.Decimal("0.25")),
                             ("nut", 25, decimal.Decimal("0.10")), ("washer", None, None),
                             ("o'ring", 3, decimal.Decimal("1.99"))])
        print("executemany insert:", n, "lastrowid", cur.lastrowid)
        n = cur.executemany("UPDATE item SET qty = qty + %s WHERE name = %s",
                            [(1, "bolt"), (2, "nut"), (5, "missing")])
        print("executemany update:", n)
        conn.commit()
        cur.execute("SELECT id, name, qty, price FROM item ORDER BY id")
        rows = cur.fetchall()
        print("rowcount:", cur.rowcount)
        for row in rows:
            print("  row:", row)
        print("description:", [(d[0], d[1], d[6]) for d in cur.description])

        # callproc sets @_stock_0, @_stock_1 to the arguments and CALLs
        # stock(@_stock_0, @_stock_1); the OUT parameter is read back with a SELECT.
        cur.execute("""CREATE PROCEDURE stock(IN pattern VARCHAR(30), OUT total INT)
        BEGIN
          SELECT COALESCE(SUM(qty), 0) INTO total FROM item WHERE name LIKE pattern;
        END""")
        print("callproc:", cur.callproc("stock", ("%o%", 0)))
        while cur.nextset():
            pass
        cur.execute("SELECT @_stock_0, @_stock_1")
        print("out parameter:", cur.fetchall())
        # A procedure's result sets, then the CALL's own status.
        cur.execute("""CREATE PROCEDURE listing(IN lo INT)
        BEGIN
          SELECT name FROM item WHERE qty >= lo ORDER BY name;
          SELECT COUNT(*) FROM item;
        END""")
        cur.callproc("listing", (4,))
        sets = []
        while True:
            sets.append(cur.fetchall() if cur.description else f"no result set, {cur.rowcount}")
            if not cur.nextset():
                break
        print("procedure result sets:", sets)

        # Several statements in one COM_QUERY.
        cur.execute("SELECT 1 AS a; SELECT 'two', 2.5; "
                    "UPDATE item SET qty = 0 WHERE qty IS NULL; "
                    "SELECT COUNT(*) FROM item WHERE qty = 0")
        while True:
            print("statement:", cur.fetchall(), cur.rowcount,
                  [d[0] for d in cur.description] if cur.description else None)
            if not cur.nextset():
                break
        # The second statement fails: the first result comes, nextset raises, the third never
        # runs, and the connection goes on.
        cur.execute("SELECT 1; SELECT * FROM nosuch; UPDATE item SET qty = -1")
        print("before the error:", cur.fetchall())
        try:
            cur.nextset()
            print("no error")
        except MySQLdb.Error as e:
            print("error:", type(e).__name__, e.args)
        cur.close()
        cur = conn.cursor()
        cur.execute("SELECT COUNT(*) FROM item WHERE qty = -1")
        print("third statement ran:", cur.fetchall())

        # SSCursor: rows are read from the socket as they are fetched.
        cur.execute("CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(20))")
        cur.executemany("INSERT INTO big VALUES (%s, %s)",
                        [(i, f"row-{i}") for i in range(1, 5001)])
        conn.commit()
        ss = conn.cursor(MySQLdb.cursors.SSCursor)
        ss.execute("SELECT id, v FROM big ORDER BY id")
        first = ss.fetchone()
        many = ss.fetchmany(1000)
        rest = ss.fetchall()
        ids = [first[0]] + [r[0] for r in many] + [r[0] for r in rest]
        print("sscursor:", first, many[-1], rest[-1], len(ids), ids == list(range(1, 5001)))
        ss.close()
        ss = conn.cursor(MySQLdb.cursors.SSDictCursor)
        ss.execute("SELECT id, v FROM big WHERE id % 1000 = 0 ORDER BY id DESC")
        print("ssdictcursor:", [r["v"] for r in ss])
        ss.close()
        cur = conn.cursor()
        cur.execute("SELECT COUNT(*), SUM(id) FROM big")
        print("after streaming:", cur.fetchall())
        conn.close()
    ''')
    check_output(out, r'''
        autocommit: False
        executemany insert: 4 lastrowid 1
        executemany update: 2
        rowcount: 4
          row: (1, 'bolt', 11, Decimal('0.25'))
          row: (2, 'nut', 27, Decimal('0.10'))
          row: (3, 'washer', None, None)
          row: (4, "o'ring", 3, Decimal('1.99'))
        description: [('id', 3, 0), ('name', 253, 0), ('qty', 3, 1), ('price', 246, 1)]
        callproc: ('%o%', 0)
        out parameter: (('%o%', 14),)
        procedure result sets: [(('bolt',), ('nut',)), ((4,),), 'no result set, 0']
        statement: ((1,),) 1 ['a']
        statement: (('two', Decimal('2.5')),) 1 ['two', '2.5']
        statement: () 1 None
        statement: ((1,),) 1 ['COUNT(*)']
        before the error: ((1,),)
        error: ProgrammingError (1146, "Table 'mdb.nosuch' doesn't exist")
        third statement ran: ((0,),)
        sscursor: (1, 'row-1') (1001, 'row-1001') (5000, 'row-5000') 5000 True
        ssdictcursor: ['row-5000', 'row-4000', 'row-3000', 'row-2000', 'row-1000']
        after streaming: ((5000, Decimal('12502500')),)
    ''')
