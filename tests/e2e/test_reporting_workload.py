# A small shop's reporting workload, run on porpoised and on MariaDB 10.11 side by side: the
# same generated data (customers, products, orders with a JSON column, order lines; a fixed
# seed) loaded into both with multi-row INSERTs, then the reports an application asks for
# (CTEs and a recursive calendar, window functions, WITH ROLLUP, date, string and JSON
# functions, DECIMAL money arithmetic, CASE, subqueries, HAVING, LIMIT), each compared row by
# row with MariaDB's answer.
#
# Rows are fetched as text. Only presentation differences MariaDB documents are normalised:
# JSON values are compared parsed (MariaDB keeps JSON text as written, MySQL normalises key
# order and spacing; numbers keep their text, so a DECIMAL's scale still counts), DOUBLE
# results with a relative tolerance of 1e-9; DECIMAL text, dates, strings and NULLs must match
# exactly. Every query orders its rows totally (ties broken by
# keys). The reports avoid where MariaDB 10.11 and MySQL 8.4 differ on purpose: no GROUPING(),
# ORDER BY outside WITH ROLLUP (MariaDB refuses it beside ROLLUP), no ->/->>, MEMBER OF,
# JSON_TABLE or JSON_VALUE, JSON_ARRAYAGG only where element order cannot show, GROUP_CONCAT
# results shorter than MySQL's group_concat_max_len (1024; MariaDB's is 1M), and both sessions
# in MySQL 8.4's default sql_mode with utf8mb4_general_ci (present on both servers).
#
# A report that porpoised answers differently from MySQL 8.4 stays in the list and is named in
# EXPECTED_FAILURES with the reason, until the engine catches up.
import json
import math
import random
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pymysql
import pytest
from pymysql import converters
from pymysql.constants import FIELD_TYPE

from harness import IS_PORPOISE, MARIADBD, missing

# The comparison's reference is MariaDB itself: against MariaDB the suite would compare it
# with itself.
pytestmark = pytest.mark.porpoise_only

DATABASE = "shop"
SEED = 20240517
SQL_MODE = ("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION")
ROWS_PER_INSERT = 250

SCHEMA = [
    f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
    f"USE {DATABASE}",
    "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL,"
    " country CHAR(2) NOT NULL, signup DATE NOT NULL, tier VARCHAR(10) NOT NULL,"
    " KEY by_country (country))",
    "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
    " category VARCHAR(20) NOT NULL, price DECIMAL(10,2) NOT NULL)",
    "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL,"
    " order_date DATETIME NOT NULL, status VARCHAR(12) NOT NULL, attributes JSON NOT NULL,"
    " KEY by_customer (customer_id), KEY by_date (order_date),"
    " FOREIGN KEY (customer_id) REFERENCES customers (id))",
    "CREATE TABLE order_items (order_id INT NOT NULL, line_no INT NOT NULL,"
    " product_id INT NOT NULL, qty INT NOT NULL, unit_price DECIMAL(10,2) NOT NULL,"
    " discount DECIMAL(4,2) NOT NULL DEFAULT 0.00, PRIMARY KEY (order_id, line_no),"
    " KEY by_product (product_id), FOREIGN KEY (order_id) REFERENCES orders (id),"
    " FOREIGN KEY (product_id) REFERENCES products (id))",
]

FIRST_NAMES = ["Anna", "Ben", "Chloé", "David", "Emma", "Felix", "Greta", "Hugo", "Ines",
               "Jonas", "Karin", "Liam", "Marta", "Noah", "Olga", "Pablo", "Quinn", "Rosa",
               "Sven", "Tara", "Ugo", "Vera", "Will", "Yusuf", "Zoë"]
LAST_NAMES = ["Müller", "Smith", "O'Brien", "García", "Rossi", "Dubois", "Jansen", "Berg",
              "Novak", "Silva", "Kowalski", "Nakamura", "Ivanova", "Costa", "Larsen"]
