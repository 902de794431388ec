#!/usr/bin/python3
"""Differential expression fuzzer: porpoised against MariaDB 10.11.

Generates random, typed SQL expressions from a seed (integer, DECIMAL, DOUBLE, string, DATE,
DATETIME, TIME and JSON literals at their bounds, NULL, CASTs, arithmetic, comparisons, logic,
control flow, COLLATE, column references over a small typed table and aggregates over it) from
six function families (--families): core (numeric and string functions), time (date and time
functions, every INTERVAL and EXTRACT unit, DATE_FORMAT specifiers, week modes, STR_TO_DATE,
periods, CONVERT_TZ offsets, temporal operands beside strings and numbers), json (the JSON
functions over generated documents and paths, valid and not), regexp (REGEXP, REGEXP_LIKE,
REGEXP_INSTR, REGEXP_SUBSTR, REGEXP_REPLACE over generated patterns and match types), xml
(EXTRACTVALUE and UPDATEXML over fragments valid and not with generated XPath, which MariaDB
implements as MySQL does) and bit (bit operators, BIT_COUNT, CRC32, CONV, HEX/UNHEX, INET*_ATON/NTOA, IS_IPV4/6, UUID_TO_BIN/
BIN_TO_UUID of constant UUIDs, MD5, SHA1, SHA2, base64, COMPRESS lengths). Where MariaDB lacks a
MySQL form (->, ->>, REGEXP_LIKE, match types, UUID_TO_BIN, BIN_TO_UUID) its side runs an
equivalent. Each runs as `SELECT <expr>` (or `SELECT <expr> FROM t ...`) on a throwaway porpoised
and a throwaway MariaDB with the same session settings, and compares the error code, the values as
text, the column metadata (type, length, decimals, flags, charsetnr from the raw column
definitions) and the warnings. Differences that are MariaDB-vs-MySQL-8.4 by design are
normalised first (the KNOWN DIFFERENCES section of this script; --raw turns that off). The same
warnings in another order are porpoised's own known difference, counted apart in the summary
(--warning-order compares the order too). A
function is judged on its own: where one of its arguments already differs (in type, value or
warnings), the difference is that argument's finding, or none when a known difference explains
the argument's. Each disagreement is minimised (subexpressions replaced by their children while it persists) and
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
  /usr/bin/python3 scripts/expr_fuzz.py --seed 5 --seconds 120 --families time,json

Expression i of seed S is generated from its own random stream, so `--seed S --index i`
regenerates it (the JSONL records carry both; give the same --families). `--expr TEXT` runs TEXT as `SELECT TEXT`
(TEXT may end with its own FROM clause) and prints both servers' answers; the normalisations
that depend on the expression's structure (integer and comparison results typed LONGLONG,
STDDEV_POP's decimals) are not applied to it. The table is
  t(id INT PRIMARY KEY, ti TINYINT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED,
    d1 DECIMAL(10,2), d2 DECIMAL(30,10), db DOUBLE, fl FLOAT, vg VARCHAR(20) utf8mb4_general_ci,
    vb VARCHAR(20) utf8mb4_bin, cl CHAR(10) latin1_swedish_ci, dd DATE, dt DATETIME,
    df DATETIME(6), tm TIME, ts TIMESTAMP, yr YEAR, js JSON)
with six rows: zeros, empty strings and zero dates, upper bounds, lower bounds, NULLs, small
values, others (a zero in a date among them); the session's time_zone is '+00:00'.
"""
import argparse
import base64
import collections
import datetime
import json
import os
import random
import re
import struct
import sys
import time
import traceback
import unicodedata
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
           "SET NAMES utf8mb4 COLLATE utf8mb4_general_ci",
           # TIMESTAMP values, FROM_UNIXTIME and UNIX_TIMESTAMP depend on the session's zone.
           "SET SESSION time_zone = '+00:00'"]

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
LONG, LONGLONG, DOUBLE, FLOAT, NEWDECIMAL = 3, 8, 5, 4, 246
TINY, SHORT, INT24 = 1, 2, 9
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
  cl CHAR(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci,
  dd DATE, dt DATETIME, df DATETIME(6), tm TIME, ts TIMESTAMP NULL DEFAULT NULL, yr YEAR,
  js JSON)"""
# The numeric and string columns, then dd, dt, df, tm, ts, yr, js. Row 1 holds zero dates
# (inserted with an empty sql_mode: the session's NO_ZERO_DATE would refuse them), row 2 the
# upper bounds, row 3 the lower ones, row 6 a zero in a date. JSON texts are written in MySQL's
# normal form (keys by length, then bytes; ", " and ": "), which MariaDB keeps as given.
ROWS = [
    "(1, 0, 0, 0, 0, 0.00, 0, 0, 0, '', '', '', '0000-00-00', '0000-00-00 00:00:00', "
    "'2024-00-00 00:00:00', '00:00:00', '0000-00-00 00:00:00', 0, '0')",
    "(2, 127, 4294967295, 9223372036854775807, 18446744073709551615, 99999999.99, "
    "99999999999999999999.9999999999, 1e308, 3.4e38, '1abc', 'abc', 'ä', '9999-12-31', "
    "'9999-12-31 23:59:59', '9999-12-31 23:59:59.999999', '838:59:59', '2038-01-19 03:14:07', "
    "2155, '{\"a\": [1, 2, {\"b\": null}], \"k\": \"v\"}')",
    "(3, -128, 1, -9223372036854775808, 9223372036854775808, -99999999.99, "
    "-12345678901234567890.0123456789, -1.5e-7, -1.5, '  12  ', 'ABC', 'a  ', '1000-01-01', "
    "'1000-01-01 00:00:00', '1000-01-01 00:00:00.000001', '-838:59:59', "
    "'1970-01-01 00:00:01', 1901, '[]')",
    "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL)",
    "(5, 1, 7, -1, 1, 0.01, 0.0000000001, 0.1, 0.1, '-7.5e2', 'a', 'Z', '2024-02-29', "
    "'2024-02-29 12:34:56', '2024-02-29 12:34:56.500000', '12:34:56', '2024-02-29 12:34:56', "
    "2024, '\"abc\"')",
    "(6, -1, 2147483648, 2147483647, 4294967296, 12.50, 3.3333333333, 2.5, 0.001, 'ä', 'ä', "
    "'abc', '2024-02-00', '1999-12-31 23:59:59', '2000-01-01 00:00:00.000001', '-00:00:01', "
    "'2000-01-01 00:00:00', 1970, '[1, 2.5, \"x\", null, true, {\"a\": {\"b\": [3]}}]')",
]
NUM_COLUMNS = ["ti", "iu", "bi", "bu", "d1", "d2", "db", "fl"]
STR_COLUMNS = ["vg", "vb", "cl"]
APPROX_COLUMNS = {"db", "fl"}
DECIMAL_COLUMNS = {"d1", "d2"}
NARROW_INT_COLUMNS = {"ti", "iu"}  # TINY and LONG in the metadata
TEMPORAL_COLUMNS = {"date": ["dd"], "datetime": ["dt", "df", "ts"], "time": ["tm"]}


# ---------------------------------------------------------------------------------------------
# Expression trees

class Node:
    """An expression: `op` names it (for shapes), `kind` is num/str/bool/date/datetime/time/json
    (what the generator asked for, not necessarily the SQL type), `fmt` renders it from the
    children's SQL (a format string, or a function of the list for variadic nodes whose
    arguments can be dropped down to `minargs`). A leaf has `text` and no children. `alt`, when
    set, renders the node for MariaDB instead of `fmt`: an equivalent of a MySQL form MariaDB
    10.11 lacks (KNOWN DIFFERENCES says which)."""
    __slots__ = ("op", "kind", "fmt", "kids", "text", "tag", "minargs", "alt")

    def __init__(self, op, kind, fmt=None, kids=(), text=None, tag=None, minargs=None, alt=None):
        self.op, self.kind, self.fmt, self.kids = op, kind, fmt, list(kids)
        self.text, self.tag, self.minargs, self.alt = text, tag, minargs, alt

    def sql(self, dialect="mysql"):
        if self.text is not None:
            return self.text
        parts = [k.sql(dialect) for k in self.kids]
        fmt = self.alt if dialect == "mariadb" and self.alt is not None else self.fmt
        return fmt(parts) if callable(fmt) else fmt.format(*parts)

    def copy_with(self, kids):
        return Node(self.op, self.kind, self.fmt, kids, self.text, self.tag, self.minargs,
                    self.alt)

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


# The function families (--families): core is the numeric, string and logical functions above;
# time the date and time functions; json the JSON functions; regexp the regular expression
# functions; xml EXTRACTVALUE and UPDATEXML; bit the bit, hashing, encoding and network-address
# functions. Only deterministic
# functions: NOW(), CURDATE(), SYSDATE(), UTC_*(), UUID(), RAND() and UNIX_TIMESTAMP() without
# an argument are left out.
FAMILIES = ("core", "time", "json", "regexp", "xml", "bit")
TEMPORAL = ("date", "datetime", "time")

DATE_LITERALS = ["2024-02-29", "1000-01-01", "9999-12-31", "2023-02-28", "2000-01-01",
                 "1970-01-01", "1999-12-31", "2024-12-30", "2021-01-03", "2038-01-19",
                 "0001-01-01", "2020-12-31", "2008-12-28", "0000-00-00"]
DATETIME_LITERALS = ["2024-02-29 12:34:56", "1000-01-01 00:00:00", "9999-12-31 23:59:59",
                     "9999-12-31 23:59:59.999999", "2000-01-01 00:00:00", "1970-01-01 00:00:01",
                     "2038-01-19 03:14:07", "1999-12-31 23:59:59.5", "2024-01-01 00:00:00.000001",
                     "2021-01-03 23:00:00", "2024-03-31 01:30:00.25"]
TIME_LITERALS = ["00:00:00", "12:34:56", "838:59:59", "-838:59:59", "23:59:59.999999",
                 "-00:00:01", "100:00:00", "00:00:00.5", "1 02:03:04", "-12:00:00.25", "10:00"]
# Strings and numbers in temporal places: valid, out of range, zero, malformed.
TEMPORAL_STRINGS = ["'2024-02-29'", "'20240229'", "'2024-2-9'", "'2024-02-30'", "'2024-13-01'",
                    "'24-02-29'", "'2024-02-29 12:34:56'", "'2024-02-29 12:34:56.123456'",
                    "'2024-02-29T12:34:56'", "'12:34:56'", "'838:59:59'", "'839:00:00'",
                    "'-01:00:00'", "'1 10:00:00'", "'0000-00-00'", "'0000-00-00 00:00:00'",
                    "'2024-00-10'", "'2024-02-00'", "'abc'", "''", "'2024-02-29 25:00:00'",
                    "'99-12-31'", "'123456'", "'1:2:3'", "'2024-02-29 12:34:56.9999995'",
                    "'1970-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'"]
TEMPORAL_NUMBERS = ["20240229", "20240229123456", "123456", "991231", "0", "19700101",
                    "99991231235959", "8385959", "20240229123456.5", "1", "20241301",
                    "101.5"]
INTERVAL_SIMPLE = ["MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH",
                   "QUARTER", "YEAR"]
# A compound unit and the layout of its value: letters stand for numbers.
INTERVAL_COMPOUND = {"SECOND_MICROSECOND": "S.f", "MINUTE_MICROSECOND": "M:S.f",
                     "MINUTE_SECOND": "M:S", "HOUR_MICROSECOND": "H:M:S.f",
                     "HOUR_SECOND": "H:M:S", "HOUR_MINUTE": "H:M", "DAY_MICROSECOND": "D H:M:S.f",
                     "DAY_SECOND": "D H:M:S", "DAY_MINUTE": "D H:M", "DAY_HOUR": "D H",
                     "YEAR_MONTH": "Y-M"}
DATE_SPECIFIERS = ["%a", "%b", "%c", "%D", "%d", "%e", "%f", "%H", "%h", "%I", "%i", "%j", "%k",
                   "%l", "%M", "%m", "%p", "%r", "%S", "%s", "%T", "%U", "%u", "%V", "%v", "%W",
                   "%w", "%X", "%x", "%Y", "%y", "%%", "%q", "%"]
TIME_SPECIFIERS = ["%H", "%k", "%h", "%I", "%l", "%i", "%S", "%s", "%f", "%p", "%r", "%T", "%%"]
# STR_TO_DATE: a text and a format that fit, and others that do not.
STR_TO_DATE_PAIRS = [("2024-02-29", "%Y-%m-%d"), ("29/02/2024", "%d/%m/%Y"),
                     ("Feb 29 2024", "%b %d %Y"), ("12:34:56", "%H:%i:%s"),
                     ("2024-02-29 12:34:56.5", "%Y-%m-%d %H:%i:%s.%f"), ("10:05 PM", "%h:%i %p"),
                     ("24-2-9", "%y-%c-%e"), ("abc", "%Y"), ("2024-02-30", "%Y-%m-%d"),
                     ("0000-00-00", "%Y-%m-%d"), ("2024", "%Y"), ("9 February 2024", "%e %M %Y"),
                     ("Thursday 29 2 2024", "%W %d %c %Y"), ("2024-02-29", "%Y-%m-%d %H"),
                     ("12:34", "%i:%s"), ("200442 Monday", "%X%V %W"),
                     ("2024-02-29 12:34:56", "%Y-%m-%d %T"), ("12.5", "%H.%f")]
TIMEZONES = ["'+00:00'", "'+05:30'", "'-08:00'", "'+14:00'", "'-13:59'", "'+13:00'", "'+14:01'",
             "'-12:00'", "'abc'", "'+1:00'"]

# JSON documents as SQL literals, in MySQL's normal form (so that MariaDB, which keeps a text
# as given, prints them the way MySQL does), then a few that are not JSON. None has a duplicate
# key (MySQL keeps the last, MariaDB finds the first) or a number beyond DOUBLE (MySQL refuses
# the text, MariaDB keeps it): those differ by design.
JSON_DOCS = ['{"a": 1, "b": [1, 2, 3], "c": {"d": "x"}}', '[1, "a", [2, [3]], {"k": null}]',
             '{}', '[]', '"abc"', '1', '1.5', '-0', 'true', 'false', 'null',
             '{"a": {"a": {"a": 1}}}', '[1, 2, 3, 4, 5]', '{"b": 2, "aa": 1}',
             '{"a": "x", "b": "y%z", "c": ["x", "abc"]}', '[{"a": 1}, {"a": 2, "b": 3}]',
             '[1.5e300, -1e-7, 18446744073709551615, -9223372036854775808]',
             '"ä"', '{"k": [true, false, null], "a b": 2}', '[[], {}, [[]]]', '"1"',
             '{"a": [1, {"b": [2, {"c": 3}]}]}']
BAD_JSON_DOCS = ['{"a": 1', '[1, 2,]', 'abc', '', "{''a'': 1}", '{"a" 1}', '[1] x', '[01]']
JSON_PATHS = ["$", "$.a", "$.b", "$.c", "$.c.d", "$.b[0]", "$.b[1]", "$.b[2]", "$[0]", "$[1]",
              "$[2]", "$[2][1]", "$[3].k", "$.a.a.a", "$.z", "$[9]", "$.k", "$.aa", '$."a b"',
              "$[last]", "$.b[last]", "$[0].a", "$[1].b", "$.a[0]", "$[0][0]"]
JSON_WILD_PATHS = ["$.*", "$[*]", "$**.a", "$.b[*]", "$**[0]", "$[*].a"]
JSON_BAD_PATHS = ["a", "$.", "$[", "$..a", "$[-1]", "", "$.a[", "$ a", ".a", "$[1.5]"]
JSON_KEYS_SORTED = ["a", "b", "c", "k", "aa", "a b"]  # MySQL's key order: length, then bytes
JSON_SEARCH_FOR = ["'x'", "'abc'", "'%b%'", "'y%z'", "'%'", "'_'", "'a'", "'y\\\\%z'", "NULL",
                   "'1'"]

# Regular expressions: pieces of patterns, subjects, replacements; patterns ICU and PCRE
# read alike except the invalid ones (both refuse them).
REGEX_ATOMS = ["a", "b", "c", "A", "B", "ä", "1", " ", ".", "\\\\d", "\\\\w", "\\\\s", "[a-c]",
               "[^a]", "[[:alpha:]]", "[[:digit:]]", "[[:space:]]", "ab", "\\\\.", "x", "z"]
REGEX_QUANTIFIERS = ["", "", "", "*", "+", "?", "{2}", "{1,3}", "*?", "+?", "{0}"]
BAD_REGEXES = ["(", "[a", "a{2,1}", "*a", "\\\\", ")", "a(?<x", "+", "a{99999999}", "[b-a]"]
# XML fragments for EXTRACTVALUE and UPDATEXML (some that MySQL's reader refuses), and the
# pieces XPath expressions are made of.
# (Not among them, for MariaDB reads them otherwise: a closing tag with another name of the same
# length, which MySQL takes, and <?xml ...?>, which MySQL keeps as a node.)
XML_DOCS = ["'<a>ccc<b>ddd</b></a>'", "'<a id=\"1\"><b>x</b><b id=\"2\">y</b><c>3</c></a>'",
            "'<a><b><c>1</c><c>2</c></b><b><c>3</c></b></a>'", "'<r>t<!-- c --><![CDATA[<x>]]>u</r>'",
            "'<a>'", "'<a></bb>'", "'<a><bb></a>'", "''", "'<a> 1 </a>'",
            "'<a b c=d>x</a>'", "'<a>ä<b>é</b></a>'", "'text<a>x</a>more'", "'<a>\n <b/>\n</a>'",
            "'<a x=\"A\"><a x=\"B\">in</a>out</a>'", "'<and><div>v</div></and>'", "'<a>1.5</a><a>-2</a>'"]
XML_NAMES = ["a", "b", "c", "r", "x", "*", "and", "div", "A"]
XML_AXES = ["child", "descendant", "descendant-or-self", "ancestor", "ancestor-or-self", "parent",
            "self", "attribute", "following-sibling"]
XML_BAD_PATHS = ["/a/", "/a[", "name(/a)", "/a = /a", ")", "'x", "count(1)", "position()", "$x",
                 "/a/b[1", "//", "1 +", "@"]
REGEX_SUBJECTS = ["'abcb'", "'aXbXc'", "'a\\nb'", "'ABC abc'", "'ääa'", "'123 456'", "'a.b.c'",
                  "''", "'banana'", "'x1y22z333'", "'b\\na\\nb'"]
REGEX_REPLACEMENTS = ["'X'", "''", "'-'", "'ab'", "'ä'"]

IP_STRINGS = ["'192.168.0.1'", "'10.0.0.256'", "'1.2.3'", "'::1'", "'::ffff:1.2.3.4'",
              "'fe80::1'", "'1:2:3:4:5:6:7:8'", "'1::2::3'", "''", "'127.1'", "'abc'",
              "'0.0.0.0'", "'255.255.255.255'", "'::'", "'::1.2.3.4'", "'1.2.3.4 '"]
UUIDS = ["6ccd780c-baba-1026-9564-5b8c656024db", "00000000-0000-0000-0000-000000000000",
         "ffffffff-ffff-ffff-ffff-ffffffffffff", "123e4567-e89b-12d3-a456-426614174000"]
BASE64_STRINGS = ["'YWJj'", "'YWI='", "'YQ=='", "'!!'", "''", "'YW Jj'", "'YWJjZA'", "'w6Q='"]
HEX_STRINGS = ["'616263'", "'0'", "'GG'", "''", "'c3a4'", "'7f'", "'00000000000000000000ffff01020304'"]


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
    row), agg / group (aggregates over the table, whole or GROUP BY id % 2). families: which
    function families the inner nodes come from (FAMILIES); literals, columns, aggregates,
    control flow and the comparisons of core's bool_expr are there whatever they are, as glue."""

    def __init__(self, rng, max_depth, mode, families=FAMILIES):
        self.rng, self.max_depth, self.mode = rng, max_depth, mode
        self.families = [f for f in FAMILIES if f in families]
        self.in_agg = False
        self.mix = ["num", "str", "bool"] + (list(TEMPORAL) if "time" in self.families else [])

    def family(self):
        """The family of the next inner node: core weighs as much as two others."""
        weights = [2 if f == "core" else 1 for f in self.families]
        return self.rng.choices(self.families, weights)[0]

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
        if kind in TEMPORAL:
            return self.temporal_literal(kind)
        if kind == "json":
            return self.json_literal()
        text = r.choice(["0", "1", "0", "1", "TRUE", "FALSE"])
        if text in ("0", "1"):
            return leaf("int", "bool", text, "int")
        return leaf("bool", "bool", text, "boollit")

    def column(self, kind):
        r = self.rng
        if kind in TEMPORAL:
            return leaf("col", kind, r.choice(TEMPORAL_COLUMNS[kind]), None)
        if kind == "json":
            return leaf("col", "json", "js", "js")
        if kind == "num" and "time" in self.families and r.random() < 0.1:
            return leaf("col", "num", "yr", "yr")
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
            if kind in TEMPORAL:
                name = r.choice(["MIN", "MAX"])
                return Node(name, kind, name + "({0})", [self.expr(kind, depth)])
            if kind == "json":
                if r.random() < 0.5:
                    return Node("JSON_ARRAYAGG", "json", "JSON_ARRAYAGG({0})",
                                [self.json_value(depth)])
                return Node("JSON_OBJECTAGG", "json", "JSON_OBJECTAGG({0}, {1})",
                            [leaf("str", "str", r.choice(["'k'", "'a'"]), "key"),
                             self.json_value(depth)])
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
        if kind != "json" and self.rng.random() < 0.15:
            kind = self.rng.choice(self.mix)
        return self.expr(kind, depth)

    def expr(self, kind, depth):
        r = self.rng
        if kind == "any":
            kind = r.choice(["num", "num", "str", "bool"] + self.mix[3:])
        if depth <= 0 or r.random() < (0.08 if depth >= self.max_depth else 0.3):
            if kind == "bool" and depth > 0:
                return self.bool_expr(depth)
            return self.leaf_for(kind)
        if r.random() < 0.12:
            return self.control(kind, depth)
        if kind in TEMPORAL:
            return self.temporal_expr(kind, depth)
        if kind == "json":
            return self.json_expr(depth)
        return {"num": self.num_expr, "str": self.str_expr, "bool": self.bool_expr}[kind](depth)

    def num_expr(self, depth):
        fam = self.family()
        if fam != "core":
            return getattr(self, fam + "_num")(depth)
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
        fam = self.family()
        if fam != "core":
            return getattr(self, fam + "_str")(depth)
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
        fam = self.family()
        if fam != "core":
            return getattr(self, fam + "_bool")(depth)
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


    # -- date and time ------------------------------------------------------------------------

    def temporal_literal(self, kind):
        """A typed literal, or a string or number standing for a temporal value."""
        r = self.rng
        x = r.random()
        if x < 0.2:
            return leaf("str", "str", r.choice(TEMPORAL_STRINGS), "tstr")
        if x < 0.28:
            return leaf("tnum", "num", r.choice(TEMPORAL_NUMBERS), "tnum")
        if kind == "date":
            return leaf("DATE lit", kind, f"DATE '{r.choice(DATE_LITERALS)}'", "DATE lit")
        if kind == "datetime":
            return leaf("TIMESTAMP lit", kind, f"TIMESTAMP '{r.choice(DATETIME_LITERALS)}'",
                        "TIMESTAMP lit")
        return leaf("TIME lit", kind, f"TIME '{r.choice(TIME_LITERALS)}'", "TIME lit")

    def targ(self, depth, kinds=TEMPORAL):
        """A temporal argument: an expression of one of `kinds`, sometimes a string or number
        (the conversions are half of what these functions do)."""
        r = self.rng
        x = r.random()
        if x < 0.12:
            return leaf("str", "str", r.choice(TEMPORAL_STRINGS), "tstr")
        if x < 0.17:
            return self.arg(r.choice(["num", "str"]), depth)
        return self.expr(r.choice(kinds), depth)

    def interval(self, depth, unit=None):
        """(unit, value node) for INTERVAL value unit."""
        r = self.rng
        if unit is None:
            unit = r.choice(INTERVAL_SIMPLE + list(INTERVAL_COMPOUND)) if r.random() < 0.5 \
                else r.choice(INTERVAL_SIMPLE)
        x = r.random()
        if unit in INTERVAL_COMPOUND and x < 0.6:
            text = "".join(str(r.choice([0, 1, 2, 5, 12, 30, 59, 60, 99, 100, 999999, 1000000]))
                           if ch in "YMDHSf" else ch for ch in INTERVAL_COMPOUND[unit])
            if r.random() < 0.3:  # fewer parts than the unit has
                text = text.split(" ")[-1].split(":")[-1]
            if r.random() < 0.15:
                text = "-" + text
            if r.random() < 0.05:
                text = r.choice(["x", "1 x", "1::2", ""])
            return unit, leaf("str", "str", f"'{text}'", "ivstr")
        if x < 0.75:
            v = r.choice([0, 1, 1, 2, 7, 12, 31, 59, 60, 100, 1000, 10000, 1000000, -1, -12,
                          -10000, 2147483648, 9999999999])
            node = leaf("int", "num", str(abs(v)), "n")
            return unit, Node("neg", "num", "(-{0})", [node]) if v < 0 else node
        if x < 0.85:
            return unit, leaf("dec", "num", r.choice(["1.5", "0.5", "2.4", "-1.5", "1.999999"]),
                              "dec")
        return unit, self.arg("num", depth)

    def date_add(self, kind, depth):
        r, d = self.rng, depth - 1
        t = self.targ(d, kinds=(kind,) if r.random() < 0.7 else TEMPORAL)
        x = r.random()
        if x < 0.15:  # ADDDATE(t, days) / SUBDATE(t, days)
            name = r.choice(["ADDDATE", "SUBDATE"])
            return call(name, kind, [t, self.interval(d, "DAY")[1]], op=name + " days")
        unit, v = self.interval(d)
        if x < 0.7:
            name = r.choice(["DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE"])
            return Node(f"{name} {unit}", kind, name + "({0}, INTERVAL {1} " + unit + ")", [t, v])
        if x < 0.8:
            return Node(f"+ INTERVAL {unit}", kind, "(INTERVAL {1} " + unit + " + {0})", [t, v])
        op = r.choice(["+", "-"])
        return Node(f"{op} INTERVAL {unit}", kind, "({0} " + op + " INTERVAL {1} " + unit + ")",
                    [t, v])

    def temporal_expr(self, kind, depth):
        """An expression whose value is a DATE, DATETIME or TIME."""
        r, d = self.rng, depth - 1
        x = r.random()
        if x < 0.35:
            return self.date_add(kind, depth)
        if kind == "date":
            y = r.random()
            if y < 0.2:
                return call("MAKEDATE", kind, [self.arg("num", d) if r.random() < 0.4 else
                                               leaf("int", "num", str(r.choice(
                                                   [2024, 0, 1, 99, 100, 9999, 10000, 70, 1970])),
                                                   "n"),
                                               leaf("int", "num", str(r.choice(
                                                   [1, 60, 366, 367, 0, 400000, 3652424])), "n")])
            if y < 0.35:
                return call("LAST_DAY", kind, [self.targ(d)])
            if y < 0.5:
                return call("FROM_DAYS", kind, [
                    leaf("int", "num", str(r.choice([0, 1, 365, 366, 730000, 738945, 3652424,
                                                     3652500, 36524])), "n")
                    if r.random() < 0.7 else self.arg("num", d)])
            if y < 0.65:
                return call("DATE", kind, [self.targ(d)])
            if y < 0.8:
                return Node("CAST AS DATE", kind, "CAST({0} AS DATE)", [self.targ(d)])
            return self.str_to_date(kind)
        if kind == "datetime":
            y = r.random()
            if y < 0.2:
                return call("CONVERT_TZ", kind, [self.targ(d, ("datetime",)),
                                                 leaf("str", "str", r.choice(TIMEZONES), "tz"),
                                                 leaf("str", "str", r.choice(TIMEZONES), "tz")])
            if y < 0.35:
                kids = [self.targ(d)]
                if r.random() < 0.4:
                    kids.append(self.targ(d, ("time",)))
                return call("TIMESTAMP", kind, kids)
            if y < 0.5:
                unit = r.choice(INTERVAL_SIMPLE)
                return Node(f"TIMESTAMPADD {unit}", kind, "TIMESTAMPADD(" + unit + ", {0}, {1})",
                            [self.interval(d, unit)[1], self.targ(d)])
            if y < 0.6:
                fsp = r.choice(["", "", "(3)", "(6)"])
                return Node("CAST AS DATETIME", kind, "CAST({0} AS DATETIME" + fsp + ")",
                            [self.targ(d)])
            if y < 0.7:
                return call("FROM_UNIXTIME", kind, [
                    leaf("int", "num", str(r.choice([0, 1, 1709210096, 2147483647, 2147483648,
                                                     32536771199, 32536771200, -1])), "n")
                    if r.random() < 0.7 else self.arg("num", d)])
            if y < 0.85:
                name = r.choice(["ADDTIME", "SUBTIME"])
                return call(name, kind, [self.targ(d, ("datetime",)), self.targ(d, ("time",))])
            return self.str_to_date(kind)
        y = r.random()  # TIME
        if y < 0.15:
            return call("MAKETIME", kind, [self.arg("num", d) if r.random() < 0.3 else
                                           leaf("int", "num", str(r.choice(
                                               [0, 12, 838, 839, 23, 100])), "n"),
                                           leaf("int", "num", str(r.choice([0, 15, 59, 60])), "n"),
                                           self.arg("num", d) if r.random() < 0.3 else
                                           leaf("dec", "num", r.choice(
                                               ["30", "30.5", "59.999999", "60", "0"]), "n")])
        if y < 0.3:
            return call("SEC_TO_TIME", kind, [
                leaf("int", "num", str(r.choice([0, 1, 3600, 86399, 3020399, 3020400])), "n")
                if r.random() < 0.6 else self.arg("num", d)])
        if y < 0.45:
            return call("TIMEDIFF", kind, [self.targ(d), self.targ(d)])
        if y < 0.6:
            name = r.choice(["ADDTIME", "SUBTIME"])
            return call(name, kind, [self.targ(d, ("time",)), self.targ(d, ("time",))])
        if y < 0.72:
            return call("TIME", kind, [self.targ(d)])
        if y < 0.85:
            fsp = r.choice(["", "", "(2)", "(6)"])
            return Node("CAST AS TIME", kind, "CAST({0} AS TIME" + fsp + ")", [self.targ(d)])
        return self.str_to_date(kind)

    def str_to_date(self, kind):
        r = self.rng
        text, fmt = r.choice(STR_TO_DATE_PAIRS)
        if r.random() < 0.3:
            fmt = r.choice(STR_TO_DATE_PAIRS)[1]
        return call("STR_TO_DATE", kind, [leaf("str", "str", f"'{text}'", "tstr"),
                                          leaf("str", "str", f"'{fmt}'", "fmt")])

    def format_string(self, specifiers):
        r = self.rng
        if r.random() < 0.1 and specifiers is DATE_SPECIFIERS:
            return Node("GET_FORMAT", "str", text=(
                f"GET_FORMAT({r.choice(['DATE', 'TIME', 'DATETIME', 'TIMESTAMP'])}, "
                f"'{r.choice(['EUR', 'USA', 'JIS', 'ISO', 'INTERNAL', 'XX'])}')"), tag="fmt")
        parts = [r.choice(specifiers) + r.choice(["", "", " ", "-", ":", "/", "x"])
                 for _ in range(r.randint(1, 4))]
        return leaf("str", "str", "'" + "".join(parts) + "'", "fmt")

    def time_num(self, depth):
        """A number from temporal values."""
        r, d = self.rng, depth - 1
        x = r.random()
        if x < 0.15:
            unit = r.choice(INTERVAL_SIMPLE + list(INTERVAL_COMPOUND))
            return Node(f"EXTRACT {unit}", "num", "EXTRACT(" + unit + " FROM {0})", [self.targ(d)])
        if x < 0.35:
            name = r.choice(["YEAR", "MONTH", "DAY", "DAYOFMONTH", "HOUR", "MINUTE", "SECOND",
                             "MICROSECOND", "QUARTER", "DAYOFWEEK", "DAYOFYEAR", "WEEKDAY",
                             "WEEKOFYEAR", "TO_DAYS", "TO_SECONDS", "TIME_TO_SEC",
                             "UNIX_TIMESTAMP"])
            return call(name, "num", [self.targ(d)])
        if x < 0.47:
            name = r.choice(["WEEK", "YEARWEEK"])
            kids = [self.targ(d)]
            if r.random() < 0.7:
                kids.append(leaf("int", "num", str(r.choice(range(8)) if r.random() < 0.9
                                                   else r.choice([8, 9, -1])), "n"))
            return call(name, "num", kids)
        if x < 0.57:
            return call("DATEDIFF", "num", [self.targ(d), self.targ(d)])
        if x < 0.7:
            unit = r.choice(INTERVAL_SIMPLE)
            return Node(f"TIMESTAMPDIFF {unit}", "num", "TIMESTAMPDIFF(" + unit + ", {0}, {1})",
                        [self.targ(d), self.targ(d)])
        if x < 0.8:
            period = lambda: leaf("int", "num", str(r.choice(  # noqa: E731
                [202401, 2401, 199912, 9912, 200001, 0, 202413, 1, 100001, 7001, 6912])), "n")
            if r.random() < 0.5:
                return call("PERIOD_ADD", "num", [period(), self.small_int()])
            return call("PERIOD_DIFF", "num", [period(), period()])
        if x < 0.92:  # temporal values in arithmetic: their numeric forms
            op = r.choice(["+", "-", "*", "DIV"])
            return Node(op, "num", "({0} " + op + " {1})", [self.targ(d), self.arg("num", d)])
        return Node("CAST AS SIGNED", "num", "CAST({0} AS SIGNED)", [self.targ(d)])

    def time_str(self, depth):
        r, d = self.rng, depth - 1
        x = r.random()
        if x < 0.45:
            return call("DATE_FORMAT", "str", [self.targ(d), self.format_string(DATE_SPECIFIERS)])
        if x < 0.65:
            return call("TIME_FORMAT", "str", [self.targ(d, ("time", "time", "datetime")),
                                               self.format_string(
                                                   TIME_SPECIFIERS if r.random() < 0.8
                                                   else DATE_SPECIFIERS)])
        if x < 0.8:
            return call(r.choice(["DAYNAME", "MONTHNAME"]), "str", [self.targ(d)])
        if x < 0.9:
            return call("CONCAT", "str", [self.targ(d)], minargs=1)
        return Node("CAST AS CHAR", "str", "CAST({0} AS CHAR)", [self.targ(d)])

    def time_bool(self, depth):
        """Comparisons of temporal values with each other, strings and numbers."""
        r, d = self.rng, max(depth - 1, 0)
        kind = r.choice(TEMPORAL)
        other = lambda: self.expr(kind, d) if r.random() < 0.5 else self.targ(d)  # noqa: E731
        x = r.random()
        if x < 0.7:
            op = r.choice(CMP)
            a, b = self.expr(kind, d), other()
            if r.random() < 0.3:
                a, b = b, a
            return Node(op, "bool", "({0} " + op + " {1})", [a, b])
        if x < 0.85:
            op = r.choice(["BETWEEN", "NOT BETWEEN"])
            return Node(op, "bool", "({0} " + op + " {1} AND {2})",
                        [self.expr(kind, d), other(), other()])
        op = r.choice(["IN", "NOT IN"])
        kids = [self.expr(kind, d)] + [other() for _ in range(r.randint(1, 3))]
        return Node(op, "bool", lambda a, o=op: f"({a[0]} {o} ({', '.join(a[1:])}))", kids,
                    minargs=2)

    # -- JSON ---------------------------------------------------------------------------------

    def json_literal(self):
        r = self.rng
        if r.random() < 0.1:
            doc = r.choice(BAD_JSON_DOCS)
            return leaf("str", "json", f"'{doc}'", "badjson")
        return leaf("str", "json", f"'{r.choice(JSON_DOCS)}'", "json")

    def json_path(self, wild=0.0, bad=0.04):
        r = self.rng
        x = r.random()
        if x < bad:
            text = r.choice(JSON_BAD_PATHS)
            tag = "badpath"
        elif x < bad + wild:
            text, tag = r.choice(JSON_WILD_PATHS), "wildpath"
        else:
            text, tag = r.choice(JSON_PATHS), "path"
        return leaf("str", "str", f"'{text}'", tag)

    def json_doc(self, depth):
        """A JSON document: a literal, the column, or a JSON function's value."""
        if depth <= 0 or self.rng.random() < 0.4:
            return self.leaf_for("json") if self.mode != "rows" or self.rng.random() < 0.5 \
                else leaf("col", "json", "js", "js")
        return self.json_expr(depth)

    def json_value(self, depth):
        """A value to put into a document: a scalar or a nested document."""
        r = self.rng
        x = r.random()
        if x < 0.25:
            return self.json_expr(depth) if depth > 0 else self.leaf_for("json")
        if x < 0.35:
            return self.expr("bool", depth)
        if x < 0.7:
            return self.expr("num", depth)
        return self.expr("str", depth)

    def json_expr(self, depth):
        """An expression whose value is JSON."""
        r, d = self.rng, max(depth - 1, 0)
        x = r.random()
        if x < 0.14:
            keys = sorted(r.sample(JSON_KEYS_SORTED, r.randint(0, 3)),
                          key=lambda k: (len(k.encode()), k.encode()))
            pairs = []
            for k in keys:
                key = leaf("str", "str", "NULL" if r.random() < 0.02 else f"'{k}'", "key")
                pairs.append(Node("kv", "json", "{0}, {1}", [key, self.json_value(d)]))
            return call("JSON_OBJECT", "json", pairs, minargs=0)
        if x < 0.26:
            return call("JSON_ARRAY", "json", [self.json_value(d)
                                               for _ in range(r.randint(0, 4))], minargs=0)
        if x < 0.42:
            kids = [self.json_doc(d), self.json_path(wild=0.1)]
            if r.random() < 0.15:
                kids.append(self.json_path(wild=0.1))
            return call("JSON_EXTRACT", "json", kids, minargs=2)
        if x < 0.47 and self.mode == "rows":  # MySQL's column->path; MariaDB lacks it
            path = r.choice(JSON_PATHS)
            return Node("->", "json", f"js->'{path}'", [], alt=f"JSON_EXTRACT(js, '{path}')")
        if x < 0.62:
            name = r.choice(["JSON_SET", "JSON_INSERT", "JSON_REPLACE", "JSON_ARRAY_APPEND",
                             "JSON_ARRAY_INSERT"])
            kids = [self.json_doc(d)]
            for _ in range(r.randint(1, 2)):
                kids.append(Node("pv", "json", "{0}, {1}", [self.json_path(wild=0.03),
                                                             self.json_value(d)]))
            return call(name, "json", kids, minargs=2)
        if x < 0.7:
            return call("JSON_REMOVE", "json", [self.json_doc(d)] + [
                self.json_path(wild=0.03) for _ in range(r.randint(1, 2))], minargs=2)
        if x < 0.82:
            name = r.choice(["JSON_MERGE_PATCH", "JSON_MERGE_PRESERVE"])
            return call(name, "json", [self.json_doc(d) for _ in range(r.randint(2, 3))],
                        minargs=2)
        if x < 0.9:
            kids = [self.json_doc(d)]
            if r.random() < 0.4:
                kids.append(self.json_path())
            return call("JSON_KEYS", "json", kids)
        kids = [self.json_doc(d), leaf("str", "str", r.choice(["'one'", "'all'", "'one'",
                                                               "'xx'"]), "oneall"),
                leaf("str", "str", r.choice(JSON_SEARCH_FOR), "str")]
        if r.random() < 0.3:
            kids.append(leaf("str", "str", r.choice(["NULL", "'\\\\'", "'|'", "''"]), "esc"))
            if r.random() < 0.5:
                kids.append(self.json_path(wild=0.2))
        return call("JSON_SEARCH", "json", kids)

    def json_num(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        x = r.random()
        if x < 0.5:
            kids = [self.json_doc(d)]
            if r.random() < 0.4:
                kids.append(self.json_path(wild=0.05))
            return call("JSON_LENGTH", "num", kids)
        if x < 0.75:
            return call("JSON_DEPTH", "num", [self.json_doc(d)])
        # A number taken out of a document (JSON_EXTRACT in a numeric context).
        return Node("+", "num", "({0} + {1})", [
            call("JSON_EXTRACT", "json", [self.json_doc(d), self.json_path()]),
            self.small_int()])

    def json_str(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        x = r.random()
        if x < 0.25:
            return call("JSON_TYPE", "str", [self.json_doc(d)])
        if x < 0.5:
            return call("JSON_UNQUOTE", "str", [
                call("JSON_EXTRACT", "json", [self.json_doc(d), self.json_path()])
                if r.random() < 0.6 else (self.json_doc(d) if r.random() < 0.5 else
                                          self.arg("str", d))])
        if x < 0.6 and self.mode == "rows":  # MySQL's column->>path; MariaDB lacks it
            path = r.choice(JSON_PATHS)
            return Node("->>", "str", f"js->>'{path}'", [],
                        alt=f"JSON_UNQUOTE(JSON_EXTRACT(js, '{path}'))")
        if x < 0.75:
            return call("JSON_QUOTE", "str", [self.arg("str", d)])
        return call("JSON_UNQUOTE", "str", [call("JSON_QUOTE", "str", [self.arg("str", d)])])

    def json_bool(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        x = r.random()
        if x < 0.3:
            return call("JSON_VALID", "bool", [self.json_doc(d) if r.random() < 0.7
                                               else self.arg("str", d)])
        if x < 0.65:
            kids = [self.json_doc(d), self.json_doc(d)]
            if r.random() < 0.4:
                kids.append(self.json_path(wild=0.05))
            return call("JSON_CONTAINS", "bool", kids)
        kids = [self.json_doc(d), leaf("str", "str", r.choice(["'one'", "'all'", "'all'",
                                                               "'One'", "'x'"]), "oneall")]
        kids += [self.json_path(wild=0.15) for _ in range(r.randint(1, 3))]
        return call("JSON_CONTAINS_PATH", "bool", kids, minargs=3)

    # -- regular expressions ------------------------------------------------------------------

    def regex_text(self, depth=2):
        r = self.rng
        pieces = []
        for _ in range(r.randint(1, 3)):
            if depth > 0 and r.random() < 0.15:
                inner = self.regex_text(depth - 1)
                if r.random() < 0.4:
                    inner += "|" + self.regex_text(depth - 1)
                pieces.append("(" + inner + ")" + r.choice(REGEX_QUANTIFIERS))
            else:
                pieces.append(r.choice(REGEX_ATOMS) + r.choice(REGEX_QUANTIFIERS))
        text = "".join(pieces)
        if r.random() < 0.15:
            text = "^" + text
        if r.random() < 0.15:
            text += "$"
        if r.random() < 0.1:
            text += "|" + r.choice(REGEX_ATOMS)
        return text

    def regex(self, depth):
        """A pattern: usually generated, sometimes invalid, sometimes an expression."""
        r = self.rng
        x = r.random()
        if x < 0.05:
            return leaf("str", "str", f"'{r.choice(BAD_REGEXES)}'", "badregex")
        if x < 0.1:
            return self.arg("str", depth)
        if x < 0.13:
            return leaf("NULL", "str", "NULL", "NULL")
        return leaf("str", "str", f"'{self.regex_text()}'", "regex")

    def subject(self, depth):
        r = self.rng
        if r.random() < 0.35:
            return leaf("str", "str", r.choice(REGEX_SUBJECTS), "str")
        return self.arg("str", depth)

    def match_type(self):
        """A match_type argument and MariaDB's equivalent inline flags (PCRE reads (?i), (?m)
        and (?s) as ICU reads MySQL's i, m and n; c is (?-i); the last of c and i wins)."""
        r = self.rng
        mt = "".join(r.choice("cimn") for _ in range(r.randint(1, 2)))
        case, flags = None, ""
        for ch in mt:
            if ch in "ci":
                case = ch
            elif ch == "m" and "m" not in flags:
                flags += "m"
            elif ch == "n" and "s" not in flags:
                flags += "s"
        on = flags + ("i" if case == "i" else "")
        off = "-i" if case == "c" else ""
        return mt, f"(?{on}{off})"

    def regexp_call(self, name, kind, kids, tail_args, mt_index):
        """NAME(kids..., tail_args..., 'mt') for MySQL; for MariaDB (which takes no optional
        arguments) NAME(kids...) with the match type as inline flags on the pattern."""
        mt, flags = self.match_type()
        n = len(kids)
        mysql = lambda a: f"{name}({', '.join(a + tail_args)}, '{mt}')"  # noqa: E731

        def maria(a):
            a = list(a)
            a[mt_index] = f"CONCAT('{flags}', {a[mt_index]})"
            return f"{name}({', '.join(a[:n])})"
        return Node(name + " mt", kind, mysql, kids, alt=maria)

    def regexp_num(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        kids = [self.subject(d), self.regex(d)]
        if r.random() < 0.6:
            return call("REGEXP_INSTR", "num", kids)
        ro = r.choice(["0", "1"])
        node = self.regexp_call("REGEXP_INSTR", "num", kids, ["1", "1", ro], 1)
        if ro == "1":  # the end of the match: MariaDB's side adds the match's length
            mysql = node.fmt

            def maria(a, f=node.alt):
                start = f(a)
                sub = f(a).replace("REGEXP_INSTR(", "REGEXP_SUBSTR(", 1)
                return f"IF({start} = 0, 0, {start} + CHAR_LENGTH({sub}))"
            node = Node("REGEXP_INSTR end", "num", mysql, kids, alt=maria)
        return node

    def regexp_str(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        if r.random() < 0.5:
            kids = [self.subject(d), self.regex(d)]
            if r.random() < 0.6:
                node = call("REGEXP_SUBSTR", "str", kids)
            else:
                node = self.regexp_call("REGEXP_SUBSTR", "str", kids, ["1", "1"], 1)
            # MySQL's REGEXP_SUBSTR is NULL without a match, MariaDB's '': its side says
            # IF(s REGEXP p, REGEXP_SUBSTR(s, p), NULL), which is MySQL's function.
            inner = node.alt or (lambda a: f"REGEXP_SUBSTR({a[0]}, {a[1]})")

            def maria(a, f=inner):
                sub = f(a)
                args = sub[len("REGEXP_SUBSTR("):-1]
                return f"IF(REGEXP_INSTR({args}) > 0, {sub}, NULL)"
            return Node(node.op, "str", node.fmt, kids, alt=maria)
        kids = [self.subject(d), self.regex(d),
                leaf("str", "str", r.choice(REGEX_REPLACEMENTS), "str")
                if r.random() < 0.8 else self.arg("str", d)]
        if r.random() < 0.6:
            return call("REGEXP_REPLACE", "str", kids)
        return self.regexp_call("REGEXP_REPLACE", "str", kids, ["1", "0"], 1)

    def regexp_bool(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        kids = [self.subject(d), self.regex(d)]
        x = r.random()
        if x < 0.45:
            op = r.choice(["REGEXP", "REGEXP", "RLIKE", "NOT REGEXP"])
            return Node(op, "bool", "({0} " + op + " {1})", kids)
        if x < 0.7:  # MariaDB has no REGEXP_LIKE: its side says s REGEXP p
            return Node("REGEXP_LIKE", "bool", "REGEXP_LIKE({0}, {1})", kids,
                        alt="({0} REGEXP {1})")
        mt, flags = self.match_type()
        return Node("REGEXP_LIKE mt", "bool", "REGEXP_LIKE({0}, {1}, '" + mt + "')", kids,
                    alt="({0} REGEXP CONCAT('" + flags + "', {1}))")

    # -- XML ---------------------------------------------------------------------------------

    def xml_step(self):
        r = self.rng
        x = r.random()
        if x < 0.55:
            step = r.choice(XML_NAMES)
        elif x < 0.7:
            step = "@" + r.choice(["id", "x", "b", "*"])
        elif x < 0.8:
            step = r.choice([".", ".."])
        else:
            step = r.choice(XML_AXES) + "::" + r.choice(XML_NAMES)
        if r.random() < 0.3 and step not in (".", ".."):
            step += "[" + r.choice(["1", "2", "last()", "position() < 2", "@id = 2", ". = 'x'",
                                    "c", "@id", "true()", "0", "c = 3", "count(*) > 1"]) + "]"
        return step

    def xml_path(self):
        r = self.rng
        path = r.choice(["/", "//", "/", ""]) + self.xml_step()
        for _ in range(r.randint(0, 2)):
            path += r.choice(["/", "/", "//"]) + self.xml_step()
        return path

    def xpath_text(self):
        """An XPath expression: mostly location paths, also their scalar uses."""
        r = self.rng
        x = r.random()
        if x < 0.5:
            return self.xml_path()
        if x < 0.8:
            return r.choice(["count({0})", "sum({0})", "boolean({0})", "string-length({0})",
                             "{0} = 'x'", "{0} != 1", "{0} > 1", "number({0})", "{0} | {1}",
                             "concat({0}, 'z', {1})", "substring({0}, 2)", "contains({0}, 'd')",
                             "not({0})", "{0} + 1"]).format(self.xml_path(), self.xml_path())
        if x < 0.93:
            return r.choice(["7 div 2", "7 mod -3", "1.50 * 2", "-1 div 0", "round(2.5)", "floor(-1.5)",
                             "true() and false()", "1 = 1.0", "'a' = 'A'", "ceiling(0.1)", "2 < 1"])
        return r.choice(XML_BAD_PATHS)

    def xml_doc(self, depth):
        r = self.rng
        if r.random() < 0.1:
            return self.arg("str", depth)
        return leaf("str", "str", r.choice(XML_DOCS), "xml")

    def xml_str(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        path = self.xpath_text().replace("'", "''")
        xpath = leaf("str", "str", f"'{path}'", "xpath")
        if r.random() < 0.65:
            return call("EXTRACTVALUE", "str", [self.xml_doc(d), xpath])
        replacement = leaf("str", "str", r.choice(["'<z/>'", "''", "'y=\"2\"'", "'<b>new</b>'"]), "str") \
            if r.random() < 0.85 else self.arg("str", d)
        return call("UPDATEXML", "str", [self.xml_doc(d), xpath, replacement])

    def xml_num(self, depth):
        return call("CHAR_LENGTH", "num", [self.xml_str(depth)])

    def xml_bool(self, depth):
        r = self.rng
        return Node("=", "bool", "({0} = {1})",
                    [self.xml_str(depth), leaf("str", "str", r.choice(["'x'", "'1'", "''", "'ddd'"]), "str")])

    # -- bit, hashing, encoding, network addresses ------------------------------------------

    def unsigned_arg(self, depth):
        """An operand for the bit operators: numbers (never binary strings, which MySQL 8
        operates on bytewise and MariaDB converts)."""
        r = self.rng
        if r.random() < 0.5:
            return self.arg("num", depth)
        v = r.choice(["0", "1", "255", "4294967295", "18446744073709551615", "9223372036854775808",
                      "9223372036854775807", "65536", "12345", "7"])
        return leaf("int", "num", v, int_tag(v))

    def bit_num(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        x = r.random()
        if x < 0.35:
            op = r.choice(["&", "|", "^", "<<", ">>"])
            b = self.unsigned_arg(d) if op in "&|^" else (
                self.small_int() if r.random() < 0.7 else self.arg("num", d))
            return Node(op, "num", "({0} " + op + " {1})", [self.unsigned_arg(d), b])
        if x < 0.45:
            return Node("~", "num", "(~{0})", [self.unsigned_arg(d)])
        if x < 0.6:
            return call("BIT_COUNT", "num", [self.unsigned_arg(d)])
        if x < 0.72:
            return call("CRC32", "num", [self.arg("str", d)])
        if x < 0.84:
            return call("INET_ATON", "num", [leaf("str", "str", r.choice(IP_STRINGS), "ip")
                                             if r.random() < 0.7 else self.arg("str", d)])
        if x < 0.92:
            return call("UNCOMPRESSED_LENGTH", "num", [call("COMPRESS", "str",
                                                            [self.arg("str", d)])])
        return call("LENGTH", "num", [call("UNHEX", "str", [
            leaf("str", "str", r.choice(HEX_STRINGS), "hex")])])

    def uuid_bin(self):
        """UUID_TO_BIN of a constant UUID, and MariaDB's equivalent (it lacks the function):
        UNHEX of the digits, swapped as UUID_TO_BIN(u, 1) swaps them."""
        r = self.rng
        u = r.choice(UUIDS)
        swap = r.choice([None, "0", "1"])
        h = u.replace("-", "")
        if swap == "1":
            h = h[12:16] + h[8:12] + h[0:8] + h[16:]
        text = f"UUID_TO_BIN('{u}'" + (f", {swap})" if swap else ")")
        return Node("UUID_TO_BIN", "str", text, [], alt=f"UNHEX('{h.upper()}')")

    def bit_str(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        x = r.random()
        if x < 0.1:
            return call("HEX", "str", [self.arg(r.choice(["num", "str"]), d)])
        if x < 0.18:
            return call(r.choice(["BIN", "OCT"]), "str", [self.arg("num", d)])
        if x < 0.3:
            base = lambda: leaf("int", "num", str(r.choice(  # noqa: E731
                [2, 8, 10, 16, 36, -10, -16, 1, 37])), "n") if r.random() < 0.9 \
                else self.arg("num", d)
            return call("CONV", "str", [self.arg(r.choice(["num", "str"]), d), base(), base()])
        if x < 0.4:
            return call("INET_NTOA", "str", [self.arg("num", d) if r.random() < 0.5 else
                                             leaf("int", "num", r.choice(
                                                 ["0", "3232235521", "4294967295", "4294967296",
                                                  "16909060"]), "n")])
        if x < 0.5:
            ip = leaf("str", "str", r.choice(IP_STRINGS), "ip") if r.random() < 0.8 \
                else self.arg("str", d)
            if r.random() < 0.5:
                return call("INET6_NTOA", "str", [call("INET6_ATON", "str", [ip])])
            return call("HEX", "str", [call("INET6_ATON", "str", [ip])])
        if x < 0.55:
            return call("INET6_NTOA", "str", [call("UNHEX", "str", [
                leaf("str", "str", r.choice(HEX_STRINGS), "hex")])])
        if x < 0.63:
            b = self.uuid_bin()
            if r.random() < 0.4:
                return call("HEX", "str", [b])
            swap = r.choice([None, "0", "1"])
            # MariaDB's BIN_TO_UUID: the hex digits, swapped back, with dashes.
            order = [(9, 8), (5, 4), (1, 4), (17, 4), (21, 12)] if swap == "1" else \
                [(1, 8), (9, 4), (13, 4), (17, 4), (21, 12)]

            def maria(a, order=order):
                parts = ", ".join(f"SUBSTR(HEX({a[0]}), {s}, {n})" for s, n in order)
                return f"LOWER(CONCAT_WS('-', {parts}))"
            return Node("BIN_TO_UUID", "str",
                        "BIN_TO_UUID({0}" + (f", {swap})" if swap else ")"), [b], alt=maria)
        if x < 0.75:
            name = r.choice(["MD5", "SHA1", "SHA2"])
            if name == "SHA2":
                return call(name, "str", [self.arg("str", d), leaf("int", "num", str(r.choice(
                    [0, 224, 256, 384, 512, 1, 160])), "n")])
            return call(name, "str", [self.arg("str", d)])
        if x < 0.85:
            return call("TO_BASE64", "str", [self.arg("str", d)])
        if x < 0.93:
            return call("FROM_BASE64", "str", [
                leaf("str", "str", r.choice(BASE64_STRINGS), "b64") if r.random() < 0.6
                else call("TO_BASE64", "str", [self.arg("str", d)])])
        return call("HEX", "str", [call("UNHEX", "str", [
            leaf("str", "str", r.choice(HEX_STRINGS), "hex") if r.random() < 0.7
            else self.arg("str", d)])])

    def bit_bool(self, depth):
        r, d = self.rng, max(depth - 1, 0)
        ip = leaf("str", "str", r.choice(IP_STRINGS), "ip") if r.random() < 0.8 \
            else self.arg("str", d)
        x = r.random()
        if x < 0.6:
            return call(r.choice(["IS_IPV4", "IS_IPV6"]), "bool", [ip])
        return call(r.choice(["IS_IPV4_COMPAT", "IS_IPV4_MAPPED"]), "bool",
                    [call("INET6_ATON", "str", [ip])])


MODES = [("const", 0.45), ("rows", 0.30), ("agg", 0.20), ("group", 0.05)]


def generate(seed, index, max_depth, families=FAMILIES):
    """Expression `index` of run `seed`: (tree, mode)."""
    rng = random.Random(f"{seed}:{index}")
    x, acc = rng.random(), 0.0
    mode = MODES[-1][0]
    for name, weight in MODES:
        acc += weight
        if x < acc:
            mode = name
            break
    gen = Generator(rng, max_depth, mode, families)
    kinds = ["num", "num", "num", "str", "bool"]
    if "time" in families:
        kinds += list(TEMPORAL)
    if "json" in families:
        kinds += ["json", "json"]
    kind = rng.choice(kinds)
    depth = rng.randint(1, max_depth)
    tree = gen.expr(kind, depth)
    if mode in ("agg", "group") and not tree.any(is_agg):
        # Make sure it aggregates: wrap or combine with an aggregate.
        agg = gen.aggregate("num")
        if tree.kind == "num":
            tree = Node("+", "num", "({0} + {1})", [tree, agg])
        elif tree.kind == "json":
            tree = call("JSON_ARRAY", "json", [tree, agg], minargs=1)
        else:
            tree = call("CONCAT", "str", [tree, agg], minargs=1)
    return tree, mode_for(tree, mode)


def mode_for(tree, mode):
    """The query form a (possibly reduced) tree needs."""
    if tree.any(is_agg):
        return mode if mode in ("agg", "group") else "agg"
    if tree.any(is_col):
        return "rows"
    return "const" if mode in ("const", "agg", "group") else "rows"


def query_for(tree, mode, dialect="mysql"):
    e = tree.sql(dialect)
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
                cur.execute("SET SESSION sql_mode = ''")  # the zero dates of row 1
                cur.execute("INSERT INTO t VALUES " + ", ".join(ROWS))
                cur.execute(SESSION[0])

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
                    charsets = [f.charsetnr for f in result.fields]
                    out.rows = [tuple(self.text(v, out, cs) for v, cs in zip(row, charsets))
                                for row in cur.fetchall()]
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
    def text(value, out, charsetnr=None):
        if value is None:
            return None
        if isinstance(value, (bytes, bytearray)):
            try:
                return bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                # (a binary column's bytes are no text: only text that is no UTF-8 counts)
                if charsetnr != 63:
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
    round_scale = None
    if m.fields is not None:
        cols = []
        float_valued = False
        decimal_beside_temporal = False
        six_zeros_dropped = False
        fixed_double_decimals = None
        for type_code, length, decimals, flags, charsetnr in m.fields:
            # MariaDB never sends the NUM flag (its client library derives it from the type);
            # MySQL sets it on numeric types.
            if type_code in NUMERIC_TYPES and not flags & NUM_FLAG:
                flags |= NUM_FLAG
            # A grouped query's numeric column: MariaDB sends it from its temporary table
            # without the BINARY flag, as MySQL's make_tmp_tables_info would too; porpoised
            # describes a numeric item as it does ungrouped (its known difference: strings
            # and YEARs only are sent as temporary fields there).
            if mode == "group" and type_code in NUMERIC_TYPES and p.fields and \
                    p.fields[0][3] & BINARY_FLAG and not flags & BINARY_FLAG:
                flags |= BINARY_FLAG
                hit("BINARY on a grouped numeric column")
                # (a DOUBLE's field there is 22 long where MySQL's item says 23)
                if type_code == DOUBLE and length == 22 and p.fields[0][0] == DOUBLE and \
                        p.fields[0][1] == 23:
                    length = 23
            # MariaDB writes "decimals not fixed" as 39, MySQL as 31.
            if decimals == 39:
                decimals = 31
            # A DOUBLE whose decimals MariaDB fixes where MySQL leaves them unfixed (ROUND or
            # TRUNCATE of a DOUBLE, and what is computed from one): MariaDB prints it rounded
            # to its decimals (checked below against MySQL's value rounded so).
            if type_code == DOUBLE and decimals < 31 and p.fields and \
                    p.fields[0][0] == DOUBLE and p.fields[0][2] == 31 and \
                    tree.any(lambda n: n.op in ("ROUND", "TRUNCATE")):
                fixed_double_decimals = decimals
            # Text sent as utf8mb4 is announced with the set's default collation: MariaDB's is
            # utf8mb4_general_ci (45), MySQL 8's utf8mb4_0900_ai_ci (255).
            if charsetnr == 45:
                charsetnr = 255
                hit("utf8mb4 default collation 45 -> 255")
            # MariaDB flags a TIMESTAMP (a column, MIN/MAX of one) UNSIGNED; MySQL does not.
            if type_code == 7 and flags & 32:
                flags &= ~32
                hit("no UNSIGNED on a TIMESTAMP")
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
            # ROUND/TRUNCATE of an integer keep an integer, always a BIGINT in MySQL
            # (Item_func_round::resolve_type sets MYSQL_TYPE_LONGLONG); MariaDB keeps the
            # column's TINYINT, SMALLINT, ...
            if tree.op in ("ROUND", "TRUNCATE") and type_code in (TINY, SHORT, INT24, LONG):
                type_code = LONGLONG
                hit("ROUND/TRUNCATE of an integer is a BIGINT")
            # STDDEV_POP over an exact (integer or DECIMAL) argument: MariaDB answers DOUBLE with
            # the argument's decimals + 4 (4 for integers), rounding the value to them; MySQL
            # 8.4 leaves the decimals unfixed (DOUBLE(23,31)) and prints the value in full.
            # The values are compared at MariaDB's decimals (below).
            if tree.op == "STDDEV_POP" and type_code == DOUBLE and decimals < 31:
                stddev_decimals = decimals
                length, decimals = 23, 31
                hit("STDDEV_POP fixed decimals")
            # Unary minus: MySQL 8.4 (Item_func_num1) types its operand by its result type, a
            # string's for a date or time, so negating one gives a DOUBLE of its fraction
            # digits; and a DOUBLE result is as long as such a DOUBLE prints (float_length).
            # MariaDB answers a DECIMAL for the temporal value and keeps a DOUBLE's length.
            # (ABS is such a function too: Item_func_abs extends Item_func_num1.)
            if tree.op in ("neg", "ABS") and p.fields and p.fields[0][0] == DOUBLE:
                if type_code in (NEWDECIMAL, LONGLONG, LONG) and \
                        tree.kids[0].kind in ("date", "datetime", "time"):
                    type_code, length, decimals = p.fields[0][:3]
                    hit("unary minus of a temporal value is a DOUBLE")
                elif type_code == DOUBLE and length != p.fields[0][1]:
                    length = p.fields[0][1]
                    hit("unary minus of a DOUBLE is float_length long")
            # Unary minus of an integer: MySQL counts a sign for each minus
            # (Item_func_neg::fix_num_length_and_dec adds one to its operand's length);
            # MariaDB sizes the value.
            # (the negation of -9223372036854775808, a DECIMAL, too)
            if tree.op == "neg" and type_code in (LONGLONG, NEWDECIMAL) and p.fields and \
                    p.fields[0][0] == type_code and p.fields[0][1] > length and \
                    (type_code == LONGLONG or decimals == 0):
                depth, node = 0, tree
                while node.op == "neg" and node.kids:
                    depth, node = depth + 1, node.kids[0]
                if node.text is not None and p.fields[0][1] - length <= depth:
                    length = p.fields[0][1]
                    hit("unary minus of an integer counts a sign")
            # A DECIMAL at 65 digits: MySQL caps the precision before sizing the result
            # (Item_num_op::result_precision: min(precision, DECIMAL_MAX_PRECISION)), so it is
            # 65 digits, a point and a sign long; MariaDB makes room for one digit more, or
            # for all the digits past 65 its precision counts.
            capped = 67 if decimals > 0 else 66
            if type_code == NEWDECIMAL and length > capped and p.fields and \
                    p.fields[0][:3] == (NEWDECIMAL, capped, decimals):
                length = capped
                hit("DECIMAL capped at 65 digits")
            # UNIX_TIMESTAMP with no fraction: MySQL's BIGINT of 11 characters
            # (Item_func_unix_timestamp::resolve_type); MariaDB says 17.
            if tree.op == "UNIX_TIMESTAMP" and type_code == LONGLONG and length == 17 and \
                    p.fields and p.fields[0][:2] == (LONGLONG, 11):
                length = 11
                hit("UNIX_TIMESTAMP BIGINT(11)")
            # ... and with a fraction a DECIMAL(11 + digits, digits), 13 + digits long (MariaDB
            # counts five more).
            if tree.op == "UNIX_TIMESTAMP" and type_code == NEWDECIMAL and p.fields and \
                    p.fields[0][0] == NEWDECIMAL and p.fields[0][2] == decimals and \
                    p.fields[0][1] == 13 + decimals and length > p.fields[0][1]:
                length = p.fields[0][1]
                hit("UNIX_TIMESTAMP DECIMAL(11 + d, d)")
            # SHA2 with a constant length that is none: MySQL 8.4 types it as SHA-256's result,
            # 64 characters in the connection's character set (Item_func_sha2::resolve_type);
            # MariaDB as an empty binary string.
            if tree.op == "SHA2" and p.fields and p.fields[0][0] == type_code and \
                    p.fields[0][1] == 256 and length == 0 and charsetnr == 63:
                length, flags, charsetnr = 256, flags & ~128, p.fields[0][4]
                hit("SHA2 of a length that is none: VARCHAR(64)")
            # ROUND and TRUNCATE of a DOUBLE (or a string): MySQL 8.4 answers a DOUBLE of no
            # fixed decimals (Item_func_round::resolve_type sets a plain DOUBLE); MariaDB fixes
            # the digits asked for and prints them. The values compare as numbers (below).
            if tree.op in ("ROUND", "TRUNCATE") and type_code == DOUBLE and decimals < 31:
                length, decimals = 23, 31
                hit("ROUND/TRUNCATE of a DOUBLE unfixed")
            # ... and of a DECIMAL asked for more digits than it has: MySQL keeps its scale,
            # MariaDB pads to the digits asked for.
            if tree.op in ("ROUND", "TRUNCATE") and type_code == NEWDECIMAL and p.fields and \
                    p.fields[0][0] == NEWDECIMAL and p.fields[0][2] < decimals:
                round_scale = p.fields[0][2]
                length, decimals = p.fields[0][1], p.fields[0][2]
                hit("ROUND/TRUNCATE of a DECIMAL keeps its scale")
            # MySQL 8.4's CAST AS DOUBLE/FLOAT is NOT NULL over a NOT NULL operand (its
            # Item_typecast_real takes nullability from the argument); MariaDB marks it
            # nullable whatever the operand.
            if tree.op in ("CAST AS DOUBLE", "CAST AS FLOAT") and p.fields and \
                    p.fields[0][3] & 1 and not flags & 1:
                flags |= 1
                hit("CAST AS DOUBLE NOT NULL")
            # MariaDB has no JSON type: its JSON functions (and a JSON column, LONGTEXT to
            # it) answer text. MySQL answers JSON: type 245, 4294967295 long, BLOB and
            # BINARY, the binary charset, as the project's recorded MySQL answers have it.
            if type_code in STRING_TYPES and _json_valued(tree):
                type_code, length, decimals, charsetnr = JSON_TYPE_CODE, 4294967295, 0, 63
                flags = (flags & 1) | 16 | 128
                hit("JSON type")
            # Date arithmetic on a string: MySQL's CHAR(29) (set_data_type_char), MariaDB's
            # CHAR of its own length.
            elif type_code == STRING_TYPE and tree.op.startswith(DATE_ARITH_PREFIXES):
                type_code, length, decimals = STRING_TYPE, 29 * 4, 31
                hit("date arithmetic on a string CHAR(29)")
                # (text with no '.' read as a datetime, a run of digits past the seconds:
                # MySQL shows no fraction where it read none; MariaDB six zeros)
                if tree.kids and "." not in tree.kids[0].sql():
                    six_zeros_dropped = True
            # MySQL's string functions leave decimals unfixed (31, set_data_type_string);
            # MariaDB fixes 0 for some (CAST AS CHAR, DATE_FORMAT, HEX, INET_NTOA...). A
            # column, or what passes one through, keeps 0 on both, as does a grouped MIN or
            # MAX, sent as its temporary table's field.
            elif type_code in STRING_TYPES and decimals == 0 and \
                    not _passes(tree, lambda n: n.op == "col") and \
                    not (mode == "group" and tree.op in ("MIN", "MAX")):
                decimals = 31
                hit("string function decimals 31")
            # REGEXP_INSTR: MySQL's set_data_type_longlong (21 long) and nullable (a pattern
            # error is NULL); MariaDB sizes it as an INT and NOT NULL over constants.
            # CAST(x AS SIGNED/UNSIGNED): MySQL 8.4 leaves the BIGINT's 21 (Item_int_func's
            # set_data_type_longlong; its resolve_type sets no length); MariaDB sizes it by the
            # argument.
            if tree.op in ("CAST AS SIGNED", "CAST AS UNSIGNED") and type_code == LONGLONG:
                length = 21
                hit("CAST AS SIGNED/UNSIGNED LONGLONG(21)")
            # CONVERT_TZ, TIMESTAMP, TIME, TIMEDIFF, ADDTIME and SUBTIME of what names no
            # datetime or time (NULL on every row): MySQL's datetime_precision (time_precision)
            # falls back to the argument's unfixed decimals, six; MariaDB gives none.
            if tree.op in ("CONVERT_TZ", "TIMESTAMP", "TIME", "TIMEDIFF", "ADDTIME", "SUBTIME") and \
                    type_code in (11, 12) and decimals == 0 and p.fields and \
                    p.fields[0][0] == type_code and p.fields[0][2] == 6 and p.rows and \
                    all(v is None for row in p.rows for v in row):
                length, decimals = p.fields[0][1], 6
                hit("a DATETIME or TIME of what names none has six digits (MySQL)")
            # IF, IFNULL, COALESCE and CASE of JSON beside text: MySQL merges JSON and a
            # string into a LONGTEXT of JSON's binary collation; MariaDB, with no JSON type,
            # keeps a VARCHAR.
            if tree.op in PASS_THROUGH and type_code in STRING_TYPES and p.fields and \
                    p.fields[0][0] == 251 and type_code != 251 and \
                    any(_json_valued(v) for v in value_kids(tree)) and \
                    not all(_json_valued(v) or v.op == "NULL" for v in value_kids(tree)):
                type_code, length, flags = 251, p.fields[0][1], (flags & ~BINARY_FLAG) | (p.fields[0][3] & BINARY_FLAG)
                hit("JSON beside text merged as LONGTEXT (MySQL)")
            # IF, IFNULL, COALESCE, CASE, GREATEST and LEAST over signed and unsigned
            # integers: MySQL widens the merged type only for an unsigned operand of that very
            # type (Item::aggregate_type's bump_range: INT UNSIGNED beside BIGINT is BIGINT, a
            # BIGINT UNSIGNED beside a signed BIGINT is DECIMAL); MariaDB answers DECIMAL.
            if tree.op in PASS_THROUGH and type_code == NEWDECIMAL and decimals == 0 and \
                    p.fields and p.fields[0][0] == LONGLONG and \
                    not tree.any(lambda n: n.op == "col" and n.text == "bu") and \
                    not re.search(r"(?<![\d.])(9223372036854775808|1844674407370955161[0-9])(?![\d.])", tree.sql()):
                type_code, length = LONGLONG, p.fields[0][1]
                hit("mixed-sign integers merged as BIGINT (MySQL)")
            # IF/CASE: MySQL derives nullability from the values alone (IF(NULL, 0, 1) is NOT
            # NULL); MariaDB from the condition too. IFNULL: MySQL takes its second argument's
            # (IFNULL(1, NULL) may be NULL to it).
            if tree.op in ("IF", "CASE", "CASE x") and p.fields and p.fields[0][3] & 1 and \
                    not flags & 1:
                flags |= 1
                hit("IF/CASE nullability from the values")
            if tree.op == "IFNULL" and p.fields and not p.fields[0][3] & 1 and flags & 1:
                flags &= ~1
                hit("IFNULL nullability from its second argument")
            # ABS of a DECIMAL UNSIGNED: MySQL sizes it signed, then flags it UNSIGNED
            # (Item_func_abs::resolve_type); MariaDB sizes it unsigned.
            if tree.op == "ABS" and type_code == 246 and flags & 32 and p.fields and \
                    p.fields[0][0] == 246 and p.fields[0][3] & 32 and p.fields[0][1] == length + 1:
                length += 1
                hit("ABS of a DECIMAL UNSIGNED sized signed")
            # FLOOR/CEILING of a DECIMAL UNSIGNED: MySQL takes any DECIMAL as signed
            # (Item_func_int_val::resolve_type); MariaDB keeps UNSIGNED and no sign position.
            if tree.op in ("FLOOR", "CEILING", "CEIL") and flags & 32 and p.fields and \
                    not p.fields[0][3] & 32 and tree.kids and tree.kids[0].kind == "num":
                flags &= ~32
                length, type_code = p.fields[0][1], p.fields[0][0]
                hit("FLOOR/CEILING of a DECIMAL UNSIGNED signed")
            if tree.op.startswith("REGEXP_INSTR") and type_code == LONGLONG:
                length, flags = 21, flags & ~1
                hit("REGEXP_INSTR LONGLONG(21), nullable")
            # TRUE and FALSE are one character long in a string made of them (MySQL's
            # Item_func_true has max_length 1; MariaDB's TRUE is five wide): CONCAT(TRUE) is
            # VARCHAR(1), IF(c, 'A', TRUE) VARCHAR(1). Each literal makes MariaDB's length 4
            # characters longer, 16 bytes in utf8mb4.
            bools = sum(1 for _ in _walk_nodes(tree, lambda n: n.op == "bool"))
            if type_code == VAR_STRING and bools and p.fields and p.fields[0][1] < length and \
                    (length - p.fields[0][1]) % 16 == 0 and \
                    (length - p.fields[0][1]) // 16 <= bools:
                length = p.fields[0][1]
                hit("TRUE/FALSE one character long in a string")
            # IF, IFNULL, COALESCE, CASE over integers: MySQL sizes the result as the widest
            # value's digits plus one sign (Item_func_ifnull::resolve_type: IFNULL(1, 1) is
            # 1 long); MariaDB counts a sign for each value first (2).
            if tree.op in ("IF", "IFNULL", "COALESCE", "CASE", "CASE x") and \
                    type_code == LONGLONG and p.fields and p.fields[0][0] == LONGLONG and \
                    length == p.fields[0][1] + 1:
                length = p.fields[0][1]
                hit("IF/IFNULL/CASE over integers: one sign")
            # JSON_TYPE: MySQL's VARCHAR(17) in utf8mb4_bin (so flagged BINARY); MariaDB's
            # VARCHAR(12) in the connection's collation.
            if tree.op == "JSON_TYPE" and type_code == VAR_STRING:
                length, flags = 17 * 4, flags | BINARY_FLAG
                hit("JSON_TYPE VARCHAR(17) utf8mb4_bin")
            # MIN/MAX of NULL: MySQL copies NULL's type (MYSQL_TYPE_NULL); MariaDB answers a
            # string.
            if tree.op in ("MIN", "MAX") and tree.kids[0].op == "NULL" and p.fields and \
                    p.fields[0][0] == 6 and type_code in (VAR_STRING, STRING_TYPE):
                type_code, length, decimals, flags, charsetnr = p.fields[0]
                hit("MIN/MAX of NULL is of NULL's type")
            # TIME_TO_SEC: MySQL's is an integer function (whole seconds, a BIGINT whatever
            # its argument); MariaDB makes a DECIMAL of six digits for text it cannot size.
            if tree.op == "TIME_TO_SEC" and type_code == NEWDECIMAL and p.fields and \
                    p.fields[0][0] == LONGLONG:
                type_code, length, decimals = p.fields[0][:3]
                flags &= ~32
                six_zeros_dropped = True
                hit("TIME_TO_SEC is a BIGINT")
            # ADDTIME, SUBTIME and TIMESTAMP of a constant time given as text with no fraction
            # (a date's text too, '0000-00-00'): MySQL reads the constant while resolving and
            # counts its digits (Item::time_precision: str_to_time of its value); MariaDB
            # allows six where it cannot read the text as a time.
            # (TIME() of such text too.)
            timed = tree.kids[1] if tree.op in ("ADDTIME", "SUBTIME", "TIMESTAMP") and \
                len(tree.kids) == 2 else tree.kids[0] if tree.op == "TIME" and tree.kids else None
            if timed is not None and \
                    type_code in (12, 11) and decimals == 6 and p.fields and \
                    p.fields[0][0] == type_code and p.fields[0][2] == 0 and \
                    timed.kind == "str" and \
                    not timed.any(lambda n: n.op == "col" or n.op in AGGREGATES):
                length, decimals = p.fields[0][1], 0
                six_zeros_dropped = True
                hit("ADDTIME of constant text: its own fraction digits")
            # Arithmetic over date arithmetic of text (whose value MySQL types as text): a
            # DOUBLE of unfixed decimals in MySQL; MariaDB fixes some (or computes a DECIMAL)
            # and rounds to them.
            if tree.op in ("+", "-", "*", "/") and type_code in (NEWDECIMAL, DOUBLE) and \
                    decimals < 31 and p.fields and p.fields[0][0] == DOUBLE and \
                    p.fields[0][2] == 31 and any(_text_date_arith(k) for k in tree.kids):
                fixed_double_decimals = decimals
                type_code, length, decimals, flags = p.fields[0][:4]
                hit("arithmetic over text date arithmetic is a DOUBLE")
            # DOUBLE arithmetic over text (a string operand is read as a DOUBLE): MySQL's
            # result keeps the text's unfixed decimals (31) and is 23 long (Item_num_op's
            # result_precision takes the operands' greatest decimals); MariaDB fixes 0.
            if tree.op in ("+", "-", "*", "/", "neg") and type_code == DOUBLE and p.fields and \
                    p.fields[0][:3] == (DOUBLE, 23, 31) and decimals < 31 and \
                    any(k.kind == "str" for k in tree.kids):
                length, decimals = 23, 31
                hit("DOUBLE arithmetic over text keeps its unfixed decimals")
            # IF, IFNULL, COALESCE and CASE with a NULL literal among their values: MySQL's
            # type merge leaves NULL out (an unsigned INT stays one); MariaDB makes it a
            # DECIMAL.
            if tree.op in ("IF", "IFNULL", "COALESCE", "CASE", "CASE x") and \
                    type_code in (NEWDECIMAL, LONGLONG) and decimals == 0 and p.fields and \
                    p.fields[0][0] in (LONG, LONGLONG) and p.fields[0][3] & 32 and \
                    not flags & 32 and any(k.op == "NULL" for k in value_kids(tree)):
                type_code, length, decimals, flags = p.fields[0][:4]
                hit("a NULL among IF's or CASE's values merges as nothing")
            # A temporal value without a fraction (an integer to MySQL) beside a DECIMAL in
            # arithmetic: MySQL computes a DECIMAL (Item_num_op: an exact operand makes it
            # one); MariaDB a BIGINT, saturating the DECIMAL at its bounds.
            if tree.op in ("+", "-", "*") and type_code == LONGLONG and p.fields and \
                    p.fields[0][:3] == (NEWDECIMAL, length, 0) and \
                    any(k.kind in TEMPORAL for k in tree.kids):
                type_code = NEWDECIMAL
                flags &= ~32
                decimal_beside_temporal = True
                hit("a temporal integer beside a DECIMAL is a DECIMAL")
            # Integer arithmetic of a temporal value (one without a fraction is an integer to
            # MySQL, numeric_context_result_type) with an unsigned operand: MySQL's result is
            # unsigned as either operand is (Item_num_op's unsigned_flag), one position
            # shorter; MariaDB computes it signed.
            if tree.op in ("+", "-", "*") and type_code == LONGLONG and p.fields and \
                    p.fields[0][0] == LONGLONG and p.fields[0][3] & 32 and not flags & 32 and \
                    p.fields[0][1] == length - 1 and \
                    any(k.any(lambda n: n.kind in TEMPORAL) for k in tree.kids):
                length, flags = p.fields[0][1], flags | 32
                hit("temporal integer arithmetic beside an unsigned operand is unsigned")
            # Text computed from EXTRACTVALUE, UPDATEXML or REGEXP_REPLACE: MySQL sizes those
            # as MAX_BLOB_WIDTH characters (their resolve_type), and REGEXP_REPLACE's
            # collation from its subject and pattern alone; MariaDB sizes them from their
            # arguments, so what holds them (FROM_BASE64, CONCAT, SUBSTRING, CAST) differs in
            # type, length and collation.
            if type_code in (250, 251, 252, VAR_STRING) and p.fields and \
                    p.fields[0][0] in (250, 251, 252, VAR_STRING) and p.fields[0][1] >= 16_000_000 and \
                    tree.any(lambda n: n.op in ("EXTRACTVALUE", "UPDATEXML") or
                             n.op.startswith("REGEXP_REPLACE")):
                type_code, length = p.fields[0][:2]
                flags = (flags & ~(BINARY_FLAG | 16)) | (p.fields[0][3] & (BINARY_FLAG | 16))
                hit("text from EXTRACTVALUE/UPDATEXML/REGEXP_REPLACE: MAX_BLOB_WIDTH long")
            # MariaDB flags a TIMESTAMP UNSIGNED (see below), and arithmetic over one inherits
            # the flag (MOD's sign follows the dividend): one position shorter, unsigned.
            if type_code in (NEWDECIMAL, LONGLONG) and flags & 32 and p.fields and \
                    p.fields[0][0] == type_code and not p.fields[0][3] & 32 and \
                    p.fields[0][1] == length + 1 and tree.any(lambda n: n.op == "col" and n.text == "ts"):
                length, flags = p.fields[0][1], flags & ~32
                hit("arithmetic over a TIMESTAMP is signed")
            # IF, IFNULL, COALESCE and CASE of nothing but NULL: MySQL's type merge leaves the
            # NULL type (MYSQL_TYPE_NULL); MariaDB answers an empty CHAR.
            if tree.op in ("IF", "IFNULL", "COALESCE", "CASE", "CASE x") and \
                    type_code in (VAR_STRING, STRING_TYPE) and p.fields and p.fields[0][0] == 6 and \
                    all(k.op == "NULL" for k in value_kids(tree)):
                type_code, length, decimals, flags, charsetnr = p.fields[0]
                hit("IF of NULLs is of NULL's type")
            # Binary text merged with utf8mb4 text by IF, IFNULL, COALESCE or CASE: MySQL's
            # result is binary and as long as the longest value in characters, a byte each
            # (aggregate_string_properties); MariaDB counts the text's bytes.
            if tree.op in ("IF", "IFNULL", "COALESCE", "CASE", "CASE x") and charsetnr == 63 and \
                    type_code == VAR_STRING and p.fields and p.fields[0][0] == VAR_STRING and \
                    p.fields[0][4] == 63 and p.fields[0][1] < length <= 4 * p.fields[0][1]:
                length = p.fields[0][1]
                hit("binary text merged with utf8mb4: characters as bytes")
            # JSON merged with text by IF, IFNULL, COALESCE or CASE: MySQL sizes the result in
            # characters (a JSON value's 4294967295 bytes are 1073741823 of them, 4294967292
            # bytes again); MariaDB keeps the JSON's bytes.
            if type_code == 251 and length != 4294967292 and p.fields and \
                    p.fields[0][:2] == (251, 4294967292) and tree.op in (
                        "IF", "IFNULL", "COALESCE", "CASE", "CASE x", "NULLIF") and \
                    any(_json_valued(k) for k in value_kids(tree)):
                length = 4294967292
                hit("JSON merged with text: a JSON value's characters")
            # MIN/MAX of a FLOAT column made text: 12 characters in MySQL (the FLOAT's
            # length), 23 in MariaDB, for each.
            floats = len(_walk_nodes(tree, lambda n: n.op in ("MIN", "MAX") and n.kids and
                                     n.kids[0].op == "col" and n.kids[0].text == "fl"))
            if floats and tree.op not in ("MIN", "MAX") and type_code == VAR_STRING and \
                    p.fields and p.fields[0][0] == VAR_STRING and \
                    length - p.fields[0][1] == 44 * floats:
                length = p.fields[0][1]
                hit("MIN/MAX of a FLOAT made text: 12 characters")
            # ROUND and TRUNCATE of an integer of fewer than 20 digits: a BIGINT in MySQL
            # whatever the digits asked (Item_func_round::resolve_type keeps INT_RESULT, a
            # position longer for tens); MariaDB makes a DECIMAL for negative digits.
            if tree.op in ("ROUND", "TRUNCATE") and type_code == NEWDECIMAL and decimals == 0 and \
                    p.fields and p.fields[0][0] == LONGLONG and p.fields[0][2] == 0:
                type_code, length = LONGLONG, p.fields[0][1]
                hit("ROUND of a BIGINT to tens stays a BIGINT")
            # TRUE and FALSE inside what sizes itself from them (SUM, arithmetic, CONCAT):
            # one position in MySQL 8.4, five in MariaDB 10.11 (see "bool" below).
            truths = len(_walk_nodes(tree, lambda n: n.op == "bool"))
            if truths and tree.op != "bool" and p.fields and p.fields[0][0] == type_code and \
                    p.fields[0][2] == decimals and 0 < length - p.fields[0][1] <= 4 * truths and \
                    type_code in (NEWDECIMAL, LONGLONG, VAR_STRING, DOUBLE):
                length = p.fields[0][1]
                hit("TRUE/FALSE one position long inside an expression")
            # CEILING and FLOOR of an integer: a BIGINT in MySQL (Item_func_int_val sets
            # LONGLONG for any integer); MariaDB keeps a narrow column's type.
            if tree.op in ("CEILING", "CEIL", "FLOOR") and type_code in (1, 2, 9, 13) and \
                    p.fields and p.fields[0][0] == LONGLONG:
                type_code = LONGLONG
                hit("CEILING/FLOOR of an integer is a BIGINT")
            # A FLOAT through MIN/MAX of an expression, or merged with an integer by GREATEST
            # and LEAST: MySQL keeps the FLOAT (Item_sum_hybrid copies its argument's type;
            # the type merge of YEAR or TINYINT with FLOAT is FLOAT); MariaDB makes a DOUBLE.
            if tree.op in ("MIN", "MAX", "GREATEST", "LEAST") and type_code == DOUBLE and \
                    p.fields and p.fields[0][0] == FLOAT and tree.any(
                        lambda n: n.op == "col" and n.text == "fl"):
                type_code, length, decimals = p.fields[0][:3]
                float_valued = True
                hit("a FLOAT through MIN/MAX or GREATEST stays a FLOAT")
            # MIN/MAX take their argument's length (Item_sum_hybrid copies the argument's
            # type): a FLOAT column's 12; MariaDB sizes any approximate value 23.
            if tree.op in ("MIN", "MAX") and type_code == FLOAT and length == 23 and \
                    tree.kids[0].op == "col":
                length = 12
                hit("MIN/MAX of a FLOAT keep its length")
            # JSON_QUOTE: MySQL makes room for a six-character escape of each character and
            # the two quotes (6n + 2); MariaDB for 12n + 2.
            if tree.op == "JSON_QUOTE" and type_code == VAR_STRING and length % 4 == 0 and \
                    (length // 4 - 2) % 12 == 0:
                length = (6 * ((length // 4 - 2) // 12) + 2) * 4
                hit("JSON_QUOTE 6n + 2 characters long")
            # ... of a LONGTEXT (251) too, which MariaDB leaves the argument's length.
            elif tree.op == "JSON_QUOTE" and type_code == 251 and length % 4 == 0 and \
                    p.fields and p.fields[0][1] == (6 * (length // 4) + 2) * 4:
                length = p.fields[0][1]
                hit("JSON_QUOTE 6n + 2 characters long")
            # ... and a DOUBLE start past INT32's range too (read saturated, as val_int reads it).
            if tree.op == "SUBSTRING" and type_code == VAR_STRING and tree.kids[1].op == "dbl" and \
                    p.fields and p.fields[0][0] == VAR_STRING and p.fields[0][1] >= length:
                try:
                    past = float(tree.kids[1].text.strip("()")) > 2 ** 31 - 1
                except (TypeError, ValueError):
                    past = False
                if past:
                    length = p.fields[0][1]
                    hit("SUBSTRING's start past INT32 takes nothing off")
            # SUBSTRING with a constant start past the first character: MySQL takes it off the
            # characters (Item_func_substr::resolve_type), MariaDB off the bytes of a utf8mb4
            # string, as many characters.
            if tree.op == "SUBSTRING" and type_code == VAR_STRING and charsetnr == 255 and \
                    tree.kids[1].text is not None and \
                    re.fullmatch(r"\d+", tree.kids[1].text) and length % 4 == 0:
                start = int(tree.kids[1].text)
                count = int(tree.kids[2].text) if len(tree.kids) > 2 and \
                    tree.kids[2].text is not None and re.fullmatch(r"\d+", tree.kids[2].text) else None
                first = tree.kids[0]
                while first.op in ("MIN", "MAX") and first.kids:  # (of their argument's length)
                    first = first.kids[0]
                known_chars = len(first.text) - 2 if first.op == "str" and first.text is not None and \
                    re.fullmatch(r"'[^'\\]*'", first.text) else \
                    {"vg": 20, "vb": 20, "cl": 10}.get(first.text) if first.op == "col" else None
                if known_chars is not None and 1 <= start <= 2 ** 31 - 1:
                    # (a literal's or a column's characters are known: MySQL's length from them)
                    chars = max(known_chars - (start - 1), 0)
                    length = (min(chars, count) if count is not None else chars) * 4
                    hit("SUBSTRING's start taken off the characters")
                # (a length MariaDB's count bounds says nothing of the string's; a temporal
                # value's characters MariaDB counts as MySQL does)
                elif 1 <= start <= 2 ** 31 - 1 and (count is None or length // 4 != count) and \
                        first.kind not in TEMPORAL:
                    chars = (length // 4 + start - 1) // 4 - (start - 1)
                    if count is not None:
                        chars = min(chars, count)
                    length = max(chars, 0) * 4
                    hit("SUBSTRING's start taken off the characters")
                elif start > 2 ** 31 - 1 and p.fields and p.fields[0][1] >= length:
                    # A start past INT32's range: MySQL leaves the length alone (out of its
                    # range, it takes nothing off); MariaDB cuts the start to 32 bits.
                    length = p.fields[0][1]
                    hit("SUBSTRING's start past INT32 takes nothing off")
            # ... a start that is no constant leaves the string's characters, at most a
            # literal count (MySQL's min(max_char_length, count)); MariaDB makes room for
            # the count whatever the string's length.
            elif tree.op == "SUBSTRING" and type_code == VAR_STRING and p.fields and \
                    p.fields[0][0] == VAR_STRING and \
                    tree.kids[0].op == "str" and tree.kids[0].text is not None and \
                    re.fullmatch(r"'[^'\\]*'", tree.kids[0].text) and \
                    (len(tree.kids) == 2 or (tree.kids[2].text is not None and
                                             re.fullmatch(r"\d+", tree.kids[2].text))) and \
                    tree.kids[1].any(lambda n: n.op == "col" or n.op in AGGREGATES) and \
                    p.fields[0][1] == 4 * min(len(tree.kids[0].text) - 2,
                                              int(tree.kids[2].text) if len(tree.kids) > 2 else 2 ** 31):
                length = p.fields[0][1]
                hit("SUBSTRING of a varying start: the string's characters, at most the count")
            # ... a start that constants compute (LENGTH('-1'), UNHEX('')) is read while
            # resolving as a literal is (const_item()); MariaDB reads it as bytes of the string
            # or not at all.
            elif tree.op == "SUBSTRING" and type_code == VAR_STRING and p.fields and \
                    p.fields[0][0] == VAR_STRING and tree.kids[1].text is None and \
                    not tree.kids[1].any(lambda n: n.op == "col" or n.op in AGGREGATES):
                length = p.fields[0][1]
                hit("SUBSTRING of a start constants compute")
            # ... a NULL start leaves the length alone, a negative count makes it 0 (MySQL's
            # resolve_type); MariaDB gives 0 for the one and keeps the length for the other.
            if tree.op == "SUBSTRING" and type_code == VAR_STRING and p.fields and \
                    p.fields[0][0] == VAR_STRING and \
                    ((tree.kids[1].op == "NULL" and p.fields[0][1] >= length) or
                     (len(tree.kids) > 2 and re.fullmatch(r"\(?-\d+\)?", tree.kids[2].sql().replace(" ", "")) and
                      p.fields[0][1] == 0)):
                length = p.fields[0][1]
                hit("SUBSTRING of a NULL start or a negative count")
            # ... and a constant start further back than the string is long leaves nothing
            # (0 long); MariaDB makes room for as many characters as the start counts back.
            if tree.op == "SUBSTRING" and type_code == VAR_STRING and p.fields and \
                    p.fields[0][1] == 0 and length > 0 and \
                    re.fullmatch(r"\(?-\d+\)?", tree.kids[1].sql().replace(" ", "")) and \
                    length == 4 * int(tree.kids[1].sql().strip("()").replace(" ", "")[1:]):
                length = 0
                hit("SUBSTRING from further back than the string is long")
            # SUBSTRING of a temporal literal: MySQL takes the start off the temporal value's
            # characters (a TIME's ten, a DATETIME's nineteen, and a point and the fraction's
            # digits); MariaDB sizes it otherwise.
            if tree.op == "SUBSTRING" and type_code == VAR_STRING and p.fields and \
                    p.fields[0][0] == VAR_STRING and tree.kids[0].kind in TEMPORAL and \
                    tree.kids[0].text is not None and tree.kids[1].text is not None and \
                    re.fullmatch(r"\d+", tree.kids[1].text):
                written = re.fullmatch(r"(TIME|TIMESTAMP|DATE) '([^']*)'", tree.kids[0].text)
                if written:
                    fraction = written.group(2).split(".")[1] if "." in written.group(2) else ""
                    chars = {"TIME": 10, "TIMESTAMP": 19, "DATE": 10}[written.group(1)] + \
                        (len(fraction) + 1 if fraction else 0)
                    chars = max(chars - (int(tree.kids[1].text) - 1), 0)
                    if len(tree.kids) > 2 and tree.kids[2].text and re.fullmatch(r"\d+", tree.kids[2].text):
                        chars = min(chars, int(tree.kids[2].text))
                    if p.fields[0][1] == 4 * chars:
                        length = p.fields[0][1]
                        hit("SUBSTRING of a temporal literal: its characters")
            # DATE_FORMAT / TIME_FORMAT with a format that is no literal: MySQL makes room for
            # ten characters per character of the format; MariaDB for ten per byte of it.
            if tree.op in ("DATE_FORMAT", "TIME_FORMAT", "FROM_UNIXTIME") and \
                    type_code == VAR_STRING and p.fields and p.fields[0][1] * 4 == length and \
                    len(tree.kids) > 1 and tree.kids[1].op != "str":
                length = p.fields[0][1]
                hit("DATE_FORMAT of a format that is no literal: ten per character")
            # An operand MySQL sizes as a BIGINT of 21 positions (Item_int_func's default:
            # JSON_LENGTH, JSON_DEPTH, TO_SECONDS, PERIOD_ADD, PERIOD_DIFF, REGEXP_INSTR) where
            # MariaDB sizes an INT: what holds it (arithmetic, IF, CASE, CONCAT) is longer.
            if type_code in (LONGLONG, NEWDECIMAL, DOUBLE, VAR_STRING) and p.fields and \
                    p.fields[0][0] == type_code and p.fields[0][1] > length and \
                    tree.op not in FUNCTION_LENGTHS and \
                    tree.any(lambda n: n.op in ("JSON_LENGTH", "JSON_DEPTH", "TO_SECONDS",
                                                "PERIOD_ADD", "PERIOD_DIFF", "REGEXP_INSTR")):
                length = p.fields[0][1]
                hit("an operand MySQL sizes as a BIGINT(21)")
            # GREATEST and LEAST with a NULL literal among their values: MySQL's type merge
            # leaves NULL out (an unsigned INT stays one); MariaDB merges it as a DOUBLE.
            if tree.op in ("GREATEST", "LEAST") and type_code == DOUBLE and p.fields and \
                    p.fields[0][0] in (LONG, LONGLONG, NEWDECIMAL, 13, 1, 2, 9) and \
                    any(k.op == "NULL" for k in tree.kids):
                type_code, length, decimals = p.fields[0][:3]
                flags = p.fields[0][3]
                hit("a NULL among GREATEST's values merges as nothing")
            # HEX of a number: MySQL makes room for two digits per position of its display
            # length (args[0]->max_length * 2); MariaDB for at least 16 of an integer, and
            # for its own display length of a DECIMAL or DOUBLE.
            if tree.op == "HEX" and type_code in (VAR_STRING, 251) and p.fields and \
                    tree.kids[0].kind == "num":
                length = p.fields[0][1]
                hit("HEX of a number: two digits per position")
            # DIV: MySQL 8.4 counts the dividend's integer digits, the divisor's decimals (all
            # its characters where they are not fixed: a DOUBLE, a string) and a sign
            # (Item_func_div_int::result_precision); MariaDB only the dividend's digits.
            if tree.op == "DIV" and type_code == LONGLONG and p.fields:
                length = p.fields[0][1]
                hit("DIV's length counts the divisor")
            if tree.op.startswith("EXTRACT ") and type_code == LONGLONG:
                length = EXTRACT_LENGTHS.get(tree.op.split(" ", 1)[1], length)
                hit("EXTRACT length")
            if tree.op in FUNCTION_LENGTHS and type_code == LONGLONG:
                length = FUNCTION_LENGTHS[tree.op]
                hit("date-part function length with a sign")
            # JSON_UNQUOTE (and ->>) of a JSON value: MySQL's result is as long as a JSON
            # value's characters (MAX_BLOB_WIDTH / 4) in utf8mb4, 4294967292; MariaDB sizes it
            # from its own JSON_EXTRACT's length.
            if tree.op in ("JSON_UNQUOTE", "->>") and type_code == 251 and p.fields and \
                    p.fields[0][:2] == (251, 4294967292) and \
                    (tree.op == "->>" or (tree.kids and tree.kids[0].kind == "json")):
                length = 4294967292
                hit("JSON_UNQUOTE of JSON: a JSON value's length")
            cols.append((type_code, length, decimals, flags, charsetnr))
        m.fields = cols
        if decimal_beside_temporal and m.rows is not None and p.rows is not None and \
                len(p.rows) == len(m.rows):
            # (MariaDB's BIGINT saturates where the exact value passes its range)
            def saturated(pv, mv):
                try:
                    return abs(int(pv)) >= 2 ** 63 - 2 ** 54 or abs(int(mv)) >= 2 ** 63 - 2 ** 54
                except (TypeError, ValueError):
                    return False
            m.rows = [tuple(pv if pv != mv and saturated(pv, mv) else mv
                            for pv, mv in zip(prow, mrow)) for prow, mrow in zip(p.rows, m.rows)]
        # (STDDEV_POP's value at MariaDB's decimals, before the rows are matched up below)
        if stddev_decimals is not None and p.rows is not None:
            p.rows = [tuple(round_to(v, stddev_decimals) for v in row) for row in p.rows]
        if fixed_double_decimals is not None and m.rows is not None and p.rows is not None and \
                len(p.rows) == len(m.rows):
            # (MariaDB's DECIMAL is MySQL's DOUBLE rounded to its decimals)
            m.rows = [tuple(pv if pv != mv and round_to(pv, fixed_double_decimals) == mv else mv
                            for pv, mv in zip(prow, mrow)) for prow, mrow in zip(p.rows, m.rows)]
        # (a value MariaDB gives six fraction digits MySQL does not: they are zeros)
        if six_zeros_dropped and m.rows is not None:
            m.rows = [tuple(re.sub(r"\.0{6}$", "", v) if isinstance(v, str) else v for v in row)
                      for row in m.rows]
        if float_valued and m.rows is not None and p.rows is not None and len(p.rows) == len(m.rows):
            # (MariaDB's DOUBLE prints the FLOAT's binary value in full: 3.3999999521443642e38
            # for 3.4e38)
            def as_float(v):
                try:
                    return struct.unpack("f", struct.pack("f", float(v)))[0]
                except (TypeError, ValueError, OverflowError):
                    return v
            m.rows = [tuple(pv if pv != mv and pv is not None and as_float(pv) == as_float(mv) else mv
                            for pv, mv in zip(prow, mrow)) for prow, mrow in zip(p.rows, m.rows)]
        if round_scale is not None and m.rows is not None:
            m.rows = [tuple(round_to(v, round_scale) for v in row) for row in m.rows]

    # A DOUBLE or FLOAT whose decimals are not fixed: both servers lay out its shortest digits
    # as my_gcvt does (fixed from 1e-15 up, an exponent from 1e15), but MariaDB 10.11 writes
    # some results out in full ("1000000000000000"). The same number either way.
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

    # JSON values: MySQL prints its binary form (keys sorted, the last duplicate kept, ", "
    # and ": ", DOUBLEs in their shortest form); MariaDB keeps the text it built or was given.
    # A JSON_UNQUOTE of an object or array prints it the same way.
    # A string function over a whole JSON value (CONCAT(JSON_OBJECTAGG(...))) prints it so too.
    json_text = _json_valued(tree) or (tree.op in ("JSON_UNQUOTE", "->>") and tree.kids and
                                       _json_valued(tree.kids[0])) or tree.op == "->>" or \
        (tree.op in JSON_TEXT_PASSERS and tree.any(_json_valued))
    if json_text and m.rows is not None and p.rows is not None and len(p.rows) == len(m.rows):
        as_float = tree.any(lambda n: n.op == "col" and n.text == "fl")
        rewrites = [
            (True, None, "JSON printed in MySQL's form"),
            # A boolean passed through IF, IFNULL, COALESCE, CASE, NULLIF, GREATEST, LEAST,
            # MIN or MAX: MySQL's result is no boolean function (is_bool_func), so JSON gets
            # the number 1 or 0; MariaDB keeps true or false.
            (tree.any(lambda n: n.op in BOOL_LOSING), bools_as_numbers,
             "a boolean through IF/IFNULL/CASE... is a number in JSON"),
            # A JSON function's value inside another: MySQL nests the JSON; MariaDB's inner
            # function answered text, which the outer one quotes as a string.
            (True, text_as_json, "MariaDB's JSON text quoted inside JSON"),
            # A binary string in a JSON document: MySQL keeps it opaque and prints
            # "base64:type15:..." (the bytes in base64 after their MySQL type); MariaDB
            # writes the bytes as text.
            (True, opaque_as_text, "a binary string in JSON is base64:typeNN"),
        ]
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if not prow or not mrow or prow[0] == mrow[0]:
                continue
            for applies, rewrite, name in rewrites:
                if applies and same_json(prow[0], mrow[0], as_float, rewrite):
                    m.rows[r] = (prow[0],) + tuple(mrow[1:])
                    hit(name)
                    break

    def rows_as_mysql(applies, accept, name):
        # Rows where MySQL's answer (Porpoise's, `accept` says) differs from MariaDB's by design.
        if applies and m.rows is not None and p.rows is not None and len(p.rows) == len(m.rows):
            for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
                if len(prow) == len(mrow) == 1 and prow[0] is not None and accept(prow[0], mrow[0]):
                    m.rows[r] = prow
                    hit(name)

    # MIN/MAX of a bit operation: MySQL's value is a BIGINT UNSIGNED (a bit operator's), and
    # MIN/MAX keep it so; MariaDB's aggregate reads it as signed, 2^64 less.
    def wrapped(pv, mv):
        try:
            return abs(float(pv) - float(mv) - 2.0 ** 64) <= 2.0 ** 64 * 1e-9
        except (TypeError, ValueError):
            return False
    rows_as_mysql(tree.any(lambda n: n.op in ("MIN", "MAX") and n.kids and n.kids[0].op in BIT_OPS),
                  wrapped, "MIN/MAX of a bit operation is unsigned")
    # JSON_CONTAINS of a candidate holding an array: MySQL finds such an element only in an
    # array of the target (contains_wr), MariaDB in any element.
    rows_as_mysql(tree.op == "JSON_CONTAINS" and len(tree.kids) >= 2 and
                  re.search(r"[\[,]\s*\[", tree.kids[1].sql()),
                  lambda pv, mv: pv == "0" and mv == "1", "JSON_CONTAINS of an array in an array (MySQL)")
    # JSON_SEARCH matches string scalars alone in MySQL (find_matches); MariaDB matches the
    # text of numbers too.
    rows_as_mysql(tree.op == "JSON_SEARCH" and len(tree.kids) >= 3 and
                  re.search(r"[\[,:]\s*-?\d", tree.kids[0].sql()) and
                  re.fullmatch(r"'[%_\d]*'", tree.kids[2].sql()),
                  lambda pv, mv: mv is not None, "JSON_SEARCH matches strings alone (MySQL)")
    # JSON text with a number past DOUBLE's range ('1e400'): MySQL's parser refuses it (not
    # valid JSON), MariaDB takes it.
    rows_as_mysql(tree.op == "JSON_VALID" and tree.kids and tree.kids[0].text is not None and
                  _beyond_double(tree.kids[0].text),
                  lambda pv, mv: pv == "0" and mv == "1", "a number past DOUBLE is no JSON (MySQL)")
    # GREATEST of strings equal under their collation ('Ä' and 'A' under a _ci collation):
    # MySQL 8.4 answers the last of them (Item_func_min_max::str_op keeps a later argument
    # that is not smaller); MariaDB the first.
    rows_as_mysql(tree.op == "GREATEST",
                  lambda pv, mv: mv is not None and pv != mv and _folded(pv) == _folded(mv),
                  "GREATEST of equal strings answers the last (MySQL)")
    # TIME_FORMAT with a date's numbers (%d %m %Y %y %c %e): MySQL writes them as zeros (the
    # manual: "other specifiers produce a NULL or 0"); MariaDB answers NULL.
    # (of the date's specifiers only those of names and weeks are NULL: make_date_time)
    time_format_ok = tree.op == "TIME_FORMAT" and len(tree.kids) > 1 and \
        tree.kids[1].text is not None and not re.search(r"%[abDjMUuVvWwXx]", tree.kids[1].text.replace("%%", ""))
    rows_as_mysql(tree.op == "TIME_FORMAT",
                  lambda pv, mv: mv is None and (re.search(r"00|0{4}", pv) or time_format_ok),
                  "TIME_FORMAT writes a date's numbers as zeros")
    # UNIX_TIMESTAMP of a date outside the TIMESTAMP range: MySQL answers 0 (its manual says
    # so), MariaDB NULL.
    rows_as_mysql(tree.op == "UNIX_TIMESTAMP",
                  lambda pv, mv: mv is None and re.fullmatch(r"0(\.0+)?", pv),
                  "UNIX_TIMESTAMP out of range is 0")
    # JSON_VALID of a number or a temporal value: MySQL answers 0 (only strings and JSON can
    # be JSON, json_is_valid), a NULL too (the argument is not read); MariaDB reads the
    # number's text as JSON.
    rows_as_mysql(tree.op == "JSON_VALID" and _valued_as(tree.kids[0], ("num", "bool") + TEMPORAL),
                  lambda pv, mv: pv == "0" and mv in ("1", None), "JSON_VALID of a number 0")

    # Fractional seconds that do not fit the result's precision: MySQL rounds them (as
    # time_truncate_fractional is off), MariaDB truncates; so MySQL's value may be one unit of
    # the last digit further from zero (CAST('12:00:00.5' AS TIME): 12:00:01, not 12:00:00).
    if tree.any(lambda n: n.kind in TEMPORAL) and m.rows is not None and p.rows is not None \
            and len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and prow != mrow and \
                    rounded_not_truncated(prow[0], mrow[0]):
                m.rows[r] = prow
                hit("fractional seconds rounded, not truncated")

    # FROM_DAYS() of a day number before year 1: MySQL answers the zero date (its val_str
    # does not ask for TIME_NO_ZERO_DATE); MariaDB answers NULL.
    if tree.op == "FROM_DAYS" and m.rows is not None and p.rows is not None and \
            len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if prow == ("0000-00-00",) and mrow == (None,):
                m.rows[r] = prow
                hit("FROM_DAYS zero date")

    # A TIME clamped to the range (SEC_TO_TIME, MAKETIME, a DOUBLE read as a TIME, and what is
    # computed from one): MySQL's clamp sets the hours, minutes and seconds and drops the
    # fraction (set_max_time, adjust_time_range); MariaDB keeps .999999.
    if tree.any(lambda n: n.kind == "time" or n.op in ("SEC_TO_TIME", "MAKETIME", "ADDTIME",
                                                         "SUBTIME", "TIMEDIFF")) and \
            m.rows is not None and p.rows is not None and len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and prow[0] is not None and mrow[0] is not None and \
                    MAX_TIME_NO_FRACTION.fullmatch(prow[0]) and \
                    MAX_TIME_NINES.fullmatch(mrow[0]) and prow[0].split(".")[0] == mrow[0].split(".")[0]:
                m.rows[r] = prow
                hit("a TIME clamped without a fraction")
            elif len(prow) == len(mrow) == 1 and prow[0] is not None and mrow[0] is not None and \
                    MAX_TIME_NO_FRACTION.fullmatch(prow[0]) and \
                    re.fullmatch(r"-?838:59:59\.\d*[1-9]\d*", mrow[0]) and \
                    prow[0].split(".")[0] == mrow[0].split(".")[0]:
                # Past 838:59:59 by a fraction, which MariaDB's range holds: MySQL clamps it
                # (and says so, 1292).
                m.rows[r] = prow
                p.warnings = [w for w in p.warnings
                              if not (w[1] == "1292" and w[2].startswith("Truncated incorrect time value: '")
                                      and "838:59:59" in w[2])]
                hit("a TIME past 838:59:59 by a fraction clamped")

    # A TIME argument past 838:59:59 in ADDTIME/SUBTIME ('839:00:00'): MySQL clamps it to
    # 838:59:59 without a fraction (adjust_time_range); MariaDB to 838:59:59.999999, which the
    # sum keeps.
    if tree.op in ("ADDTIME", "SUBTIME") and m.rows is not None and p.rows is not None and \
            len(p.rows) == len(m.rows) and \
            any(w[1] == "1292" and w[2].startswith("Truncated incorrect time value") for w in p.warnings):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and prow[0] is not None and mrow[0] is not None and \
                    mrow[0].endswith(".999999") and prow[0] == mrow[0][:-len(".999999")]:
                m.rows[r] = prow
                hit("a TIME clamped without a fraction, then added to")

    # The microseconds of a time clamped to 838:59:59 (MICROSECOND, TIME_FORMAT's %f): none to
    # MySQL (adjust_time_range drops the fraction), .999999 to MariaDB.
    if tree.any(lambda n: n.op in ("MICROSECOND", "TIME_FORMAT", "DATE_FORMAT") or
                n.op.startswith("EXTRACT")) and \
            any(w[1] == "1292" and w[2].startswith("Truncated incorrect time value") for w in p.warnings) and \
            m.rows is not None and p.rows is not None and len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and isinstance(prow[0], str) and \
                    isinstance(mrow[0], str) and prow[0] != mrow[0] and \
                    (mrow[0].replace("999999", "000000") == prow[0] or
                     (mrow[0].endswith("999999") and prow[0] == (mrow[0][:-6] or "0"))):
                m.rows[r] = prow
                hit("the microseconds of a TIME clamped without a fraction")

    # Date arithmetic on a string that is no constant: MySQL prints the text result with six
    # fraction digits or none, as the value has a fraction or not; MariaDB with the digits it
    # types the result with.
    if tree.op.startswith(DATE_ARITH_PREFIXES) and tree.kids and tree.kids[0].kind == "str" and \
            m.rows is not None and p.rows is not None and len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and prow[0] is not None and mrow[0] is not None and \
                    mrow[0] != prow[0] and re.fullmatch(r"\.0+", mrow[0][len(prow[0]):] or "x") \
                    and mrow[0].startswith(prow[0]):
                m.rows[r] = prow
                hit("date arithmetic on text: six fraction digits or none")

    # CAST(temporal AS SIGNED/UNSIGNED): MySQL 8.4 rounds the fraction (TIME '00:00:00.5' is
    # 1, TIME_to_longlong_time_round); MariaDB 10.11 truncates it.
    if tree.op in ("CAST AS SIGNED", "CAST AS UNSIGNED") and tree.kids and \
            tree.kids[0].kind in TEMPORAL and m.rows is not None and p.rows is not None and \
            len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            try:
                if len(prow) == len(mrow) == 1 and (abs(int(prow[0]) - int(mrow[0])) == 1 or
                                                    _next_second(int(mrow[0])) == int(prow[0])):
                    m.rows[r] = prow
                    hit("a temporal value's integer rounds its fraction")
            except (TypeError, ValueError):
                pass

    # IS_IPV4_COMPAT: MySQL asks only that the first 12 bytes be zero, so '::1' and '::'
    # are compatible; MariaDB excludes them.
    if tree.op == "IS_IPV4_COMPAT" and p.rows and m.rows and len(p.rows) == len(m.rows) and \
            re.search(r"'::1?'", tree.sql()):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if prow == ("1",) and mrow == ("0",):
                m.rows[r] = prow
                hit("IS_IPV4_COMPAT of ::1")

    same_shape = m.rows is not None and p.rows is not None and len(p.rows) == len(m.rows)

    # A string holding a DOUBLE's text (CONCAT, a CASE of strings): MySQL prints the number in
    # its shortest form there too ("1.5e-7"); MariaDB in full ("0.00000015").
    if same_shape and m.fields is not None:
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            fixed = list(mrow)
            for i, (pv, mv) in enumerate(zip(prow, mrow)):
                if i < len(m.fields) and m.fields[i][0] in STRING_TYPES and \
                        pv is not None and mv is not None and pv != mv and \
                        same_text_but_doubles(pv, mv):
                    fixed[i] = pv
                    hit("DOUBLE printed in full inside a string")
            m.rows[r] = tuple(fixed)

    # A zero date, or a date with zero parts, passed through IF, IFNULL, COALESCE, CASE,
    # NULLIF or a temporal function unchanged: MySQL 8.4 returns the value; MariaDB 10.11
    # reads it under NO_ZERO_DATE/NO_ZERO_IN_DATE and returns NULL.
    if same_shape and tree.op in ZERO_DATE_PASSERS:
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and mrow[0] is None and prow[0] is not None and \
                    ZERO_IN_DATE.match(prow[0]):
                m.rows[r] = prow
                hit("a zero date passed through, not refused")

    # IFNULL/COALESCE over a zero date, or a date with zero parts: MySQL 8.4 returns it (it
    # is not NULL); MariaDB 10.11 reads it as NULL under NO_ZERO_DATE/NO_ZERO_IN_DATE and
    # returns the next argument's value instead.
    if same_shape and tree.op in ("IFNULL", "COALESCE"):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and prow[0] is not None and prow != mrow and \
                    ZERO_IN_DATE.match(prow[0]):
                m.rows[r] = prow
                # (and MariaDB's 1292 for reading it)
                m.warnings = [w for w in m.warnings if not (
                    w[1] == "1292" and w[2].startswith("Incorrect datetime value: '") and
                    ZERO_IN_DATE.match(w[2][len("Incorrect datetime value: '"):]))]
                hit("a zero date is not NULL to IFNULL/COALESCE")

    # CAST AS DATE/DATETIME, DATE() and TIMESTAMP() of a string with a zero month or day:
    # MySQL 8.4 takes it whatever NO_ZERO_IN_DATE says (CAST('2024-00-10' AS DATE) is
    # 2024-00-10); MariaDB 10.11 refuses it (NULL, 1292).
    # (Of a DATE or DATETIME value with zero parts, a column's say, MySQL's CAST asks nothing
    # of it either: Item_typecast_date passes its caller's flags, TIME_FUZZY_DATE when sent.)
    # LAST_DAY of a date with a zero day: MySQL reads it as its caller asks (TIME_FUZZY_DATE
    # when sent) and answers the month's last day ('2024-02-00' is 2024-02-29); MariaDB
    # refuses it (a column's silently: row 6's dd is 2024-02-00).
    if same_shape and tree.op == "LAST_DAY":
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) != 1 or len(mrow) != 1 or mrow[0] is not None or prow[0] is None or \
                    not tree.kids or tree.kids[0].text is None:
                continue
            refused = [w for w in m.warnings if w[1] == "1292"]
            if refused and re.search(r"\d{4}-\d\d-00", tree.kids[0].text):
                m.rows[r] = prow
                m.warnings.remove(refused[0])
                hit("LAST_DAY of a date with a zero day")
            elif tree.kids[0].text == "dd" and r == 5 and len(p.rows) == len(ROWS):
                m.rows[r] = prow
                hit("LAST_DAY of a date with a zero day")
    if same_shape and (tree.op in ("DATE", "TIMESTAMP") or tree.op.startswith("CAST AS DATE")):
        temporal_argument = bool(tree.kids) and tree.kids[0].kind in TEMPORAL
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            # (a warning porpoised says too is another row's; one quoting a zero number or a
            # date with zero parts is this one's rather than another's)
            refused = [w for w in m.warnings if w[1] == "1292" and prow[0] is not None and
                       w[2].startswith("Incorrect datetime value") and
                       tuple(w) not in {tuple(x) for x in p.warnings}]
            refused.sort(key=lambda w: not (re.match(r"Incorrect datetime value: '-?0(\.\d*)?'", w[2]) or
                                            ZERO_IN_DATE.match(w[2].split("'")[1] if "'" in w[2] else "")))
            if len(prow) == len(mrow) == 1 and mrow[0] is None and prow[0] is not None and \
                    ZERO_IN_DATE.match(prow[0]) and (refused or temporal_argument):
                m.rows[r] = prow
                if refused:
                    m.warnings.remove(refused[0])
                hit("CAST of a date with zero parts")

    # CAST(x AS UNSIGNED) of a negative DOUBLE or DECIMAL: MySQL 8.4 converts it as a signed
    # integer and keeps the bits (-1e0 is 18446744073709551615); MariaDB 10.11 gives 0 with
    # 1916.
    if same_shape and tree.op == "CAST AS UNSIGNED" and tree.kids[0].kind == "num":
        notes = [w for w in m.warnings if w[1] == "1916" and "to UNSIGNED" in w[2]]
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if notes and mrow == ("0",) and prow[0] is not None and prow[0].isdigit() and \
                    int(prow[0]) >= 2 ** 63:
                m.rows[r] = prow
                m.warnings.remove(notes[0])
                notes = notes[1:]
                hit("CAST AS UNSIGNED of a negative DOUBLE wraps")

    # CAST(x AS UNSIGNED) of a negative integer: MySQL 8.4 warns only for a string it reads
    # (Item_typecast_unsigned::val_int, val_int_from_str); MariaDB for a number too (a Note).
    if tree.any(lambda n: n.op == "CAST AS UNSIGNED" and n.kids and n.kids[0].kind == "num") and \
            not any(w[1] == "1105" for w in p.warnings):
        kept = [w for w in m.warnings if not (w[1] == "1105" and "to unsigned" in w[2])]
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("CAST AS UNSIGNED of a negative integer is silent")

    # MIN/MAX of a DATE column holding a zero day (row 6's 2024-02-00): MySQL compares the
    # stored dates as they are; MariaDB reads that one as the zero date under NO_ZERO_IN_DATE.
    if tree.op in ("MIN", "MAX") and tree.kids and tree.kids[0].op == "col" and \
            tree.kids[0].kind == "date" and p.rows and m.rows and len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and mrow[0] == "0000-00-00" and \
                    isinstance(prow[0], str) and re.fullmatch(r"\d{4}-\d\d-00", prow[0]):
                m.rows[r] = prow
                hit("MIN/MAX of a stored date with a zero day")
    # ... and of a DATETIME column holding one with a zero month and day (row 1's
    # 2024-00-00 00:00:00): MariaDB reads it as the zero datetime, the least of its group.
    if tree.op == "MIN" and tree.kids and tree.kids[0].op == "col" and \
            tree.kids[0].kind == "datetime" and p.rows and m.rows and len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == len(mrow) == 1 and isinstance(mrow[0], str) and prow[0] is not None and \
                    re.fullmatch(r"0000-00-00 00:00:00(\.0+)?", mrow[0]):
                m.rows[r] = prow
                hit("MIN of a stored datetime with a zero month and day")

    # TIMESTAMP(0), TIMESTAMP(FALSE): MySQL 8.4 reads the number 0 as the zero datetime
    # (number_to_datetime); MariaDB 10.11 refuses it (NULL, 1292).
    if same_shape and tree.op == "TIMESTAMP" and p.rows == [("0000-00-00 00:00:00",)] and \
            m.rows == [(None,)]:
        m.rows = p.rows
        m.warnings = [w for w in m.warnings if w[1] != "1292"]
        hit("TIMESTAMP of the number 0")

    # EXTRACT(DAY FROM text) of text that names no datetime but a time ('0.1', '1 10:00:00'):
    # MySQL reads it as a datetime alone (Item_extract's get_date for a date unit; its
    # str_to_datetime refuses it: NULL, 1292); MariaDB reads a time there and gives its days.
    if same_shape and tree.op == "EXTRACT DAY" and len(p.rows) == len(m.rows):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            refused = [w for w in p.warnings if w[1] == "1292" and w not in m.warnings and
                       re.fullmatch(r"Incorrect datetime value: '\s*-?\d+( \d+)?(:\d+){0,2}(\.\d*)?\s*'", w[2])]
            if prow == (None,) and mrow != (None,) and refused:
                m.rows[r] = prow
                m.warnings.append(refused[0])
                hit("EXTRACT(DAY) of a time's text is NULL (MySQL reads a datetime)")

    # JSON_ARRAY_APPEND / JSON_ARRAY_INSERT with a path that names nothing: MySQL 8.4 ignores
    # the pair and returns the document; MariaDB 10.11 returns NULL.
    if same_shape and tree.op in ("JSON_ARRAY_APPEND", "JSON_ARRAY_INSERT"):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if len(prow) == 1 and prow[0] is not None and mrow == (None,) and \
                    all(w[1] in MARIADB_JSON_WARNINGS for w in m.warnings):
                m.rows[r] = prow
                hit("JSON_ARRAY_APPEND of a path that names nothing")

    # JSON_CONTAINS(target, candidate, path) with a path that names nothing: MySQL 8.4 returns
    # NULL (the manual: "or if the path argument does not identify a section"); MariaDB 0.
    if same_shape and tree.any(lambda n: n.op == "JSON_CONTAINS" and len(n.kids) == 3):
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            if prow == (None,) and mrow == ("0",):
                m.rows[r] = prow
                hit("JSON_CONTAINS of a path that names nothing")
            # (inside a JSON document: null where MariaDB has false)
            elif len(prow) == len(mrow) == 1 and prow[0] is not None and mrow[0] is not None and \
                    prow[0] != mrow[0] and "null" in prow[0] and "false" in mrow[0] and \
                    same_json(prow[0], re.sub(r"\bfalse\b", "null", mrow[0])):
                m.rows[r] = prow
                hit("JSON_CONTAINS of a path that names nothing")

    # DECIMAL scale: MySQL caps it at 30 (ROUND(x, 60) has 30 decimals); MariaDB at 38.
    if same_shape and m.fields is not None and p.fields is not None:
        for i, (mf, pf) in enumerate(zip(m.fields, p.fields)):
            if mf[0] == NEWDECIMAL and pf[0] == NEWDECIMAL and mf[2] > 30 and pf[2] == 30:
                m.fields[i] = pf
                for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
                    if i < len(mrow) and mrow[i] is not None and prow[i] is not None and \
                            same_decimal(prow[i], mrow[i]):
                        m.rows[r] = tuple(prow[i] if k == i else v for k, v in enumerate(mrow))
                hit("DECIMAL scale capped at 30")

    suppressed = None
    # A bit operator over a temporal value with a fraction: MySQL rounds it as it takes its
    # integer (val_int: 1999-12-31 23:59:59.5 is 20000101000000); MariaDB rounds the number
    # (19991231235960).
    if p.rows != m.rows and tree.any(
            lambda n: n.op in BIT_OPS and any(
                k.kind in TEMPORAL and k.any(lambda x: (x.text is not None and
                                                        re.search(r"\d\.\d", x.text)) or
                                             (x.op == "col" and x.text == "df"))
                for k in n.kids)):
        suppressed = "a bit operator over a temporal value with a fraction (MySQL rounds it)"
    if p.rows != m.rows and re.search(r"\$[^']*(\[last\]|\*\*\[0\])", tree.sql()):
        # A path's [0] or [last] of a scalar: MySQL wraps the scalar as an array of one (so
        # $[last] of 0 is 0, and $**[0] finds every scalar too); MariaDB finds nothing there.
        suppressed = "[0] and [last] of a scalar wrap it (MySQL)"
    if p.rows != m.rows and tree.any(
            lambda n: n.op.split()[0] in REGEXP_OPS | {"REGEXP_SUBSTR", "REGEXP_REPLACE"} and
            n.kids and n.kids[0].any(lambda k: k.op == "JSON_TYPE")):
        # A regular expression over JSON_TYPE's text: MySQL's is utf8mb4_bin, matched with case
        # ('OBJECT' has no 'c'); MariaDB's is case-insensitive.
        suppressed = "a regular expression over JSON_TYPE's utf8mb4_bin text (MySQL)"
    if tree.any(lambda n: n.op == "CASE x" and _valued_as(n.kids[0], ("str",)) and
                any(_valued_as(k, TEMPORAL) for k in _compared_kids(n)[1:])):
        # CASE over text with a date or time WHEN: MySQL compares the two as text (the pair's
        # comparator, STRING_RESULT, reads dates only for a temporal operand: cmp_item_string);
        # MariaDB reads the operand as a date or time, warning where it names none.
        suppressed = "a text CASE operand beside a date WHEN (MySQL compares text)"
    if tree.any(lambda n: n.op == "CONVERT_TZ" and any(
            k.text is not None and MARIADB_OFFSET_GAP.match(k.text.strip("'")) for k in n.kids)):
        # CONVERT_TZ offsets: MySQL 8.4 takes -13:59 to +14:00; MariaDB 10.11 -12:59 to
        # +13:00 (NULL past them).
        suppressed = "CONVERT_TZ offset past MariaDB's range"
    if any(w[1] == "1292" and w[2].startswith("Incorrect INTERVAL DAY TO SECOND value")
           for w in m.warnings):
        # ADDTIME/SUBTIME/TIMESTAMP's TIME argument: MySQL 8.4 reads a string as str_to_time
        # reads it ('2024-2-9' is 00:20:24 with 1292); MariaDB 10.11 refuses a date-like one.
        suppressed = "a date-like TIME argument MariaDB refuses"
    if tree.any(lambda n: n.op in ("ADDTIME", "SUBTIME")) and \
            any(w[1] == "1292" and w[2].startswith("Truncated incorrect time value")
                for w in p.warnings) and \
            any(w[1] == "1292" and w[2].startswith("Truncated incorrect time value") and
                w not in p.warnings for w in m.warnings):
        # A TIME argument past 838:59:59 ('20240229' is 2024:02:29): MySQL 8.4 clamps it as
        # it reads it (1292 quoting the argument) and then adds; MariaDB adds first and clamps
        # the sum (1292 quoting the sum).
        suppressed = "a TIME argument past the range (MySQL clamps it when read)"
    if tree.any(lambda n: n.op in ("ADDTIME", "SUBTIME", "TIMESTAMP")) and \
            any(w[1] == "1292" and tuple(w) not in {tuple(x) for x in m.warnings} and
                _days_hours_past_range(w[2]) for w in p.warnings):
        # A 'D hh' TIME argument past 838:59:59 ('123 456' is 3408 hours): MySQL clamps it as
        # it reads it (1292); MariaDB adds the whole of it, silently.
        suppressed = "a TIME argument past the range (MySQL clamps it when read)"
    if tree.any(_timediff_beside_date) and \
            any(w[1] == "1292" and re.match(r"(Truncated incorrect|Incorrect) time value: '\d{2,4}-\d\d?-\d\d?", w[2])
                for w in m.warnings):
        # TIMEDIFF with a DATE, DATETIME or TIMESTAMP argument reads the other as a datetime
        # too (Item_func_timediff::get_time calls get_date on both); MariaDB reads text
        # shaped as a date as a TIME there, and refuses it (NULL).
        suppressed = "TIMEDIFF reads text beside a date as a datetime"
    if tree.any(lambda n: n.op in ("TIME", "CAST AS TIME") and n.kids and
                n.kids[0].op == "col" and n.kids[0].text == "yr"):
        # A YEAR read as a TIME is its number (Field_num::get_time: 2155 is 00:21:55, 1970 no
        # time, NULL with 1292); MariaDB's is 00:00:00.
        suppressed = "a YEAR read as a TIME is its number (MySQL)"
    if tree.any(_whole_date_of_zero) and p.rows and m.rows and all(
            pv is None or pv == mv for prow, mrow in zip(p.rows, m.rows) for pv, mv in zip(prow, mrow)):
        # A function that wants a whole date (TIMESTAMPDIFF, DATEDIFF, WEEK, ...) of a zero
        # date a column's MIN or MAX holds or FROM_DAYS gives: MySQL refuses it (NULL, the
        # date read with TIME_NO_ZERO_DATE); MariaDB reads it.
        suppressed = "a whole date of a zero date is NULL (MySQL)"
    if tree.any(_between_time_as_text):
        # BETWEEN of a TIME among text, not all three TIMEs, the subject no TIME column:
        # MySQL compares the three as text (Item_func_between::resolve_type's STRING_RESULT,
        # silent); MariaDB compares TIMEs.
        suppressed = "BETWEEN of a TIME among text compares text (MySQL)"
    if tree.any(lambda n: _timediff_beside_date(n) and
                any(k.op == "str" and ":" in (k.text or "") for k in n.kids)) and \
            p.rows and m.rows and any(mv is None and pv is not None
                                      for prow, mrow in zip(p.rows, m.rows)
                                      for pv, mv in zip(prow, mrow)):
        # The same with a time's text ('1:2:3'): MySQL reads it as the date its digits name
        # (0001-02-03, str_to_datetime's delimiters are any punctuation); MariaDB answers NULL.
        suppressed = "TIMEDIFF reads a time's text beside a date as a datetime"
    if tree.any(_timediff_read_as_date) and p.rows and m.rows and \
            any(mv is None and pv is not None
                for prow, mrow in zip(p.rows, m.rows) for pv, mv in zip(prow, mrow)):
        # A TIMEDIFF read as a date (TIMESTAMP, DATE, DATEDIFF, CAST AS DATE/DATETIME): MySQL's
        # is a TIME and gives today's date with it (Item_time_func::get_date); MariaDB 10.11
        # answers NULL.
        suppressed = "TIMEDIFF read as a date (MariaDB answers NULL)"
    if re.search(r"'[^']*\d:\d\d\.\d{7,}'", tree.sql()) and p.rows != m.rows:
        # A time's fraction of more than six digits written as text: MySQL 8.4 rounds it
        # (12:34:56.9999995 is 12:34:57, TIME_TRUNCATE_FRACTIONAL unset); MariaDB truncates.
        suppressed = "a fraction of seven digits or more (MySQL rounds it)"
    if tree.op in ("HOUR", "MINUTE", "SECOND", "MICROSECOND") and tree.kids and \
            tree.kids[0].kind in ("date", "datetime") and tree.kids[0].op != "col" and \
            p.rows and m.rows and \
            any(prow[0] is None and mrow[0] == "0" for prow, mrow in zip(p.rows, m.rows)):
        # HOUR and its kin of a date function that gives no date: NULL to MySQL
        # (get_arg0_time sets null_value); MariaDB answers 0.
        suppressed = "a time part of no date (MariaDB: 0)"
    if tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES[:6]) and n.kids and
                n.kids[0].kind == "time") and \
            any(w[1] == "1441" and w[2].endswith("time field overflow") for w in p.warnings) and \
            p.rows and m.rows and any(
                pv is None and isinstance(mv, str) and re.match(r"-?838:59:59", mv)
                for prow, mrow in zip(p.rows, m.rows) for pv, mv in zip(prow, mrow)):
        # Date arithmetic on a TIME past 838:59:59: MySQL's date_add_interval overflows (NULL
        # with 1441); MariaDB clamps to the range.
        suppressed = "TIME arithmetic past 838:59:59 (MySQL: NULL, 1441)"
    if re.search(r"INTERVAL \(?0\)? (YEAR|QUARTER|MONTH)\b", tree.sql()) and \
            any(w[1] == "1441" for w in m.warnings) and \
            not any(w[1] == "1441" for w in p.warnings):
        # A TIME moved by zero years or months: MySQL refuses only a nonzero year or month
        # (Item_date_add_interval::get_time_internal), so the TIME stays; MariaDB answers NULL
        # with 1441.
        suppressed = "a TIME moved by zero years or months (MySQL keeps it)"
    if tree.any(_shift_by_large_count) and p.rows != m.rows:
        # A shift by 2^32 or more: MySQL reads the count as a BIGINT UNSIGNED (0 past 63,
        # Item_func_shift::eval_int_op); MariaDB cuts it to 32 bits (4294967296 shifts by 0).
        suppressed = "a shift count past 32 bits (MySQL keeps it whole)"
    if tree.any(_time_beside_big_number) and (p.rows != m.rows or p.warnings != m.warnings):
        # A TIME compared with a number constant past TIME's range: MySQL compares the two as
        # numbers (convert_constant_item keeps a constant that does not store as a TIME);
        # MariaDB reads the number as a TIME, clamped to 838:59:59 with 1292.
        suppressed = "a TIME beside a number past TIME's range (MySQL compares numbers)"
    if tree.any(_time_text_read_as_date) and (p.rows != m.rows or p.warnings != m.warnings):
        # ADDTIME/SUBTIME of text answer text; where a date is wanted of that text, MySQL asks
        # the function for a date, and a time then is on today's date
        # (Item_temporal_hybrid_func::get_date); MariaDB reads the text (as a time in date
        # arithmetic, NULL elsewhere).
        suppressed = "a time written as text read as a date (MySQL dates it today)"
    m_said = {tuple(w) for w in m.warnings}
    # The zero date written as text, refused under NO_ZERO_DATE by MySQL 8.4 (NULL, 1292,
    # tests/sql/functions/zero_dates.test); MariaDB reads it.
    zero_refused = [w for w in p.warnings
                    if w[1] == "1292" and tuple(w) not in m_said and
                    re.fullmatch(r"Incorrect datetime value: '0000-00-00( 00:00:00(\.0+)?)?'", w[2])]
    # (a date column's zero date made text by IF, CASE, COALESCE beside a string is text too)
    zero_column_text = tree.any(lambda n: n.op in PASS_THROUGH and any(
        k.op == "col" and k.kind in ("date", "datetime") for k in n.kids) and
        any(k.kind == "str" for k in n.kids))
    if zero_refused and (zero_column_text or
                         all(f"'{w[2].split(': ', 1)[1][1:-1]}'" in tree.sql() for w in zero_refused)):
        suppressed = "the zero date written as text (MySQL refuses it under NO_ZERO_DATE)"
    # CAST to fewer fraction digits rounding 9999-12-31 23:59:59.9... past the last day: NULL
    # with 1441 (MySQL's rounding overflows); MariaDB truncates.
    if any(w[1] == "1441" for w in p.warnings if tuple(w) not in m_said) and \
            tree.any(lambda n: n.op.startswith("CAST AS DATETIME")):
        suppressed = "a DATETIME rounded past 9999-12-31 (MySQL: NULL, 1441)"
    if tree.any(lambda n: n.op == "STR_TO_DATE") and \
            any(w[1] == "1411" and w[2].endswith("for function str_to_date") and tuple(w) not in m_said
                for w in p.warnings):
        # STR_TO_DATE of a day its month does not have ('2024-02-30'): MySQL 8.4 checks the
        # date (NULL, 1411); MariaDB answers it.
        suppressed = "STR_TO_DATE of an impossible date (MySQL refuses it)"
    if tree.any(lambda n: n.op in ("ADDTIME", "SUBTIME")) and \
            any(w[1] == "1292" and tuple(w) not in m_said and
                re.match(r"Truncated incorrect time value: '-?(839|8[4-9]\d|9\d\d|\d{4,}):", w[2])
                for w in p.warnings):
        # ... and where MariaDB does not clamp it at all (its sum stays in range).
        suppressed = "a TIME argument past the range (MySQL clamps it when read)"
    if tree.any(lambda n: n.op == "TIMESTAMP" and len(n.kids) == 2) and \
            any(w[1] == "1292" and w[2].startswith("Truncated incorrect time value")
                for w in p.warnings if w not in m.warnings):
        # TIMESTAMP(d, t) with t past 838:59:59: MySQL 8.4 clamps t as it reads it (1292);
        # MariaDB adds it whole.
        suppressed = "a TIME argument past the range (MySQL clamps it when read)"
    if tree.any(lambda n: n.tag == "path" and "last" in n.text) and m.rows and p.rows and \
            any(pv is not None and pv != mv for prow, mrow in zip(p.rows, m.rows)
                for pv, mv in zip(prow, mrow)):
        # '[last]' on a scalar: MySQL wraps the scalar in an array (its last is [0]); MariaDB
        # finds nothing (NULL, or null inside a document built around it).
        suppressed = "JSON path [last] (MySQL wraps a scalar)"
    if tree.any(lambda n: n.op in JSON_VALUED and n.any(lambda k: k.op == "col" and
                                                          k.text == "yr")):
        # A YEAR in a JSON document: MySQL puts the number; MariaDB writes its text, 0000.
        suppressed = "YEAR in JSON (MariaDB writes 0000)"
    if tree.any(lambda n: n.op == "JSON_SEARCH") and m.rows and p.rows and \
            any(pv is None and mv is not None for prow, mrow in zip(p.rows, m.rows)
                for pv, mv in zip(prow, mrow)):
        # JSON_SEARCH: MySQL matches string scalars only; MariaDB matches a number's text too.
        suppressed = "JSON_SEARCH over numbers (MySQL matches strings only)"
    if tree.any(lambda n: n.op.startswith("REGEXP_REPLACE") and len(n.kids) > 1 and
                _matches_empty(n.kids[1])):
        # A pattern that matches the empty string: ICU (MySQL) replaces each empty match,
        # PCRE as MariaDB calls it does not.
        suppressed = "REGEXP_REPLACE with a pattern that matches ''"
    if tree.any(lambda n: n.op == "CONVERT_TZ") and any(
            v is not None and re.match(r"(203[89]|20[4-9]\d|2[1-9]\d\d)-", v)
            for rows in (p.rows or [], m.rows or []) for row in rows for v in row):
        # CONVERT_TZ of a datetime past 2038: MySQL 8.4 converts up to 3001 (its 64-bit
        # range since 8.0.28); MariaDB 10.11 gives the value back unconverted.
        suppressed = "CONVERT_TZ past 2038 (MySQL's 64-bit range)"
    if any(w[1] == "1292" and w[2].startswith("Truncated incorrect unixtime value") and
           _in_unixtime_64(w[2]) for w in m.warnings):
        # MySQL 8.4 on 64-bit platforms takes FROM_UNIXTIME() up to 32536771199 (3001-01-18);
        # MariaDB 10.11 stops at 2147483647.
        suppressed = "FROM_UNIXTIME past 2038 (MySQL's 64-bit range)"
    if m.rows is not None and p.rows is not None and \
            tree.any(lambda n: n.op == "DATE" or n.op.startswith("CAST AS DATE")):
        # A number read as a date: MySQL 8.4 reads it without sql_mode's NO_ZERO_DATE, so
        # DATE(0) is the zero date; MariaDB 10.11 refuses it (NULL, 1292 naming the number).
        for r, (prow, mrow) in enumerate(zip(p.rows, m.rows)):
            for c, (pv, mv) in enumerate(zip(prow, mrow)):
                zero = pv is not None and pv.startswith("0000-00-00") and mv is None
                # (in a JSON document: "0000-00-00" where MariaDB has null)
                zero = zero or (pv is not None and mv is not None and '"0000-00-00' in pv and
                                same_json(re.sub(r'"0000-00-00[^"]*"', "null", pv), mv))
                warned = [w for w in m.warnings if w[1] == "1292" and
                          ZERO_NUMBER_WARNING.match(w[2])]
                if zero and warned:
                    m.rows[r] = tuple(pv if i == c else v for i, v in enumerate(m.rows[r]))
                    m.warnings.remove(warned[0])
                    hit("a number's zero date under NO_ZERO_DATE")
    if tree.any(lambda n: n.op.startswith("STDDEV") or n.op.startswith("VAR")) and \
            m.rows and any("1.7976931348623157e308" in (v or "") for row in m.rows for v in row):
        # A variance past the DOUBLE range: MySQL's running sums overflow to NaN, which it
        # answers as 0 (Item_sum_std); MariaDB clamps to the largest DOUBLE.
        suppressed = "STDDEV past the DOUBLE range (MySQL answers 0)"
    if tree.any(lambda n: n.op == "CONCAT" and any(k.op == "JSON_TYPE" for k in n.kids)):
        # MariaDB 10.11's CONCAT loses JSON_TYPE's text (CONCAT(JSON_TYPE('{}'), 'A') is 'A').
        suppressed = "CONCAT of JSON_TYPE (MariaDB drops its text)"
    if any(w[1] == "1292" and NUMBER_TIME_REFUSED.fullmatch(w[2]) for w in m.warnings) and \
            any(w[1] == "1292" and w[2].startswith("Truncated incorrect time value") for w in p.warnings):
        # A number past 838:59:59 read as a TIME (TIMEDIFF(20241301, ...)): MySQL 8.4's
        # number_to_time clamps it, with 1292; MariaDB 10.11 refuses it (NULL).
        suppressed = "a number past the TIME range (MySQL clamps it)"
    if any(w[1] == "1292" and NUMBER_TIME_TRUNCATED.fullmatch(w[2]) and
           int(NUMBER_TIME_TRUNCATED.fullmatch(w[2]).group(1)) > 8385959 and w not in m.warnings
           for w in p.warnings):
        # A number of eight digits or more read as a TIME (MINUTE(19700101)): MySQL 8.4's
        # number_to_time clamps it to 838:59:59, with 1292; MariaDB 10.11 reads YYYYMMDD as a
        # date at midnight.
        suppressed = "a number past the TIME range (MariaDB reads it as a date)"
    if tree.any(lambda n: n.op == "MAKETIME") and any(
            w[1] == "1292" and re.fullmatch(r"Truncated incorrect time value: '-?838:59:59\.\d*[1-9]\d*'", w[2])
            and w not in m.warnings for w in p.warnings):
        # MAKETIME of 838 hours, 59 minutes and 59 seconds with a fraction: past TIME's range
        # to MySQL (check_time_range_quick: 838:59:59 is the largest, no fraction), which
        # clamps it with 1292 (adjust_time_range_with_warn); MariaDB keeps the fraction.
        suppressed = "MAKETIME past 838:59:59 by a fraction (MySQL clamps it)"
    if tree.any(lambda n: n.op == "FROM_DAYS" and n.kids and n.kids[0].kind in TEMPORAL and
                ("." in n.kids[0].sql() or n.kids[0].any(lambda k: k.op == "col" and k.text == "df"))):
        # FROM_DAYS of a temporal value with a fraction: MySQL's val_int rounds it
        # (23:59:59.999999 is 240000); MariaDB cuts it (235959).
        suppressed = "FROM_DAYS of a temporal value with a fraction (MySQL rounds it)"
    if tree.any(lambda n: n.op in ("CEILING", "CEIL", "FLOOR", "ROUND", "TRUNCATE") and
                n.kids and n.kids[0].kind in TEMPORAL):
        # CEILING/FLOOR/ROUND/TRUNCATE of a temporal value: MySQL 8.4 types it by
        # result_type(), a string's, so DOUBLE (of the value as a number); MariaDB 10.11 keeps
        # the temporal type.
        suppressed = "CEILING/ROUND of a temporal value (MySQL answers a DOUBLE)"
    if tree.any(lambda n: n.op in ("neg", "ABS") and n.kids and n.kids[0].kind in TEMPORAL) and \
            (p.rows != m.rows or p.fields != m.fields):
        # -x and ABS(x) of a temporal value: MySQL types them by result_type() too
        # (Item_func_num1), a DOUBLE of the value as a number; MariaDB computes a DECIMAL.
        suppressed = "-x or ABS(x) of a temporal value (MySQL answers a DOUBLE)"
    if tree.any(lambda n: (n.op.startswith(DATE_ARITH_PREFIXES[:6]) or
                           n.op.startswith("TIMESTAMPADD")) and
                any(k.kind == "time" or _time_only_str_to_date(k) for k in n.kids)) and \
            m.fields and p.fields and any(mf[0] != pf[0] for mf, pf in zip(m.fields, p.fields)):
        # Date arithmetic on a TIME: MySQL 8.4 keeps a TIME (Item_date_add_interval: NULL with
        # 1441 for years and months, seven days a week); MariaDB 10.11 answers a DATETIME on
        # today's date for date units.
        suppressed = "date arithmetic on a TIME (MySQL keeps a TIME)"
    if tree.any(lambda n: n.op.startswith("TIMESTAMPADD") and n.kids and n.kids[0].op == "col" and
                n.kids[0].text in APPROX_COLUMNS) and \
            any(w[1] == "1441" for w in p.warnings) and p.rows and m.rows and \
            any(pr[0] is None and mr[0] is not None for pr, mr in zip(p.rows, m.rows)):
        # TIMESTAMPADD of a FLOAT or DOUBLE count past BIGINT's range (3.4e38 years): MySQL
        # reads it saturated and finds the date out of range (NULL, 1441); MariaDB's
        # arithmetic wraps to a date.
        suppressed = "TIMESTAMPADD of a DOUBLE count past BIGINT's range (MySQL: 1441)"
    if tree.any(lambda n: n.op.startswith("EXTRACT ") and n.kids and
                (n.kids[-1].kind == "time" or
                 (n.kids[-1].kind == "num" and n.op.startswith("EXTRACT DAY_")) or
                 (n.kids[-1].op in ("int", "tnum") and re.fullmatch(r"\d+", n.kids[-1].text or "") and
                  240000 <= int(n.kids[-1].text) <= 8385959) or
                 (n.kids[-1].text is not None and
                  re.match(r"\s*'?\s*-?(\d{3,}|[3-9]\d|2[4-9]):", n.kids[-1].text))) and
                ("HOUR" in n.op or "DAY" in n.op)):
        # EXTRACT of hours from a TIME (or text written as one past 24 hours): MySQL takes the
        # TIME's hours whole (EXTRACT(HOUR FROM '838:59:59') is 838; Item_extract::val_int);
        # MariaDB splits off days of 24 hours.
        # DAY_HOUR to DAY_MICROSECOND read a number as a TIME too (get_arg0_time: 991231 is
        # 99:12:31, DAY_SECOND 991231; MariaDB 4031231), and HOUR a number of 24 hours or more
        # (8385959 is 838:59:59).
        suppressed = "EXTRACT of hours from a TIME (MySQL keeps hours past 24)"
    if tree.any(lambda n: n.op.startswith("EXTRACT ") and n.kids and n.kids[-1].text and
                re.match(r"'-?(8[4-9]\d|839|9\d\d|\d{4,}):", n.kids[-1].text)):
        # EXTRACT from a time past 838:59:59: MySQL clamps it as it reads it (1292,
        # Item::get_time_from_string); MariaDB answers 0 silently for units below hours.
        suppressed = "EXTRACT from a time past 838:59:59 (MySQL clamps it)"
    if tree.any(lambda n: n.op in ("EXTRACT YEAR", "EXTRACT YEAR_MONTH", "EXTRACT QUARTER",
                                   "EXTRACT MONTH", "EXTRACT WEEK") and
                (n.kids[-1].kind == "time" or _time_only_str_to_date(n.kids[-1]))):
        # EXTRACT of a date unit from a TIME: MySQL reads the TIME as a datetime of today
        # (Item_extract::val_int calls get_date, a TIME's is on CURRENT_DATE); MariaDB gives 0.
        suppressed = "EXTRACT of a date unit from a TIME (MySQL dates it today)"
    if tree.any(lambda n: n.op.endswith("_MICROSECOND") and len(n.kids) == 2 and
                (len((re.findall(r"\d+", n.kids[1].sql()) or [""])[-1]) > 6 or
                 n.kids[1].any(lambda k: k.op == "col" and k.text in ("d2", "bi", "bu", "iu")))):
        # (d2 has ten fraction digits, the integer columns' rows up to twenty digits)
        # An INTERVAL ... *_MICROSECOND whose last field has more than six digits: MySQL reads
        # them as microseconds (get_interval_info pads only shorter fields); MariaDB keeps six.
        suppressed = "an INTERVAL's microseconds of more than six digits"
    if tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES) and len(n.kids) == 2 and
                n.op.split()[-1] in INTERVAL_SIMPLE and n.op.split()[-1] != "SECOND" and
                n.kids[1].kind in TEMPORAL and
                ("." in n.kids[1].sql() or n.kids[1].any(lambda k: k.op == "col" and k.text == "df"))):
        # A temporal INTERVAL amount of one unit but SECOND: MySQL's val_int rounds its
        # fraction (TIME '23:59:59.9' HOUR is 240000 hours); MariaDB cuts it as a number.
        suppressed = "a temporal INTERVAL amount rounded as MySQL's val_int"
    if m.rows and p.rows and len(m.rows) == len(p.rows):
        # A DOUBLE written inside text (CONCAT, JSON): the servers may write the same number
        # with and without an exponent (JSON's own layout, MariaDB's in full). The same
        # numbers either way.
        fixed = [tuple(pv if isinstance(pv, str) and isinstance(mv, str) and pv != mv and
                       _same_numbers(pv, mv) else mv for pv, mv in zip(prow, mrow))
                 for prow, mrow in zip(p.rows, m.rows)]
        if fixed != [tuple(r) for r in m.rows]:
            m.rows = fixed
            hit("a DOUBLE inside text in MySQL's notation")
    if m.rows and p.rows and len(m.rows) == len(p.rows) and tree.any(lambda n: n.op == "JSON_SEARCH"):
        # A path JSON_SEARCH writes quotes a key that is no identifier ($."a b"); MariaDB's
        # does not ($.a b).
        def unquoted(v):
            return re.sub(r'\.\\"([^"\\]*)\\"', r".\1", v) if isinstance(v, str) else v
        fixed = [tuple(pv if pv != mv and unquoted(pv) == mv else mv
                       for pv, mv in zip(prow, mrow)) for prow, mrow in zip(p.rows, m.rows)]
        if fixed != [tuple(r) for r in m.rows]:
            m.rows = fixed
            hit("a JSON_SEARCH path quotes a key that is no identifier")
    if m.rows and p.rows and len(m.rows) == len(p.rows) and \
            tree.any(lambda n: n.op in ("JSON_ARRAYAGG", "JSON_OBJECTAGG")):
        # The JSON an aggregate writes, made text (CONCAT, IF, CASE): MySQL spaces it as it
        # prints JSON (", " and ": "); MariaDB writes it without spaces.
        def unspaced(v):
            return v.replace(", ", ",").replace(": ", ":") if isinstance(v, str) else v
        fixed = [tuple(pv if pv != mv and unspaced(pv) == unspaced(mv) else mv
                       for pv, mv in zip(prow, mrow)) for prow, mrow in zip(p.rows, m.rows)]
        if fixed != [tuple(r) for r in m.rows]:
            m.rows = fixed
            hit("an aggregate's JSON as text, spaced as MySQL prints it")
    if m.rows:
        # A TIME that comes to zero from below: MariaDB keeps the sign ('-00:00:00'); MySQL
        # has no negative zero.
        fixed = [tuple(NEGATIVE_ZERO_TIME.sub(r"\1", v) if isinstance(v, str) else v
                       for v in row) for row in m.rows]
        if fixed != m.rows:
            m.rows = fixed
            hit("no negative zero TIME")
    reread = {w[2].split(": ", 1)[1][1:-1] for w in m.warnings
              if w[1] == "1292" and re.match(r"Truncated incorrect (datetime|date|time) value: ", w[2])}
    if p.rows != m.rows and reread and tree.any(
            lambda n: (n.op in COMPARISONS or n.op in ("CASE x", "NULLIF", "IN", "NOT IN")) and
            any(k.kind in TEMPORAL and k.kids and not k.any(is_col)
                and any(w[1] == "1292" and w[2].split(": ", 1)[1][1:-1] in reread and
                        w[2].split(": ", 1)[1][1:-1] in k.sql() for w in p.warnings)
                for k in _compared_kids(n))):
        # A date or time function of constants that names none (NULL, 1292) compared: NULL to
        # MySQL's comparator (get_datetime_value reads the NULL); MariaDB's reads the text
        # again as the zero value ("Truncated incorrect ..." for the same text) and compares
        # that.
        suppressed = "a NULL date function compared (MariaDB compares its zero value)"
    if mode == "agg" and m.rows and p.rows == [(None,)] and tree.any(
            lambda n: n.op in ("MIN", "MAX") and n.kids and n.kids[0].kind in TEMPORAL and
            not n.kids[0].any(is_col)) and \
            all(v is None or ZERO_TEMPORAL.match(v) for row in m.rows for v in row) and \
            any(w[1] == "1292" for w in p.warnings):
        # MIN or MAX over the whole table of a date or time constant that names none (NULL,
        # with 1292, on every row): NULL to MySQL (no row had a value); MariaDB's MIN/MAX of a
        # temporal constant keeps the zero value its conversion failed with.
        m.rows = list(p.rows)
        hit("MIN/MAX of a temporal constant that names none is NULL")
    if tree.any(lambda n: n.op == "TIME_TO_SEC" and n.kids and
                (re.search(r"\d\.\d|TIME\([1-6]\)", n.kids[0].sql()) or "df" in n.kids[0].sql())):
        # TIME_TO_SEC of a time with a fraction: MySQL answers whole seconds (an INT function);
        # MariaDB keeps the fraction.
        suppressed = "TIME_TO_SEC of a fraction (MySQL: whole seconds)"
    if tree.any(_in_strings_dates) and (p.rows != m.rows or p.warnings != m.warnings):
        # IN over strings and a date: MySQL compares every pair as datetimes when all are
        # strings or dates (Item_func_in's compare_as_datetime), a string that names no date
        # being the zero date with 1292; MariaDB compares pairs by their own types.
        suppressed = "IN over strings and a date (MySQL compares all as datetimes)"
    zero_in_date = [w for w in p.warnings
                    if w[1] == "1292" and w not in m.warnings and
                    re.fullmatch(r"Incorrect datetime value: '\d{2,4}([-:/.])(\d\d?\1(?:00)|00\1\d\d?)[^']*'", w[2])]
    if zero_in_date and tree.any(lambda n: n.op in COMPARISONS or n.op in ("CASE x", "NULLIF")) and \
            all(w[2].split(": ", 1)[1] in tree.sql() for w in zero_in_date):
        # A date with a zero month or day written as text and compared with a date: MySQL's
        # comparator reads it under sql_mode (get_mysql_time_from_str adds NO_ZERO_IN_DATE),
        # so it is the zero date with 1292; MariaDB reads it. ('839:00:00' is such a date
        # too: str_to_datetime's delimiters are any punctuation.) Its 1292s are MySQL's own.
        suppressed = "a zero in a date compared under NO_ZERO_IN_DATE (MySQL refuses it)"
        p.warnings = [w for w in p.warnings if w not in zero_in_date]
    if tree.any(_date_beside_number) and any(
            w[1] == "1292" and w not in p.warnings and NUMBER_AS_DATE.match(w[2])
            for w in m.warnings):
        # A date compared with a number that no constant conversion makes a date: MySQL
        # compares the two as numbers (item_cmp_type gives REAL_RESULT; convert_constant_item
        # turns only a constant that stores cleanly into a date column's type); MariaDB reads
        # the number as a date, with 1292 when it names none ('dd < 101.5').
        suppressed = "a date beside a number MariaDB reads as a date (MySQL compares numbers)"
    if tree.any(_time_beside_number) and p.rows != m.rows and not p.error and not m.error:
        # A TIME compared with a number: MySQL compares the two as numbers (a TIME's number
        # is its digits, HHMMSS: 99.999999 is no 00:00:00); MariaDB reads the number as a
        # time.
        suppressed = "a TIME beside a number compares numbers (MySQL)"
    if p.rows != m.rows and tree.any(
            lambda n: (n.op in COMPARISONS or n.op in ("CASE x", "NULLIF")) and
            {"time", "str"} <= {k.kind for k in _compared_kids(n)}) and any(
            w[1] == "1292" and (re.fullmatch(r"(Truncated incorrect|Incorrect) time value: '[^']*\d[eE][-+]?\d[^']*'", w[2])
                                or (w[2].startswith("Truncated incorrect time value: '") and w in p.warnings))
            for w in m.warnings):
        # A TIME compared with text with an exponent ('1e3') or other text both servers find no
        # time in: no time to MySQL (str_to_time stops at the exponent), so = compares text and
        # CASE and IN find no match (NULL beside no match for IN); MariaDB reads it as 00:00:00
        # and matches.
        suppressed = "a TIME beside text with an exponent (no time to MySQL)"
    if tree.any(lambda n: n.op.startswith("EXTRACT ") and n.op.split()[1] not in
                ("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "YEAR_MONTH") and bool(n.kids) and
                not _typed_temporal(n.kids[0])) and (p.rows != m.rows or p.warnings != m.warnings):
        # EXTRACT of a time unit (DAY_MICROSECOND, HOUR, ...) reads text as a TIME
        # (get_arg0_time): MySQL's str_to_time reads text shorter than 12 characters as a time
        # whatever dashes it has ('2024-02-29' is 00:20:24); MariaDB reads a date there.
        suppressed = "EXTRACT of a time unit reads short text as a TIME (MySQL's str_to_time)"
    if tree.any(_temporal_text_as_number) and (p.rows != m.rows or p.warnings != m.warnings):
        # IF or CASE of a date or time and text, read as a number: MySQL asks the value it takes
        # for the number (Item_func_if::val_real, Item_func_case::val_int), so a DATE is its
        # digits (20240229) and says nothing; MariaDB reads the merged text ('2024-02-29' is
        # 2024, with 1292).
        suppressed = "IF/CASE of a date and text read as a number (MySQL asks the value taken)"
    if tree.any(_bit_of_wide_decimal) and (p.rows != m.rows or p.warnings != m.warnings):
        # A bit operator over a DECIMAL past BIGINT's range (18446744073709551616,
        # -9223372036854775809): MySQL reads it with Item_decimal's val_int, signed, so it is
        # clamped to 9223372036854775807 or -9223372036854775808 with 1292 "Truncated
        # incorrect DECIMAL value"; MariaDB clamps it to BIGINT UNSIGNED's range with 1916.
        suppressed = "a bit operator over a DECIMAL past BIGINT (MySQL clamps it signed)"
    if tree.any(_in_mixed):
        # IN over numbers and strings together: MySQL 8.4 compares every pair as DOUBLE (the
        # list's aggregated comparison type); MariaDB 10.11 compares each pair by its own types
        # ('e' IN (1, 'inf') is 1 to MySQL: 'e' and 'inf' are both 0).
        suppressed = "IN over numbers and strings (MySQL compares all as DOUBLE)"
    if tree.any(lambda n: n.op in ("ADDTIME", "SUBTIME") and n.kids and
                n.kids[0].op not in ("col", "NULL")) and \
            p.fields and len(p.fields) == 1 and p.fields[0][0] in STRING_TYPES:
        # ADDTIME/SUBTIME of a number, a string or a DATE: MySQL 8.4 answers text, a fraction
        # printed with six digits (CHAR(29)); MariaDB 10.11 answers a TIME or DATETIME.
        if p.rows is not None and m.rows is not None and len(p.rows) == len(m.rows) and \
                all(len(pr) == len(mr) == 1 and
                    (pr == mr or (pr[0] is not None and mr[0] is not None and
                                  _same_fraction(pr[0], mr[0])))
                    for pr, mr in zip(p.rows, m.rows)):
            m.rows = list(p.rows)
            if m.fields and len(m.fields) == 1:
                if tree.op in ("ADDTIME", "SUBTIME"):
                    m.fields = [(STRING_TYPE, 29 * 4, 31, m.fields[0][3] & 1, 255)]
                elif p.fields[0][0] == VAR_STRING:
                    # (a string function over it is a VARCHAR of its length, MySQL typing
                    # ADDTIME by its first argument: a TIME's 10 characters, a CHAR(29)'s 29)
                    m.fields = [(VAR_STRING,) + tuple(p.fields[0][1:3]) + tuple(m.fields[0][3:])]
            hit("ADDTIME of text is text with six fraction digits")
    if tree.op.startswith(DATE_ARITH_PREFIXES) and p.fields and len(p.fields) == 1 and \
            p.fields[0][0] in STRING_TYPES and p.rows is not None and m.rows is not None and \
            len(p.rows) == len(m.rows) and p.rows != m.rows and \
            all(len(pr) == len(mr) == 1 and
                (pr == mr or (pr[0] is not None and mr[0] is not None and _same_fraction(pr[0], mr[0])))
                for pr, mr in zip(p.rows, m.rows)):
        # Date arithmetic on text answers text; MySQL prints a fraction with six digits
        # (Item_date_add_interval::val_str), MariaDB with the digits it has.
        m.rows = list(p.rows)
        hit("date arithmetic on text prints six fraction digits")
    if tree.op in ("TIME", "TIMEDIFF", "ADDTIME", "SUBTIME") and \
            any(k.op.startswith(DATE_ARITH_PREFIXES[:6]) or
                (k.op in ("MIN", "MAX") and k.kids and k.kids[0].op.startswith(DATE_ARITH_PREFIXES[:6]))
                for k in tree.kids) and \
            _six_digits_by_mysql(p, m):
        # TIME (or TIMEDIFF, ADDTIME) of date arithmetic on text (a VARCHAR of unfixed
        # decimals, set_data_type_char): MySQL's time_precision reads a constant one as a time,
        # and failing that (a date, '1998-12-30') or for one known only per row takes its
        # decimals, so six digits; MariaDB takes the digits of the value.
        m.rows, m.fields = list(p.rows), [m.fields[0][:1] + p.fields[0][1:3] + m.fields[0][3:]]
        hit("TIME of date arithmetic on text is TIME(6)")
    if tree.op in ("ADDTIME", "SUBTIME", "TIMESTAMP") and len(tree.kids) == 2 and \
            tree.kids[1].op == "NULL" and p.fields and m.fields and len(p.fields) == 1 and \
            p.fields[0][0] == m.fields[0][0] and p.fields[0][2] < m.fields[0][2] == 6:
        # A NULL time's precision is its decimals, 0 (Item::time_precision reads no string
        # from it), so MySQL keeps the first argument's; MariaDB gives six.
        m.fields = [p.fields[0][:3] + m.fields[0][3:]]
        hit("a NULL time adds no fraction digits")
    if tree.op in ("TIME", "ADDTIME", "SUBTIME", "TIMEDIFF", "TIMESTAMP", "CONVERT_TZ") and \
            any(k.kind == "str" and k.any(lambda n: n.op == "col") for k in tree.kids) and \
            _six_digits_by_mysql(p, m):
        # A string known only when each row is read: MySQL's time precision of it is its
        # decimals, unfixed, so six (Item::time_precision); MariaDB's is the digits it finds.
        m.rows, m.fields = list(p.rows), [m.fields[0][:1] + p.fields[0][1:3] + m.fields[0][3:]]
        hit("a string read for each row has six fraction digits")
    if tree.op == "FROM_UNIXTIME" and p.fields and m.fields and len(p.fields) == 1 and \
            p.fields[0][0] == m.fields[0][0] == 12 and p.fields[0][2] == 6 and \
            m.fields[0][2] in (31, 39) and p.rows is not None and m.rows is not None and \
            len(p.rows) == len(m.rows) and \
            all(pr == mr or (pr[0] is not None and mr[0] is not None and _same_fraction(pr[0], mr[0]))
                for pr, mr in zip(p.rows, m.rows)):
        # FROM_UNIXTIME of a DOUBLE or a string: MySQL 8.4 gives it the argument's decimals,
        # at most six (unfixed ones count as 31), so DATETIME(6); MariaDB leaves the fraction
        # unfixed and prints the digits it has.
        m.rows, m.fields = list(p.rows), [m.fields[0][:1] + p.fields[0][1:3] + m.fields[0][3:]]
        hit("FROM_UNIXTIME of a DOUBLE or a string is DATETIME(6)")
    if tree.any(lambda n: n.op in PASS_THROUGH | {"MIN", "MAX"} and
                any(k.op == "NULL" for k in n.kids)) and \
            p.fields and m.fields and len(p.fields) == 1 and p.fields[0][0] == m.fields[0][0] and \
            p.fields[0][0] in (11, 12) and p.fields[0][2] < m.fields[0][2] and \
            p.rows is not None and m.rows is not None and len(p.rows) == len(m.rows) and \
            all(pr == mr or (pr[0] is not None and mr[0] is not None and _same_fraction(pr[0], mr[0]))
                for pr, mr in zip(p.rows, m.rows)):
        # A NULL merged into a temporal value: NULL has no decimals to MySQL (Item_null's 0);
        # MariaDB's unfixed ones give six fraction digits.
        m.rows, m.fields = list(p.rows), [m.fields[0][:1] + p.fields[0][1:3] + m.fields[0][3:]]
        hit("a NULL merged into a time brings no fraction digits")
    if tree.any(lambda n: n.op in ("ROUND", "TRUNCATE") and n.kids and
                (n.kids[0].op in ("NULL", "dbl") or n.kids[0].kind == "str")) and \
            p.fields and m.fields and len(p.fields) == 1 and p.fields[0][0] == m.fields[0][0] and \
            p.fields[0][0] in (11, 12) and p.fields[0][2] == 6 and m.fields[0][2] < 6 and \
            p.rows is not None and m.rows is not None and len(p.rows) == len(m.rows) and \
            all(pr == mr or (pr[0] is not None and mr[0] is not None and _same_fraction(pr[0], mr[0]))
                for pr, mr in zip(p.rows, m.rows)):
        # A time computed from ROUND or TRUNCATE of a DOUBLE, NULL or text: MySQL 8.4's is a
        # DOUBLE of unfixed decimals, so the time has six fraction digits; MariaDB fixes the
        # digits asked for.
        m.rows, m.fields = list(p.rows), [m.fields[0][:1] + p.fields[0][1:3] + m.fields[0][3:]]
        hit("a time of ROUND of a DOUBLE has six fraction digits")
    def silent_in_mysql(op, text):
        # MariaDB's warnings of this text where MySQL says nothing (wherever op stands);
        # the rest are compared as they are.
        if not tree.any(lambda n: n.op == op) or \
                any(w[1] == "1292" and w[2].startswith(text) for w in p.warnings):
            return False
        kept = [w for w in m.warnings if not (w[1] == "1292" and w[2].startswith(text))]
        if len(kept) == len(m.warnings):
            return False
        m.warnings = kept
        return True
    if not tree.any(lambda n: n.op == "SEC_TO_TIME") and \
            silent_in_mysql("MAKETIME", "Truncated incorrect seconds value"):
        # MAKETIME with 60 seconds or more: NULL, silently in MySQL (its null_value check);
        # MariaDB warns.
        hit("MAKETIME's NULL for the seconds, without a warning")
    if silent_in_mysql("FROM_UNIXTIME", "Truncated incorrect unixtime value"):
        # FROM_UNIXTIME past its range: NULL, silently in MySQL 8.4; MariaDB warns.
        hit("FROM_UNIXTIME's NULL past its range, without a warning")
    if tree.any(lambda n: n.op == "MAKETIME") and m.warnings and p.warnings and \
            all(pw[:2] == mw[:2] and pw[2].startswith(mw[2][:-1]) for pw, mw in zip(p.warnings, m.warnings)):
        # MAKETIME's 1292 quotes the seconds' fraction in MySQL ('839:00:30.5'), not in MariaDB.
        m.warnings = list(p.warnings)
        hit("MAKETIME's warning with the seconds' fraction")
    if tree.any(lambda n: n.op == "DATE_FORMAT" and n.kids and n.kids[0].kind == "time"):
        # DATE_FORMAT of a TIME: MySQL 8.4 dates the time today (%w, %Y ... of today's date);
        # MariaDB 10.11 gives it the zero date (NULL for a weekday).
        suppressed = "DATE_FORMAT of a TIME (MySQL dates it today)"
    if tree.any(lambda n: n.op in ALT_NO_METADATA) and p.fields is not None:
        m.fields = list(p.fields)  # MariaDB ran an equivalent: compare values only
    if not tree.op.startswith("REGEXP_SUBSTR") and p.fields is not None and \
            tree.any(lambda n: n.op.startswith("REGEXP_SUBSTR")):
        # (MariaDB's equivalent of REGEXP_SUBSTR, an IF over it, is sized as the IF is:
        # what holds it derives another length)
        m.fields = list(p.fields)
    if tree.any(_bit_over_approx):
        suppressed = "a bit operator over a DOUBLE, DECIMAL or string (MySQL converts with val_int)"
    if tree.op in BIT_OPS and p.fields and m.fields and p.fields[0][4] == 63 and \
            p.fields[0][0] in (253, 254, 250, 251, 252) and m.fields[0][0] == LONGLONG:
        # A bit operator over a binary string that is no literal: MySQL 8 works byte by byte
        # and answers a binary string; MariaDB reads a number.
        suppressed = "a bit operator over a binary string (MySQL 8 works byte by byte)"
    if tree.any(lambda n: n.op in ("JSON_ARRAY_APPEND", "JSON_ARRAY_INSERT", "JSON_INSERT",
                                   "JSON_SET", "JSON_REPLACE")) and \
            p.rows is not None and m.rows is not None and len(p.rows) == len(m.rows) and \
            any(pr and mr and pr[0] is not None and mr[0] is None for pr, mr in zip(p.rows, m.rows)):
        # A NULL value given to JSON_ARRAY_APPEND, JSON_INSERT, JSON_SET, ... is JSON null to
        # MySQL (get_atom_null_as_null: only a NULL document or path gives NULL); MariaDB
        # answers NULL.
        suppressed = "a NULL value in a JSON modifier is JSON null (MySQL)"
    if tree.any(lambda n: n.op.startswith("EXTRACT ")) and \
            any(w[1] == "1292" and w[2].startswith("Incorrect interval value: ") for w in m.warnings):
        # EXTRACT of a unit of the time from text: MySQL reads the text as str_to_time does
        # ('2024-13-01' is 00:20:24, with 1292); MariaDB reads an interval and refuses it.
        suppressed = "EXTRACT of a time unit from text (MySQL reads a TIME)"
    time_units = ("HOUR", "MINUTE", "SECOND", "MICROSECOND", "DAY_HOUR", "DAY_MINUTE",
                  "DAY_SECOND", "DAY_MICROSECOND")
    if tree.any(lambda n: n.op.startswith("EXTRACT ") and
                n.op.split()[1].startswith(time_units) and n.kids and
                re.match(r"'-?\d+-", n.kids[-1].text or "")) and \
            any(w[1] == "1292" and w[2].startswith("Truncated incorrect time value: ") and
                tuple(w) not in {tuple(x) for x in m.warnings} for w in p.warnings):
        # EXTRACT of a unit of the time from date-like text shorter than a datetime: MySQL's
        # str_to_time reads its first digits as hhmmss and warns about the rest ('2024-2-9'
        # is 00:20:24); MariaDB reads a date.
        suppressed = "EXTRACT of a time unit from date-like text (MySQL reads a TIME)"
    if tree.any(lambda n: n.op not in ("JSON_ARRAY", "JSON_OBJECT", "JSON_ARRAYAGG") and
                any(kid.op == "JSON_OBJECTAGG" for kid in n.kids)):
        # JSON_OBJECTAGG over rows sharing a key: MySQL keeps the last value (a JSON object
        # has unique keys); MariaDB writes every pair, so what reads the object (JSON_LENGTH,
        # JSON_EXTRACT, ...) sees other values. (Printed whole, both parse alike.)
        suppressed = "JSON_OBJECTAGG of a repeated key read by a function (MySQL keeps the last)"
    if tree.any(lambda n: n.op.startswith("JSON_") and
                n.op not in ("JSON_ARRAY", "JSON_OBJECT", "JSON_ARRAYAGG", "JSON_OBJECTAGG") and
                any(kid.op in ("JSON_ARRAYAGG", "JSON_OBJECTAGG") for kid in argument_kids(n))):
        # A JSON aggregate as the document of a JSON function (JSON_SET, JSON_SEARCH,
        # JSON_MERGE_PATCH, ...): MySQL's aggregate is a JSON value; MariaDB's is text that
        # its functions read otherwise (NULL where a path names nothing, a latin1 column's
        # bytes left unconverted, matches found in numbers' text).
        suppressed = "a JSON aggregate as a JSON function's document (MariaDB's is text)"
    if tree.any(lambda n: n.op in COMPARISONS and
                any(k.op in ("ADDTIME", "SUBTIME") and k.kids and not _typed_temporal(k.kids[0])
                    for k in n.kids) and
                any(_typed_temporal(k) and _kind(k) in ("date", "datetime") for k in n.kids)) and \
            any(w[1] == "1292" and w[2].startswith("Incorrect datetime value: '")
                for w in p.warnings):
        # ADDTIME/SUBTIME of text is text to MySQL (Item_func_add_time's VARCHAR); compared
        # with a date, text that names a time is no datetime (get_date_from_str: 1292, the
        # zero date, not NULL); MariaDB keeps it a TIME and reads today's date with it.
        suppressed = "ADDTIME of text beside a date (MySQL reads the text as a datetime)"
    zero_number = re.compile(r"Incorrect datetime value: '0(\.\d*)?(e[-+]?\d+)?'( for column .*)?")
    if tree.any(lambda n: n.op in ("CAST AS DATE", "CAST AS DATETIME", "DATE", "TIMESTAMP") and
                bool(n.kids) and n.kids[0].kind == "num") and \
            any(w[1] == "1292" and w not in p.warnings and zero_number.fullmatch(w[2])
                for w in m.warnings):
        m.warnings = [w for w in m.warnings
                      if not (w[1] == "1292" and w not in p.warnings and zero_number.fullmatch(w[2]))]
        # CAST(n AS DATE) and its kin of a number whose whole part is 0 (0, 0.1): MySQL's
        # Item_typecast_date::get_date reads a number without sql_mode's NO_ZERO_DATE (only
        # text is held to it, str_to_datetime_with_warn), so it is the zero date, silently;
        # MariaDB refuses it (NULL, 1292).
        suppressed = "a number naming the zero date is one under NO_ZERO_DATE (MySQL)"
    if tree.any(lambda n: n.op == "DATE_FORMAT" and len(n.kids) == 2 and
                re.search(r"(?<!%)(%%)*%j", n.kids[1].text or "")) and p.rows and m.rows and \
            any(mv is None and pv is not None
                for prow, mrow in zip(p.rows, m.rows) for pv, mv in zip(prow, mrow)):
        # DATE_FORMAT's %j of a date with a zero month or day ('839:00:00' read as
        # 0839-00-00): MySQL prints the day count its calc_daynr gives (-31); MariaDB
        # answers NULL.
        suppressed = "DATE_FORMAT's %j of a zero month or day (MariaDB: NULL)"
    if tree.any(lambda n: n.op in COMPARISONS and any(
            k.op == "CAST AS TIME" and k.kids and k.kids[0].op == "str" for k in n.kids)) and \
            p.rows and m.rows and any(
                pv is None and mv is not None
                for prow, mrow in zip(p.rows, m.rows) for pv, mv in zip(prow, mrow)):
        # A comparison with CAST(text AS TIME) of text that names no time: NULL to MySQL,
        # so the comparison is NULL; MariaDB's comparator reads 00:00:00.
        suppressed = "a comparison with a CAST AS TIME that names no time (MariaDB: 00:00:00)"
    if tree.any(lambda n: n.op == "<=>" and any(k.op in ("CAST AS DATE", "CAST AS DATETIME")
                                                for k in n.kids)) and \
            any(w[1] == "1292" and w[2].startswith("Truncated incorrect datetime value: '")
                for w in m.warnings):
        # <=> beside a CAST AS DATE/DATETIME of what names no date: the CAST is NULL to
        # MySQL, so only another NULL matches it; MariaDB's comparator reads it as the zero
        # date ("Truncated incorrect datetime value"), which a zero or another such CAST
        # matches.
        suppressed = "<=> beside a CAST that names no date (MariaDB reads the zero date)"
    if any(w[1] == "4037" and w[2].endswith("in argument 1 to function 'json_merge_patch'")
           for w in m.warnings) and \
            tree.any(lambda n: n.op == "JSON_MERGE_PATCH" and n.kids[0].op.startswith("JSON_")):
        # JSON_MERGE_PATCH whose first document is a JSON function that finds nothing on some
        # rows (JSON_EXTRACT, JSON_SEARCH): MariaDB reads the NULL as text that ends too soon
        # (4037) and answers NULL for the rows after; MySQL takes an unknown first document
        # and goes on to the next (a patch that is no object is the result).
        suppressed = "JSON_MERGE_PATCH of a JSON function's NULL (MariaDB's 4037)"
    if tree.any(lambda n: _time_beside_text(n, literal=False)) or \
            (tree.any(lambda n: _time_beside_text(n, literal=True)) and
             any(w[1] == "1292" and "time value" in w[2] for w in m.warnings)):
        # A TIME compared with text that is no constant naming a TIME: MySQL compares the two
        # as text (Arg_comparator::set_cmp_func compares TIMEs only when both sides are TIME,
        # a constant made one by convert_constant_item when it stores as one); MariaDB reads
        # the text as a TIME.
        suppressed = "a TIME compared with text that is no TIME (MySQL compares text)"
        # (reading no time from the text, MySQL says nothing of it)
        if tree.any(lambda n: _time_beside_text(n, literal=False)):
            m.warnings = [w for w in m.warnings
                          if not (w[1] == "1292" and w not in p.warnings and
                                  w[2].startswith("Truncated incorrect time value: '"))]
    if tree.any(_least_mixed):
        # MySQL 8.4 compares a mix of numbers and strings in GREATEST/LEAST as strings (and
        # types the result a string); MariaDB 10.11 compares them as numbers. A date or time
        # among numbers makes a VARCHAR too (field_types_merge_rules), compared as datetimes
        # when a DATE or DATETIME is there (each number read from its text, 0 when it names
        # none, the texts compared when the winner is 0), else as strings; MariaDB keeps the
        # temporal type.
        suppressed = "GREATEST/LEAST over numbers and strings or dates (MySQL 8 makes a VARCHAR)"
    if tree.op != "STDDEV_POP" and tree.any(_stddev_exact):
        # The same MariaDB rounding inside a larger expression changes its value and type in
        # ways a rewrite cannot undo: values and metadata are not compared.
        suppressed = "STDDEV_POP over an exact type inside an expression (MariaDB rounds it)"

    if p.rows != m.rows and \
            tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES) and n.any(_past_2_63)):
        # (see below: MySQL reads an amount past 2^63 as signed)
        suppressed = "an amount past 2^63 (MySQL reads it as signed)"
    if tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES) and len(n.kids) > 1 and
                n.kids[0 if n.op.startswith("TIMESTAMPADD") else -1].any(_bigint_min_amount)):
        # An interval amount of -2^63 (the BIGINT column's third row, ~(2^63 - 1)): MySQL
        # cannot negate it and answers NULL with nothing said (get_interval_value); MariaDB
        # computes a date, or warns 1441.
        # (A unit of two parts reads the amount as text, and gives up on 19 digits: the
        # column's second row too.)
        compound = tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES) and "_" in n.op.split()[-1])
        if p.rows and m.rows and len(p.rows) == len(m.rows):
            rows = ([1, 2] if compound else [2]) if len(p.rows) == len(ROWS) and not tree.any(
                lambda n: n.op.startswith(("~", "neg"))) else range(len(p.rows))
            for r in rows:
                if p.rows[r] == (None,) and m.rows[r] != (None,):
                    m.rows[r] = p.rows[r]
                    hit("an interval of -2^63 is NULL (MySQL)")
        excess = collections.Counter(map(tuple, m.warnings)) - collections.Counter(map(tuple, p.warnings))
        extra_1441 = [w for w in excess if w[1] == "1441"]
        if extra_1441 and sum(excess[w] for w in extra_1441) <= (2 if compound else 1):
            for w in extra_1441:
                for _ in range(excess[w]):
                    m.warnings.remove(list(w) if list(w) in m.warnings else w)
            hit("an interval of -2^63 is NULL (MySQL)")
    if suppressed:
        hit("not compared: " + suppressed)
    # (An XPath compares too: a node set's text with a number, inside EXTRACTVALUE.)
    # (NULLIF and CASE x WHEN compare as = does.)
    has_cmp = tree.any(lambda n: n.op in COMPARISONS or
                       n.op in ("EXTRACTVALUE", "UPDATEXML", "NULLIF", "CASE x"))
    # A date compared with a number that is no constant beside a column: MySQL compares the
    # two as numbers (can_compare_as_dates wants a string; convert_constant_item only a
    # field's constant), so it reads no datetime from the number; MariaDB does, warning 1292.
    if tree.any(_date_beside_number):
        p_said = {tuple(w) for w in p.warnings}
        kept = [w for w in m.warnings
                if not (w[1] == "1292" and tuple(w) not in p_said and
                        NUMBER_AS_DATETIME.match(w[2]))]
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("a date beside a number compares as numbers (MySQL reads no datetime)")
    # A TIME compared with a number: MySQL compares the two as numbers (item_cmp_type of a
    # string and a number is REAL; a TIME's number is its digits, HHMMSS), so it reads no time
    # from the number; MariaDB does, warning 1292 for one past TIME's range.
    if tree.any(_time_beside_number):
        p_said = {tuple(w) for w in p.warnings}
        kept = [w for w in m.warnings
                if not (w[1] == "1292" and tuple(w) not in p_said and NUMBER_AS_TIME.match(w[2]))]
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("a TIME beside a number compares as numbers (MySQL reads no time)")
    # A value compared with a date column that is no date: MySQL's 1292 names the column and
    # row (" for column 'd' at row N", the comparator's warn item); MariaDB's own naming is
    # dropped below, so this is too.
    stripped = [(level, code, MYSQL_COLUMN_SUFFIX.sub("", message) if code == "1292" else message)
                for level, code, message in p.warnings]
    if stripped != [tuple(w) for w in p.warnings]:
        p.warnings = [list(w) if isinstance(p.warnings[0], list) else w for w in stripped]
        hit("1292 without MySQL's column and row")
    warnings = []
    for level, code, message in m.warnings:
        # 1690's text quotes the expression as each server prints it (MySQL parenthesises it
        # its own way): compare the code only.
        if code == "1690":
            message = "(out of range)"
        # A column's value that a function cannot read as a date or time: MariaDB names the
        # column and row (" for column `db`.`t`.`c` at row N"); MySQL names a column only for a
        # value being stored into it, not for a function's argument.
        column_suffix = COLUMN_SUFFIX.search(message) if code == "1292" else None
        if column_suffix:
            message = message[:column_suffix.start()]
            hit("1292 without MariaDB's column and row")
        # A number with spaces around it ('  12  '): MySQL reads it whole and says nothing;
        # MariaDB adds a note.
        spaced = SPACED_NUMBER_NOTE.match(message) if (level, code) == ("Note", "1292") else None
        if spaced:
            hit("no note for a number with spaces around it")
            continue
        # MariaDB writes the bytes of a value that is not ASCII as \xHH in a warning; MySQL
        # writes the text.
        if "\\x" in message:
            try:
                message = HEX_ESCAPE.sub(lambda e: chr(int(e.group(1), 16)), message) \
                    .encode("latin-1").decode("utf-8")
                hit("warning text without \\xHH escapes")
            except (UnicodeEncodeError, UnicodeDecodeError):
                # (bytes of the latin1 column: MySQL converts them to the message's UTF-8)
                if tree.any(lambda n: n.op == "col" and n.text == "cl"):
                    message = HEX_ESCAPE.sub(lambda e: chr(int(e.group(1), 16)), message)
                    hit("warning text without \\xHH escapes")
        # MariaDB's JSON warnings (4036-4051) have no MySQL counterpart: MySQL raises an error
        # (compared as such) or says nothing (JSON_VALID of text that is not JSON).
        if code in MARIADB_JSON_WARNINGS:
            hit("MariaDB JSON warning dropped")
            continue
        # MariaDB reports a DECIMAL overflow (E_DEC_OVERFLOW, e.g. a huge DOUBLE turned into
        # DECIMAL for DIV or CAST) as its own code 1916 "Got overflow when converting '' to
        # DECIMAL. Value truncated"; MySQL 8.4 has no 1916 and pushes 1292 "Truncated
        # incorrect DECIMAL value: ''" for it. (1916 for other conversions is left alone.)
        overflow = code == "1916" and message.startswith(
            "Got overflow when converting '' to DECIMAL")
        # SECOND of an amount with a fraction past BIGINT's seconds: MySQL's
        # my_decimal2lldiv_t says "Truncated incorrect DECIMAL value: ''", MariaDB names the
        # seconds.
        if code == "1292" and message.startswith("Truncated incorrect seconds value: '") and \
                any(w[2] == "Truncated incorrect DECIMAL value: ''" for w in p.warnings):
            message = "Truncated incorrect DECIMAL value: ''"
            hit("SECOND past BIGINT -> 1292 DECIMAL")
        if overflow and has_cmp and any(
                w[1] == "1292" and re.match(r"Truncated incorrect DECIMAL value: '.*[eE]", w[2])
                for w in m.warnings):
            # (text with an exponent past DECIMAL's range compared with a number: MariaDB's
            # DECIMAL comparison overflows and warns twice, MySQL's DOUBLE one reads it once)
            hit("1916 of text compared as DECIMAL dropped")
            continue
        if overflow:
            code, message = "1292", "Truncated incorrect DECIMAL value: ''"
            hit("1916 DECIMAL overflow -> 1292")
        # CAST(x AS DECIMAL(M,D)) out of range: MySQL's 1264 names row 1 whatever the row
        # (Item_typecast_decimal::val_decimal passes 1); MariaDB the row it is on.
        if code == "1264" and tree.any(lambda n: n.op == "CAST AS DECIMAL"):
            cast_row = re.fullmatch(r"(Out of range value for column '.*' at row )\d+", message, re.S)
            if cast_row:
                message = cast_row.group(1) + "1"
        # A number past BIGINT's range read as an integer: MariaDB says 1916 "Got overflow
        # when converting 'x' to INT"; MySQL 8.4 warns 1292 "Truncated incorrect DECIMAL
        # value: 'x'" for a DECIMAL (my_decimal2int's E_DEC_OVERFLOW) and nothing for a DOUBLE
        # (Item_float::val_int clamps it silently).
        int_overflow = re.fullmatch(r"Got overflow when converting '(.*)' to "
                                    r"((UN)?SIGNED )?(BIG)?INT\. Value truncated", message,
                                    re.S) if code == "1916" else None
        if int_overflow:
            text = int_overflow.group(1)
            as_decimal = "Truncated incorrect DECIMAL value: '" + text + "'"
            # (MariaDB may print the DECIMAL as a DOUBLE: 1.7530864219753087e19)
            printed = [w[2] for w in p.warnings
                       if w[1] == "1292" and w[2].startswith("Truncated incorrect DECIMAL value: '") and
                       _close_numbers(w[2].split(" value: '", 1)[1][:-1], text)]
            if any(w[1] == "1292" and w[2] == as_decimal for w in p.warnings) or printed:
                code, message = "1292", printed[0] if printed and not any(
                    w[1] == "1292" and w[2] == as_decimal for w in p.warnings) else as_decimal
                hit("1916 BIGINT overflow of a DECIMAL -> 1292")
            elif ("1292", "Truncated incorrect DECIMAL value: ''") in [tuple(w[1:]) for w in p.warnings] and \
                    tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES)):
                # (an INTERVAL amount: get_interval_value's val_int quotes nothing)
                code, message = "1292", "Truncated incorrect DECIMAL value: ''"
                hit("1916 BIGINT overflow of a DECIMAL -> 1292")
            elif re.search(r"[eE]", text) or not any(text in w[2] for w in p.warnings):
                hit("1916 BIGINT overflow of a DOUBLE dropped")
                continue
        # A string compared with a number: MySQL 8.4 compares as DOUBLE and its warning names
        # DOUBLE; MariaDB compares as DECIMAL when the number is exact and names DECIMAL.
        # (not one MariaDB's BIGINT overflow of a DECIMAL became above: that is MySQL's own)
        if code == "1292" and has_cmp and not overflow and not int_overflow and \
                message.startswith("Truncated incorrect DECIMAL value"):
            message = "Truncated incorrect DOUBLE value" + message[len(
                "Truncated incorrect DECIMAL value"):]
            hit("DECIMAL -> DOUBLE in 1292")
        # Text or a number read as a TIME: MySQL's warning is always "Truncated incorrect time
        # value" (str_to_time_with_warn names the TIME type), SEC_TO_TIME's too; MariaDB says
        # "Incorrect time value" for what it cannot read, "seconds" for SEC_TO_TIME.
        # EXTRACT of a time unit reads its argument as a TIME (get_arg0_time), so MySQL's
        # 1292 is the time value's; MariaDB names an interval value.
        if code == "1292" and message.startswith("Incorrect interval value: ") and \
                tree.any(lambda n: n.op.startswith("EXTRACT ")):
            message = "Incorrect time value: " + message.split(" value: ", 1)[1]
        if code == "1292" and (message.startswith("Incorrect time value: ") or
                               message.startswith("Truncated incorrect seconds value: ")):
            message = "Truncated incorrect time value: " + message.split(" value: ", 1)[1]
            hit("TIME warning text")
        # SEC_TO_TIME of a DECIMAL past the range: MySQL quotes the DECIMAL with its fraction
        # digits (ErrConvString of its my_decimal: '8266360.0'); MariaDB without them. A
        # clamped TIMEDIFF, ADDTIME or SUBTIME is quoted at the result's fraction digits too.
        if code == "1292" and message.startswith("Truncated incorrect time value: '") and \
                tree.any(lambda n: n.op in ("SEC_TO_TIME", "TIMEDIFF", "ADDTIME", "SUBTIME")):
            quoted = message.split(" value: ", 1)[1]
            for w in p.warnings:
                if w[1] == "1292" and w[2].startswith("Truncated incorrect time value: '") and \
                        (re.fullmatch(re.escape(quoted[:-1]) + r"\.0+'", w[2].split(" value: ", 1)[1]) or
                         (re.fullmatch(r"'-?\d+\.\d{6}'", quoted) and
                          re.fullmatch(re.escape(quoted[:-1]) + r"\d+'", w[2].split(" value: ", 1)[1]))):
                    # (or all of them where MariaDB cuts them at six)
                    message = w[2]
                    hit("SEC_TO_TIME's 1292 quotes a DECIMAL with its fraction digits")
                    break
        # A number naming a date, given with a fraction: MySQL drops the fraction with a
        # Warning (tests/sql/functions/time_arithmetic.test), MariaDB with a Note.
        if (level, code) == ("Note", "1292") and \
                message.startswith("Truncated incorrect date value: ") and \
                ("Warning", code, message) in [tuple(w) for w in p.warnings]:
            level = "Warning"
            hit("a date's fraction dropped with a Warning")
        # ... and where MySQL reads it with TIME_NO_DATE_FRAC_WARN (CAST, DATE(), TIMESTAMP()
        # and their kin), silently: MariaDB's Note is its own.
        elif (level, code) == ("Note", "1292") and \
                re.fullmatch(r"Truncated incorrect date value: '-?\d+\.\d*(e[-+]?\d+)?'", message) and \
                not any(w[1] == "1292" and w[2] == message for w in p.warnings):
            hit("a date's fraction dropped silently (TIME_NO_DATE_FRAC_WARN)")
            continue
        # The casts' complement warnings: MySQL 8.4 says them as Warnings, "its"; MariaDB as
        # Notes, "it's".
        if code == "1105" and "complement" in message:
            level, message = "Warning", message.replace("it's", "its")
            hit("cast complement warning")
        # CAST(x AS CHAR(n)) cutting x: MySQL's warning names the bytes it keeps
        # (Item_typecast_char::val_str prints res->charpos(n)), MariaDB the n asked for.
        cut = CHAR_CUT.match(message) if code == "1292" else None
        if cut:
            kept = cut.group(2)[:int(cut.group(1))]
            message = f"Truncated incorrect CHAR({len(kept.encode())}) value: '{cut.group(2)}'"
        # IS_IPV4_MAPPED/IS_IPV4_COMPAT of what is not 16 bytes: false, and MySQL says
        # nothing (Item_func_is_ipv4_mapped::calc_value); MariaDB warns.
        # FROM_BASE64 of what is not base64: NULL, MySQL says nothing; MariaDB warns 1958.
        # A datetime written with more than six fraction digits: MySQL rounds it silently
        # (str_to_datetime keeps the seventh as nanoseconds); MariaDB adds a note.
        if message.startswith("Incorrect inet6 value") or code == "1958" or (
                (level, code) == ("Note", "1292") and SEVEN_DIGITS.search(message)):
            hit("MariaDB-only warning dropped (inet6 value, base64, 7th fraction digit)")
            continue
        warnings.append((level, code, message))
    m.warnings = warnings
    # Text or a number that names no datetime: MySQL's 1292 quotes it as written
    # (ErrConvString of the argument: '839:00:00', '0'); MariaDB quotes what it made of it
    # ('0839-00-00', '0000-00-00 00:00:00'). Taken as MySQL's where Porpoise's quote is a
    # literal of the statement.
    if len(p.warnings) == len(m.warnings):
        text = tree.sql()
        fixed = []
        for pw, mw in zip(p.warnings, m.warnings):
            time_prefix = "Truncated incorrect time value: '"
            if tuple(pw) != tuple(mw) and pw[1] == mw[1] == "1292" and \
                    pw[2].startswith(time_prefix) and mw[2].startswith(time_prefix) and \
                    "." in pw[2] and re.fullmatch(re.escape(pw[2][:-1]) + r"0*'", mw[2]):
                # A TIME quoted at the item's fraction digits by MySQL (ErrConvString at its
                # decimals); MariaDB prints six.
                mw = tuple(pw)
                hit("a TIME warning quoted at the item's fraction digits")
            prefix = "Incorrect datetime value: '"
            if tuple(pw) != tuple(mw) and pw[:2] == mw[:2] and pw[1] == "1292" and \
                    pw[2].startswith(prefix) and mw[2] == "Truncated incorrect datetime value: '" + \
                    pw[2][len(prefix):]:
                # Text that reads as no datetime at all: MySQL's ER_WRONG_VALUE ("Incorrect
                # datetime value", the time type unknown: MYSQL_TIMESTAMP_ERROR), a time's text
                # too ('838:59:59' is month 59), an impossible month or hour ('2024-13-01',
                # '2024-02-29 25:00:00'); "Truncated incorrect" only for a datetime read with
                # something cut off. MariaDB says "Truncated incorrect" for all, so its wording
                # cannot judge which.
                mw = tuple(pw)
                hit("a datetime that does not read is Incorrect, not Truncated")
            if tuple(pw) != tuple(mw) and pw[:2] == mw[:2] and pw[1] == "1292" and \
                    pw[2].startswith(prefix) and mw[2].startswith(prefix):
                quoted = pw[2][len(prefix):-1]
                if f"'{quoted}'" in text or re.search(rf"(?<![\w.']){re.escape(quoted)}(?![\w.'])", text):
                    mw = tuple(pw)
                    hit("a datetime warning quotes the text as written")
                elif re.fullmatch(re.escape(mw[2][len(prefix):-1]) + r"\.\d{1,6}", quoted):
                    # A DATETIME(n) value is quoted with its n fraction digits by MySQL
                    # (ErrConvString of the value at the field's decimals); MariaDB without.
                    mw = tuple(pw)
                    hit("a DATETIME(n) value quoted with its fraction digits")
                elif mw[2][len(prefix):-1] in (quoted + "-00-00", quoted + "0000") and \
                        re.fullmatch(r"\d{4}", quoted) and \
                        tree.any(lambda n: n.op == "col" and n.text == "yr"):
                    # A YEAR read as a date: MySQL reads its number ('2155', Field_num::get_date
                    # reads val_int); MariaDB quotes the date it made of it ('2155-00-00',
                    # '21550000').
                    mw = tuple(pw)
                    hit("a YEAR read as a date quoted as its text")
                elif mw[2][len(prefix):-1] == quoted + " 00:00:00" and \
                        re.fullmatch(r"\d{4}-\d\d-\d\d", quoted):
                    # A DATE value is quoted as a date by MySQL (ErrConvString of its
                    # MYSQL_TIME, a DATE); MariaDB writes it as a datetime.
                    mw = tuple(pw)
                    hit("a DATE value quoted as a date")
                elif NUMBER_ONLY.fullmatch(quoted) and \
                        (mw[2][len(prefix):].startswith("0000-00-00") or
                         (NUMBER_ONLY.fullmatch(mw[2][len(prefix):-1]) and
                          float(mw[2][len(prefix):-1]) == float(quoted))):
                    # A number that names no date is quoted as MySQL read it (a FLOAT's
                    # double, an AVG at its own scale: ErrConvString of the value); MariaDB
                    # quotes the date it made of it, or the number at another scale.
                    mw = tuple(pw)
                    hit("a number read as a date quoted as MySQL read it")
            if tuple(pw) != tuple(mw) and pw[:2] == mw[:2] and pw[1] == "1292" and \
                    pw[2].startswith("Truncated incorrect DECIMAL value: '") and \
                    mw[2] == pw[2].replace(" DECIMAL ", " DOUBLE ", 1) and \
                    tree.any(lambda n: n.op.startswith("CAST AS DECIMAL") or
                             n.op in ("FROM_UNIXTIME", "DIV", "SEC_TO_TIME", "MAKETIME")):
                # CAST of text AS DECIMAL, FROM_UNIXTIME of text, DIV of text beside an inexact
                # number, SEC_TO_TIME's seconds and MAKETIME's (val_decimal): MySQL reads it as
                # a DECIMAL (str2my_decimal) and names DECIMAL; MariaDB names DOUBLE.
                mw = tuple(pw)
                hit("text read as a DECIMAL names DECIMAL")
            if tuple(pw) != tuple(mw) and pw[:2] == mw[:2] and pw[1] == "1264" and \
                    pw[2] == "Out of range value for column '(null)' at row 1" and \
                    re.fullmatch(r"Out of range value for column 'CAST\(.*\)' at row 1", mw[2]) and \
                    tree.op != "CAST AS DECIMAL" and not tree.op.startswith("CAST AS DECIMAL"):
                # A CAST AS DECIMAL that overflows inside another expression: MySQL's 1264
                # names the item, which has no name there ('(null)'); MariaDB prints the CAST.
                mw = tuple(pw)
                hit("a nested CAST's 1264 names '(null)'")
            date_prefix = "Incorrect date value: '"
            if tuple(pw) != tuple(mw) and pw[:2] == mw[:2] and pw[1] == "1292" and \
                    pw[2].startswith(date_prefix) and \
                    mw[2] in ("Incorrect datetime value: '" + pw[2][len(date_prefix):],
                              "Truncated incorrect datetime value: '" + pw[2][len(date_prefix):]) and \
                    tree.any(lambda n: (n.op == "col" and n.text == "dd") or n.kind == "date"):
                # Text compared with a DATE that names no date: MySQL's warning names the
                # DATE's type (get_datetime_value warns at MYSQL_TIMESTAMP_DATE); MariaDB
                # names a datetime.
                mw = tuple(pw)
                hit("text beside a DATE names a date")
            if tuple(pw) != tuple(mw) and pw[:2] == mw[:2] and pw[1] == "1292" and \
                    pw[2].startswith("Truncated incorrect time value: '") and \
                    mw[2] == pw[2].replace(" time ", " INTERVAL DAY TO SECOND ", 1):
                # ADDTIME's second argument that is no time: MySQL names a time; MariaDB
                # names its INTERVAL DAY TO SECOND.
                mw = tuple(pw)
                hit("ADDTIME's amount named a time")
            fixed.append(mw)
        m.warnings = fixed
    p.warnings = [(lv, c, "(out of range)" if c == "1690" else msg) for lv, c, msg in p.warnings]
    # CONV (BIN, OCT) of text with no digit of its base, or past 64 bits: MySQL 8.4 warns 1292
    # "Truncated incorrect DECIMAL value" (Item_func_conv::val_str); MariaDB says nothing.
    if tree.any(lambda n: n.op in ("CONV", "BIN", "OCT")):
        m_texts = {tuple(w) for w in m.warnings}
        kept = [w for w in p.warnings
                if not (w[1] == "1292" and w[2].startswith("Truncated incorrect DECIMAL value")
                        and tuple(w) not in m_texts)]
        if len(kept) != len(p.warnings):
            p.warnings = kept
            hit("CONV's 1292 for what is no number of its base (MySQL only)")
    # JSON read as a number: MySQL coerces the JSON value and warns 3156 for what is no
    # number (Json_wrapper::coerce_real/int/decimal); MariaDB reads the JSON text, warning 1292
    # for it or nothing. Compared without either.
    if any(c == "3156" and msg.startswith("Invalid JSON value for CAST to ") for _, c, msg in p.warnings):
        p.warnings = [w for w in p.warnings
                      if not (w[1] == "3156" and w[2].startswith("Invalid JSON value for CAST to "))]
        m.warnings = [w for w in m.warnings
                      if not (w[1] == "1292" and re.search(r"value: '[\"\[{]", w[2]))]
        hit("3156 for JSON read as a number (MySQL only)")
    # JSON in BETWEEN, GREATEST or LEAST: MySQL compares it as text and says so once (1235,
    # unsupported_json_comparison); MariaDB has no JSON type to say it of.
    if any(w[1] == "1235" and w[2].startswith("This version of MySQL doesn't yet support 'comparison of JSON")
           for w in p.warnings):
        p.warnings = [w for w in p.warnings
                      if not (w[1] == "1235" and "'comparison of JSON" in w[2])]
        hit("1235 for JSON compared as text (MySQL only)")
    # TIMEDIFF with a date among its arguments reads both as datetimes (get_date), so MySQL's
    # 1292 for the other is a datetime's ("Incorrect datetime value"); MariaDB reads a time
    # or says nothing. Compared without them.
    if tree.any(lambda n: n.op == "TIMEDIFF"):
        quoted = {w[2].split(": ", 1)[1] for w in p.warnings
                  if w[1] == "1292" and w[2].startswith("Incorrect datetime value: ")}
        if quoted:
            p.warnings = [w for w in p.warnings
                          if not (w[1] == "1292" and w[2].startswith("Incorrect datetime value: "))]
            m.warnings = [w for w in m.warnings
                          if not (w[1] == "1292" and " value: " in w[2] and
                                  w[2].split(" value: ", 1)[1] in quoted)]
            hit("TIMEDIFF reads text beside a date as a datetime")
    # A TIMEDIFF past 2^31 seconds: MySQL's 1292 quotes its whole hours (calc_time_from_sec
    # keeps them in an unsigned int), MariaDB's stops at 596523:14:07. Compared without them.
    if tree.any(lambda n: n.op == "TIMEDIFF") and \
            any(w[1] == "1292" and re.match(r"Truncated incorrect time value: '-?596523:14:07", w[2])
                for w in m.warnings):
        def hours(w):
            found = w[1] == "1292" and re.match(r"Truncated incorrect time value: '-?(\d+):", w[2])
            return int(found.group(1)) if found else 0
        p.warnings = [w for w in p.warnings if hours(w) <= 596523]
        m.warnings = [w for w in m.warnings if hours(w) != 596523]
        hit("TIMEDIFF past 2^31 seconds quoted whole (MySQL only)")
    # LAST_DAY of a date with no month: MySQL warns that it names no datetime
    # (Item_func_last_day::get_date) and answers NULL; MariaDB answers NULL silently.
    if tree.any(lambda n: n.op == "LAST_DAY"):
        m_texts = {tuple(w) for w in m.warnings}
        kept = [w for w in p.warnings
                if not (w[1] == "1292" and re.fullmatch(r"Incorrect datetime value: '\d{4}-00-\d\d'", w[2])
                        and tuple(w) not in m_texts)]
        if len(kept) != len(p.warnings):
            p_texts = {tuple(w) for w in p.warnings}
            p.warnings = kept
            # (MariaDB reads such text, '839:00:00', otherwise, and warns its own way)
            m.warnings = [w for w in m.warnings
                          if not (w[1] == "1292" and tuple(w) not in p_texts and
                                  w[2].startswith("Incorrect datetime value: '"))]
            hit("LAST_DAY of a zero month warns (MySQL only)")
    # A number or a date with a zero part that names no datetime: MySQL's 1292 quotes it as
    # given (ErrConvString of the number: '0', '1.8772117e-21'; the stored '2024-02-00');
    # MariaDB quotes the zero datetime it made of it (or the date with a zero part it read
    # from text: '00:00:01' is 2000-00-01 to both).
    if len(p.warnings) == len(m.warnings):
        for i, (pw, mw) in enumerate(zip(p.warnings, m.warnings)):
            prefix = "Incorrect datetime value: '"
            if pw[1] == mw[1] == "1292" and pw[2].startswith(prefix) and mw[2].startswith(prefix) and \
                    re.fullmatch(r"0000-00-00( 00:00:00)?'", mw[2][len(prefix):]):
                quoted = pw[2][len(prefix):-1]
                # (or a text of zeros alone: '00:00:00.000000' names the zero date too)
                if NUMBER_ONLY.fullmatch(quoted) or ZERO_IN_DATE.match(quoted) or \
                        re.fullmatch(r"[0:. -]*0[0:. -]*", quoted):
                    m.warnings[i] = pw
                    hit("1292 quotes the number or date as given (MySQL)")
            elif pw[1] == mw[1] == "1292" and pw[2].startswith(prefix) and mw[2].startswith(prefix) and \
                    ZERO_IN_DATE.match(mw[2][len(prefix):-1]) and \
                    re.fullmatch(r"[\d:. -]+", pw[2][len(prefix):-1]) and \
                    not ZERO_IN_DATE.match(pw[2][len(prefix):-1]):
                m.warnings[i] = pw
                hit("1292 quotes the number or date as given (MySQL)")
    # TIMESTAMP(x) / CAST(x AS DATETIME) of a number whose whole part is 0: MySQL reads it as
    # the zero datetime with x's fraction (number_to_datetime, fuzzily), without a word;
    # MariaDB refuses it with 1292.
    if tree.any(lambda n: (n.op == "TIMESTAMP" and len(n.kids) == 1) or n.op.startswith("CAST AS DATETIME")):
        kept = [w for w in m.warnings
                if not (w[1] == "1292" and tuple(w) not in {tuple(x) for x in p.warnings} and
                        re.fullmatch(r"Incorrect datetime value: '-?0(\.\d+)?'( for column .*)?", w[2]))]
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("a number below 1 is the zero datetime to TIMESTAMP (MySQL)")
    # Date arithmetic whose interval names no value or whose result leaves the range: MySQL
    # warns 1441 for both (Item_date_add_interval::get_date_internal warns when
    # get_interval_value fails, date_add_interval_with_warn when the date overflows); MariaDB
    # answers the same NULL without a word in places. Compared with the values equal.
    if tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES)) and p.rows == m.rows:
        m_said = {tuple(w) for w in m.warnings}
        kept = [w for w in p.warnings
                if not (w[1] == "1441" and tuple(w) not in m_said and
                        w[2] in ("Datetime function: datetime field overflow",
                                 "Datetime function: time field overflow"))]
        if len(kept) != len(p.warnings) and not any(w[1] == "1441" for w in m.warnings):
            p.warnings = kept
            hit("1441 for date arithmetic that overflows (MySQL)")
    # ADDTIME, SUBTIME and TIMESTAMP(d, t) past 9999-12-31: NULL with 1441 in MySQL
    # (Item_func_add_time::val_datetime's check_datetime_range); NULL silently in MariaDB.
    if tree.any(lambda n: n.op in ("ADDTIME", "SUBTIME", "TIMESTAMP")) and \
            not any(w[2] == "Datetime function: add_time field overflow" for w in m.warnings):
        kept = [w for w in p.warnings if w[2] != "Datetime function: add_time field overflow"]
        if len(kept) != len(p.warnings):
            p.warnings = kept
            hit("1441 for ADDTIME past 9999-12-31 (MySQL)")
    # An amount past 2^63 (the BIGINT UNSIGNED column, such a literal): MySQL's
    # get_interval_value reads it with val_int, so one unit takes its 64 bits as signed
    # (18446744073709551615 DAY is -1 day), BIGINT's least value is no interval and a compound
    # unit's run of 20 digits neither (NULL without a word); MariaDB answers NULL with 1441
    # for some. Compared without MariaDB's extra 1441s when the values agree (not at all when
    # they do not: above).
    if tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES) and n.any(_past_2_63)):
        extra = sum(w[1] == "1441" for w in m.warnings) - sum(w[1] == "1441" for w in p.warnings)
        if extra > 0 and p.rows == m.rows:
            kept = []
            for w in m.warnings:
                if w[1] == "1441" and extra > 0:
                    extra -= 1
                    continue
                kept.append(w)
            m.warnings = kept
            hit("an amount past 2^63 is no interval (MySQL, silent)")
    # Date arithmetic of a DATE, DATETIME or TIMESTAMP with a zero date or a zero part: MySQL's
    # field (or CAST, DATE()) refuses it silently (check_fuzzy_date, get_internal_check_zero);
    # MariaDB warns 1292 quoting it.
    if tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES[:6] + ("TIMESTAMPADD",)) and
                any(_typed_dated(k) for k in n.kids)):
        _drop_mariadb_datetime_warnings(p, m, r"\d{4}-(00-\d\d|\d\d-00)( [\d:.]+)?", hit,
                                        "date arithmetic of a stored zero date is silent (MySQL)")
    # Date arithmetic of text or a number that names a date with a zero part (COUNT(*) +
    # INTERVAL 7 DAY_HOUR reads 3 as 0000-00-00; '1000000...' is 1000-00-00): MySQL's
    # str_to_datetime_with_warn (number_to_datetime) says 1292 once, quoting what it read;
    # MariaDB says it and then again quoting the zero-part date it made of it.
    if tree.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES[:6] + ("TIMESTAMPADD",)) and
                not any(_typed_dated(k) for k in n.kids)) and p.warnings:
        sql = tree.sql()
        zero_part = re.compile(r"Incorrect datetime value: '(\d{4}-(00-\d\d|\d\d-00) \d\d:\d\d:\d\d(\.\d+)?)'")
        kept = [w for w in m.warnings
                if not (w[1] == "1292" and w not in p.warnings and zero_part.fullmatch(w[2]) and
                        zero_part.fullmatch(w[2]).group(1) not in sql)]
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("a zero-part date read from text or a number is quoted once (MySQL)")
    # UNIX_TIMESTAMP of a date written with a zero month or day ('839:00:00' is 0839-00-00
    # to str_to_datetime, whose delimiters are any punctuation): MySQL reads it fuzzily
    # (str_to_datetime_with_warn adds NO_ZERO_DATE from sql_mode, not NO_ZERO_IN_DATE) and
    # finds no instant, answering 0 without a word; MariaDB warns 1292.
    if tree.any(lambda n: n.op == "UNIX_TIMESTAMP"):
        _drop_mariadb_datetime_warnings(p, m, r"\d{2,4}([-:])(\d\d?\1(?:0+)|0+\1\d\d?)( [^']*)?", hit,
                                        "UNIX_TIMESTAMP of a zero month or day is silent (MySQL)")
    # INET_ATON of what is no address: MySQL 8.4 warns 1411 (Item_func_inet_aton::val_int);
    # MariaDB 10.11 says nothing.
    if any(c == "1411" and msg.endswith("for function inet_aton") for _, c, msg in p.warnings):
        p.warnings = [w for w in p.warnings if not (w[1] == "1411" and w[2].endswith("for function inet_aton"))]
        hit("INET_ATON 1411 (MySQL only)")
    # JSON_SET and JSON_REPLACE read each value before they seek its path
    # (Item_func_json_set_replace::val_json's get_atom_null_as_null), so MySQL warns about a
    # value even where its path leads nowhere; MariaDB reads a value only where it puts it.
    # MariaDB's warnings are then a part of MySQL's. (JSON_INSERT and the array functions
    # seek first in both.)
    if tree.any(_json_set_value_computed):
        p_count, m_count = collections.Counter(map(tuple, p.warnings)), collections.Counter(map(tuple, m.warnings))
        if p_count != m_count and all(p_count[w] >= n for w, n in m_count.items()):
            p.warnings = list(m.warnings)
            hit("a JSON function's value read before its path (MySQL only)")
    # OR (AND) whose first operand is a constant true (false) value: MySQL never reads the
    # second (Item_cond_or::val_int stops at the first operand that decides); MariaDB reads a
    # constant second operand, warning about it, in some places (under IF, ...).
    decided = _walk_nodes(tree, _decided_by_constant)
    if decided:
        unread = [n.kids[1].sql() for n in decided]
        kept = [w for w in m.warnings
                if not (w[1] == "1292" and w not in p.warnings and " value: '" in w[2] and
                        any(w[2].split(" value: '", 1)[1][:-1].replace("\n", "\\n") in text
                            for text in unread))]
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("OR/AND decided by a constant first operand reads no second")
    # CASE over a number with a WHEN of text past DOUBLE's range ('1e400'): MySQL compares as
    # DOUBLE (cmp_item_real reads the text, 1292); MariaDB says nothing.
    beyond = {n.text.strip("'") for n in _walk_nodes(
        tree, lambda n: n.op == "str" and n.text and _beyond_double(n.text))}
    if beyond and tree.any(lambda n: n.op == "CASE x" and any(
            k.any(lambda x: x.op == "str" and x.text.strip("'") in beyond) and k.kind == "str"
            for k in _compared_kids(n))):
        said = [w for w in p.warnings
                if w[1] == "1292" and w not in m.warnings and
                w[2].startswith("Truncated incorrect DOUBLE value: '") and w[2][35:-1] in beyond]
        if said:
            p.warnings = [w for w in p.warnings if w not in said]
            hit("CASE reads text past DOUBLE as a DOUBLE (MySQL warns)")
    # REGEXP_SUBSTR as MariaDB's side runs it (IF(REGEXP_INSTR(s, p) > 0, REGEXP_SUBSTR(s, p),
    # NULL)) computes its subject twice where it matches, the end of a match from REGEXP_INSTR
    # (IF(i = 0, 0, i + CHAR_LENGTH(REGEXP_SUBSTR(...)))) up to three times: the same
    # warnings, more often.
    if tree.any(lambda n: n.op.startswith("REGEXP_SUBSTR") or n.op == "REGEXP_INSTR end") and \
            _same_warnings_more_often(m.warnings, p.warnings):
        m.warnings = list(p.warnings)
        hit("REGEXP_SUBSTR's subject computed twice by MariaDB's side")
    # A grouped query's constants outside its aggregates: MySQL computes them once per group,
    # MariaDB twice (its warnings come two by two; one said while resolving, as -x reads a
    # constant x, once by both).
    p_count = collections.Counter(map(tuple, p.warnings))
    m_count = collections.Counter(map(tuple, m.warnings))
    if mode == "group" and p.warnings and set(p_count) == set(m_count) and \
            all(m_count[w] in (2 * n, 2 * n - 1) for w, n in p_count.items()) and p_count != m_count:
        m.warnings = list(p.warnings)
        hit("a group's constants computed twice by MariaDB")
    # Date arithmetic over date arithmetic, NULLIF and JSON_ARRAYAGG: MariaDB computes the
    # inner value again (a date function asked for its value as a date and as text, NULLIF's
    # first argument once to compare and once to answer, JSON_ARRAYAGG's first row once more),
    # so its warnings repeat; MySQL computes each once (Item_sum_json_array::add reads its
    # argument once a row).
    if p.warnings and m.warnings and tree.any(_recomputed_by_mariadb) and \
            _same_warnings_more_often(m.warnings, p.warnings):
        m.warnings = list(p.warnings)
        hit("an inner date value or NULLIF's argument computed again by MariaDB")
    # NULLIF(a, b) where a and b differ: MySQL computes a once to compare and once more to
    # answer (Item_func_nullif::val_str after cmp.compare()), so what computing it says is
    # said twice a row; MariaDB keeps the first value (its warnings at most once a row, and
    # once more while resolving).
    if p.warnings and m.warnings and \
            tree.any(lambda n: n.op == "NULLIF" and bool(n.kids) and bool(n.kids[0].kids)) and \
            _same_warnings_more_often(p.warnings, m.warnings):
        p_count = collections.Counter(map(tuple, p.warnings))
        m_count = collections.Counter(map(tuple, m.warnings))
        if all(p_count[w] <= 2 * m_count[w] for w in p_count):
            m.warnings = list(p.warnings)
            hit("NULLIF's first argument computed twice by MySQL")
    # A date compared with text that constants alone compute (DATE_ADD of a string or a
    # number, whose value MySQL types as text): MySQL reads it once while resolving the
    # comparison (Arg_comparator::get_date_from_const) and, when it is NULL, keeps nothing and
    # reads it again for each row (get_datetime_value); MariaDB reads it once. MariaDB's
    # warnings are then MySQL's, fewer times.
    if p.warnings and m.warnings and tree.any(_text_date_constant_beside_date) and \
            _same_warnings_more_often(p.warnings, m.warnings):
        m.warnings = list(p.warnings)
        hit("a date's NULL text constant read again for each row (MySQL)")
    # BETWEEN of a number with text bounds: MySQL reads the bounds for each row it compares
    # (Item_func_between::val_int calls val_real on them; no cache unless a field's
    # convert_constant_item stored them cleanly); MariaDB converts them once.
    if p.warnings and m.warnings and tree.any(
            lambda n: n.op in ("BETWEEN", "NOT BETWEEN") and len(n.kids) == 3 and
            any(k.op == "str" for k in n.kids[1:]) and
            not any(k.kind in TEMPORAL for k in n.kids)) and \
            _same_warnings_more_often(p.warnings, m.warnings):
        m.warnings = list(p.warnings)
        hit("BETWEEN reads text bounds for each row (MySQL)")
    # BETWEEN and IN of temporal values with a text constant that names none: MySQL's
    # comparator reads it for each row it compares, as a NULL it keeps nothing
    # (get_datetime_value caches a constant only once it is a value; its message "Incorrect
    # datetime value" says none came); MariaDB reads it once.
    if p.warnings and tree.any(
            lambda n: n.op in ("BETWEEN", "NOT BETWEEN", "IN", "NOT IN") and
            any(k.kind in TEMPORAL for k in n.kids) and any(k.op == "str" for k in n.kids)):
        texts = {k.text[1:-1] for n in _walk_nodes(tree, lambda n: n.op in (
            "BETWEEN", "NOT BETWEEN", "IN", "NOT IN")) for k in n.kids
            if k.op == "str" and k.text and len(k.text) > 1}

        def unread_text(w, prefix):
            found = re.fullmatch(prefix + r"(datetime|date|time) value: '(.*)'", w[2])
            return w[1] == "1292" and found is not None and found.group(2) in texts

        # (a time's text: "Truncated incorrect time value", str_to_time_with_warn's)
        p_said = [w for w in p.warnings if unread_text(w, "Incorrect ") or
                  (unread_text(w, "Truncated incorrect ") and "time value" in w[2])]
        m_said = [w for w in m.warnings if unread_text(w, r"(?:Truncated )?[Ii]ncorrect ")]
        if p_said and len(p_said) > len(m_said) and \
                [w for w in p.warnings if w not in p_said] == [w for w in m.warnings if w not in m_said]:
            m.warnings = list(p.warnings)
            hit("BETWEEN/IN read a text naming no date for each row (MySQL)")
    # A comparison with a date function of constant text that names no date (LAST_DAY of
    # '2024-02-30'): MySQL's comparator keeps no NULL constant (get_datetime_value caches a
    # value only), so it computes it again, and warns, for each row it compares; MariaDB
    # folds it once, saying nothing (or what it says once). STR_TO_DATE is such a function
    # too (a temporal value to the comparator), its 1411 such a warning.
    dating = DATED_FUNCTIONS + ("STR_TO_DATE",)
    dated_constants = _walk_nodes(tree, lambda n: n.op in COMPARISONS and any(
        k.op in dating and not k.any(lambda x: x.op == "col" or x.op in AGGREGATES)
        for k in n.kids))
    if dated_constants and p.warnings:
        texts = {x.text[1:-1] for n in dated_constants for k in n.kids if k.op in dating
                 for x in _walk_nodes(k, lambda x: x.op == "str" and x.text and len(x.text) > 1)}
        said = [w for w in p.warnings if w[1] in ("1292", "1411") and
                any(f"value: '{t}'" in w[2] for t in texts)]
        # (MariaDB folds it once, saying nothing or what it says once)
        m_said = collections.Counter(tuple(w) for w in m.warnings if w in said)
        if said and [w for w in p.warnings if w not in said] == [w for w in m.warnings if w not in said] and \
                all(n == 1 for n in m_said.values()):
            m.warnings = list(p.warnings)
            hit("a comparison's NULL date constant computed for each row (MySQL)")
    # TIMEDIFF of a date and a number: MySQL reads both as datetimes (a number by
    # number_to_datetime: under 101, or with no month or day, it names none, 1292 "Incorrect
    # datetime value"); MariaDB reads the number as a time and says so otherwise.
    if tree.any(lambda n: n.op == "TIMEDIFF" and len(n.kids) == 2 and
                any(k.kind in ("date", "datetime") for k in n.kids) and
                any(k.kind == "num" for k in n.kids)):
        number = r"'-?[\d.]+(e[-+]?\d+)?'"
        p_rest = [w for w in p.warnings
                  if not (w[1] == "1292" and re.fullmatch("Incorrect datetime value: " + number, w[2]))]
        m_rest = [w for w in m.warnings
                  if not (w[1] == "1292" and re.fullmatch("Incorrect time value: " + number + "( for column .*)?", w[2]))]
        if p_rest == m_rest and (len(p_rest) != len(p.warnings) or len(m_rest) != len(m.warnings)):
            m.warnings = list(p.warnings)
            hit("TIMEDIFF reads a number beside a date as a datetime (MySQL)")
    # Text read as a truth value (AND, OR, XOR, NOT, IF's and CASE's conditions): MySQL's
    # Item::val_bool reads a string as a DOUBLE; MariaDB as a DECIMAL.
    if tree.any(lambda n: n.op in ("AND", "OR", "XOR", "NOT", "IF", "CASE")):
        p_said = {tuple(w) for w in p.warnings}
        renamed = []
        for w in m.warnings:
            if w[1] == "1292" and w[2].startswith("Truncated incorrect DECIMAL value: '"):
                as_double = (w[0], w[1], w[2].replace("DECIMAL value", "DOUBLE value", 1))
                if tuple(w) not in p_said and as_double in p_said:
                    w = list(as_double)
                    hit("text as a truth value is read as a DOUBLE (MySQL)")
            renamed.append(w)
        m.warnings = renamed
    # CASE x WHEN ... of a text subject among WHENs of numbers of more than one kind (a
    # DOUBLE, an integer): MySQL compares them all as one type, its item_cmp_type over every
    # WHEN (a DOUBLE), reading the subject once; MariaDB compares each pair by its own types,
    # reading the text as a DECIMAL too. Its DECIMAL readings of text MySQL reads as a DOUBLE
    # are dropped.
    if tree.any(lambda n: n.op == "CASE x"):
        p_said = {tuple(w) for w in p.warnings}
        kept = [w for w in m.warnings
                if not (w[1] == "1292" and w[2].startswith("Truncated incorrect DECIMAL value: '") and
                        tuple(w) not in p_said and
                        (w[0], w[1], w[2].replace("DECIMAL value", "DOUBLE value", 1)) in p_said)]
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("CASE compares every WHEN as one type (MySQL reads the subject once)")
    # Text past DECIMAL's range read as one ('1e400'): MySQL's str2my_decimal says the
    # overflow alone (1292 naming no value); MariaDB says it and quotes the text too.
    overflow_said = ["Warning", "1292", "Truncated incorrect DECIMAL value: ''"]
    if any(list(w) == overflow_said for w in p.warnings) and \
            any(list(w) == overflow_said for w in m.warnings):
        p_said = {tuple(w) for w in p.warnings}
        kept = [w for w in m.warnings
                if not (w[1] == "1292" and tuple(w) not in p_said and
                        re.fullmatch(r"Truncated incorrect DECIMAL value: '[-+]?[\d.]+[eE][-+]?\d+'", w[2]))]
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("text past DECIMAL's range quoted by MariaDB alone")
    # Constants read for each row: MySQL keeps no computed constant outside a comparison's
    # cached operand (and IN's list, CASE's), so what computing one says is said for each
    # row that reads it; MariaDB folds some constant calls once (EXTRACTVALUE of constants,
    # a constant IF condition). With no comparison in the expression, MySQL's warnings are
    # MariaDB's, as often or more.
    if mode != "group" and p.warnings and m.warnings and p.rows and len(p.rows) > 1 and \
            not tree.any(lambda n: n.op in COMPARISONS or
                         n.op in ("NULLIF", "CASE x", "EXTRACTVALUE", "UPDATEXML", "GREATEST",
                                  "LEAST") or n.op in AGGREGATES) and \
            _same_warnings_more_often(p.warnings, m.warnings):
        m.warnings = list(p.warnings)
        hit("a constant read for each row (MySQL keeps none)")
    # IF's condition: MariaDB evaluates a constant one while resolving too (a constant
    # operand of the AND/OR it marks top-level, in Item_cond::fix_fields; the condition as a
    # whole for the type of date arithmetic over IF), and again each time it runs, so what
    # reading its text says is said more often. MySQL 8.4 reads a plain condition each time IF
    # runs, and a constant AND/OR operand once, while resolving, folding the AND/OR
    # (Item_cond::remove_const_conds), as porpoised does.
    if_texts = {k.text.strip("'")
                for n in _nodes(tree) if n.op == "IF" and n.kids
                for k in _nodes(n.kids[0]) if k.text}
    if if_texts and _same_warnings_more_often(m.warnings, p.warnings):
        excess = collections.Counter(map(tuple, m.warnings)) - collections.Counter(map(tuple, p.warnings))
        quoted = re.compile(r"Truncated incorrect (DOUBLE|DECIMAL|INTEGER) value: '(.*)'$", re.S)
        if all(w[1] == "1292" and quoted.match(w[2]) and quoted.match(w[2]).group(2) in if_texts
               for w in excess):
            m.warnings = list(p.warnings)
            hit("IF's constant condition read while resolving too (MariaDB)")
    # COALESCE, IFNULL, GREATEST and LEAST of text read as a number: MySQL's
    # Item_func_numhybrid converts their string result unchecked (my_strntod), so it says
    # nothing; MariaDB warns (GREATEST and LEAST about each argument).
    if m.warnings and tree.any(lambda n: n.op in ("COALESCE", "IFNULL", "GREATEST", "LEAST")):
        p_count = collections.Counter(map(tuple, p.warnings))
        kept = []
        for w in m.warnings:
            if p_count[tuple(w)] > 0:
                p_count[tuple(w)] -= 1
                kept.append(w)
            elif not (w[1] == "1292" and
                      re.match(r"Truncated incorrect (DOUBLE|DECIMAL|INTEGER) value", w[2])):
                kept.append(w)
        if len(kept) != len(m.warnings):
            m.warnings = kept
            hit("COALESCE/IFNULL/GREATEST/LEAST text read as a number unchecked (MySQL)")
    # XML that does not parse: MySQL reads EXTRACTVALUE's and UPDATEXML's argument for each
    # row it evaluates them on (1525 each time); MariaDB parses a constant once, when the
    # statement is prepared, a branch that is not taken included, and in its own order. The
    # 1525s are compared as sets, MariaDB's allowed more.
    # The same for the division by zero of an XPath (1365).
    xml_calls = tree.any(lambda n: n.op in ("EXTRACTVALUE", "UPDATEXML"))
    p_xml, m_xml = _xml_warnings(p.warnings, xml_calls), _xml_warnings(m.warnings, xml_calls)
    if m_xml and p_xml <= m_xml:
        p.warnings = [w for w in p.warnings if tuple(w) not in p_xml]
        m.warnings = [w for w in m.warnings if tuple(w) not in m_xml]
        hit("1525 compared as a set")
    return p, m, suppressed


