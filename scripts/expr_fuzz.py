#!/usr/bin/python3
"""Differential expression fuzzer: porpoised against MariaDB 10.11.

Generates random, typed SQL expressions from a seed (integer, DECIMAL, DOUBLE and string
literals at their bounds, NULL, CASTs, arithmetic, comparisons, logic, control-flow and numeric
and string functions, COLLATE, column references over a small typed table and aggregates over
it), runs each as `SELECT <expr>` (or `SELECT <expr> FROM t ...`) on a throwaway porpoised and a
throwaway MariaDB with the same session settings, and compares the error code, the values as
text, the column metadata (type, length, decimals, flags, charsetnr from the raw column
definitions) and the warnings. Differences that are MariaDB-vs-MySQL-8.4 by design are
normalised first (the KNOWN DIFFERENCES section of this script; --raw turns that off). Each
disagreement is minimised (subexpressions replaced by their children while it persists) and
grouped by category: value, error, metadata, warnings, and protocol (lost connections,
crashes, undecodable bytes, client-side failures). The summary lists every signature (what
differs) with its count and smallest example, then the smallest distinct examples with both
servers' answers. A server that dies is started again and the run goes on.

It is a tool, not a test: the exit status is 0 whatever it finds, and non-zero only when the
script itself could not run (no binary, a server that would not start, bad options).

Examples (from the repository root):
  /usr/bin/python3 scripts/expr_fuzz.py --seed 1 --seconds 60
  /usr/bin/python3 scripts/expr_fuzz.py --seed 7 --count 2000 --depth 3 --out /tmp/f.jsonl
  /usr/bin/python3 scripts/expr_fuzz.py --porpoised build-release/src/daemon/porpoised ...
  /usr/bin/python3 scripts/expr_fuzz.py --expr "1 + 1.5" --expr "SUM(bu) FROM t" -v
  /usr/bin/python3 scripts/expr_fuzz.py --seed 3 --index 117       # replay one expression

Expression i of seed S is generated from its own random stream, so `--seed S --index i`
regenerates it (the JSONL records carry both). `--expr TEXT` runs TEXT as `SELECT TEXT`
(TEXT may end with its own FROM clause) and prints both servers' answers; the normalisations
that depend on the expression's structure (integer and comparison results typed LONGLONG,
STDDEV_POP's decimals) are not applied to it. The table is
  t(id INT PRIMARY KEY, ti TINYINT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED,
    d1 DECIMAL(10,2), d2 DECIMAL(30,10), db DOUBLE, fl FLOAT, vg VARCHAR(20) utf8mb4_general_ci,
    vb VARCHAR(20) utf8mb4_bin, cl CHAR(10) latin1_swedish_ci)
with six rows: zeros and empty strings, upper bounds, lower bounds, NULLs, small values, others.
"""
import argparse
import json
import os
import random
import sys
import time
import traceback
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pymysql

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
os.environ.setdefault("PORPOISE_E2E_SERVER", "porpoise")  # harness checks it at import

import harness  # noqa: E402  (after the path set-up)

SQL_MODE = ("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION")
SESSION = [f"SET SESSION sql_mode = '{SQL_MODE}'",
           "SET NAMES utf8mb4 COLLATE utf8mb4_general_ci"]

TYPE_NAMES = {
    0: "DECIMAL", 1: "TINY", 2: "SHORT", 3: "LONG", 4: "FLOAT", 5: "DOUBLE", 6: "NULL",
    7: "TIMESTAMP", 8: "LONGLONG", 9: "INT24", 10: "DATE", 11: "TIME", 12: "DATETIME",
    13: "YEAR", 14: "NEWDATE", 15: "VARCHAR", 16: "BIT", 245: "JSON", 246: "NEWDECIMAL",
    247: "ENUM", 248: "SET", 249: "TINY_BLOB", 250: "MEDIUM_BLOB", 251: "LONG_BLOB",
    252: "BLOB", 253: "VAR_STRING", 254: "STRING", 255: "GEOMETRY",
}
FLAG_ORDER = [
    (1, "NOT_NULL"), (2, "PRI_KEY"), (4, "UNIQUE_KEY"), (8, "MULTIPLE_KEY"), (16, "BLOB"),
    (32, "UNSIGNED"), (64, "ZEROFILL"), (128, "BINARY"), (256, "ENUM"),
    (512, "AUTO_INCREMENT"), (1024, "TIMESTAMP"), (2048, "SET"), (4096, "NO_DEFAULT_VALUE"),
    (8192, "ON_UPDATE_NOW"), (16384, "PART_KEY"), (32768, "NUM"),
]
NUM_FLAG = 32768
NUMERIC_TYPES = {0, 1, 2, 3, 4, 5, 6, 8, 9, 13, 246}  # MySQL sets NUM on these
LONG, LONGLONG, DOUBLE, FLOAT = 3, 8, 5, 4
LOST_CONNECTION = {2003, 2006, 2013, 2014, 2055}


def flag_names(flags):
    names = [name for bit, name in FLAG_ORDER if flags & bit]
    rest = flags & ~sum(bit for bit, _ in FLAG_ORDER)
    if rest:
        names.append(str(rest))
    return ",".join(names) or "(none)"


def column_text(col):
    type_code, length, decimals, flags, charsetnr = col
    return (f"{TYPE_NAMES.get(type_code, str(type_code))} len={length} dec={decimals} "
            f"{flag_names(flags)} cs={charsetnr}")


# ---------------------------------------------------------------------------------------------
# The table both servers get

TABLE = """CREATE TABLE t (
  id INT NOT NULL PRIMARY KEY,
  ti TINYINT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED,
  d1 DECIMAL(10,2), d2 DECIMAL(30,10), db DOUBLE, fl FLOAT,
  vg VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci,
  vb VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  cl CHAR(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci)"""
ROWS = [
    "(1, 0, 0, 0, 0, 0.00, 0, 0, 0, '', '', '')",
    "(2, 127, 4294967295, 9223372036854775807, 18446744073709551615, 99999999.99, "
    "99999999999999999999.9999999999, 1e308, 3.4e38, '1abc', 'abc', 'ä')",
    "(3, -128, 1, -9223372036854775808, 9223372036854775808, -99999999.99, "
    "-12345678901234567890.0123456789, -1.5e-7, -1.5, '  12  ', 'ABC', 'a  ')",
    "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
    "(5, 1, 7, -1, 1, 0.01, 0.0000000001, 0.1, 0.1, '-7.5e2', 'a', 'Z')",
    "(6, -1, 2147483648, 2147483647, 4294967296, 12.50, 3.3333333333, 2.5, 0.001, 'ä', 'ä', "
    "'abc')",
]
NUM_COLUMNS = ["ti", "iu", "bi", "bu", "d1", "d2", "db", "fl"]
STR_COLUMNS = ["vg", "vb", "cl"]
APPROX_COLUMNS = {"db", "fl"}
NARROW_INT_COLUMNS = {"ti", "iu"}  # TINY and LONG in the metadata


# ---------------------------------------------------------------------------------------------
# Expression trees