COUNTRIES = ["DE", "FR", "US", "GB", "ES", "IT", "NL", "SE"]
TIERS = ["bronze", "silver", "gold"]
CATEGORIES = ["books", "games", "garden", "kitchen", "toys"]
STATUSES = ["delivered", "shipped", "cancelled", "returned", "pending"]
CHANNELS = ["web", "app", "store"]
COUPONS = ["SPRING10", "WELCOME5", "VIP20", "BLACKFRIDAY"]
TAGS = ["gift", "vip", "express", "bulk", "first"]
DISCOUNTS = [Decimal("0.00")] * 6 + [Decimal("0.05"), Decimal("0.10"), Decimal("0.15"),
                                     Decimal("0.25")]


def shop_rows():
    """The shop's rows, table by table, the same on every run."""
    rng = random.Random(SEED)
    customers = []
    for cid in range(1, 201):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        signup = date(2021, 1, 1) + timedelta(days=rng.randrange(1277))  # to mid-2024
        customers.append((cid, name, rng.choice(COUNTRIES), signup.isoformat(),
                          rng.choices(TIERS, weights=[6, 3, 1])[0]))
    products = []
    for pid in range(1, 51):
        category = CATEGORIES[(pid - 1) % len(CATEGORIES)]
        price = Decimal(rng.randrange(199, 30000)) / 100
        products.append((pid, f"{category.title()} item {pid:02d}", category, str(price)))
    prices = {p[0]: Decimal(p[3]) for p in products}
    # Customers 186-200 never order; the others with weights of their own.
    buyers = list(range(1, 186))
    weights = [rng.uniform(0.2, 3.0) for _ in buyers]
    start = datetime(2023, 1, 1)
    orders, items = [], []
    for oid in range(1, 3001):
        when = start + timedelta(seconds=rng.randrange(731 * 86400))
        attributes = {"channel": rng.choices(CHANNELS, weights=[5, 3, 2])[0],
                      "coupon": rng.choice(COUPONS) if rng.random() < 0.3 else None,
                      "tags": rng.sample(TAGS, rng.choices([0, 1, 2, 3], weights=[4, 3, 2, 1])[0])}
        keys = list(attributes)
        rng.shuffle(keys)  # written in any order, spaced either way
        separators = rng.choice([(",", ":"), (", ", ": ")])
        document = json.dumps({k: attributes[k] for k in keys}, separators=separators)
        orders.append((oid, rng.choices(buyers, weights=weights)[0],
                       when.strftime("%Y-%m-%d %H:%M:%S"),
                       rng.choices(STATUSES, weights=[70, 10, 8, 5, 7])[0], document))
        lines = rng.choices([1, 2, 3, 4, 5], weights=[25, 25, 25, 15, 10])[0]
        for line_no, pid in enumerate(rng.sample(range(1, 51), lines), start=1):
            unit_price = prices[pid]
            if rng.random() < 0.15:  # a sale price
                unit_price = (unit_price * Decimal("0.9")).quantize(Decimal("0.01"), ROUND_HALF_UP)
            items.append((oid, line_no, pid, rng.randint(1, 5), str(unit_price),
                          str(rng.choice(DISCOUNTS))))
    return {"customers": customers, "products": products, "orders": orders,
            "order_items": items}


def load_shop(server, rows):
    with server.root(read_timeout=120) as conn, conn.cursor() as cur:
        for statement in SCHEMA:
            cur.execute(statement)
        for table, table_rows in rows.items():
            width = len(table_rows[0])
            for at in range(0, len(table_rows), ROWS_PER_INSERT):
                chunk = table_rows[at:at + ROWS_PER_INSERT]
                values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(chunk))
                cur.execute(f"INSERT INTO {table} VALUES {values}",
                            [value for row in chunk for value in row])