NUMBER_TOKEN = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _same_numbers(a, b):
    """Whether two texts are the same but for how their numbers are written, one of them with
    an exponent."""
    if "e" not in a.lower() and "e" not in b.lower():
        return False
    if NUMBER_TOKEN.sub("#", a) != NUMBER_TOKEN.sub("#", b):
        return False
    try:
        return [float(x) for x in NUMBER_TOKEN.findall(a)] == \
            [float(x) for x in NUMBER_TOKEN.findall(b)]
    except (ValueError, OverflowError):
        return False


def _valued_as(node, kinds):
    """Whether node's value is of one of `kinds`: its own kind, or a control-flow function's
    whose every possible value is (NULL aside)."""
    if node.op in PASS_THROUGH:
        values = [v for v in value_kids(node) if v.op != "NULL"]
        return bool(values) and all(_valued_as(v, kinds) for v in values)
    return node.kind in kinds


def _bigint_min_amount(node):
    """-2^63 as an interval's amount: the BIGINT column (its third row), the literal, or
    ~(2^63 - 1), which val_int reads as it; DECIMAL(30,10)'s third row, past BIGINT's range,
    which val_int clamps to it (my_decimal2int, after its 1292)."""
    if node.op == "col":
        return node.text in ("bi", "d2")
    text = (node.sql() or "").replace(" ", "").strip("()")
    return text in ("-9223372036854775808", "~9223372036854775807", "(~9223372036854775807)")