class Node:
    """An expression: `op` names it (for shapes), `kind` is num/str/bool, `fmt` renders it from
    the children's SQL (a format string, or a function of the list for variadic nodes whose
    arguments can be dropped down to `minargs`). A leaf has `text` and no children."""
    __slots__ = ("op", "kind", "fmt", "kids", "text", "tag", "minargs")

    def __init__(self, op, kind, fmt=None, kids=(), text=None, tag=None, minargs=None):
        self.op, self.kind, self.fmt, self.kids = op, kind, fmt, list(kids)
        self.text, self.tag, self.minargs = text, tag, minargs

    def sql(self):
        if self.text is not None:
            return self.text
        parts = [k.sql() for k in self.kids]
        return self.fmt(parts) if callable(self.fmt) else self.fmt.format(*parts)

    def copy_with(self, kids):
        return Node(self.op, self.kind, self.fmt, kids, self.text, self.tag, self.minargs)

    def walk(self, path=()):
        yield path, self
        for n, kid in enumerate(self.kids):
            yield from kid.walk(path + (n,))

    def replace(self, path, new):
        if not path:
            return new
        kids = list(self.kids)
        kids[path[0]] = kids[path[0]].replace(path[1:], new)
        return self.copy_with(kids)

    def any(self, pred):
        return pred(self) or any(k.any(pred) for k in self.kids)

    def shape(self):
        """The skeleton with literals reduced to their class: groups findings."""
        if self.text is not None:
            return self.tag or self.op
        return f"{self.op}({','.join(k.shape() for k in self.kids)})"

    def size(self):
        return 1 + sum(k.size() for k in self.kids)


def leaf(op, kind, text, tag):
    return Node(op, kind, text=text, tag=tag)


def call(name, kind, kids, minargs=None, op=None):
    return Node(op or name, kind, lambda a, n=name: f"{n}({', '.join(a)})", kids,
                minargs=minargs)


AGGREGATES = {"SUM", "AVG", "MIN", "MAX", "COUNT", "STDDEV_POP", "SUM DISTINCT",
              "AVG DISTINCT", "COUNT DISTINCT", "COUNT(*)"}
COMPARISONS = {"=", "<>", "<", "<=", ">", ">=", "<=>", "BETWEEN", "NOT BETWEEN", "IN",
               "NOT IN"}
BOOL_OPS = COMPARISONS | {"AND", "OR", "XOR", "NOT", "IS NULL", "IS NOT NULL"}
PASS_THROUGH = {"IF", "IFNULL", "COALESCE", "NULLIF", "CASE", "CASE x", "GREATEST", "LEAST"}


def is_agg(node):
    return node.op in AGGREGATES


def is_col(node):
    return node.op == "col"


def boolish(node):
    """A comparison or logical operator, TRUE or FALSE, or a control-flow function whose every
    value is one (or NULL): MySQL types these LONGLONG(1), MariaDB LONG(1)."""
    if node.op in BOOL_OPS or node.op == "bool":  # "bool": TRUE, FALSE
        return True
    if node.op in PASS_THROUGH:
        values = value_kids(node)
        return bool(values) and all(boolish(v) or v.op == "NULL" for v in values) and \
            any(boolish(v) for v in values)
    return False


def value_kids(node):
    """The children of a control-flow node that can become its value."""
    k = node.kids
    if node.op == "IF":
        return k[1:]
    if node.op == "NULLIF":
        return k[:1]
    if node.op == "CASE":  # WHEN c THEN v ... [ELSE e]
        return [k[i] for i in range(1, len(k), 2)] + ([k[-1]] if len(k) % 2 else [])
    if node.op == "CASE x":  # x, WHEN w THEN v ... [ELSE e]
        rest = k[1:]
        return [rest[i] for i in range(1, len(rest), 2)] + ([rest[-1]] if len(rest) % 2 else [])
    return k


# ---------------------------------------------------------------------------------------------
# The generator

INT_BOUNDS = ["0", "1", "-1", "2", "7", "10", "127", "128", "-128", "255", "256", "32767",
              "-32768", "65535", "8388607", "16777215", "2147483647", "2147483648",
              "-2147483648", "-2147483649", "4294967295", "4294967296",
              "9223372036854775807", "9223372036854775808", "-9223372036854775808",
              "-9223372036854775807", "-9223372036854775809", "18446744073709551615",
              "18446744073709551616", "99999999999999999999"]
DOUBLES = ["1e308", "-1e308", "1.7976931348623157e308", "1.5e-7", "2.2250738585072014e-308",
           "5e-324", "0e0", "1e0", "-1e0", "2.5e0", "0.5e0", "1e19", "1.8446744073709552e19",
           "9.223372036854776e18", "1e-300", "3.14159e0", "1e15", "1e16", "123456789e-5",
           "-0.1e1", "1e38", "3.4e38", "1e-10"]
STRINGS = ["'1'", "'0'", "'-1'", "'1.5'", "'-3'", "'1e3'", "' 12 '", "'1abc'", "''", "'abc'",
           "'ABC'", "'ä'", "'Ä'", "'a  '", "'a'", "'A'", "'0x10'", "'9223372036854775808'",
           "'18446744073709551615'", "'18446744073709551616'", "'-9223372036854775809'",
           "'1e400'", "' '", "'ß'", "'ss'", "'1.0000000000000000000001'", "'.5'", "'-.5e1'",
           "'12.5abc'", "'  -7  '", "'inf'", "'NaN'", "'0.1'", "'99999999999999999999.99'",
           "'z'", "'é'", "'e'"]
COLLATIONS_UTF8 = ["utf8mb4_bin", "utf8mb4_general_ci"]
ARITH = ["+", "-", "*", "/", "DIV", "MOD", "%"]
CMP = ["=", "<>", "<", "<=", ">", ">=", "<=>"]


def int_tag(text):
    v = int(text)
    if -2**31 <= v < 2**31:
        return "int"
    if -2**63 <= v < 2**63:
        return "bigint"
    if 0 <= v < 2**64:
        return "ubigint"
    return "intdec"