# (name, SQL, the result columns holding JSON)
QUERIES = [
    ("customers_as_loaded",
     "SELECT id, name, country, signup, tier FROM customers ORDER BY id", ()),
    ("products_as_loaded",
     "SELECT id, name, category, price FROM products ORDER BY id", ()),
    ("orders_as_loaded",
     "SELECT id, customer_id, order_date, status, attributes FROM orders ORDER BY id",
     ("attributes",)),
    ("order_items_as_loaded",
     "SELECT order_id, line_no, product_id, qty, unit_price, discount FROM order_items"
     " ORDER BY order_id, line_no", ()),

    # A calendar of months, wider than the orders, with each month's net revenue.
    ("calendar_revenue", """
        WITH RECURSIVE calendar (month_start) AS (
          SELECT CAST('2022-11-01' AS DATE)
          UNION ALL
          SELECT DATE_ADD(month_start, INTERVAL 1 MONTH) FROM calendar
          WHERE month_start < '2025-02-01'
        ),
        revenue AS (
          SELECT DATE_FORMAT(o.order_date, '%Y-%m') AS ym, COUNT(DISTINCT o.id) AS orders,
                 SUM(oi.qty * oi.unit_price * (1 - oi.discount)) AS net
          FROM orders o JOIN order_items oi ON oi.order_id = o.id
          WHERE o.status <> 'cancelled'
          GROUP BY ym
        )
        SELECT DATE_FORMAT(c.month_start, '%Y-%m') AS month,
               DATE_FORMAT(c.month_start, '%b %Y') AS label, LAST_DAY(c.month_start) AS last_day,
               COALESCE(r.orders, 0) AS orders, COALESCE(ROUND(r.net, 2), 0) AS net_revenue
        FROM calendar c LEFT JOIN revenue r ON r.ym = DATE_FORMAT(c.month_start, '%Y-%m')
        ORDER BY c.month_start""", ()),

    ("running_totals", """
        WITH monthly AS (
          SELECT YEAR(o.order_date) AS y, MONTH(o.order_date) AS m,
                 SUM(oi.qty * oi.unit_price) AS gross
          FROM orders o JOIN order_items oi ON oi.order_id = o.id
          WHERE o.status IN ('delivered', 'shipped')
          GROUP BY y, m
        )
        SELECT y, m, gross,
               SUM(gross) OVER (ORDER BY y, m) AS running_total,
               SUM(gross) OVER (PARTITION BY y ORDER BY m) AS year_to_date,
               LAG(gross) OVER (ORDER BY y, m) AS previous_month,
               LEAD(gross) OVER (ORDER BY y, m) AS next_month,
               ROUND(100 * (gross - LAG(gross, 12) OVER (ORDER BY y, m))
                     / LAG(gross, 12) OVER (ORDER BY y, m), 2) AS yoy_pct
        FROM monthly ORDER BY y, m""", ()),

    ("moving_average", """
        WITH daily AS (
          SELECT DATE(order_date) AS d, COUNT(*) AS orders FROM orders
          WHERE order_date >= '2024-06-01' AND order_date < '2024-08-01'
          GROUP BY d
        )
        SELECT d, orders,
               ROUND(AVG(orders) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2)
                 AS avg3,
               SUM(orders) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS sum3,
               MAX(orders) OVER (ORDER BY d ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING) AS max7
        FROM daily ORDER BY d""", ()),

    ("top_customers_by_country", """
        WITH spend AS (
          SELECT c.id, c.name, c.country, SUM(oi.qty * oi.unit_price) AS total
          FROM customers c JOIN orders o ON o.customer_id = c.id
          JOIN order_items oi ON oi.order_id = o.id
          WHERE o.status <> 'cancelled'
          GROUP BY c.id, c.name, c.country
        )
        SELECT country, id, name, total, rn, rnk, overall FROM (
          SELECT country, id, name, total,
                 ROW_NUMBER() OVER (PARTITION BY country ORDER BY total DESC, id) AS rn,
                 RANK() OVER (PARTITION BY country ORDER BY total DESC) AS rnk,
                 DENSE_RANK() OVER (ORDER BY total DESC) AS overall
          FROM spend
        ) ranked
        WHERE rn <= 3 ORDER BY country, rn""", ()),

    # Ranked on revenue rounded to hundreds, so that ties show.
    ("product_ranks", """
        WITH sold AS (
          SELECT p.id, p.category, p.name, COALESCE(SUM(oi.qty), 0) AS units,
                 ROUND(COALESCE(SUM(oi.qty * oi.unit_price), 0), -3) AS band
          FROM products p LEFT JOIN order_items oi ON oi.product_id = p.id
          GROUP BY p.id, p.category, p.name
        )
        SELECT category, id, name, units, band,
               RANK() OVER w AS rnk, DENSE_RANK() OVER w AS dense,
               ROW_NUMBER() OVER (PARTITION BY category ORDER BY band DESC, id) AS rn,
               PERCENT_RANK() OVER w AS pct_rank, CUME_DIST() OVER w AS cume,
               NTILE(3) OVER (ORDER BY units DESC, id) AS third
        FROM sold
        WINDOW w AS (PARTITION BY category ORDER BY band DESC)
        ORDER BY category, rn""", ()),

    ("customer_value_quartiles", """
        WITH ltv AS (
          SELECT c.id, c.tier, COALESCE(SUM(oi.qty * oi.unit_price), 0) AS value
          FROM customers c
          LEFT JOIN orders o ON o.customer_id = c.id AND o.status <> 'cancelled'
          LEFT JOIN order_items oi ON oi.order_id = o.id
          GROUP BY c.id, c.tier
        ),
        q AS (SELECT id, tier, value, NTILE(4) OVER (ORDER BY value, id) AS quartile FROM ltv)
        SELECT quartile, COUNT(*) AS customers, MIN(value) AS low, MAX(value) AS high,
               ROUND(AVG(value), 2) AS mean, SUM(tier = 'gold') AS gold
        FROM q GROUP BY quartile ORDER BY quartile""", ()),

    ("country_tier_rollup", """
        SELECT COALESCE(r.country, 'ALL') AS country, COALESCE(r.tier, 'all tiers') AS tier,
               r.customers, r.orders, r.revenue
        FROM (
          SELECT c.country, c.tier, COUNT(DISTINCT c.id) AS customers,
                 COUNT(DISTINCT o.id) AS orders, SUM(oi.qty * oi.unit_price) AS revenue
          FROM customers c JOIN orders o ON o.customer_id = c.id
          JOIN order_items oi ON oi.order_id = o.id
          GROUP BY c.country, c.tier WITH ROLLUP
        ) r
        ORDER BY r.country IS NULL, r.country, r.tier IS NULL, r.tier""", ()),

    # The same with the grouped columns named by aliases.
    ("country_tier_rollup_aliased", """
        SELECT COALESCE(r.country, 'ALL') AS country, COALESCE(r.tier, 'all tiers') AS tier,
               r.customers, r.orders, r.revenue
        FROM (
          SELECT c.country AS country, c.tier AS tier, COUNT(DISTINCT c.id) AS customers,
                 COUNT(DISTINCT o.id) AS orders, SUM(oi.qty * oi.unit_price) AS revenue
          FROM customers c JOIN orders o ON o.customer_id = c.id
          JOIN order_items oi ON oi.order_id = o.id
          GROUP BY c.country, c.tier WITH ROLLUP
        ) r
        ORDER BY r.country IS NULL, r.country, r.tier IS NULL, r.tier""", ()),

    ("year_quarter_rollup", """
        SELECT COALESCE(CAST(r.y AS CHAR), 'total') AS year,
               COALESCE(CONCAT('Q', r.q), 'year') AS quarter, r.orders, r.net
        FROM (
          SELECT YEAR(o.order_date) AS y, QUARTER(o.order_date) AS q, COUNT(*) AS orders,
                 SUM(t.net) AS net
          FROM orders o JOIN (
            SELECT order_id, ROUND(SUM(qty * unit_price * (1 - discount)), 2) AS net
            FROM order_items GROUP BY order_id
          ) t ON t.order_id = o.id
          GROUP BY YEAR(o.order_date), QUARTER(o.order_date) WITH ROLLUP
        ) r
        ORDER BY r.y IS NULL, r.y, r.q IS NULL, r.q""", ()),

    ("channel_mix", """
        SELECT JSON_UNQUOTE(JSON_EXTRACT(attributes, '$.channel')) AS channel,
               COUNT(*) AS orders,
               SUM(JSON_TYPE(JSON_EXTRACT(attributes, '$.coupon')) = 'STRING') AS with_coupon,
               ROUND(100 * COUNT(*) / (SELECT COUNT(*) FROM orders), 2) AS share_pct,
               SUM(status = 'returned') AS returned
        FROM orders GROUP BY channel ORDER BY channel""", ()),

    ("coupon_effect", """
        SELECT JSON_UNQUOTE(JSON_EXTRACT(o.attributes, '$.coupon')) AS coupon,
               COUNT(DISTINCT o.id) AS orders,
               ROUND(SUM(oi.qty * oi.unit_price * oi.discount), 2) AS discount_given,
               ROUND(AVG(oi.discount), 4) AS avg_discount
        FROM orders o JOIN order_items oi ON oi.order_id = o.id
        GROUP BY coupon HAVING COUNT(DISTINCT o.id) >= 20
        ORDER BY coupon""", ()),

    ("tag_counts", """
        SELECT t.tag, COUNT(o.id) AS orders, SUM(o.status = 'cancelled') AS cancelled
        FROM (SELECT 'bulk' AS tag UNION ALL SELECT 'express' UNION ALL SELECT 'gift'
              UNION ALL SELECT 'vip' UNION ALL SELECT 'none-such') t
        LEFT JOIN orders o ON JSON_CONTAINS(o.attributes, JSON_QUOTE(t.tag), '$.tags')
        GROUP BY t.tag ORDER BY orders DESC, t.tag""", ()),

    ("tag_list_lengths", """
        SELECT JSON_LENGTH(attributes, '$.tags') AS n_tags, JSON_LENGTH(attributes) AS n_keys,
               COUNT(*) AS orders,
               SUM(JSON_CONTAINS(attributes, '["gift", "express"]', '$.tags')) AS gift_express
        FROM orders GROUP BY n_tags, n_keys ORDER BY n_tags, n_keys""", ()),

    ("vip_paths", """
        SELECT id, JSON_SEARCH(attributes, 'one', 'vip', NULL, '$.tags') AS vip_path,
               JSON_EXTRACT(attributes, '$.tags') AS tags,
               JSON_EXTRACT(attributes, '$.tags[0]') AS first_tag,
               JSON_UNQUOTE(JSON_EXTRACT(attributes, '$.coupon')) AS coupon
        FROM orders WHERE JSON_SEARCH(attributes, 'one', 'vip') IS NOT NULL
        ORDER BY id LIMIT 25""", ("vip_path", "tags", "first_tag")),

    ("tier_summary_json", """
        SELECT c.tier,
               JSON_OBJECT('tier', c.tier, 'customers', COUNT(DISTINCT c.id),
                           'orders', COUNT(o.id), 'countries', COUNT(DISTINCT c.country),
                           'first', MIN(o.order_date) IS NOT NULL) AS summary
        FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
        GROUP BY c.tier ORDER BY c.tier""", ("summary",)),

    # JSON_ARRAYAGG's element order is unspecified in MySQL: one-element groups, or sizes.
    ("single_line_orders_json", """
        SELECT oi.order_id,
               JSON_ARRAYAGG(JSON_OBJECT('product', oi.product_id, 'qty', oi.qty,
                                         'price', oi.unit_price)) AS items
        FROM order_items oi GROUP BY oi.order_id HAVING COUNT(*) = 1
        ORDER BY oi.order_id LIMIT 30""", ("items",)),

    ("category_arrayagg", """
        SELECT category, COUNT(*) AS products, JSON_LENGTH(JSON_ARRAYAGG(id)) AS listed,
               JSON_CONTAINS(JSON_ARRAYAGG(id), JSON_ARRAY(MIN(id), MAX(id))) AS has_ends
        FROM products GROUP BY category ORDER BY category""", ()),

    ("order_size_buckets", """
        WITH totals AS (
          SELECT o.id, o.status, SUM(oi.qty * oi.unit_price * (1 - oi.discount)) AS total
          FROM orders o JOIN order_items oi ON oi.order_id = o.id
          GROUP BY o.id, o.status
        )
        SELECT CASE WHEN total < 100 THEN 'a: under 100'
                    WHEN total < 500 THEN 'b: 100-499'
                    WHEN total < 1000 THEN 'c: 500-999'
                    ELSE 'd: 1000+' END AS bucket,
               COUNT(*) AS orders,
               SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END) AS delivered,
               SUM(CASE status WHEN 'cancelled' THEN 1 WHEN 'returned' THEN 1 ELSE 0 END) AS lost,
               ROUND(SUM(total), 2) AS value
        FROM totals GROUP BY bucket ORDER BY bucket""", ()),

    ("customer_tenure", """
        SELECT c.id, c.signup, MIN(o.order_date) AS first_order, MAX(o.order_date) AS last_order,
               DATEDIFF(MIN(o.order_date), c.signup) AS days_to_first,
               TIMESTAMPDIFF(MONTH, c.signup, MAX(o.order_date)) AS months_active,
               TIMESTAMPDIFF(HOUR, MIN(o.order_date), MAX(o.order_date)) AS hours_span,
               DATE_ADD(c.signup, INTERVAL 30 DAY) AS trial_end,
               DATE_ADD(MAX(o.order_date), INTERVAL -90 MINUTE) AS before_last,
               DAYNAME(MIN(o.order_date)) AS first_weekday, QUARTER(c.signup) AS signup_quarter
        FROM customers c JOIN orders o ON o.customer_id = c.id
        GROUP BY c.id, c.signup ORDER BY c.id LIMIT 40""", ()),

    ("weekday_pattern", """
        SELECT DAYOFWEEK(order_date) AS dow, DAYNAME(order_date) AS day, COUNT(*) AS orders,
               SUM(HOUR(order_date) < 12) AS mornings, MIN(TIME(order_date)) AS earliest,
               MAX(TIME(order_date)) AS latest
        FROM orders GROUP BY dow, day ORDER BY dow""", ()),

    ("weeks_of_march", """
        SELECT WEEK(order_date) AS wk, WEEK(order_date, 3) AS iso_wk,
               MIN(DATE(order_date)) AS first_day, COUNT(*) AS orders,
               DATE_FORMAT(MIN(order_date), '%a %d %b %H:%i') AS first_label
        FROM orders
        WHERE order_date >= STR_TO_DATE('01/03/2024', '%d/%m/%Y')
          AND order_date < DATE_ADD(STR_TO_DATE('01/03/2024', '%d/%m/%Y'), INTERVAL 1 MONTH)
        GROUP BY wk, iso_wk ORDER BY wk, iso_wk""", ()),

    ("order_product_lists", """
        SELECT o.id, c.name,
               GROUP_CONCAT(p.name ORDER BY p.name, oi.line_no SEPARATOR ' | ') AS products,
               GROUP_CONCAT(DISTINCT p.category ORDER BY p.category) AS categories,
               GROUP_CONCAT(oi.qty ORDER BY oi.line_no SEPARATOR '+') AS qtys
        FROM orders o JOIN customers c ON c.id = o.customer_id
        JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id
        WHERE o.id BETWEEN 100 AND 180
        GROUP BY o.id, c.name HAVING COUNT(*) >= 3
        ORDER BY o.id""", ()),

    ("customer_labels", """
        SELECT CONCAT('C-', LPAD(id, 5, '0')) AS code,
               SUBSTRING_INDEX(name, ' ', 1) AS first_name,
               SUBSTRING_INDEX(name, ' ', -1) AS last_name,
               CONCAT_WS(' / ', country, UPPER(tier), NULL, name) AS label,
               LOWER(CONCAT(SUBSTRING_INDEX(name, ' ', 1), '.', id, '@example.com')) AS email,
               LENGTH(name) AS bytes, CHAR_LENGTH(name) AS chars
        FROM customers ORDER BY last_name, first_name, id LIMIT 40""", ()),

    ("invoice_totals", """
        SELECT id, subtotal, discount, ROUND((subtotal - discount) * 0.19, 2) AS vat,
               subtotal - discount + ROUND((subtotal - discount) * 0.19, 2) AS total,
               subtotal / units AS avg_unit, ROUND(subtotal / units, 3) AS avg_unit_3
        FROM (
          SELECT o.id, SUM(oi.qty * oi.unit_price) AS subtotal,
                 SUM(ROUND(oi.qty * oi.unit_price * oi.discount, 2)) AS discount,
                 SUM(oi.qty) AS units
          FROM orders o JOIN order_items oi ON oi.order_id = o.id
          WHERE o.status = 'delivered'
          GROUP BY o.id
        ) invoices
        ORDER BY total DESC, id LIMIT 20""", ()),

    ("big_spenders", """
        SELECT c.id, c.name, COUNT(DISTINCT o.id) AS orders,
               SUM(oi.qty * oi.unit_price) AS spent
        FROM customers c JOIN orders o ON o.customer_id = c.id
        JOIN order_items oi ON oi.order_id = o.id
        GROUP BY c.id, c.name
        HAVING SUM(oi.qty * oi.unit_price) > 1.5 * (
          SELECT SUM(i.qty * i.unit_price) / COUNT(DISTINCT r.customer_id)
          FROM order_items i JOIN orders r ON r.id = i.order_id)
        ORDER BY spent DESC, c.id""", ()),

    ("customer_segments", """
        SELECT c.country, COUNT(*) AS customers,
               SUM(NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id))
                 AS never_ordered,
               SUM(c.id IN (SELECT o.customer_id FROM orders o
                            JOIN order_items oi ON oi.order_id = o.id
                            JOIN products p ON p.id = oi.product_id
                            WHERE p.category = 'garden')) AS garden_buyers,
               SUM(c.id NOT IN (SELECT customer_id FROM orders WHERE status = 'cancelled'))
                 AS never_cancelled
        FROM customers c GROUP BY c.country ORDER BY c.country""", ()),

    ("repeat_buyer_histogram", """
        SELECT CONCAT(LPAD(n DIV 5 * 5, 2, '0'), '-', LPAD(n DIV 5 * 5 + 4, 2, '0')) AS band,
               COUNT(*) AS customers, MIN(n) AS fewest, MAX(n) AS most
        FROM (SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id) per_customer
        GROUP BY band HAVING COUNT(*) > 1 ORDER BY band""", ()),

    ("latest_order_per_customer", """
        SELECT customer_id, id, order_date, status FROM (
          SELECT customer_id, id, order_date, status,
                 ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC, id DESC)
                   AS rn
          FROM orders
        ) latest
        WHERE rn = 1 ORDER BY order_date DESC, id LIMIT 25""", ()),

    ("gaps_between_orders", """
        WITH seq AS (
          SELECT customer_id, order_date,
                 LAG(order_date) OVER (PARTITION BY customer_id ORDER BY order_date, id) AS prev
          FROM orders
        )
        SELECT c.tier, COUNT(seq.prev) AS gaps,
               ROUND(AVG(DATEDIFF(seq.order_date, seq.prev)), 2) AS avg_days,
               MAX(TIMESTAMPDIFF(DAY, seq.prev, seq.order_date)) AS longest
        FROM seq JOIN customers c ON c.id = seq.customer_id
        GROUP BY c.tier ORDER BY c.tier""", ()),

    # DOUBLE results. MariaDB prints STDDEV and VARIANCE of an exact argument rounded to its
    # scale + 4 digits (MySQL: the whole double), hence the arguments made DOUBLE first.
    ("quantity_statistics", """
        SELECT p.category, COUNT(*) AS n_lines, AVG(oi.qty) AS avg_qty,
               STDDEV_POP(oi.qty * 1e0) AS sd_qty, VAR_SAMP(oi.unit_price * 1e0) AS var_price,
               SUM(oi.qty * 1e0 * oi.unit_price) AS float_revenue
        FROM order_items oi JOIN products p ON p.id = oi.product_id
        GROUP BY p.category ORDER BY p.category""", ()),

    ("top_products_page", """
        SELECT p.id, p.name, p.category, p.price, SUM(oi.qty) AS units,
               SUM(oi.qty * oi.unit_price) AS revenue
        FROM products p JOIN order_items oi ON oi.product_id = p.id
        GROUP BY p.id, p.name, p.category, p.price
        ORDER BY revenue DESC, p.id LIMIT 10 OFFSET 5""", ()),

    ("signup_cohorts", """
        SELECT CONCAT(YEAR(c.signup), '-Q', QUARTER(c.signup)) AS cohort,
               COUNT(DISTINCT c.id) AS customers,
               COUNT(DISTINCT CASE WHEN TIMESTAMPDIFF(MONTH, c.signup, o.order_date)
                                        BETWEEN 0 AND 5 THEN c.id END) AS active_6m
        FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
        GROUP BY cohort ORDER BY cohort""", ()),
]