def _beyond_decimal(text):
    """A DOUBLE literal's text whose magnitude passes a DECIMAL's 65 digits."""
    try:
        return abs(float((text or "").strip("()"))) >= 1e65
    except ValueError:
        return False


def _walk_nodes(tree, pred):
    """The nodes of `tree` for which pred holds."""
    found = []
    tree.any(lambda n: pred(n) and found.append(n))
    return found


def _same_fraction(a, b):
    """Whether two times or datetimes are the same but for trailing zeros of the fraction."""
    def trimmed(text):
        return text.rstrip("0").rstrip(".") if "." in text else text
    return trimmed(a) == trimmed(b)


def _xml_warnings(warnings, with_division):
    """The distinct 1525 "Incorrect XML value" warnings (and 1365s, with_division)."""
    return {tuple(w) for w in warnings
            if (w[1] == "1525" and w[2].startswith("Incorrect XML value")) or
            (with_division and w[1] == "1365")}


NEGATIVE_ZERO_TIME = re.compile(r"^-(00:00:00(\.0+)?)$")
ZERO_TEMPORAL = re.compile(r"^(0000-00-00( 00:00:00)?|00:00:00)(\.0+)?$")
CHAR_CUT = re.compile(r"Truncated incorrect CHAR\((\d+)\) value: '(.*)'$", re.S)
SEVEN_DIGITS = re.compile(r"\d\.\d{7,}'")
# MariaDB's note for a number with spaces around it: "Truncated incorrect DOUBLE value: ' 12 '".
SPACED_NUMBER_NOTE = re.compile(r"Truncated incorrect (DOUBLE|DECIMAL|INTEGER) value: "
                                r"'\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*'$")