class Generator:
    """Random typed expressions. mode: const (no table), rows (columns, one row per table
    row), agg / group (aggregates over the table, whole or GROUP BY id % 2)."""

    def __init__(self, rng, max_depth, mode):
        self.rng, self.max_depth, self.mode = rng, max_depth, mode
        self.in_agg = False

    # -- leaves -------------------------------------------------------------------------------

    def int_literal(self):
        r = self.rng
        if r.random() < 0.6:
            text = r.choice(INT_BOUNDS)
        else:
            text = str(r.randint(0, 10 ** r.randint(1, 20)))
            if r.random() < 0.4:
                text = "-" + text
        if text.startswith("-"):
            return Node("neg", "num", "(-{0})", [leaf("int", "num", text[1:],
                                                      int_tag(text[1:]))])
        return leaf("int", "num", text, int_tag(text))

    def decimal_literal(self):
        r = self.rng
        if r.random() < 0.7:
            p = r.randint(1, 8)
        else:
            p = r.randint(9, 65)
        s = r.randint(0, min(p, 30))
        if r.random() < 0.15:
            digits = "9" * p
        else:
            digits = "".join(r.choice("0123456789") for _ in range(p))
        whole, frac = digits[:p - s].lstrip("0") or "0", digits[p - s:]
        text = whole + "." + (frac or "0")  # always a point: without one it is an integer
        node = leaf("dec", "num", text, "dec")
        if r.random() < 0.3:
            return Node("neg", "num", "(-{0})", [node])
        return node

    def double_literal(self):
        r = self.rng
        if r.random() < 0.6:
            text = r.choice(DOUBLES)
        else:
            text = f"{r.randint(1, 99999)}.{r.randint(0, 999)}e{r.randint(-320, 310)}"
        if text.startswith("-"):
            return Node("neg", "num", "(-{0})", [leaf("dbl", "num", text[1:], "dbl")])
        return leaf("dbl", "num", text, "dbl")

    def literal(self, kind):
        r = self.rng
        if r.random() < 0.07:
            return leaf("NULL", kind, "NULL", "NULL")
        if kind == "num":
            x = r.random()
            if x < 0.45:
                return self.int_literal()
            if x < 0.75:
                return self.decimal_literal()
            return self.double_literal()
        if kind == "str":
            return leaf("str", "str", r.choice(STRINGS), "str")
        text = r.choice(["0", "1", "0", "1", "TRUE", "FALSE"])
        if text in ("0", "1"):
            return leaf("int", "bool", text, "int")
        return leaf("bool", "bool", text, "boollit")

    def column(self, kind):
        r = self.rng
        if kind == "str" or (kind == "any" and r.random() < 0.3):
            name = r.choice(STR_COLUMNS)
            return leaf("col", "str", name, name)
        name = r.choice(NUM_COLUMNS)
        return leaf("col", "num", name, name)

    def aggregate(self, kind):
        r = self.rng
        saved, self.in_agg = self.in_agg, True
        try:
            depth = r.choice([0, 0, 1, 1, 2])
            x = r.random()
            if x < 0.05:
                return Node("COUNT(*)", "num", text="COUNT(*)", tag="COUNT(*)")
            name = r.choice(["SUM", "SUM", "AVG", "AVG", "MIN", "MAX", "COUNT", "STDDEV_POP",
                             "STDDEV_POP"])
            if name in ("MIN", "MAX") and (kind == "str" or r.random() < 0.2):
                arg = self.expr("str", depth)
                out_kind = "str"
            else:
                arg = self.expr("num", depth)
                out_kind = "num"
            if name in ("SUM", "AVG", "COUNT") and r.random() < 0.15:
                return Node(name + " DISTINCT", out_kind, name + "(DISTINCT {0})", [arg])
            return Node(name, out_kind, name + "({0})", [arg])
        finally:
            self.in_agg = saved

    def leaf_for(self, kind):
        r = self.rng
        if self.mode in ("agg", "group") and not self.in_agg and kind != "bool" and \
                r.random() < 0.6:
            return self.aggregate(kind)
        if (self.mode == "rows" or self.in_agg) and kind != "bool" and r.random() < 0.5:
            return self.column(kind)
        return self.literal(kind)

    # -- inner nodes --------------------------------------------------------------------------

    def arg(self, kind, depth):
        """An argument of the wanted kind, sometimes of another to exercise conversions."""
        if self.rng.random() < 0.15:
            kind = self.rng.choice(["num", "str", "bool"])
        return self.expr(kind, depth)

    def expr(self, kind, depth):
        r = self.rng
        if kind == "any":
            kind = r.choice(["num", "num", "str", "bool"])
        if depth <= 0 or r.random() < (0.08 if depth >= self.max_depth else 0.3):
            if kind == "bool" and depth > 0:
                return self.bool_expr(depth)
            return self.leaf_for(kind)
        if r.random() < 0.12:
            return self.control(kind, depth)
        return {"num": self.num_expr, "str": self.str_expr, "bool": self.bool_expr}[kind](depth)

    def num_expr(self, depth):
        r, d = self.rng, depth - 1
        x = r.random()
        if x < 0.35:
            op = r.choice(ARITH)
            return Node(op, "num", "({0} " + op + " {1})", [self.arg("num", d), self.arg("num", d)])
        if x < 0.42:
            return Node("neg", "num", "(- {0})", [self.arg("num", d)])
        if x < 0.60:
            return self.cast(self.arg(r.choice(["num", "num", "str"]), d), numeric=True)
        if x < 0.78:
            name = r.choice(["ROUND", "ROUND", "TRUNCATE", "FLOOR", "CEILING", "ABS", "SIGN"])
            a = self.arg("num", d)
            if name == "TRUNCATE" or (name == "ROUND" and r.random() < 0.6):
                return call(name, "num", [a, self.small_int()])
            return call(name, "num", [a])
        if x < 0.88:
            name = r.choice(["GREATEST", "LEAST"])
            kids = [self.arg("num", d) for _ in range(r.randint(2, 4))]
            return call(name, "num", kids, minargs=2)
        if x < 0.94:
            return call("LENGTH", "num", [self.arg("str", d)])
        return self.control("num", depth)

    def small_int(self):
        r = self.rng
        v = r.choice([0, 1, 2, 3, -1, -2, 4, 10, 30, 31, -30, 35, 60])
        if v < 0:
            return Node("neg", "num", "(-{0})", [leaf("int", "num", str(-v), "n")])
        return leaf("int", "num", str(v), "n")

    def cast(self, a, numeric):
        r = self.rng
        if numeric:
            target = r.choice(["SIGNED", "UNSIGNED", "DECIMAL", "DOUBLE", "DECIMAL"])
            if target == "DECIMAL":
                y = r.random()
                if y < 0.15:
                    spec = "DECIMAL"
                elif y < 0.25:
                    spec = f"DECIMAL({r.randint(1, 65)})"
                else:
                    m = r.choice([r.randint(1, 12), r.randint(1, 65)])
                    spec = f"DECIMAL({m},{r.randint(0, min(m, 30))})"
                return Node("CAST AS DECIMAL", "num", "CAST({0} AS " + spec + ")", [a])
            return Node("CAST AS " + target, "num", "CAST({0} AS " + target + ")", [a])
        y = r.random()
        if y < 0.6:
            return Node("CAST AS CHAR", "str", "CAST({0} AS CHAR)", [a])
        if y < 0.8:
            n = r.randint(0, 8)
            return Node("CAST AS CHAR(n)", "str", f"CAST({{0}} AS CHAR({n}))", [a])
        return Node("CAST AS CHAR latin1", "str", "CAST({0} AS CHAR CHARACTER SET latin1)", [a])

    def str_expr(self, depth):
        r, d = self.rng, depth - 1
        x = r.random()
        if x < 0.2:
            return self.cast(self.arg(r.choice(["num", "str"]), d), numeric=False)
        if x < 0.4:
            kids = [self.arg("str", d) for _ in range(r.randint(1, 3))]
            return call("CONCAT", "str", kids, minargs=1)
        if x < 0.5:
            return call("UPPER", "str", [self.arg("str", d)])
        if x < 0.62:
            kids = [self.arg("str", d), self.small_int() if r.random() < 0.7
                    else self.arg("num", d)]
            if r.random() < 0.5:
                kids.append(self.small_int())
            return call("SUBSTRING", "str", kids)
        if x < 0.85:
            return self.collate(self.arg("str", d))
        if x < 0.93:
            name = r.choice(["GREATEST", "LEAST"])
            return call(name, "str", [self.arg("str", d) for _ in range(r.randint(2, 3))],
                        minargs=2)
        return self.control("str", depth)

    def collate(self, a):
        r = self.rng
        latin1 = (a.op == "col" and a.text == "cl") or a.op == "CAST AS CHAR latin1"
        if latin1 or r.random() < 0.06:
            name = "latin1_swedish_ci"
            if not latin1 and r.random() < 0.7:
                a = Node("CAST AS CHAR latin1", "str", "CAST({0} AS CHAR CHARACTER SET latin1)",
                         [a])
        else:
            name = r.choice(COLLATIONS_UTF8)
        return Node("COLLATE " + name, "str", "({0} COLLATE " + name + ")", [a])

    def bool_expr(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        x = r.random()
        if x < 0.45:
            op = r.choice(CMP)
            k = r.choice(["num", "num", "str", "str", "any"])
            return Node(op, "bool", "({0} " + op + " {1})", [self.arg(k, d), self.arg(k, d)])
        if x < 0.6:
            op = r.choice(["AND", "OR", "XOR"])
            return Node(op, "bool", "({0} " + op + " {1})",
                        [self.arg("bool", d), self.arg("bool", d)])
        if x < 0.65:
            return Node("NOT", "bool", "(NOT {0})", [self.arg("bool", d)])
        if x < 0.73:
            op = r.choice(["IS NULL", "IS NOT NULL"])
            return Node(op, "bool", "({0} " + op + ")", [self.arg("any", d)])
        if x < 0.85:
            op = r.choice(["BETWEEN", "BETWEEN", "NOT BETWEEN"])
            k = r.choice(["num", "num", "str"])
            return Node(op, "bool", "({0} " + op + " {1} AND {2})",
                        [self.arg(k, d), self.arg(k, d), self.arg(k, d)])
        op = r.choice(["IN", "IN", "NOT IN"])
        k = r.choice(["num", "num", "str"])
        kids = [self.arg(k, d) for _ in range(r.randint(2, 5))]
        return Node(op, "bool", lambda a, o=op: f"({a[0]} {o} ({', '.join(a[1:])}))", kids,
                    minargs=2)

    def control(self, kind, depth):
        r, d = self.rng, depth - 1
        x = r.random()
        if x < 0.25:
            return Node("IF", kind, "IF({0}, {1}, {2})",
                        [self.arg("bool", d), self.arg(kind, d), self.arg(kind, d)])
        if x < 0.45:
            return call("IFNULL", kind, [self.arg(kind, d), self.arg(kind, d)])
        if x < 0.6:
            return call("COALESCE", kind, [self.arg(kind, d) for _ in range(r.randint(1, 4))],
                        minargs=1)
        if x < 0.72:
            return call("NULLIF", kind, [self.arg(kind, d), self.arg(kind, d)])
        if x < 0.88:
            n = r.randint(1, 3)
            kids = []
            for _ in range(n):
                kids += [self.arg("bool", d), self.arg(kind, d)]
            if r.random() < 0.7:
                kids.append(self.arg(kind, d))

            def searched(a):
                body = " ".join(f"WHEN {a[i]} THEN {a[i + 1]}" for i in range(0, len(a) - 1, 2))
                tail = f" ELSE {a[-1]}" if len(a) % 2 else ""
                return f"CASE {body}{tail} END"
            return Node("CASE", kind, searched, kids)
        k = r.choice(["num", "str"])
        kids = [self.arg(k, d)]
        for _ in range(r.randint(1, 3)):
            kids += [self.arg(k, d), self.arg(kind, d)]
        if r.random() < 0.6:
            kids.append(self.arg(kind, d))

        def simple(a):
            rest = a[1:]
            body = " ".join(f"WHEN {rest[i]} THEN {rest[i + 1]}"
                            for i in range(0, len(rest) - 1, 2))
            tail = f" ELSE {rest[-1]}" if len(rest) % 2 else ""
            return f"CASE {a[0]} {body}{tail} END"
        return Node("CASE x", kind, simple, kids)


MODES = [("const", 0.45), ("rows", 0.30), ("agg", 0.20), ("group", 0.05)]


def generate(seed, index, max_depth):
    """Expression `index` of run `seed`: (tree, mode)."""
    rng = random.Random(f"{seed}:{index}")
    x, acc = rng.random(), 0.0
    mode = MODES[-1][0]
    for name, weight in MODES:
        acc += weight
        if x < acc:
            mode = name
            break
    gen = Generator(rng, max_depth, mode)
    kind = rng.choice(["num", "num", "num", "str", "bool"])
    depth = rng.randint(1, max_depth)
    tree = gen.expr(kind, depth)
    if mode in ("agg", "group") and not tree.any(is_agg):
        # Make sure it aggregates: wrap or combine with an aggregate.
        agg = gen.aggregate("num")
        tree = Node("+", "num", "({0} + {1})", [tree, agg]) if tree.kind == "num" else \
            call("CONCAT", "str", [tree, agg], minargs=1)
    return tree, mode_for(tree, mode)


def mode_for(tree, mode):
    """The query form a (possibly reduced) tree needs."""
    if tree.any(is_agg):
        return mode if mode in ("agg", "group") else "agg"
    if tree.any(is_col):
        return "rows"
    return "const" if mode in ("const", "agg", "group") else "rows"


def query_for(tree, mode):
    e = tree.sql()
    if mode == "const":
        return f"SELECT {e}"
    if mode == "rows":
        return f"SELECT {e} FROM t ORDER BY id"
    if mode == "agg":
        return f"SELECT {e} FROM t"
    return f"SELECT {e} FROM t GROUP BY id % 2"


# ---------------------------------------------------------------------------------------------
# Running statements

class Outcome:
    __slots__ = ("error", "fields", "rows", "warning_count", "warnings", "problem", "decode")

    def __init__(self):
        self.error = None  # (code, message)
        self.fields = None  # [(type, length, decimals, flags, charsetnr)]
        self.rows = None  # [tuple of str or None]
        self.warning_count = 0
        self.warnings = []  # [(level, code, message)]
        self.problem = None  # lost connection, client failure: text
        self.decode = False  # a value was not valid UTF-8

    def as_json(self):
        out = {}
        if self.problem:
            out["problem"] = self.problem
        if self.error:
            out["error"] = list(self.error)
        if self.fields is not None:
            out["columns"] = [column_text(c) for c in self.fields]
            out["rows"] = [list(r) for r in self.rows]
        if self.warnings:
            out["warnings"] = [list(w) for w in self.warnings]
        if self.decode:
            out["non_utf8"] = True
        return out

    def clone(self):
        o = Outcome()
        for name in self.__slots__:
            setattr(o, name, getattr(self, name))
        o.fields = [tuple(f) for f in self.fields] if self.fields is not None else None
        o.rows = list(self.rows) if self.rows is not None else None
        o.warnings = list(self.warnings)
        return o


class ServerGone(Exception):
    """A server cannot be reached again: the run stops and reports what it has."""


class Side:
    """One server and our connection to it; reconnects (restarting a server we started that
    died) when the connection is lost."""

    def __init__(self, name, server, params, database):
        self.name, self.server, self.params, self.database = name, server, params, database
        self.conn = None
        self.restarts = 0
        self.statements = 0

    def connect(self, setup=False):
        self.conn = pymysql.connect(autocommit=True, conv={}, use_unicode=False,
                                    charset="utf8mb4", read_timeout=30, write_timeout=30,
                                    connect_timeout=10, **self.params)
        with self.conn.cursor() as cur:
            for stmt in SESSION:
                cur.execute(stmt)
            if setup:
                cur.execute(f"DROP DATABASE IF EXISTS {self.database}")
                cur.execute(f"CREATE DATABASE {self.database}")
            cur.execute(f"USE {self.database}")
            if setup:
                cur.execute(TABLE)
                cur.execute("INSERT INTO t VALUES " + ", ".join(ROWS))

    def reconnect(self):
        """Connects again after a lost connection. A server we started that died is started
        again (and one that stays alive but refuses connections for 20 s is killed and started
        again); returns a note saying so, or None. Raises ServerGone when nothing works."""
        try:
            if self.conn is not None:
                self.conn.close()
        except Exception:
            pass
        self.conn = None
        note = None
        began = time.monotonic()
        restarted = False
        while True:
            if self.server is not None and not self.server.running():
                status = self.server.proc.returncode if self.server.proc else None
                note = f"{self.name} died (exit status {status})"
                self.restarts += 1
                restarted = True
                try:
                    self.server.start()
                except (AssertionError, OSError) as e:
                    raise ServerGone(f"{self.name} does not start again: {e}")
            try:
                self.connect()
                try:
                    with self.conn.cursor() as cur:
                        cur.execute("SELECT COUNT(*) FROM t")
                except pymysql.err.MySQLError:
                    self.connect(setup=True)  # the data did not survive
                return note
            except pymysql.err.Error as e:
                waited = time.monotonic() - began
                if waited > 60:
                    raise ServerGone(f"{self.name}: cannot reconnect: {e}")
                if self.server is not None and self.server.running() and waited > 20 and \
                        not restarted:
                    self.server.kill9()  # alive but not answering: start it again
                time.sleep(0.3)

    def run(self, sql):
        out = Outcome()
        self.statements += 1
        if self.conn is None:
            self.reconnect()
        try:
            with self.conn.cursor() as cur:
                cur.execute(sql)
                result = cur._result
                if cur.description:
                    out.fields = [(f.type_code, f.length, f.scale, f.flags, f.charsetnr)
                                  for f in result.fields]
                    out.rows = [tuple(self.text(v, out) for v in row) for row in cur.fetchall()]
                out.warning_count = result.warning_count if result is not None else 0
                if out.warning_count:
                    self.statements += 1
                    cur.execute("SHOW WARNINGS")
                    out.warnings = [tuple(self.text(v, out) for v in row)
                                    for row in cur.fetchall()]
        except pymysql.err.MySQLError as e:
            code = e.args[0] if e.args and isinstance(e.args[0], int) else None
            message = str(e.args[1]) if len(e.args) > 1 else str(e)
            if code in LOST_CONNECTION or code is None or not self.conn.open:
                out.problem = f"lost connection ({code}: {message})"
                out.problem += self.recover()
            else:
                out.error = (code, message)
        except Exception as e:  # undecodable metadata, protocol surprises: the client broke
            out.problem = f"client failure: {type(e).__name__}: {e}"
            out.problem += self.recover()
        return out

    def recover(self):
        note = self.reconnect()
        return f"; {note}, restarted" if note else ""

    @staticmethod
    def text(value, out):
        if value is None:
            return None
        if isinstance(value, (bytes, bytearray)):
            try:
                return bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                out.decode = True
                return bytes(value).decode("utf-8", errors="backslashreplace")
        return str(value)

    def close(self):
        try:
            if self.conn is not None:
                with self.conn.cursor() as cur:
                    cur.execute(f"DROP DATABASE IF EXISTS {self.database}")
                self.conn.close()
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------
# KNOWN DIFFERENCES: MariaDB 10.11 answers that differ from MySQL 8.4 by design, not
# porpoised bugs. Every normalisation of the answers lives in this section (normalise() and
# its helpers), each with a comment saying why; --raw turns them all off. The summary counts
# how often each one applied.

def _stddev_exact(node):
    """STDDEV_POP over anything but a bare DOUBLE/FLOAT column (MariaDB fixes the decimals of
    exact arguments; which arguments are exact is not always obvious, so this errs wide)."""
    return node.op == "STDDEV_POP" and not (node.kids[0].op == "col" and
                                            node.kids[0].text in APPROX_COLUMNS)


def _narrow_int_passes(node):
    """True when a TINYINT or INT column's own type reaches the value of `node` (MySQL then
    answers TINY or LONG, not LONGLONG)."""
    if node.op == "col":
        return node.text in NARROW_INT_COLUMNS
    if node.op in ("MIN", "MAX"):
        return _narrow_int_passes(node.kids[0])
    if node.op in PASS_THROUGH:
        values = [v for v in value_kids(node) if v.op != "NULL"]
        return bool(values) and all(_narrow_int_passes(v) for v in values)
    return False


def normalise(tree, mode, p, m, stats):
    """Rewrites copies of the two outcomes so that known MariaDB-vs-MySQL differences vanish.
    Returns (p, m, suppressed): suppressed names a difference that cannot be normalised away
    and makes the comparison of values and metadata pointless."""
    p, m = p.clone(), m.clone()

    def hit(name):
        stats[name] = stats.get(name, 0) + 1

    stddev_decimals = None
    if m.fields is not None:
        cols = []
        for type_code, length, decimals, flags, charsetnr in m.fields:
            # MariaDB never sends the NUM flag (its client library derives it from the type);
            # MySQL sets it on numeric types.
            if type_code in NUMERIC_TYPES and not flags & NUM_FLAG:
                flags |= NUM_FLAG
            # MariaDB writes "decimals not fixed" as 39, MySQL as 31.
            if decimals == 39:
                decimals = 31
            # Text sent as utf8mb4 is announced with the set's default collation: MariaDB's is
            # utf8mb4_general_ci (45), MySQL 8's utf8mb4_0900_ai_ci (255).
            if charsetnr == 45:
                charsetnr = 255
                hit("utf8mb4 default collation 45 -> 255")
            # MySQL 8.4 types comparisons and logical operators (and IF/CASE/COALESCE over
            # only those) LONGLONG; MariaDB says LONG. Same length (1).
            if type_code == LONG and boolish(tree):
                type_code = LONGLONG
                hit("comparison LONG -> LONGLONG")
            # MySQL 8.4: TRUE and FALSE are LONGLONG(1); MariaDB 10.11 says LONG(5).
            if tree.op == "bool" and type_code in (LONG, LONGLONG):
                type_code, length = LONGLONG, 1
                hit("TRUE/FALSE LONGLONG(1)")
            # MySQL 8.4 types every integer-valued expression LONGLONG (literals, arithmetic,
            # integer functions such as SIGN, LENGTH, FLOOR, CAST AS SIGNED) except where a
            # narrower column's type passes through (the column itself, MIN/MAX, IF/CASE/
            # COALESCE/GREATEST over only such columns); MariaDB 10.11 picks LONG whenever the
            # value fits 32 bits. So unless such a column's type passes through to the result,
            # a LONG from MariaDB is MySQL's LONGLONG. The length is still compared as MariaDB
            # sends it (tests/sql/types/result_types.test holds that MySQL counts a sign in an
            # integer literal's length; that claim is left to the corpus, not applied here).
            if type_code == LONG and not _narrow_int_passes(tree):
                type_code = LONGLONG
                hit("integer expression LONG -> LONGLONG")
            # STDDEV_POP over an exact (integer or DECIMAL) argument: MariaDB answers DOUBLE with
            # the argument's decimals + 4 (4 for integers), rounding the value to them; MySQL
            # 8.4 leaves the decimals unfixed (DOUBLE(23,31)) and prints the value in full.
            # The values are compared at MariaDB's decimals (below).
            if tree.op == "STDDEV_POP" and type_code == DOUBLE and decimals < 31:
                stddev_decimals = decimals
                length, decimals = 23, 31
                hit("STDDEV_POP fixed decimals")
            # MySQL 8.4's CAST AS DOUBLE/FLOAT is NOT NULL over a NOT NULL operand (its
            # Item_typecast_real takes nullability from the argument); MariaDB marks it
            # nullable whatever the operand.
            if tree.op in ("CAST AS DOUBLE", "CAST AS FLOAT") and p.fields and \
                    p.fields[0][3] & 1 and not flags & 1:
                flags |= 1
                hit("CAST AS DOUBLE NOT NULL")
            cols.append((type_code, length, decimals, flags, charsetnr))
        m.fields = cols
        if stddev_decimals is not None and p.rows is not None:
            p.rows = [tuple(round_to(v, stddev_decimals) for v in row) for row in p.rows]

    # MySQL 8.4 prints a DOUBLE or FLOAT whose decimals are not fixed in its shortest form
    # with an exponent below 1e-4 and from 1e15 ("1e-10", "1e15"); MariaDB 10.11 writes many
    # of those out in full ("0.0000000001", "1000000000000000"). The same number either way.
    if m.fields is not None and m.rows is not None and p.rows is not None and \
            len(p.rows) == len(m.rows):
        approx = [i for i, (type_code, _, decimals, _, _) in enumerate(m.fields)
                  if type_code in (DOUBLE, FLOAT) and decimals == 31]
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) != len(mrow):
                continue
            fixed = list(mrow)
            for i in approx:
                if i < len(prow) and prow[i] != mrow[i] and same_double(prow[i], mrow[i]):
                    fixed[i] = prow[i]
                    hit("DOUBLE printed in full")
            m.rows[r] = tuple(fixed)

    suppressed = None
    if tree.any(_least_mixed):
        # MySQL 8.4 compares a mix of numbers and strings in GREATEST/LEAST as strings (and
        # types the result a string); MariaDB 10.11 compares them as numbers.
        suppressed = "GREATEST/LEAST over numbers and strings (MySQL 8 compares as strings)"
    if tree.op != "STDDEV_POP" and tree.any(_stddev_exact):
        # The same MariaDB rounding inside a larger expression changes its value and type in
        # ways a rewrite cannot undo: values and metadata are not compared.
        suppressed = "STDDEV_POP over an exact type inside an expression (MariaDB rounds it)"

    has_cmp = tree.any(lambda n: n.op in COMPARISONS)
    warnings = []
    for level, code, message in m.warnings:
        # 1690's text quotes the expression as each server prints it (MySQL parenthesises it
        # its own way): compare the code only.
        if code == "1690":
            message = "(out of range)"
        # MariaDB reports a DECIMAL overflow (E_DEC_OVERFLOW, e.g. a huge DOUBLE turned into
        # DECIMAL for DIV or CAST) as its own code 1916 "Got overflow when converting '' to
        # DECIMAL. Value truncated"; MySQL 8.4 has no 1916 and pushes 1292 "Truncated
        # incorrect DECIMAL value: ''" for it. (1916 for other conversions is left alone.)
        overflow = code == "1916" and message.startswith(
            "Got overflow when converting '' to DECIMAL")
        if overflow:
            code, message = "1292", "Truncated incorrect DECIMAL value: ''"
            hit("1916 DECIMAL overflow -> 1292")
        # A string compared with a number: MySQL 8.4 compares as DOUBLE and its warning names
        # DOUBLE; MariaDB compares as DECIMAL when the number is exact and names DECIMAL.
        if code == "1292" and has_cmp and not overflow and \
                message.startswith("Truncated incorrect DECIMAL value"):
            message = "Truncated incorrect DOUBLE value" + message[len(
                "Truncated incorrect DECIMAL value"):]
            hit("DECIMAL -> DOUBLE in 1292")
        warnings.append((level, code, message))
    m.warnings = warnings
    p.warnings = [(lv, c, "(out of range)" if c == "1690" else msg) for lv, c, msg in p.warnings]
    return p, m, suppressed