# name -> why porpoised's answer differs from MySQL 8.4's (and MariaDB's), for now.
EXPECTED_FAILURES = {
}

# Column values as the server sent them (text), with PyMySQL's parameter encoders kept.
TEXT_CONV = {key: value for key, value in converters.conversions.items()
             if not isinstance(key, int)}
DOUBLE_TYPES = (FIELD_TYPE.DOUBLE, FIELD_TYPE.FLOAT)


@pytest.fixture(scope="module")
def shops(module_servers):
    """Porpoised and MariaDB with the same shop loaded; a text-fetching session on each."""
    if not Path(MARIADBD).exists():
        missing(f"mariadbd not found at {MARIADBD} (Debian's mariadb-server, or set MARIADBD)")
    porpoise = module_servers.started()
    mariadb = module_servers.new("mariadb")
    mariadb.initialize()
    mariadb.start()
    rows = shop_rows()
    sessions = {}
    for name, server in (("porpoised", porpoise), ("mariadb", mariadb)):
        load_shop(server, rows)
        conn = server.root(database=DATABASE, conv=TEXT_CONV, read_timeout=60)
        with conn.cursor() as cur:
            cur.execute("SET NAMES utf8mb4 COLLATE utf8mb4_general_ci")
            cur.execute(f"SET SESSION sql_mode = '{SQL_MODE}'")
        sessions[name] = conn
    yield sessions
    for conn in sessions.values():
        conn.close()