HEX_ESCAPE = re.compile(r"\\x([0-9A-Fa-f]{2})")
# MariaDB's " for column `db`.`t`.`c` at row N" after a conversion warning's text.
COLUMN_SUFFIX = re.compile(r" for column `[^`]*`\.`[^`]*`\.`[^`]*` at row \d+$")
# MariaDB's 1292 for a number read as a datetime.
NUMBER_AS_DATE = re.compile(r"(Truncated i|I)ncorrect date(time)? value: '-?\d+(\.\d+)?(e[-+]?\d+)?'"
                            r"( for column .* at row \d+)?$")
NUMBER_AS_DATETIME = re.compile(r"(Truncated i|I)ncorrect datetime value: '-?\d+(\.\d+)?(e[-+]?\d+)?'$")
# MariaDB's 1292 for a number it reads as a TIME beside one (its own column naming after it).
NUMBER_AS_TIME = re.compile(r"(Truncated i|I)ncorrect time value: '-?\d+(\.\d+)?(e[-+]?\d+)?'( for column .*)?$")
# MySQL's " for column 'c' at row N" after a comparison's 1292.
MYSQL_COLUMN_SUFFIX = re.compile(r" for column '[^']*' at row \d+$")
# 1292 for a number that is the zero date: "Incorrect datetime value: '0'" ('0.0', '0e0', ...).
ZERO_NUMBER_WARNING = re.compile(
    r"Incorrect (date|datetime) value: '-?0(\.0*)?(e[-+]?\d+)?'( for column .* at row \d+)?$")