def _least_mixed(node):
    if node.op not in ("GREATEST", "LEAST"):
        return False
    kinds = {kid.kind for kid in node.kids}
    return "str" in kinds and len(kinds) > 1


def same_double(a, b):
    """Whether two printed DOUBLEs are the same number."""
    if a is None or b is None:
        return False
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def round_to(value, decimals):
    if value is None:
        return None
    try:
        return str(Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    except (ArithmeticError, ValueError):
        return value


# ---------------------------------------------------------------------------------------------
# Comparing

class Diff:
    __slots__ = ("category", "sig", "detail")

    def __init__(self, category, sig, detail):
        self.category, self.sig, self.detail = category, sig, detail

    def key(self):
        return (self.category, self.sig)


def compare(tree, mode, p, m, raw=False, stats=None):
    """The disagreements between porpoised's outcome p and MariaDB's m, after normalisation.
    Returns (diffs, suppressed)."""
    stats = {} if stats is None else stats
    if p.problem or m.problem:
        who = "porpoised" if p.problem else "mariadb"
        text = p.problem or m.problem
        kind = text.split(" (")[0].split(":")[0]
        if " died " in text:
            kind = "server crashed"
        return [Diff("protocol", (who, kind), f"{who}: {text}")], None
    pe = p.error[0] if p.error else None
    me = m.error[0] if m.error else None
    if pe != me:
        return [Diff("error", (pe, me), f"error {pe or 'none'} vs {me or 'none'}")], None
    if pe is not None:
        return [], None
    if raw:
        suppressed = None
    else:
        p, m, suppressed = normalise(tree, mode, p, m, stats)
    diffs = []
    if p.decode:
        diffs.append(Diff("protocol", ("porpoised", "non-UTF-8 value"),
                          "porpoised sent a value that is not valid UTF-8"))
    if m.decode:
        diffs.append(Diff("protocol", ("mariadb", "non-UTF-8 value"),
                          "MariaDB sent a value that is not valid UTF-8"))
    if suppressed:
        return diffs, suppressed
    prows, mrows = p.rows or [], m.rows or []
    if mode == "group":
        prows = sorted(prows, key=repr)
        mrows = sorted(mrows, key=repr)
    if prows != mrows:
        if len(prows) != len(mrows):
            diffs.append(Diff("value", ("row count",), f"{len(prows)} rows vs {len(mrows)} rows"))
        else:
            a, b = next((a, b) for a, b in zip(prows, mrows) if a != b)
            kinds = sorted({value_kind(x, y) for ra, rb in zip(prows, mrows)
                            for x, y in zip(ra, rb) if x != y})
            diffs.append(Diff("value", tuple(kinds), f"{fmt_row(a)} vs {fmt_row(b)}"))
    pf, mf = p.fields or [], m.fields or []
    if len(pf) != len(mf):
        diffs.append(Diff("metadata", ("columns",), f"{len(pf)} columns vs {len(mf)}"))
    else:
        for a, b in zip(pf, mf):
            if a != b:
                diffs += column_diffs(a, b)
                break
    if p.warnings != m.warnings:
        pc = tuple(w[1] for w in p.warnings)
        mc = tuple(w[1] for w in m.warnings)
        if sorted(set(pc)) != sorted(set(mc)):
            sig = ("codes", tuple(sorted(set(pc))), tuple(sorted(set(mc))))
            detail = f"warnings {list(pc)} vs {list(mc)}"
        elif pc != mc:
            sig = ("count", tuple(sorted(set(pc))))
            detail = f"warnings {list(pc)} vs {list(mc)}"
        else:
            a, b = next((a, b) for a, b in zip(p.warnings, m.warnings) if a != b)
            sig = ("text", a[1])
            detail = f"{a[0]} {a[1]} {a[2]!r} vs {b[0]} {b[1]} {b[2]!r}"
        diffs.append(Diff("warnings", sig, detail))
    return diffs, None


def value_kind(a, b):
    """How two differing values differ: groups value findings."""
    if a is None or b is None:
        return "NULL vs value" if a is None else "value vs NULL"
    try:
        if float(a) == float(b) and ("e" in a.lower() or "e" in b.lower()):
            return "same double, other text"
    except (ValueError, OverflowError):
        pass
    try:
        da, db = Decimal(a), Decimal(b)
        if da == db:
            return "same number, other scale"
        if da.is_finite() and db.is_finite() and da != 0 and \
                abs(da - db) / abs(db if db != 0 else da) < Decimal("1e-12"):
            return "rounding (relative < 1e-12)"
        return "numbers differ"
    except (ArithmeticError, ValueError):
        pass
    if a.lower() == b.lower():
        return "case differs"
    if a.rstrip() == b.rstrip():
        return "trailing spaces differ"
    return "strings differ"


def column_diffs(a, b):
    """One finding per independent way two column definitions differ: a type difference
    carries its length, decimals, charset and NUM/BINARY flags with it."""
    out = []
    tn = lambda code: TYPE_NAMES.get(code, str(code))  # noqa: E731
    full = f"{column_text(a)}  vs  {column_text(b)}"
    ignore = 0
    if a[0] != b[0]:
        out.append(Diff("metadata", (f"type {tn(a[0])} vs {tn(b[0])}",), full))
        ignore = NUM_FLAG | 128  # NUM and BINARY follow the type
    else:
        if a[1] != b[1]:
            out.append(Diff("metadata", (f"{tn(a[0])} length",), full))
        if a[2] != b[2]:
            if 31 in (a[2], b[2]):
                sig = f"{tn(a[0])} decimals {a[2]} vs {b[2]}"
            else:
                sig = f"{tn(a[0])} decimals"
            out.append(Diff("metadata", (sig,), full))
        if a[4] != b[4]:
            out.append(Diff("metadata", (f"charsetnr {a[4]} vs {b[4]}",), full))
    extra, missing = a[3] & ~b[3] & ~ignore, b[3] & ~a[3] & ~ignore
    if extra or missing:
        s = (f"+{flag_names(extra)} " if extra else "") + (f"-{flag_names(missing)}"
                                                           if missing else "")
        out.append(Diff("metadata", (f"flags {s.strip()}",), full))
    return out


def lost_connection(d):
    return d.category == "protocol" and d.sig[1] != "non-UTF-8 value"


def fmt_row(row):
    return "(" + ", ".join("NULL" if v is None else repr(v) for v in row) + ")"


# ---------------------------------------------------------------------------------------------
# The fuzzing loop

class Fuzzer:
    def __init__(self, porp, maria, args):
        self.porp, self.maria, self.args = porp, maria, args
        self.stats = {}  # normalisations applied
        self.findings = []  # dicts, one per (expression, category signature)
        self.suppressed = 0
        self.expressions = 0
        self.disagreeing = 0
        self.minimised = {}  # (category, sig) -> how many findings were minimised
        self.cache = {}
        self.deadline = None
        self.index = None  # the expression being checked

    def evaluate(self, tree, mode):
        sql = query_for(tree, mode)
        hit = self.cache.get(sql)
        if hit is not None:
            return hit
        p = self.porp.run(sql)
        m = self.maria.run(sql)
        diffs, suppressed = compare(tree, mode, p, m, raw=self.args.raw, stats=self.stats)
        result = (sql, p, m, diffs, suppressed)
        for d in diffs:
            # A lost connection or a crash is recorded where it happens, minimising included,
            # and the statement is not run again.
            if lost_connection(d):
                self.record(d, d, tree, sql, p, m)
        if len(self.cache) > 5000:
            self.cache.clear()
        self.cache[sql] = result
        return result

    def out_of_time(self):
        return self.deadline is not None and time.monotonic() > self.deadline

    def minimise(self, tree, mode, target):
        """Replaces subexpressions by one of their children (or drops an argument of a variadic
        function) while the disagreement `target` (category, sig) persists."""
        budget = self.args.minimise_budget
        best, best_mode = tree, mode
        progress = True
        while progress and budget > 0 and not self.out_of_time():
            progress = False
            for path, node in list(best.walk()):
                candidates = list(node.kids)
                if node.minargs is not None and len(node.kids) > node.minargs:
                    candidates += [node.copy_with(node.kids[:i] + node.kids[i + 1:])
                                   for i in range(len(node.kids))]
                for cand in candidates:
                    if budget <= 0:
                        break
                    new = best.replace(path, cand)
                    new_mode = mode_for(new, best_mode)
                    budget -= 1
                    _, _, _, diffs, _ = self.evaluate(new, new_mode)
                    if any(d.key() == target for d in diffs):
                        best, best_mode, progress = new, new_mode, True
                        break
                if progress or budget <= 0:
                    break
        return best, best_mode

    def check(self, index, tree, mode):
        self.index = index
        self.expressions += 1
        sql, p, m, diffs, suppressed = self.evaluate(tree, mode)
        if suppressed:
            self.suppressed += 1
        if not diffs:
            return
        self.disagreeing += 1
        for d in diffs:
            if lost_connection(d):
                continue  # recorded by evaluate()
            key = d.key()
            done = self.minimised.get(key, 0)
            small, small_mode = tree, mode
            # Minimise every finding of a new kind; later ones of a well-known kind less often.
            # (Lost connections and crashes are not minimised: each try may restart a server.)
            if not self.args.no_minimise and d.category != "protocol" and \
                    (done < 40 or random.Random(index).random() < 0.2):
                small, small_mode = self.minimise(tree, mode, key)
                self.minimised[key] = done + 1
            s_sql, sp, sm, sdiffs, _ = self.evaluate(small, small_mode)
            sd = next((x for x in sdiffs if x.key() == key), d)
            self.record(d, sd, small, s_sql, sp, sm, original_sql=sql)

    def record(self, d, sd, small, s_sql, sp, sm, original_sql=None):
        """Adds one finding: d as first seen, sd as seen on the (minimised) statement s_sql."""
        self.findings.append({
            "seed": self.args.seed, "index": self.index, "category": d.category,
            "sig": list(d.sig), "detail": sd.detail, "sql": s_sql,
            "original_sql": original_sql or s_sql, "shape": small.shape(),
            "size": small.size(), "porpoised": sp.as_json(), "mariadb": sm.as_json(),
        })
        if self.args.verbose:
            print(f"[{d.category}] {s_sql}\n    {sd.detail}", flush=True)


def distinct(findings):
    """The smallest finding of each (category, signature, shape)."""
    best = {}
    for f in findings:
        key = (f["category"], json.dumps(f["sig"]), f["shape"])
        if key not in best or (len(f["sql"]), f["sql"]) < (len(best[key]["sql"]),
                                                          best[key]["sql"]):
            best[key] = f
    return sorted(best.values(), key=lambda f: (len(f["sql"]), f["sql"]))


def describe(side, category):
    """The part of an outcome that matters for the category, on one line."""
    if "problem" in side:
        return side["problem"]
    if "error" in side:
        return f"ERROR {side['error'][0]}: {side['error'][1]}"
    if category == "metadata":
        return " | ".join(side.get("columns", []))
    if category == "warnings":
        return " | ".join(" ".join(w) for w in side.get("warnings", [])) or "(no warnings)"
    rows = side.get("rows", [])
    text = "; ".join(", ".join("NULL" if v is None else v for v in r) for r in rows[:6])
    if len(rows) > 6:
        text += f"; ... ({len(rows)} rows)"
    return text if rows else "(no rows)"


def report(fuzzer, seconds, args):
    f = fuzzer
    statements = f.porp.statements + f.maria.statements
    rate = f.expressions / seconds if seconds else 0.0
    print(f"\nexpr_fuzz: seed {args.seed}, {f.expressions} expressions in {seconds:.1f} s "
          f"({rate:.1f} expressions/s, {statements / max(seconds, 1e-9):.0f} statements/s on "
          f"both servers together, minimising included)")
    print(f"expressions that disagree: {f.disagreeing}; findings: {len(f.findings)}; "
          f"not compared (STDDEV rounding inside an expression, GREATEST/LEAST over numbers and strings): {f.suppressed}")
    if f.porp.restarts or f.maria.restarts:
        print(f"server restarts: porpoised {f.porp.restarts}, MariaDB {f.maria.restarts}")
    if f.stats and not args.raw:
        print("known differences normalised: " +
              ", ".join(f"{k} x{v}" for k, v in sorted(f.stats.items())))
    cats = ["value", "error", "metadata", "warnings", "protocol"]
    by_sig = {}
    for x in f.findings:
        by_sig.setdefault((x["category"], json.dumps(x["sig"])), []).append(x)
    dist = distinct(f.findings)
    print("\nby category (findings / distinct shapes / signatures):")
    for c in cats:
        n = sum(1 for x in f.findings if x["category"] == c)
        d = sum(1 for x in dist if x["category"] == c)
        s = sum(1 for k in by_sig if k[0] == c)
        print(f"  {c:9} {n:6} {d:6} {s:6}")
    print("\nsignatures, most frequent first (count, smallest example):")
    for (c, sig), xs in sorted(by_sig.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        small = min(xs, key=lambda x: (len(x["sql"]), x["sql"]))
        print(f"  {len(xs):6}  [{c}] {' / '.join(map(str, json.loads(sig)))}")
        print(f"          {small['sql']}")
    examples, per_sig, seen_sql = [], {}, set()
    for x in dist:
        key = (x["category"], json.dumps(x["sig"]))
        if x["sql"] in seen_sql or per_sig.get(key, 0) >= 2:
            continue
        per_sig[key] = per_sig.get(key, 0) + 1
        seen_sql.add(x["sql"])
        examples.append(x)
        if len(examples) >= args.examples:
            break
    print(f"\nthe {len(examples)} smallest distinct examples (at most two per signature):")
    for x in examples:
        print(f"[{x['category']}] {x['sql']}")
        print(f"    {x['detail']}")
        print(f"    porpoised: {describe(x['porpoised'], x['category'])}")
        print(f"    mariadb:   {describe(x['mariadb'], x['category'])}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for x in f.findings:
                out.write(json.dumps(x, ensure_ascii=False) + "\n")
        print(f"\n{len(f.findings)} findings written to {args.out}")


def show(sql, p, m, diffs, suppressed):
    """Prints one statement with both servers' answers and what differs."""
    print(sql)
    for name, o in (("porpoised", p), ("mariadb", m)):
        print(f"  {name}: " + json.dumps(o.as_json(), ensure_ascii=False))
    if suppressed:
        print(f"  not compared: {suppressed}")
    for d in diffs:
        print(f"  DIFFERS [{d.category}] {' / '.join(map(str, d.sig))}: {d.detail}")
    if not diffs and not suppressed:
        print("  same")


def run_expressions(fuzzer, texts):
    """--expr: run the given expressions and print both answers."""
    for text in texts:
        tree = leaf("expr", "num", text, "expr")
        sql = text if text.lstrip().upper().startswith("SELECT ") else f"SELECT {text}"
        p, m = fuzzer.porp.run(sql), fuzzer.maria.run(sql)
        diffs, suppressed = compare(tree, "const", p, m, raw=fuzzer.args.raw)
        show(sql, p, m, diffs, suppressed)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, help="the run's seed (default: from the clock; printed)")
    ap.add_argument("--count", type=int, help="stop after this many expressions")
    ap.add_argument("--seconds", type=float,
                    help="stop after this many seconds (with neither bound: --count 500)")
    ap.add_argument("--index", type=int, action="append",
                    help="only run expression INDEX of the seed (repeatable): replays findings")
    ap.add_argument("--depth", type=int, default=4, help="maximum nesting depth (default 4)")
    ap.add_argument("--out", help="write every finding to this JSONL file")
    ap.add_argument("--examples", type=int, default=30,
                    help="how many of the smallest distinct examples to print (default 30)")
    ap.add_argument("--no-minimise", action="store_true", help="report expressions as generated")
    ap.add_argument("--minimise-budget", type=int, default=150,
                    help="statement pairs one minimisation may spend (default 150)")
    ap.add_argument("--raw", action="store_true",
                    help="do not normalise the known MariaDB-vs-MySQL differences")
    ap.add_argument("--expr", action="append",
                    help="run this expression (as SELECT EXPR; may carry FROM t ...) instead of "
                         "generating; repeatable")
    ap.add_argument("--porpoised", help="porpoised binary (default: $PORPOISED, else the first "
                                        "of build/, build-release/ that has one)")
    ap.add_argument("--porpoise-socket", help="use a running porpoised (root over this socket)")
    ap.add_argument("--mariadb-socket", help="use a running MariaDB (root over this socket)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print findings as they come")
    args = ap.parse_args()
    if args.seed is None:
        args.seed = int(time.time()) % 1000000
    if args.count is None and args.seconds is None and not args.index:
        args.count = 500
    if args.depth < 1:
        ap.error("--depth must be at least 1")

    if args.porpoised:
        harness.PORPOISED = Path(args.porpoised).resolve()
    elif not os.environ.get("PORPOISED"):
        for build in ("build", "build-release"):
            candidate = REPO / build / "src/daemon/porpoised"
            if candidate.exists():
                harness.PORPOISED = candidate
                break

    database = f"expr_fuzz_{os.getpid()}"
    pool = harness.ServerPool(harness.workdir())
    sides = []
    try:
        for name, kind, sock in (("porpoised", "porpoise", args.porpoise_socket),
                                 ("MariaDB", "mariadb", args.mariadb_socket)):
            if sock:
                side = Side(name, None, dict(unix_socket=sock, user="root", password=""),
                            database)
            else:
                server = pool.new(kind=kind)
                server.initialize()
                server.start()
                side = Side(name, server, dict(unix_socket=server.socket, user="root",
                                               password=""), database)
            side.connect(setup=True)
            sides.append(side)
        porp, maria = sides
        fuzzer = Fuzzer(porp, maria, args)

        # The table must read back the same on both, or every column finding is suspect.
        check = leaf("col", "num", "*", "*")
        p, m = porp.run("SELECT * FROM t ORDER BY id"), maria.run("SELECT * FROM t ORDER BY id")
        diffs, _ = compare(check, "rows", p, m, raw=True)
        for d in diffs:
            if d.category in ("value", "error", "protocol"):
                print(f"note: table t reads back differently ({d.category}): {d.detail[:300]}")

        if args.expr:
            run_expressions(fuzzer, args.expr)
            return 0
        print(f"expr_fuzz: seed {args.seed}, depth {args.depth}, porpoised {harness.PORPOISED}"
              if not args.porpoise_socket else f"expr_fuzz: seed {args.seed}", flush=True)
        started = time.monotonic()
        if args.seconds is not None:
            fuzzer.deadline = started + args.seconds
        indexes = args.index or range(args.count if args.count is not None else 1 << 62)
        last_note = started
        for index in indexes:
            if fuzzer.out_of_time():
                break
            tree, mode = generate(args.seed, index, args.depth)
            if args.index:  # a replay: show the expression as generated, then as usual
                fuzzer.index = index
                show(*fuzzer.evaluate(tree, mode))
            try:
                fuzzer.check(index, tree, mode)
            except ServerGone as e:
                print(f"stopping early: {e} (expression {index}: "
                      f"{query_for(tree, mode)})", flush=True)
                break
            now = time.monotonic()
            if not args.verbose and now - last_note > 30:
                last_note = now
                print(f"  ... {fuzzer.expressions} expressions, {len(fuzzer.findings)} findings",
                      flush=True)
        report(fuzzer, time.monotonic() - started, args)
        for side in sides:
            side.close()
        return 0
    finally:
        pool.close()
        harness.remove_templates()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except BaseException:
        traceback.print_exc()
        sys.exit(2)