def fetch(server, conn, name, sql):
    """(column name, type) pairs and the rows, as text; an error fails the report."""
    with conn.cursor() as cur:
        try:
            cur.execute(sql)
        except pymysql.MySQLError as error:
            pytest.fail(f"{name}: {server} refused the report: {error.args}", pytrace=False)
        return [(d[0], d[1]) for d in cur.description], [tuple(r) for r in cur.fetchall()]


def json_value(text):
    """A JSON text parsed: objects compare whatever their key order and spacing; numbers keep
    their text (a DECIMAL's scale shows: 169.90 is not 169.9) and true is not 1."""
    def tagged(value):
        if isinstance(value, bool):
            return ("boolean", value)
        if isinstance(value, dict):
            return {key: tagged(item) for key, item in value.items()}
        if isinstance(value, list):
            return [tagged(item) for item in value]
        return value
    return tagged(json.loads(text, parse_int=lambda s: ("number", s),
                             parse_float=lambda s: ("number", s)))


def same_value(ours, theirs, kind):
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if kind == "json":
        return json_value(ours) == json_value(theirs)
    if kind == "double":
        return math.isclose(float(ours), float(theirs), rel_tol=1e-9)
    return ours == theirs


def params():
    for name, _, _ in QUERIES:
        marks = []
        if IS_PORPOISE and name in EXPECTED_FAILURES:
            marks.append(pytest.mark.xfail(reason=EXPECTED_FAILURES[name]))
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", params())
def test_report_matches_mariadb(shops, name):
    sql, json_columns = next((q[1], q[2]) for q in QUERIES if q[0] == name)
    their_columns, theirs = fetch("mariadb", shops["mariadb"], name, sql)
    columns, ours = fetch("porpoised", shops["porpoised"], name, sql)
    names = [c[0] for c in columns]
    assert names == [c[0] for c in their_columns], f"{name}: column names differ"
    kinds = ["json" if column in json_columns
             else "double" if ours_type in DOUBLE_TYPES or theirs_type in DOUBLE_TYPES
             else "text"
             for column, ours_type, theirs_type in
             zip(names, (c[1] for c in columns), (c[1] for c in their_columns))]
    assert set(json_columns) <= set(names), f"{name}: no column {set(json_columns) - set(names)}"
    assert theirs, f"{name}: MariaDB returned no rows; the report checks nothing"
    for number, (row, other) in enumerate(zip(ours, theirs), start=1):
        if not all(same_value(a, b, kind) for a, b, kind in zip(row, other, kinds)):
            pytest.fail(f"{name}: row {number} of {len(theirs)} differs\n"
                        f"  columns:   {names}\n  porpoised: {row}\n  mariadb:   {other}",
                        pytrace=False)
    assert len(ours) == len(theirs), (
        f"{name}: porpoised returned {len(ours)} rows, MariaDB {len(theirs)}; first extra: "
        f"{(ours if len(ours) > len(theirs) else theirs)[min(len(ours), len(theirs))]}")