STRING_TYPES = {15, 249, 250, 251, 252, 253, 254}
JSON_TYPE_CODE, VAR_STRING, STRING_TYPE = 245, 253, 254
# JSON functions whose value is of MySQL's JSON type (MariaDB has none: its are text).
# The functions that hand a date argument through unchanged (and the zero date with it).
ZERO_DATE_PASSERS = {"IF", "IFNULL", "COALESCE", "CASE", "CASE x", "NULLIF", "GREATEST", "LEAST"}
# A date or datetime with a zero year, month or day ('0000-00-00', '2024-00-10 ...').
ZERO_IN_DATE = re.compile(r"^(?:0000-\d\d-\d\d|\d{4}-00-\d\d|\d{4}-\d\d-00)(?: |$)")
# UTC offsets MySQL 8.4 takes and MariaDB 10.11 does not: -13:00..-13:59, +13:01..+14:00.
MARIADB_OFFSET_GAP = re.compile(r"^(?:-13:\d\d|\+13:(?:0[1-9]|[1-5]\d)|\+14:00)$")

JSON_VALUED = {"JSON_OBJECT", "JSON_ARRAY", "JSON_EXTRACT", "JSON_SET", "JSON_INSERT",
               "JSON_REPLACE", "JSON_REMOVE", "JSON_MERGE_PATCH", "JSON_MERGE_PRESERVE",
               "JSON_ARRAY_APPEND", "JSON_ARRAY_INSERT", "JSON_KEYS", "JSON_SEARCH", "->",
               "JSON_ARRAYAGG", "JSON_OBJECTAGG"}
# MySQL's EXTRACT lengths by unit (Item_extract::resolve_type); MariaDB sizes them otherwise.
# MySQL 8.4's lengths of EXTRACT's units and of the date-part functions (their resolve_type:
# the digits and a sign; TO_SECONDS, PERIOD_*, JSON_LENGTH and JSON_DEPTH a BIGINT's 21).
# MariaDB 10.11 sizes them without the sign, as MySQL 5.7 did.
EXTRACT_LENGTHS = {"YEAR": 5, "YEAR_MONTH": 7, "QUARTER": 2, "MONTH": 3, "WEEK": 3, "DAY": 3,
                   "DAY_HOUR": 9, "DAY_MINUTE": 11, "DAY_SECOND": 13, "HOUR": 4,
                   "HOUR_MINUTE": 6, "HOUR_SECOND": 8, "MINUTE": 3, "MINUTE_SECOND": 5,
                   "SECOND": 3, "MICROSECOND": 7, "DAY_MICROSECOND": 20,
                   "HOUR_MICROSECOND": 14, "MINUTE_MICROSECOND": 11, "SECOND_MICROSECOND": 9}
FUNCTION_LENGTHS = {"YEAR": 5, "MONTH": 3, "DAY": 3, "DAYOFMONTH": 3, "DAYOFYEAR": 4,
                    "DAYOFWEEK": 2, "WEEKDAY": 2, "QUARTER": 2, "HOUR": 4, "MINUTE": 3,
                    "SECOND": 3, "WEEK": 3, "YEARWEEK": 7, "WEEKOFYEAR": 3, "TO_DAYS": 8,
                    "DATEDIFF": 9, "TIME_TO_SEC": 10, "MICROSECOND": 7, "TO_SECONDS": 21,
                    "PERIOD_ADD": 21, "PERIOD_DIFF": 21, "JSON_LENGTH": 21, "JSON_DEPTH": 21}
# Date arithmetic whose first argument is neither temporal type: MySQL answers VARCHAR of
# MAX_DATETIME_FULL_WIDTH (29) characters with unfixed decimals (set_data_type_char); MariaDB
# answers CHAR.
DATE_ARITH_PREFIXES = ("DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE", "+ INTERVAL", "- INTERVAL",
                       "ADDTIME", "SUBTIME", "TIMESTAMPADD")
# MySQL's printed form of a binary string inside JSON.
OPAQUE_JSON = re.compile(r"base64:type\d+:([A-Za-z0-9+/=]*)")
# String functions that hand a whole JSON value's text through.
JSON_TEXT_PASSERS = {"CONCAT", "IFNULL", "COALESCE", "IF", "CASE", "CASE x", "NULLIF"}
# MariaDB's 1292 for a number it will not read as a TIME.
NUMBER_TIME_REFUSED = re.compile(r"Incorrect time value: '-?\d+(\.\d+)?'")
# 1292 for a number clamped as a TIME: "Truncated incorrect time value: '19700101'".
NUMBER_TIME_TRUNCATED = re.compile(r"Truncated incorrect time value: '-?(\d+)(?:\.\d+)?'")
BINARY_FLAG = 128
# The largest TIME with a zero fraction (MySQL's clamp) or with nines (MariaDB's).
MAX_TIME_NO_FRACTION = re.compile(r"-?838:59:5\d(\.0+)?")
MAX_TIME_NINES = re.compile(r"-?838:59:5\d\.9+")
# What turns a boolean into a plain integer in MySQL (not is_bool_func) but not in MariaDB.
BOOL_LOSING = {"IF", "IFNULL", "COALESCE", "CASE", "CASE x", "NULLIF", "GREATEST", "LEAST",
               "MIN", "MAX", "ROUND", "TRUNCATE", "ABS", "FLOOR", "CEILING", "CEIL"}
# MySQL's errors for JSON arguments where MariaDB warns (its own codes 4036-4051, which MySQL
# lacks) and returns NULL, or goes on: invalid text (3141), invalid path (3143), not a JSON
# string (3146), a wildcard where none may be (3149), '$' where it may not be (3153), a
# oneOrAll that is neither (3154), a NULL key (3158), not an array cell (3165).
MYSQL_JSON_ERRORS = {3064, 3141, 3143, 3146, 3149, 3153, 3154, 3158, 3165}
MARIADB_JSON_WARNINGS = {str(c) for c in range(4036, 4052)}
REGEXP_OPS = {"REGEXP", "RLIKE", "NOT REGEXP", "REGEXP_LIKE", "REGEXP_LIKE mt", "REGEXP_INSTR",
              "REGEXP_INSTR mt", "REGEXP_INSTR end", "REGEXP_SUBSTR", "REGEXP_SUBSTR mt",
              "REGEXP_REPLACE", "REGEXP_REPLACE mt"}
BIT_OPS = {"&", "|", "^", "<<", ">>", "~", "BIT_COUNT"}
# MariaDB runs an equivalent of these (it lacks them): its metadata is not MySQL's.
ALT_NO_METADATA = {"UUID_TO_BIN", "BIN_TO_UUID", "REGEXP_INSTR end", "REGEXP_LIKE mt"}


def _passes(node, pred):
    """True when pred holds for what reaches node's value through MIN/MAX and control flow."""
    if pred(node):
        return True
    if node.op in ("MIN", "MAX"):
        return _passes(node.kids[0], pred)
    if node.op in PASS_THROUGH:
        values = [v for v in value_kids(node) if v.op != "NULL"]
        return bool(values) and all(_passes(v, pred) for v in values)
    return False


def _json_valued(node):
    return _passes(node, lambda n: n.op in JSON_VALUED or (n.op == "col" and n.text == "js"))


def _approx_or_text(node):
    """An operand MySQL's bit operators take through val_int(): a DOUBLE saturates at the
    BIGINT bounds and rounds half to even, a DECIMAL saturates there too (a negative one
    becomes its two's complement), a string is truncated at its first non-digit with warning
    1292; MariaDB takes such values to BIGINT UNSIGNED (0 for a negative DECIMAL, with 1916),
    rounding half up."""
    if node.kind == "str" and not (node.op == "str" and node.text.strip("'").isdigit()):
        return True
    return node.any(lambda n: n.op in ("dbl", "dec", "CAST AS DOUBLE", "/", "AVG", "SUM", "STDDEV_POP")
                    or (n.op == "col" and n.text in APPROX_COLUMNS | DECIMAL_COLUMNS))


def _bit_over_approx(node):
    return node.op in BIT_OPS and any(_approx_or_text(k) for k in node.kids)


class _JObj(list):
    """A JSON object as MySQL keeps it: (key, value) pairs, one per key, the last duplicate
    winning, sorted by the key's length and then its bytes."""


class _JNum(str):
    """A JSON number as its text."""


def _json_pairs(pairs):
    last = {}
    for k, v in pairs:
        last[k] = v
    return _JObj(sorted(last.items(), key=lambda kv: (len(kv[0].encode()), kv[0].encode())))


_NOT_JSON = object()


def _no_constant(_):
    raise ValueError("not JSON")


def _json_parse(text):
    try:
        return json.loads(text, parse_float=_JNum, parse_int=_JNum, parse_constant=_no_constant,
                          object_pairs_hook=_json_pairs)
    except (ValueError, RecursionError, TypeError):
        return _NOT_JSON


_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                 "\t": "\\t"}


_JSON_TEMPORAL = re.compile(r"(-?\d+:\d\d:\d\d|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(\.\d{1,6})?")


def _json_dump(v, numbers_as_text, as_float=False):
    """MySQL's printing of a JSON value: ", " and ": " between items. With numbers_as_text
    False (comparison only), numbers are written in one form per value (as_float: rounded to
    FLOAT first), and times and datetimes with six fractional digits."""
    if isinstance(v, _JObj):
        return "{" + ", ".join(
            f"{_json_dump(k, True)}: {_json_dump(x, numbers_as_text, as_float)}"
            for k, x in v) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_json_dump(x, numbers_as_text, as_float) for x in v) + "]"
    if isinstance(v, _JNum):
        if numbers_as_text:
            return str(v)
        d = Decimal(str(v))
        if as_float:
            try:
                d = Decimal(repr(struct.unpack("f", struct.pack("f", float(d)))[0]))
            except (OverflowError, struct.error):
                pass
        return "0" if d == 0 else str(d.normalize())
    if isinstance(v, str) and not numbers_as_text:
        t = _JSON_TEMPORAL.fullmatch(v)
        if t:
            v = t.group(1) + "." + (t.group(2) or ".")[1:].ljust(6, "0")
    if isinstance(v, str):
        return '"' + "".join(_JSON_ESCAPES.get(c, f"\\u{ord(c):04x}" if ord(c) < 0x20 else c)
                             for c in v) + '"'
    return {True: "true", False: "false", None: "null"}[v]


def same_json(p_text, m_text, as_float=False, rewrite=None):
    """Whether porpoised printed a JSON value the way MySQL prints MariaDB's: porpoised's text
    must be in MySQL's form (keys sorted, duplicates dropped, ", " and ": "), and both must
    hold the same values: numbers compared by value (MariaDB keeps a number's text, MySQL
    prints a DOUBLE in its shortest form with ".0" when it is whole; a FLOAT column, as_float,
    becomes a DOUBLE in MySQL's JSON and keeps its FLOAT text in MariaDB's), times and
    datetimes with six fractional digits (MySQL's JSON TIME and DATETIME print them all;
    MariaDB's text is the value's own). `rewrite(p, m)`, when given, gives the two parsed
    values to compare in their place (a known difference undone)."""
    if p_text is None or m_text is None:
        return False
    p, m = _json_parse(p_text), _json_parse(m_text)
    if p is _NOT_JSON or m is _NOT_JSON or _json_dump(p, True) != p_text:
        return False
    if rewrite is not None:
        p, m = rewrite(p, m)
    return _json_dump(p, False, as_float) == _json_dump(m, False, as_float)


def _json_zip(p, m, leaf):
    """m with leaf(pv, mv) put where it gives a value (not None), walking p and m alike
    through objects with the same keys and arrays of the same length."""
    replaced = leaf(p, m)
    if replaced is not None:
        return replaced
    if isinstance(p, _JObj) and isinstance(m, _JObj) and [k for k, _ in p] == [k for k, _ in m]:
        return _JObj((k, _json_zip(pv, mv, leaf)) for (k, pv), (_, mv) in zip(p, m))
    if isinstance(p, list) and isinstance(m, list) and not isinstance(p, _JObj) and \
            not isinstance(m, _JObj) and len(p) == len(m):
        return [_json_zip(pv, mv, leaf) for pv, mv in zip(p, m)]
    return m


def _bool_as_number(p, m):
    """p's number 1/0 where m has the boolean it stands for (MariaDB's true/false)."""
    if isinstance(m, bool) and isinstance(p, _JNum) and p in ("1", "0") and (p == "1") == m:
        return p
    return None


def _text_as_json(p, m):
    """The JSON object or array m's string holds, where p has an object or array (MariaDB's
    JSON functions answer text, which another JSON function then quotes)."""
    if isinstance(m, str) and not isinstance(m, _JNum) and isinstance(p, list):
        inner = _json_parse(m)
        if inner is not _NOT_JSON and isinstance(inner, list):
            return inner
    return None


def bools_as_numbers(p, m):
    return p, _json_zip(p, m, _bool_as_number)


def text_as_json(p, m):
    return p, _json_zip(p, m, _text_as_json)


def _opaque_as_text(v):
    """v with each "base64:typeNN:..." string replaced by the text its bytes hold."""
    if isinstance(v, _JObj):
        return _JObj((k, _opaque_as_text(x)) for k, x in v)
    if isinstance(v, list):
        return [_opaque_as_text(x) for x in v]
    if isinstance(v, str) and not isinstance(v, _JNum):
        opaque = OPAQUE_JSON.fullmatch(v)
        if opaque:
            try:
                return base64.b64decode(opaque.group(1)).decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                return v
    return v


def opaque_as_text(p, m):
    return _opaque_as_text(p), m


def _matches_empty(node):
    """Whether a generated pattern (a literal) can match the empty string, by Python's re
    (which reads the generated patterns as ICU and PCRE do, POSIX classes aside)."""
    if node.op != "str" or node.tag != "regex":
        return node.tag != "badregex"  # an expression: it may
    text = node.text[1:-1].replace("\\\\", "\\")
    text = re.sub(r"\[:(\w+):\]", "a", text)
    try:
        return re.search(text, "") is not None
    except re.error:
        return True


_TEMPORAL_TEXT = re.compile(r"(-?)(?:(\d{4})-(\d\d)-(\d\d) )?(\d+):(\d\d):(\d\d)(?:\.(\d+))?")


def _micros(text):
    """A TIME or DATETIME text as (sign, microseconds from a fixed origin, fraction digits)."""
    t = _TEMPORAL_TEXT.fullmatch(text or "")
    if not t:
        return None
    sign, y, mo, d, h, mi, sec, frac = t.groups()
    days = 0
    if y:
        try:
            days = (datetime.date(int(y), int(mo), int(d)) - datetime.date(1, 1, 1)).days
        except ValueError:
            return None
    us = (((days * 24 + int(h)) * 60 + int(mi)) * 60 + int(sec)) * 10**6 + \
        int((frac or "").ljust(6, "0")[:6] or 0)
    return (-1 if sign else 1), us, len(frac or "")


def rounded_not_truncated(p_text, m_text):
    """Whether p_text is m_text with its fraction rounded where MariaDB's was truncated: the
    same precision, one unit of the last digit further from zero."""
    a, b = _micros(p_text), _micros(m_text)
    if a is None or b is None or a[2] != b[2] or (a[0] != b[0] and b[1] != 0):
        return False
    unit = 10 ** (6 - min(a[2], 6))
    return a[1] - b[1] == unit


def _in_unixtime_64(message):
    try:
        v = Decimal(message.split("'")[1])
    except (ArithmeticError, IndexError, ValueError):
        return False
    return 2147483647 < v <= 32536771199


def _temporal_text_as_number(node):
    """IF or CASE whose values merge a date or time with text, as an argument (read as a
    number, a truth value, a CAST's operand...: MySQL asks the value taken for that, not
    the merged text)."""
    def mixed(kid):
        if kid.op not in ("IF", "CASE", "CASE x"):
            return False
        values = [v for v in value_kids(kid) if v.op != "NULL"]
        return any(_typed_temporal(v) for v in values) and \
            any(not _typed_temporal(v) for v in values)
    return any(mixed(kid) for kid in node.kids)


def _bit_of_wide_decimal(node):
    """A bit operator with a decimal literal past BIGINT's signed range as an operand (or a
    DOUBLE one: MySQL's Item_float::val_int clamps it silently)."""
    if node.op not in ("&", "|", "^", "<<", ">>", "~", "BIT_COUNT"):
        return False
    for kid in node.kids:
        text = kid.sql().replace(" ", "").strip("()")
        if re.fullmatch(r"-?\(?-?\d+(\.\d+)?([eE][-+]?\d+)?\)?", text or "x"):
            text = text.replace("(", "").replace(")", "").replace("--", "")
            try:
                if not -2**63 <= Decimal(text) < 2**63:
                    return True
            except ArithmeticError:
                continue
    return False


def _six_digits_by_mysql(p, m):
    """Whether the one column's type is the same but for six fraction digits (porpoised) to
    fewer (MariaDB), and the values the same but for the trailing zeros of the fraction."""
    return bool(p.fields and m.fields and len(p.fields) == 1 and p.fields[0][0] == m.fields[0][0] and
                p.fields[0][2] == 6 and m.fields[0][2] < 6 and p.rows is not None and
                m.rows is not None and len(p.rows) == len(m.rows) and
                all(pr == mr or (pr[0] is not None and mr[0] is not None and
                                 _same_fraction(pr[0], mr[0]))
                    for pr, mr in zip(p.rows, m.rows)))


def _beyond_double(text):
    """Whether `text` holds a number past DOUBLE's range."""
    for token in NUMBER_TOKEN.findall(text):
        try:
            if float(token) in (float("inf"), float("-inf")):
                return True
        except ValueError:
            continue
    return False


def _folded(text):
    """`text` as a _general_ci collation compares it: accents and case dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _decided_by_constant(node):
    """OR with a constant true first operand, AND with a constant false one."""
    if node.op not in ("OR", "AND") or len(node.kids) != 2 or node.kids[0].text is None:
        return False
    text = node.kids[0].text.strip("'")
    if text.upper() in ("TRUE", "FALSE"):
        value = 1.0 if text.upper() == "TRUE" else 0.0
    else:
        match = NUMBER_IN_TEXT.match(text.strip())
        try:
            value = float(match.group(0)) if match else 0.0
        except ValueError:
            return False
    return (value != 0) == (node.op == "OR") and node.kids[0].op != "NULL"


def _regexp_not_evaluated(tree):
    """Whether every regular expression function of the tree sits below a control-flow
    function, a logical operator or a comparison's later operands (where it may not be
    evaluated: a comparison reads nothing past a NULL left operand)."""
    def below(node, guarded):
        if node.op in REGEXP_OPS and not guarded and \
                node.any(lambda k: k.tag == "badregex" or k.op not in REGEXP_OPS and k.kids):
            return False
        if node.op in COMPARISONS and node.kids:
            return below(node.kids[0], guarded) and all(below(k, True) for k in node.kids[1:])
        guard = guarded or node.op in PASS_THROUGH or node.op in ("AND", "OR")
        return all(below(k, guard) for k in node.kids)
    return tree.any(lambda n: n.op in REGEXP_OPS) and below(tree, False)


def known_error(tree, p, m, stats):
    """Whether a difference in errors is MariaDB-vs-MySQL by design (see each case)."""
    pe = p.error[0] if p.error else None
    me = m.error[0] if m.error else None
    m_codes = {w[1] for w in m.warnings}
    name = None
    if pe is not None and 3685 <= pe <= 3699 and me == 1139:
        # MySQL reports ICU's regular expression errors under its own codes (3685-3699);
        # MariaDB reports PCRE's as 1139.
        name = "regexp error code"
    elif pe == 1253 and tree.any(lambda n: n.op.startswith("COLLATE ") and n.kids and
                                 n.kids[0].op == "NULL" and not n.op.endswith(" binary")):
        # NULL's character set is binary to MySQL 8.4: COLLATE names only the binary collation
        # for it (1253); MariaDB 10.11 takes any.
        name = "NULL COLLATE a text collation (MySQL: 1253)"
    elif pe == 3685 and me is None and tree.any(lambda n: n.op in REGEXP_OPS):
        # MySQL refuses an empty pattern (ICU: illegal argument, 3685); PCRE matches it.
        name = "regexp empty pattern"
    elif pe is not None and 3686 <= pe <= 3698 and me is None and \
            tree.any(lambda n: n.op in REGEXP_OPS):
        # ICU (MySQL) refuses a pattern PCRE (MariaDB) reads as literal text, such as '{}'
        # (JSON_OBJECT() as a pattern) or '[]'.
        name = "regexp ICU syntax PCRE accepts"
    elif me == 1139 and pe is None and tree.any(lambda n: n.op in REGEXP_OPS):
        # MariaDB compiles a constant pattern while preparing, so a bad one is an error even
        # where nothing reads it; MySQL compiles it when a row first needs it (CONVERT_TZ of
        # an unknown zone, IF(0, ...) never do).
        name = "regexp compiled only when read"
    elif me == 1139 and pe is not None and pe != 1139 and not 3685 <= pe <= 3699:
        # Two errors in one statement: MariaDB compiles a constant pattern while preparing, so
        # its regexp error comes first; MySQL raises whichever it meets evaluating.
        name = "regexp error first in MariaDB"
    elif pe == 1690 and me is None and p.error[1].startswith("BIGINT value is out of range") and \
            tree.any(lambda n: n.op == "DIV" and any(k.any(
                lambda x: (x.op == "col" and x.text == "db") or
                (x.op == "dbl" and _beyond_decimal(x.text))) for k in n.kids)):
        # DIV of a DOUBLE past DECIMAL's range (1e308, a sum of them): MySQL divides as
        # DECIMALs, reading the DOUBLE as the largest DECIMAL, and the quotient overflows a
        # BIGINT (Item_func_int_div::val_int, 1690); MariaDB answers a value.
        name = "DIV of a DOUBLE past DECIMAL's range overflows (MySQL)"
    elif pe == 1690 and me is None and p.error[1].startswith("BIGINT UNSIGNED value is out of range") and \
            tree.any(lambda n: n.op == "DIV" and any(
                k.any(lambda x: x.op == "col" and x.text in ("yr", "bu", "iu")) for k in n.kids)):
        # DIV beside an unsigned value (a YEAR is one to MySQL): the quotient is a BIGINT
        # UNSIGNED as either operand is, and a negative one overflows (Item_func_div_int's
        # check_integer_overflow, 1690); MariaDB's YEAR is signed, and its DIV by an unsigned
        # column answers a negative quotient.
        name = "DIV beside an unsigned value is unsigned (MySQL)"
    elif pe == 1253 and me is None and "CHARACTER SET 'binary'" in p.error[1] and \
            tree.any(lambda n: n.op.startswith("COLLATE") and
                     n.kids[0].any(lambda k: k.op == "NULL")):
        # NULL, and a string function of nothing but NULL, is a binary string to MySQL 8.4:
        # COLLATE gives it only the binary collation (1253); MariaDB lets NULL take any.
        name = "1253 for NULL COLLATE a text collation"
    elif me == 1253 and "'utf8mb3'" in m.error[1] and tree.any(lambda n: n.op == "JSON_TYPE"):
        # JSON_TYPE is utf8mb4 text to MySQL (utf8mb3 to MariaDB): COLLATE utf8mb4_... fits.
        name = "JSON_TYPE is utf8mb4"
    elif pe == 3699 and me is None and tree.any(lambda n: n.op in REGEXP_OPS):
        # ICU's backtracking stops at regexp_time_limit (3699) where PCRE finds an answer.
        name = "regexp time limit"
    elif pe == 3144 and me is None and tree.any(lambda n: n.op == "JSON_QUOTE"):
        # JSON_QUOTE of a binary string: MySQL makes no JSON of bytes (3144); MariaDB quotes
        # them as text.
        name = "3144 for JSON_QUOTE of a binary string"
    elif pe == 1690 and me is None and tree.any(_bit_over_approx):
        # A bit operator's operand through val_int (saturating at BIGINT's bounds) where
        # MariaDB takes it to BIGINT UNSIGNED: the results differ, and arithmetic on MySQL's
        # may overflow.
        name = "1690 after a bit operator over a DOUBLE, DECIMAL or string"
    elif pe == 3064 and me is None and tree.any(
            lambda n: n.op == "JSON_QUOTE" and bool(n.kids) and
            (_typed_temporal(n.kids[0]) or _kind(n.kids[0]) in ("num", "bool"))):
        # JSON_QUOTE of what is no string (a date, a number): MySQL wants a string (3064);
        # MariaDB quotes its text.
        name = "3064 for JSON_QUOTE of what is no string"
    elif me == 1690 and pe is None and tree.any(_bit_over_approx):
        # (the reverse: MariaDB's value, past BIGINT UNSIGNED's range where MySQL's saturated
        # one is not)
        name = "1690 after a bit operator over a DOUBLE, DECIMAL or string (MariaDB)"
    elif pe == 1690 and me is None and tree.any(lambda n: n.op.startswith("STDDEV") or
                                                 n.op.startswith("VAR")) and \
            tree.any(lambda n: n.op == "col" and n.text in APPROX_COLUMNS):
        # A variance past the DOUBLE range is NaN to MySQL (its running sums overflow), and
        # arithmetic on NaN is 1690 (check_float_overflow); MariaDB clamps to the largest
        # DOUBLE.
        name = "STDDEV past the DOUBLE range in arithmetic"
    elif pe == 1690 and me is None and tree.any(lambda n: n.op in ("ROUND", "TRUNCATE") and
                                                 len(n.kids) == 2 and n.kids[0].kind == "num" and
                                                 _negative_literal(n.kids[1])):
        # ROUND(bigint, -n) past the BIGINT range: MySQL 8.4 keeps an integer result for an
        # integer argument of fewer than 22 digits and raises 1690 (Item_func_round::int_op);
        # MariaDB answers a DECIMAL.
        name = "ROUND of a BIGINT to tens past its range"
    elif pe in MYSQL_JSON_ERRORS and me is None and (
            m_codes & MARIADB_JSON_WARNINGS or pe in (3146, 3154, 3158, 3165) or
            (m.rows and all(v is None for row in m.rows for v in row))):
        # MySQL raises an error for an invalid JSON argument; MariaDB warns and returns NULL
        # (or, for a NULL key, uses ""; for JSON_QUOTE of a non-string, returns NULL).
        name = f"JSON error {pe} where MariaDB warns"
    elif pe in MYSQL_JSON_ERRORS and me is not None and me not in MYSQL_JSON_ERRORS and \
            tree.any(lambda n: n.op.startswith("JSON_")):
        # Two errors in one statement: MySQL stops at its JSON error (MariaDB only warns
        # there), MariaDB goes on to another (a BIGINT out of range, a collation mix).
        name = f"JSON error {pe} where MariaDB goes on to error {me}"
    elif pe is None and me == 1253 and tree.any(
            lambda n: n.op.startswith("COLLATE") and n.kids[0].op.startswith("REGEXP_REPLACE") and
            len(n.kids[0].kids) > 2 and n.kids[0].kids[2].any(lambda k: k.op == "col" and k.text == "cl") and
            not any(k.any(lambda x: x.op == "col" and x.text == "cl") for k in n.kids[0].kids[:2])):
        # REGEXP_REPLACE takes its character set from the subject and the pattern alone
        # (Item_func_regexp::resolve_type aggregates two arguments); MariaDB counts the
        # replacement too, so a latin1 replacement makes its result latin1 (1253).
        name = "REGEXP_REPLACE's character set is the subject's and pattern's"
    elif pe is None and me == 1253 and \
            tree.any(lambda n: n.op.startswith("COLLATE") and n.kids[0].op == "SHA2" and
                     re.fullmatch(r"\(?-?\d+\)?", n.kids[0].kids[1].sql().replace(" ", "")) and
                     int(n.kids[0].kids[1].sql().strip("()").replace(" ", "")) not in (0, 224, 256, 384, 512)):
        # SHA2 with a constant length that is none: MySQL 8.4 types it as SHA-256's text in
        # the connection's character set (Item_func_sha2::resolve_type), which a utf8mb4
        # collation fits; MariaDB makes it binary (1253).
        name = "SHA2 of no length is text (COLLATE fits)"
    elif pe == 3064 and me is None and tree.any(
            lambda n: n.op in ("JSON_QUOTE", "JSON_UNQUOTE") and n.kids and
            n.kids[0].kind not in ("str", "json")):
        # JSON_QUOTE and JSON_UNQUOTE of what is no string (a number, a date): MySQL refuses
        # the type (3064, Item_func_json_quote::val_str); MariaDB quotes its text.
        name = "JSON error 3064 for JSON_QUOTE/UNQUOTE of what is no string"
    elif pe in MYSQL_JSON_ERRORS and me is None and \
            tree.any(lambda n: n.tag in ("badjson", "badpath", "wildpath")):
        # A text that is not JSON by RFC 8259 ('[01]', '[1] x') or a path MySQL does not have
        # ('$[-1]': MariaDB counts from the end): MySQL refuses it (3141, 3143, 3149), MariaDB
        # reads what it can.
        name = f"JSON error {pe} for what MariaDB reads leniently"
    elif pe == 1525 and me is None and tree.any(lambda n: n.op in COMPARISONS or n.op == "NULLIF") and \
            tree.any(lambda n: n.kind in TEMPORAL):
        # MySQL 8 refuses a constant that cannot be a date or time when it is compared with a
        # temporal value (ER_WRONG_VALUE, 1525), NULLIF's comparison too; MariaDB compares it
        # (with warning 1292, or as a string).
        name = "1525 for an invalid temporal constant in a comparison"
    elif pe == 1690 and me is None and tree.any(
            lambda n: n.op in ("+", "-", "*") and n.any(lambda k: k.kind in TEMPORAL)):
        # A temporal value without fractional seconds is an integer in MySQL's arithmetic
        # (numeric_context_result_type), so with an unsigned operand the arithmetic is
        # unsigned and a negative result is out of range (1690); MariaDB computes in DECIMAL.
        name = "1690 for temporal arithmetic with an unsigned operand"
    elif pe is None and me in (1267, 1270) and "latin1" in m.error[1]:
        # latin1 beside utf8mb4 of equal coercibility: MySQL 8 converts to utf8mb4, its
        # superset; MariaDB refuses the mix (1267).
        name = "1267 latin1 beside utf8mb4"
    elif pe is None and me == 1253 and "CHARACTER SET 'utf8mb3'" in m.error[1]:
        # MariaDB's JSON functions answer utf8mb3 text (COLLATE utf8mb4_* is refused there);
        # MySQL's answer utf8mb4.
        name = "MariaDB's utf8mb3 JSON text"
    elif pe == 1690 and me is None and p.error[1].startswith("BIGINT value is out of range in '-("):
        # MySQL refuses to negate a BIGINT UNSIGNED above 2^63 (Item_func_neg); MariaDB gives
        # a DECIMAL.
        name = "1690 negating a large unsigned value"
    elif pe is None and me == 1139 and _regexp_not_evaluated(tree):
        # MariaDB compiles a constant pattern when it prepares the statement; MySQL when it
        # evaluates the function (Item_func_regexp::set_pattern), so not in a branch that is
        # not taken.
        name = "1139 for a pattern MySQL does not evaluate"
    elif pe is None and me == 1271 and ("'json_" in m.error[1] or tree.any(
            lambda n: n.op == "col" and n.text == "cl" or "latin1" in n.op)):
        # Three or more collations met: MySQL's JSON functions take each argument as it is
        # (no aggregation), and beside latin1 MySQL 8 converts to utf8mb4 (see 1267 above);
        # MariaDB aggregates and refuses the mix (1271).
        name = "1271 JSON arguments or latin1 among three collations"
    elif pe == 3064 and me in (None, 1267, 1270) and tree.any(
            lambda n: n.op == "JSON_QUOTE" and n.kids and n.kids[0].kind != "str"):
        # JSON_QUOTE of a number or a temporal value: MySQL refuses it (ER_INCORRECT_TYPE, 3064,
        # Item_func_json_quote::val_str takes only strings); MariaDB quotes its text.
        name = "3064 JSON_QUOTE of what is no string"
    elif pe == 1210 and me is None and tree.any(lambda n: n.op in ("PERIOD_ADD", "PERIOD_DIFF")):
        # A period whose month is not 1..12 (or not positive): MySQL 8.4 refuses it (1210,
        # valid_period); MariaDB computes with it.
        name = "1210 for a period that is none"
    elif {pe, me} == {1105, 1525}:
        # Two errors in one statement, both raised while resolving it (an XPath syntax error,
        # 1105, and a constant that cannot be a date in a comparison, 1525): each server
        # reports the one its walk over the expression meets first.
        name = "XPath 1105 and temporal 1525: which first"
    elif pe is None and me == 1253 and tree.any(
            lambda n: n.op.startswith("COLLATE ") and n.kids[0].kind in NON_STRING_KINDS):
        # COLLATE over a number or a temporal value: MySQL gives those the numeric derivation,
        # which takes any collation (Item_func_set_collation::resolve_type); MariaDB holds them
        # to the connection's character set and refuses another's collation.
        name = "COLLATE over a number or temporal value"
    elif pe is None and me == 1690 and tree.any(
            lambda n: n.op in ("+", "-", "*") and n.any(lambda k: k.kind in TEMPORAL) and
            n.any(lambda k: k.tag in ("ubigint", "intdec"))):
        # A temporal value beside an integer past BIGINT's signed range: MySQL computes in
        # BIGINT UNSIGNED (a DATE or TIME without fraction is an integer to its arithmetic)
        # or DECIMAL (a literal past 2^64); MariaDB raises 1690.
        name = "MariaDB 1690 for temporal arithmetic with a large integer"
    elif pe is None and me == 1690 and "BIGINT UNSIGNED" in m.error[1] and \
            tree.any(lambda n: n.op == "col" and n.text == "ts"):
        # MariaDB's TIMESTAMP column is UNSIGNED (see the metadata rule), so its arithmetic is
        # in BIGINT UNSIGNED and a negative result overflows; MySQL's is signed.
        name = "MariaDB 1690 for arithmetic on an UNSIGNED TIMESTAMP"
    if name:
        stats[name] = stats.get(name, 0) + 1
        return True
    return False


NON_STRING_KINDS = ("num", "bool", "date", "datetime", "time")


def _negative_literal(node):
    """Whether `node` is a negative number as written: "-1", "(-1)" or a negation of one."""
    if node.op == "neg" and node.kids and node.kids[0].text is not None:
        return True
    return (node.text or "").lstrip("(").startswith("-")


def _kind(node):
    """node's kind as MySQL types its value, whatever the place it was made for: MIN or MAX
    of text is text; date arithmetic is of its first argument's type (a DATE moved by a unit
    of the clock a DATETIME), text when that is no date or time."""
    if node.op in ("MIN", "MAX") and node.kind in TEMPORAL and node.kids and \
            not _typed_temporal(node.kids[0]):
        return "str"
    if node.op.startswith(DATE_ARITH_PREFIXES[:6]) and node.kids:
        if not _typed_temporal(node.kids[0]):
            return "str"
        base = _kind(node.kids[0])
        unit = node.op.split()[-1]
        if base == "date" and unit not in ("days", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "YEAR_MONTH"):
            return "datetime"
        return base
    return node.kind


def _in_strings_dates(node):
    if node.op not in ("IN", "NOT IN"):
        return False
    kinds = {_kind(kid) for kid in node.kids if kid.op != "NULL"}
    return "str" in kinds and bool(kinds & {"date", "datetime"}) and \
        kinds <= {"str", "date", "datetime"}


def _in_mixed(node):
    if node.op not in ("IN", "NOT IN"):
        return False
    kinds = {_kind(kid) for kid in node.kids if kid.op != "NULL"}
    return "str" in kinds and ("num" in kinds or "bool" in kinds)


def _next_second(number):
    """The integer hhmmss (or yyyymmddhhmmss) one second after `number`'s, or None."""
    text = str(number)
    try:
        if len(text) <= 7 or text.startswith("-"):
            sign = -1 if text.startswith("-") else 1
            n = abs(int(text))
            h, m, sec = n // 10000, n // 100 % 100, n % 100
            sec += 1
            if sec == 60:
                sec, m = 0, m + 1
            if m == 60:
                m, h = 0, h + 1
            return sign * (h * 10000 + m * 100 + sec)
        moment = datetime.datetime.strptime(text, "%Y%m%d%H%M%S") + datetime.timedelta(seconds=1)
        return int(moment.strftime("%Y%m%d%H%M%S"))
    except (ValueError, OverflowError):
        return None


DATED_FUNCTIONS = ("MAKEDATE", "LAST_DAY", "FROM_DAYS", "DATE", "CONVERT_TZ", "TIMESTAMP",
                   "FROM_UNIXTIME", "CAST AS DATE", "CAST AS DATETIME")


def _typed_dated(node):
    """Whether MySQL types node's value as a DATE, DATETIME or TIMESTAMP."""
    if node.op == "col":
        return node.text in TEMPORAL_COLUMNS["date"] + TEMPORAL_COLUMNS["datetime"]
    if node.op in ("DATE lit", "TIMESTAMP lit") or node.op in DATED_FUNCTIONS:
        return True
    if node.op in ("MIN", "MAX") or node.op.startswith(DATE_ARITH_PREFIXES[:8]):
        return bool(node.kids) and _typed_dated(node.kids[0])
    return False


def _timediff_beside_date(node):
    return node.op == "TIMEDIFF" and any(_typed_dated(kid) for kid in node.kids)


WHOLE_DATE_READERS = ("TIMESTAMPDIFF", "DATEDIFF", "WEEK", "YEARWEEK", "TO_DAYS", "TO_SECONDS",
                      "DAYOFWEEK", "WEEKDAY", "DAYOFYEAR", "DAYNAME", "WEEKOFYEAR")


def _whole_date_of_zero(node):
    """A reader of a whole date over MIN/MAX of a date column or over FROM_DAYS."""
    if node.op.split()[0] not in WHOLE_DATE_READERS:
        return False
    return any((k.op in ("MIN", "MAX") and k.kids and _typed_dated(k.kids[0])) or k.op == "FROM_DAYS"
               for k in node.kids)


def _between_time_as_text(node):
    if node.op not in ("BETWEEN", "NOT BETWEEN") or len(node.kids) != 3:
        return False
    kinds = [_kind(kid) for kid in node.kids]
    subject = node.kids[0]
    time_column = subject.op == "col" and subject.text in TEMPORAL_COLUMNS["time"]
    return "time" in kinds and "str" in kinds and not time_column and \
        not any(kind in ("date", "datetime", "num", "bool") for kind in kinds)


def _days_hours_past_range(message):
    """Whether a 1292 quotes a 'D hh...' time of more than 838 hours."""
    found = re.fullmatch(r"Truncated incorrect time value: '-?(\d+) +(\d+)[^']*'", message)
    return bool(found) and int(found.group(1)) * 24 + int(found.group(2)) > 838


def _recomputed_by_mariadb(node):
    """NULLIF, JSON_ARRAYAGG, or date arithmetic (or a function reading a date) over date
    arithmetic."""
    if node.op in ("NULLIF", "JSON_ARRAYAGG"):
        return True
    readers = DATE_ARITH_PREFIXES + ("CONVERT_TZ", "TIMESTAMP", "DATE", "LAST_DAY")
    return node.op.startswith(readers) and any(
        k.any(lambda n: n.op.startswith(DATE_ARITH_PREFIXES)) for k in node.kids)


TEMPORAL_FUNCTIONS = ("MAKEDATE", "LAST_DAY", "FROM_DAYS", "DATE", "CONVERT_TZ", "TIMESTAMP",
                      "FROM_UNIXTIME", "MAKETIME", "SEC_TO_TIME", "TIMEDIFF", "TIME",
                      "STR_TO_DATE", "CAST AS DATE", "CAST AS DATETIME", "CAST AS TIME")


def _typed_temporal(node):
    """Whether MySQL types node's value as a DATE, DATETIME or TIME (not text)."""
    if node.op == "col":
        return any(node.text in cols for cols in TEMPORAL_COLUMNS.values())
    if node.op in ("DATE lit", "TIMESTAMP lit", "TIME lit") or node.op in TEMPORAL_FUNCTIONS:
        return True
    if node.op in PASS_THROUGH:  # (IF, COALESCE, ... of such values alone)
        values = [v for v in value_kids(node) if v.op != "NULL"]
        return bool(values) and all(_typed_temporal(v) for v in values)
    return node.op.startswith(DATE_ARITH_PREFIXES[:6]) and bool(node.kids) and \
        _typed_temporal(node.kids[0])


def _drop_mariadb_datetime_warnings(p, m, quoted, hit, name):
    """Drops MariaDB's 1292 "Incorrect datetime value" warnings whose text matches `quoted`
    and that porpoised does not say (MySQL is silent there)."""
    kept = [w for w in m.warnings
            if not (w[1] == "1292" and w not in p.warnings and
                    re.fullmatch(r"Incorrect datetime value: '%s'" % quoted, w[2]))]
    if len(kept) != len(m.warnings):
        m.warnings = kept
        hit(name)


def _nodes(node):
    """The node and every node below it."""
    yield node
    for kid in node.kids:
        yield from _nodes(kid)


def _same_warnings_more_often(more, fewer):
    """Whether `more` holds the warnings of `fewer`, each as often or more, and not the same
    counts."""
    more_count, fewer_count = collections.Counter(map(tuple, more)), collections.Counter(map(tuple, fewer))
    return set(more_count) == set(fewer_count) and more_count != fewer_count and \
        all(more_count[w] >= n for w, n in fewer_count.items())


def _text_date_arith(node):
    """Date arithmetic of what is no date or time (a string, a number): MySQL types its value
    as text."""
    if node.op.startswith("TIMESTAMPADD") and len(node.kids) == 2:  # (the date last)
        return not _typed_temporal(node.kids[1])
    return node.op.startswith(DATE_ARITH_PREFIXES[:6]) and bool(node.kids) and \
        not _typed_temporal(node.kids[0])


def _text_date_constant_beside_date(node):
    """A comparison of a date with text date arithmetic that constants alone compute."""
    if node.op not in ("=", "<>", "<", "<=", ">", ">=", "<=>", "IN", "NOT IN") or \
            len(node.kids) != 2:
        return False
    for dated, text in (node.kids, node.kids[::-1]):
        if dated.kind in ("date", "datetime") and _typed_temporal(dated) and \
                _text_date_arith(text) and not text.any(lambda n: is_col(n) or is_agg(n)):
            return True
    return False


def _time_only_str_to_date(node):
    """STR_TO_DATE with a literal format of time parts alone: MySQL's result is a TIME."""
    if node.op != "STR_TO_DATE" or len(node.kids) < 2 or node.kids[1].text is None:
        return False
    return not re.search(r"%[aDdbcejMmUuVvWwXxYy]", node.kids[1].text)


def _shift_by_large_count(node):
    """A shift whose count may pass 32 bits: a column, or a literal of 2^32 or more."""
    if node.op not in ("<<", ">>") or len(node.kids) != 2:
        return False
    count = node.kids[1]
    if count.op == "col":
        return count.text in ("bu", "bi", "iu")
    if count.op == "neg":  # a negative count is past 2^63 as the unsigned MySQL reads
        return True
    text = (count.text or "").strip("()")
    return bool(re.fullmatch(r"-?\d+", text)) and (int(text) >= 2 ** 32 or int(text) < 0)


def _time_beside_big_number(node):
    if node.op not in COMPARISONS and node.op not in ("NULLIF", "CASE x"):
        return False
    if not any(k.kind == "time" or _time_only_str_to_date(k) for k in node.kids):
        return False
    for k in node.kids:
        text = k.text if k.text is not None else \
            k.sql().replace(" ", "").strip("()") if k.op == "neg" else None
        if text is not None and NUMBER_TOKEN.fullmatch(text.strip("()").lstrip("-")):
            try:
                if abs(float(text.strip("()"))) > 8385959:
                    return True
            except ValueError:
                pass
    return False


def _time_text_read_as_date(node):
    """Date arithmetic or a date reader over ADDTIME/SUBTIME of something not a datetime."""
    readers = DATE_ARITH_PREFIXES[:6] + ("DATEDIFF", "DAYNAME", "DAYOFWEEK", "DAYOFYEAR",
                                         "WEEKDAY", "TO_DAYS", "TIMESTAMPDIFF", "WEEK", "YEARWEEK",
                                         "DATE_FORMAT", "TO_SECONDS", "WEEKOFYEAR")
    return node.op.startswith(readers) and any(
        k.op in ("ADDTIME", "SUBTIME") and k.kids and k.kids[0].kind != "datetime"
        for k in node.kids)


def _timediff_read_as_date(node):
    """A node reading a TIMEDIFF as a date or datetime."""
    readers = ("TIMESTAMP", "DATE", "DATEDIFF", "WEEK", "YEARWEEK", "WEEKOFYEAR", "DAYNAME",
               "DAYOFWEEK", "DAYOFYEAR", "WEEKDAY", "TO_DAYS", "TO_SECONDS", "LAST_DAY",
               "TIMESTAMPDIFF", "CONVERT_TZ", "UNIX_TIMESTAMP")
    return (node.op in readers or node.op.startswith(("CAST AS DATE", "TIMESTAMPDIFF "))) \
        and any(k.op == "TIMEDIFF" for k in node.kids)


def _compared_kids(node):
    """The operands a comparison, NULLIF or CASE x compares (CASE x: its subject and WHEN
    values, not its results)."""
    if node.op == "CASE x":  # x, WHEN w THEN v ... [ELSE e]
        return [node.kids[0]] + node.kids[1:len(node.kids) - (len(node.kids) - 1) % 2:2]
    return node.kids


def _date_beside_number(node):
    if node.op not in COMPARISONS and node.op not in ("NULLIF", "CASE x"):
        return False
    kinds = {kid.kind for kid in _compared_kids(node)}
    return bool(kinds & {"date", "datetime"}) and bool(kinds & {"num", "bool"})


def _close_numbers(a, b):
    """Whether two printed numbers name the same value to a DOUBLE's precision."""
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return x == y or abs(x - y) <= 1e-15 * max(abs(x), abs(y))


def _json_set_value_computed(node):
    """JSON_SET or JSON_REPLACE with a value that is computed (not a literal); the pairs are
    "pv" nodes of a path and a value."""
    if node.op not in ("JSON_SET", "JSON_REPLACE"):
        return False
    values = [k.kids[1] for k in node.kids[1:] if k.op == "pv" and len(k.kids) == 2]
    return any(v.kids for v in (values or node.kids[2::2]))


def _past_2_63(node):
    """The BIGINT UNSIGNED column, or a literal whose whole part is past BIGINT's range."""
    if node.op == "col":
        return node.text == "bu"
    if node.text is None or not re.fullmatch(r"-?\d+(\.\d*)?", node.text.strip("()")):
        return False
    return abs(int(node.text.strip("()").split(".")[0])) >= 2 ** 63


def _time_beside_number(node):
    if node.op not in COMPARISONS and node.op not in ("NULLIF", "CASE x"):
        return False
    kinds = {kid.kind for kid in _compared_kids(node)}
    return "time" in kinds and bool(kinds & {"num", "bool"})


def _time_beside_text(node, literal):
    """A comparison of a TIME with text: a string literal (literal) or other text (IN of one
    value is =)."""
    if node.op not in ("=", "<>", "<", "<=", ">", ">=", "<=>", "NULLIF", "IN", "NOT IN") or \
            len(node.kids) != 2:
        return False
    # (IFNULL, COALESCE, ... of nothing but text is text, whatever kind the generator gave it;
    # date arithmetic of text is text too)
    def texty(kid):
        return _kind(kid) == "str" or _text_date_arith(kid) or \
            (kid.op in PASS_THROUGH and bool(value_kids(kid)) and
             any(_kind(v) == "str" for v in value_kids(kid)))
    kinds = [_kind(kid) for kid in node.kids]
    ops = [kid.op for kid in node.kids]
    return any(kinds[i] == "time" and ops[i] != "str" and texty(node.kids[1 - i]) and
               not (node.kids[i].op in PASS_THROUGH and texty(node.kids[i])) and
               (ops[1 - i] == "str") == literal for i in (0, 1))


def _least_mixed(node):
    if node.op not in ("GREATEST", "LEAST"):
        return False
    kinds = {kid.kind for kid in node.kids}
    temporal = {"date", "datetime", "time"}
    return len(kinds) > 1 and ("str" in kinds or (kinds & temporal and kinds - temporal))


NUMBER_IN_TEXT = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


NUMBER_ONLY = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def same_text_but_doubles(a, b):
    """True when `a` and `b` differ only in numbers that name the same DOUBLE, at least one
    of them in exponent form (a DOUBLE printed shortest or in full inside a string)."""
    a_parts, b_parts = NUMBER_IN_TEXT.split(a), NUMBER_IN_TEXT.split(b)
    a_nums, b_nums = NUMBER_IN_TEXT.findall(a), NUMBER_IN_TEXT.findall(b)
    if a_parts == b_parts and len(a_nums) == len(b_nums):
        differ = [(x, y) for x, y in zip(a_nums, b_nums) if x != y]
        if differ and all(("e" in x.lower() or "e" in y.lower()) and same_double(x, y)
                          for x, y in differ):
            return True
    # A number glued to digits before it ('2000-01-01' then 1.5e-7): compare the tails after
    # the longest common start, moved back over the digits they share.
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    for k in range(common, max(common - 25, -1), -1):
        x, y = a[k:], b[k:]
        if x != y and ("e" in x.lower() or "e" in y.lower()) and \
                NUMBER_ONLY.fullmatch(x) and NUMBER_ONLY.fullmatch(y) and same_double(x, y):
            return True
    return False


def same_decimal(a, b):
    """The same exact number written with other trailing zeros (1.50 and 1.500)."""
    try:
        return Decimal(a) == Decimal(b)
    except ArithmeticError:
        return False


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


def compare(tree, mode, p, m, raw=False, stats=None, strict_order=False):
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
        if not raw and known_error(tree, p, m, stats):
            return [], None
        return [Diff("error", (pe, me), f"error {pe or 'none'} vs {me or 'none'}")], None
    if pe is not None:
        return [], None
    if raw:
        suppressed = None
    else:
        p, m, suppressed = normalise(tree, mode, p, m, stats)
    diffs = []
    # Text (a column that is not binary) in bytes that are not UTF-8 is a finding when only
    # one server sends it.
    if p.decode and not m.decode:
        diffs.append(Diff("protocol", ("porpoised", "non-UTF-8 value"),
                          "porpoised sent a value that is not valid UTF-8"))
    if m.decode and not p.decode and not suppressed:
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
    # The same warnings in another order are porpoised's own known difference, not MariaDB's:
    # constants folded while binding warn before the rows do, SQLite groups rows after sorting
    # them (MySQL reads them in scan order), and operands are computed bottom-up. Counted apart;
    # --warning-order compares the order too.
    if p.warnings != m.warnings and not strict_order and \
            sorted(map(tuple, p.warnings)) == sorted(map(tuple, m.warnings)):
        stats["porpoised's known difference: the same warnings in another order"] = \
            stats.get("porpoised's known difference: the same warnings in another order", 0) + 1
    elif p.warnings != m.warnings:
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


def known_metadata_difference(tree, mode, p, m):
    """Whether MariaDB's column definition for tree differs from MySQL's in a way a known
    difference explains (normalise() rewrites its type, length or decimals): a function over
    tree then inherits that difference (in its type, length, decimals or nullability). A LONG
    that MySQL calls LONGLONG (same length) and a string's fixed decimals do not change what a
    function over it derives."""
    if p.error or m.error or not m.fields or not p.fields:
        return False
    _, nm, suppressed = normalise(tree, mode, p, m, {})
    if suppressed:
        return True

    def core(fields):
        out = []
        for type_code, length, decimals, flags, _ in fields:
            if type_code == LONG:
                type_code = LONGLONG
            if decimals == 39 or type_code in STRING_TYPES:
                decimals = 31
            out.append((type_code, length, decimals, flags & 1))  # (and NOT NULL)
        return out
    return core(nm.fields) != core(m.fields)


def known_difference(category, tree, mode, p, m):
    """Whether tree's outcomes differ in `category` in a way a known difference explains
    (the caller knows the normalised comparison found none of that category)."""
    if category == "metadata":
        return known_metadata_difference(tree, mode, p, m)
    if category == "value":
        prows, mrows = p.rows or [], m.rows or []
        if mode == "group":
            prows, mrows = sorted(prows, key=repr), sorted(mrows, key=repr)
        return prows != mrows
    return list(map(tuple, p.warnings)) != list(map(tuple, m.warnings))


def argument_kids(node):
    """The arguments of node that are expressions of their own (a key-value or path-value
    pair stands for its two halves)."""
    for kid in node.kids:
        if kid.op in ("kv", "pv"):
            yield from kid.kids
        else:
            yield kid


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
        """Runs the statement on both servers: (sql, p, m, diffs, suppressed, msql), msql being
        what MariaDB ran (where a node has a MariaDB rendering, not the same text)."""
        sql = query_for(tree, mode)
        hit = self.cache.get(sql)
        if hit is not None:
            return hit
        msql = query_for(tree, mode, "mariadb")
        p = self.porp.run(sql)
        m = self.maria.run(msql)
        diffs, suppressed = compare(tree, mode, p, m, raw=self.args.raw, stats=self.stats,
                                    strict_order=self.args.raw or self.args.warning_order)
        result = (sql, p, m, diffs, suppressed, msql)
        for d in diffs:
            # A lost connection or a crash is recorded where it happens, minimising included,
            # and the statement is not run again.
            if lost_connection(d):
                self.record(d, d, tree, sql, p, m, msql=msql)
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
                # (a key-value or path-value pair is part of its function's syntax, not a value)
                candidates = [k for k in node.kids if k.op not in ("kv", "pv")]
                if node.minargs is not None and len(node.kids) > node.minargs:
                    candidates += [node.copy_with(node.kids[:i] + node.kids[i + 1:])
                                   for i in range(len(node.kids))]
                for cand in candidates:
                    if budget <= 0:
                        break
                    new = best.replace(path, cand)
                    new_mode = mode_for(new, best_mode)
                    budget -= 1
                    diffs = self.evaluate(new, new_mode)[3]
                    if any(d.key() == target for d in diffs):
                        best, best_mode, progress = new, new_mode, True
                        break
                if progress or budget <= 0:
                    break
        return best, best_mode

    def difference_source(self, tree, mode, category, depth=0):
        """Where a difference of `category` (metadata, value, warnings) in tree comes from, as
        MySQL computes a function from its arguments: ("known", None) when an argument already
        differs in that way by a known MariaDB-vs-MySQL difference (the function then works
        on other inputs on each server), ("argument", (node, mode)) when an argument already
        differs unexplained (node the deepest such argument), (None, None) when the arguments
        agree and the function itself differs."""
        if depth > 8 or self.out_of_time():
            return None, None
        for kid in argument_kids(tree):
            kid_mode = mode_for(kid, mode)
            _, p, m, diffs, suppressed, _ = self.evaluate(kid, kid_mode)
            if p.error or m.error:
                continue
            own = any(d.category == category for d in diffs)
            if suppressed or (not own and known_difference(category, kid, kid_mode, p, m)):
                return "known", None
            # (an argument of another value by a known difference: the function works on
            # other input, and may warn otherwise)
            if category == "warnings":
                if any(d.category == "value" for d in diffs):
                    if self.difference_source(kid, kid_mode, "value", depth + 1)[0] == "known":
                        return "known", None
                elif known_difference("value", kid, kid_mode, p, m):
                    return "known", None
            if own:
                source, deeper = self.difference_source(kid, kid_mode, category, depth + 1)
                if source == "known":
                    return "known", None
                return "argument", deeper or (kid, kid_mode)
        return None, None

    def check(self, index, tree, mode):
        self.index = index
        self.expressions += 1
        sql, p, m, diffs, suppressed, _ = self.evaluate(tree, mode)
        if suppressed:
            self.suppressed += 1
        # A function's column definition, value and warnings follow its arguments': a
        # difference an argument already has is that argument's finding (or a known
        # difference), not the function's.
        origin = {}
        for category in ("metadata", "value", "warnings"):
            if self.args.raw or not any(d.category == category for d in diffs):
                continue
            source, node = self.difference_source(tree, mode, category)
            if source is None:
                continue
            kept = [d for d in diffs if d.category != category]
            if source == "known":
                name = f"{category} inherited from a known difference of an argument"
                self.stats[name] = self.stats.get(name, 0) + 1
            else:
                for d in self.evaluate(*node)[3]:
                    if d.category == category:
                        kept.append(d)
                        origin[id(d)] = node
            diffs = kept
        if not diffs:
            return
        self.disagreeing += 1
        for d in diffs:
            if lost_connection(d):
                continue  # recorded by evaluate()
            key = d.key()
            done = self.minimised.get(key, 0)
            small, small_mode = origin.get(id(d), (tree, mode))
            # Minimise every finding of a new kind; later ones of a well-known kind less often.
            # (Lost connections and crashes are not minimised: each try may restart a server.)
            if not self.args.no_minimise and d.category != "protocol" and \
                    (done < 40 or random.Random(index).random() < 0.2):
                small, small_mode = self.minimise(small, small_mode, key)
                self.minimised[key] = done + 1
            s_sql, sp, sm, sdiffs, _, s_msql = self.evaluate(small, small_mode)
            sd = next((x for x in sdiffs if x.key() == key), d)
            self.record(d, sd, small, s_sql, sp, sm, original_sql=sql, msql=s_msql)

    def record(self, d, sd, small, s_sql, sp, sm, original_sql=None, msql=None):
        """Adds one finding: d as first seen, sd as seen on the (minimised) statement s_sql
        (msql: what MariaDB ran instead, where that differs)."""
        self.findings.append({
            "seed": self.args.seed, "index": self.index, "category": d.category,
            "sig": list(d.sig), "detail": sd.detail, "sql": s_sql,
            "original_sql": original_sql or s_sql, "shape": small.shape(),
            "size": small.size(), "porpoised": sp.as_json(), "mariadb": sm.as_json(),
        })
        if msql and msql != s_sql:
            self.findings[-1]["mariadb_sql"] = msql
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
          f"not compared (a by-design difference no rewrite undoes): {f.suppressed}")
    if f.porp.restarts or f.maria.restarts:
        print(f"server restarts: porpoised {f.porp.restarts}, MariaDB {f.maria.restarts}")
    own = {k: v for k, v in f.stats.items() if k.startswith("porpoised's known difference")}
    if f.stats and not args.raw:
        print("known differences normalised: " +
              ", ".join(f"{k} x{v}" for k, v in sorted(f.stats.items()) if k not in own))
    for k, v in sorted(own.items()):
        print(f"{k}: {v} expressions")
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
        if "mariadb_sql" in x:
            print(f"    (MariaDB ran: {x['mariadb_sql']})")
        print(f"    {x['detail']}")
        print(f"    porpoised: {describe(x['porpoised'], x['category'])}")
        print(f"    mariadb:   {describe(x['mariadb'], x['category'])}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for x in f.findings:
                out.write(json.dumps(x, ensure_ascii=False) + "\n")
        print(f"\n{len(f.findings)} findings written to {args.out}")


def show(sql, p, m, diffs, suppressed, msql=None):
    """Prints one statement with both servers' answers and what differs."""
    print(sql)
    if msql and msql != sql:
        print(f"  (MariaDB ran: {msql})")
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
        diffs, suppressed = compare(tree, "const", p, m, raw=fuzzer.args.raw,
                                    strict_order=fuzzer.args.raw or fuzzer.args.warning_order)
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
    ap.add_argument("--families", default=",".join(FAMILIES),
                    help="the function families to generate from, comma-separated (default: "
                         "all of " + ",".join(FAMILIES) + ")")
    ap.add_argument("--out", help="write every finding to this JSONL file")
    ap.add_argument("--examples", type=int, default=30,
                    help="how many of the smallest distinct examples to print (default 30)")
    ap.add_argument("--no-minimise", action="store_true", help="report expressions as generated")
    ap.add_argument("--minimise-budget", type=int, default=150,
                    help="statement pairs one minimisation may spend (default 150)")
    ap.add_argument("--raw", action="store_true",
                    help="do not normalise the known MariaDB-vs-MySQL differences")
    ap.add_argument("--warning-order", action="store_true",
                    help="compare the order of the warnings too (by default the same warnings in "
                         "another order are counted apart, porpoised's own known difference)")
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
    args.families = [f.strip() for f in args.families.split(",") if f.strip()]
    unknown = [f for f in args.families if f not in FAMILIES]
    if unknown or not args.families:
        ap.error(f"--families: unknown {','.join(unknown) or '(none given)'}; "
                 f"choose from {','.join(FAMILIES)}")

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
                print(f"note: table t reads back differently ({d.category}): {d.detail[:3000]}")

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
            tree, mode = generate(args.seed, index, args.depth, args.families)
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
