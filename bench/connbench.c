/* connbench: the client side of bench/compare.py, on libmariadb so that the measured cost is
 * the server's, not a Python driver's. Built by compare.py at run time:
 *   cc -O2 -o connbench connbench.c $(pkg-config --cflags --libs libmariadb)
 *
 *   connbench connect HOST PORT USER PASSWORD SECONDS
 *       connect + authenticate + SELECT 1 + close, in a loop for SECONDS;
 *       prints "<completed> <elapsed seconds> <errors>"
 *   connbench rtt HOST PORT USER PASSWORD COUNT
 *       one connection, COUNT times SELECT 1; prints "<median us> <p99 us> <min us>"
 *   connbench point HOST PORT USER PASSWORD COUNT
 *   connbench prepared HOST PORT USER PASSWORD COUNT
 *       one connection, COUNT times SELECT c FROM bench.sbtest WHERE id = <random 1..10000>
 *       (the table compare.py creates); prints "<median us> <p99 us> <min us>"
 *   connbench update|prepared-update HOST PORT USER PASSWORD COUNT
 *       one connection, COUNT times UPDATE bench.sbtest SET k = k + 1 WHERE id = <random>
 *   connbench insert|prepared-insert HOST PORT USER PASSWORD COUNT
 *       one connection, COUNT times INSERT INTO bench.inserted (k, c) VALUES (<n>, '<text>')
 *   The writes run with autocommit off and COMMIT every 200 statements (not timed), so that
 *   the figure is the statement's cost rather than a commit's fsync.
 *   connbench ping HOST - - - COUNT
 *       the loopback floor under the rtt mode: a child process echoes on a TCP socket on HOST,
 *       and one connection sends it COUNT times a 13-byte packet (the size of SELECT 1's) and
 *       waits for it back, timed as rtt times a query; prints "<median us> <p99 us> <min us>"
 *   connbench hold HOST PORT USER PASSWORD COUNT
 *       opens COUNT connections, each running SELECT 1, prints "<served> <errors>", keeps
 *       them open until its standard input closes, then closes them
 */
#include <mysql.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Opens a TCP connection without TLS; returns NULL (and prints why) on failure. */
static MYSQL *open_connection(const char *host, unsigned port, const char *user,
                              const char *password) {
  MYSQL *conn = mysql_init(NULL);
  if (conn == NULL) return NULL;
  unsigned protocol = MYSQL_PROTOCOL_TCP;
  mysql_optionsv(conn, MYSQL_OPT_PROTOCOL, &protocol);
  if (mysql_real_connect(conn, host, user, password, NULL, port, NULL, 0) == NULL) {
    fprintf(stderr, "connect: %u %s\n", mysql_errno(conn), mysql_error(conn));
    mysql_close(conn);
    return NULL;
  }
  return conn;
}

/* A server-side prepared statement of `sql`; NULL (the connection closed, and why printed)
   on failure. */
static MYSQL_STMT *prepare_statement(MYSQL *conn, const char *sql) {
  MYSQL_STMT *stmt = mysql_stmt_init(conn);
  if (stmt == NULL || mysql_stmt_prepare(stmt, sql, (unsigned long)strlen(sql)) != 0) {
    fprintf(stderr, "prepare: %s\n", stmt ? mysql_stmt_error(stmt) : "no memory");
    if (stmt) mysql_stmt_close(stmt);
    mysql_close(conn);
    return NULL;
  }
  return stmt;
}

/* Runs SELECT 1 and checks the answer; returns 0 on success. */
static int select_one(MYSQL *conn) {
  if (mysql_real_query(conn, "SELECT 1", 8) != 0) {
    fprintf(stderr, "query: %u %s\n", mysql_errno(conn), mysql_error(conn));
    return -1;
  }
  MYSQL_RES *res = mysql_store_result(conn);
  if (res == NULL) return -1;
  MYSQL_ROW row = mysql_fetch_row(res);
  int ok = row != NULL && row[0] != NULL && strcmp(row[0], "1") == 0;
  mysql_free_result(res);
  return ok ? 0 : -1;
}

/* Runs a point select of row `id` of bench.sbtest and checks a row came back. */
static int point_select(MYSQL *conn, unsigned id) {
  char sql[96];
  int length = snprintf(sql, sizeof sql, "SELECT c FROM bench.sbtest WHERE id = %u", id);
  if (mysql_real_query(conn, sql, (unsigned long)length) != 0) {
    fprintf(stderr, "query: %u %s\n", mysql_errno(conn), mysql_error(conn));
    return -1;
  }
  MYSQL_RES *res = mysql_store_result(conn);
  if (res == NULL) return -1;
  MYSQL_ROW row = mysql_fetch_row(res);
  int ok = row != NULL && row[0] != NULL;
  mysql_free_result(res);
  return ok ? 0 : -1;
}

/* The same with a server-side prepared statement (binary protocol), prepared once. */
static int prepared_point_select(MYSQL_STMT *stmt, unsigned id) {
  long long key = id;
  MYSQL_BIND param;
  memset(&param, 0, sizeof param);
  param.buffer_type = MYSQL_TYPE_LONGLONG;
  param.buffer = &key;
  char value[128];
  unsigned long length = 0;
  MYSQL_BIND result;
  memset(&result, 0, sizeof result);
  result.buffer_type = MYSQL_TYPE_STRING;
  result.buffer = value;
  result.buffer_length = sizeof value;
  result.length = &length;
  if (mysql_stmt_bind_param(stmt, &param) != 0 || mysql_stmt_execute(stmt) != 0 ||
      mysql_stmt_bind_result(stmt, &result) != 0) {
    fprintf(stderr, "execute: %u %s\n", mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
    return -1;
  }
  int ok = mysql_stmt_fetch(stmt) == 0;
  while (mysql_stmt_fetch(stmt) == 0) {
  }
  return ok ? 0 : -1;
}

static int run_connect(const char *host, unsigned port, const char *user, const char *pw,
                       double seconds) {
  long done = 0, errors = 0;
  double start = now_seconds(), elapsed = 0;
  while ((elapsed = now_seconds() - start) < seconds) {
    MYSQL *conn = open_connection(host, port, user, pw);
    if (conn == NULL) {
      if (++errors > 100) break;
      continue;
    }
    if (select_one(conn) != 0) ++errors; else ++done;
    mysql_close(conn);
  }
  printf("%ld %.6f %ld\n", done, elapsed, errors);
  return errors > 100 ? 1 : 0;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts COUNT microsecond samples and prints their median, p99 and minimum. */
static void print_samples(double *samples, long count) {
  qsort(samples, (size_t)count, sizeof(double), compare_doubles);
  printf("%.1f %.1f %.1f\n", samples[count / 2], samples[count * 99 / 100], samples[0]);
}

/* Reads exactly `length` bytes; returns 0 on success. */
static int read_fully(int fd, char *buffer, size_t length) {
  size_t got = 0;
  while (got < length) {
    ssize_t n = read(fd, buffer + got, length - got);
    if (n <= 0) return -1;
    got += (size_t)n;
  }
  return 0;
}

/* The loopback floor: a child process echoes whatever arrives on one TCP connection, and
   COUNT round trips of a 13-byte packet (a COM_QUERY of SELECT 1) are timed the way run_rtt
   times a query, after the same 100 warm-up round trips. Both ends set TCP_NODELAY, as
   libmariadb and the servers do. */
static int run_ping(const char *host, long count) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = 0;
  socklen_t address_length = sizeof address;
  int one = 1;
  if (listener < 0 || inet_pton(AF_INET, host, &address.sin_addr) != 1 ||
      bind(listener, (struct sockaddr *)&address, sizeof address) != 0 ||
      listen(listener, 1) != 0 ||
      getsockname(listener, (struct sockaddr *)&address, &address_length) != 0) {
    perror("ping: listen");
    return 1;
  }
  pid_t child = fork();
  if (child < 0) {
    perror("ping: fork");
    return 1;
  }
  if (child == 0) {
    int peer = accept(listener, NULL, NULL);
    if (peer < 0) _exit(1);
    setsockopt(peer, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char buffer[256];
    ssize_t n;
    while ((n = read(peer, buffer, sizeof buffer)) > 0) {
      if (write(peer, buffer, (size_t)n) != n) _exit(1);
    }
    _exit(0);
  }
  close(listener);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    perror("ping: connect");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 1;
  }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  static const char packet[13] = {9, 0, 0, 0, 3, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1'};
  char reply[sizeof packet];
  double *samples = calloc((size_t)count, sizeof(double));
  int rc = samples == NULL;
  for (long i = -100; i < count && rc == 0; ++i) { /* the first 100 warm up */
    double t0 = now_seconds();
    if (write(fd, packet, sizeof packet) != (ssize_t)sizeof packet ||
        read_fully(fd, reply, sizeof reply) != 0) {
      perror("ping: echo");
      rc = 1;
    } else if (i >= 0) {
      samples[i] = (now_seconds() - t0) * 1e6;
    }
  }
  if (rc == 0) print_samples(samples, count);
  free(samples);
  close(fd);
  waitpid(child, NULL, 0);
  return rc;
}

/* Opens COUNT connections that each run SELECT 1 and stay open; prints how many were served
   and how many failed, then waits for standard input to close before closing them. */
static int run_hold(const char *host, unsigned port, const char *user, const char *pw,
                    long count) {
  MYSQL **conns = calloc((size_t)count, sizeof(MYSQL *));
  if (conns == NULL) return 1;
  long served = 0, errors = 0;
  for (long i = 0; i < count; ++i) {
    conns[i] = open_connection(host, port, user, pw);
    if (conns[i] != NULL && select_one(conns[i]) == 0) ++served; else ++errors;
  }
  printf("%ld %ld\n", served, errors);
  fflush(stdout);
  char buffer[64];
  while (read(0, buffer, sizeof buffer) > 0) {
  }
  for (long i = 0; i < count; ++i) {
    if (conns[i] != NULL) mysql_close(conns[i]);
  }
  free(conns);
  return errors == 0 ? 0 : 1;
}

/* COUNT timed queries on one connection: SELECT 1, or point selects when `point` (1: text,
   2: a prepared statement). */
static int run_rtt(const char *host, unsigned port, const char *user, const char *pw,
                   long count, int point) {
  MYSQL *conn = open_connection(host, port, user, pw);
  if (conn == NULL) return 1;
  MYSQL_STMT *stmt = NULL;
  if (point == 2 &&
      (stmt = prepare_statement(conn, "SELECT c FROM bench.sbtest WHERE id = ?")) == NULL) {
    return 1;
  }
  double *samples = calloc((size_t)count, sizeof(double));
  if (samples == NULL) return 1;
  unsigned seed = 42;
  for (long i = 0; i < 100 && i < count; ++i) { /* warm-up */
    unsigned id = 1 + (unsigned)rand_r(&seed) % 10000;
    if (point == 2) prepared_point_select(stmt, id);
    else if (point) point_select(conn, id);
    else select_one(conn);
  }
  for (long i = 0; i < count; ++i) {
    unsigned id = 1 + (unsigned)rand_r(&seed) % 10000;
    double t0 = now_seconds();
    int rc = point == 2 ? prepared_point_select(stmt, id) : point ? point_select(conn, id) : select_one(conn);
    if (rc != 0) {
      free(samples);
      if (stmt) mysql_stmt_close(stmt);
      mysql_close(conn);
      return 1;
    }
    samples[i] = (now_seconds() - t0) * 1e6;
  }
  print_samples(samples, count);
  free(samples);
  if (stmt) mysql_stmt_close(stmt);
  mysql_close(conn);
  return 0;
}

/* The write statements timed by the update and insert modes, as text and prepared. */
static const char *const kUpdateSql = "UPDATE bench.sbtest SET k = k + 1 WHERE id = ?";
static const char *const kInsertSql = "INSERT INTO bench.inserted (k, c) VALUES (?, ?)";

/* Runs one write; `text` selects the text protocol, else `stmt` (prepared from the same
   statement) runs with `id` and a 60-character string as its parameters. */
static int write_once(MYSQL *conn, MYSQL_STMT *stmt, int insert, int text, unsigned id) {
  char value[61];
  snprintf(value, sizeof value, "%060u", id);
  if (text) {
    char sql[160];
    int length = insert ? snprintf(sql, sizeof sql,
                                   "INSERT INTO bench.inserted (k, c) VALUES (%u, '%s')", id, value)
                        : snprintf(sql, sizeof sql,
                                   "UPDATE bench.sbtest SET k = k + 1 WHERE id = %u", id);
    if (mysql_real_query(conn, sql, (unsigned long)length) != 0) {
      fprintf(stderr, "query: %u %s\n", mysql_errno(conn), mysql_error(conn));
      return -1;
    }
    return mysql_affected_rows(conn) == 1 ? 0 : -1;
  }
  long long key = id;
  unsigned long value_length = 60;
  MYSQL_BIND params[2];
  memset(params, 0, sizeof params);
  params[0].buffer_type = MYSQL_TYPE_LONGLONG;
  params[0].buffer = &key;
  params[1].buffer_type = MYSQL_TYPE_STRING;
  params[1].buffer = value;
  params[1].buffer_length = sizeof value;
  params[1].length = &value_length;
  if (mysql_stmt_bind_param(stmt, params) != 0 || mysql_stmt_execute(stmt) != 0) {
    fprintf(stderr, "execute: %u %s\n", mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
    return -1;
  }
  return mysql_stmt_affected_rows(stmt) == 1 ? 0 : -1;
}

/* COUNT timed writes on one connection (see the modes above); prints the median, p99 and
   minimum microseconds. */
static int run_writes(const char *host, unsigned port, const char *user, const char *pw,
                      long count, int insert, int text) {
  MYSQL *conn = open_connection(host, port, user, pw);
  if (conn == NULL) return 1;
  MYSQL_STMT *stmt = NULL;
  if (!text && (stmt = prepare_statement(conn, insert ? kInsertSql : kUpdateSql)) == NULL) {
    return 1;
  }
  double *samples = calloc((size_t)count, sizeof(double));
  if (samples == NULL || mysql_autocommit(conn, 0) != 0) return 1;
  unsigned seed = 42;
  int rc = 0;
  for (long i = -100; i < count && rc == 0; ++i) { /* the first 100 warm up */
    unsigned id = 1 + (unsigned)rand_r(&seed) % 10000;
    double t0 = now_seconds();
    rc = write_once(conn, stmt, insert, text, id);
    if (i >= 0) samples[i] = (now_seconds() - t0) * 1e6;
    if ((i + 1) % 200 == 0 && mysql_commit(conn) != 0) rc = -1;
  }
  if (rc == 0 && mysql_commit(conn) != 0) rc = -1;
  if (rc == 0) print_samples(samples, count);
  free(samples);
  if (stmt) mysql_stmt_close(stmt);
  mysql_close(conn);
  return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s connect|rtt|point|prepared|[prepared-]update|[prepared-]insert|ping|hold HOST PORT USER PASSWORD SECONDS|COUNT\n",
            argv[0]);
    return 2;
  }
  unsigned port = (unsigned)strtoul(argv[3], NULL, 10);
  if (mysql_library_init(0, NULL, NULL) != 0) return 1;
  int rc = 2;
  if (strcmp(argv[1], "connect") == 0) {
    rc = run_connect(argv[2], port, argv[4], argv[5], atof(argv[6]));
  } else if (strcmp(argv[1], "rtt") == 0) {
    rc = run_rtt(argv[2], port, argv[4], argv[5], atol(argv[6]), 0);
  } else if (strcmp(argv[1], "point") == 0) {
    rc = run_rtt(argv[2], port, argv[4], argv[5], atol(argv[6]), 1);
  } else if (strcmp(argv[1], "prepared") == 0) {
    rc = run_rtt(argv[2], port, argv[4], argv[5], atol(argv[6]), 2);
  } else if (strcmp(argv[1], "ping") == 0) {
    rc = run_ping(argv[2], atol(argv[6]));
  } else if (strcmp(argv[1], "hold") == 0) {
    rc = run_hold(argv[2], port, argv[4], argv[5], atol(argv[6]));
  } else if (strcmp(argv[1], "update") == 0 || strcmp(argv[1], "prepared-update") == 0 ||
             strcmp(argv[1], "insert") == 0 || strcmp(argv[1], "prepared-insert") == 0) {
    rc = run_writes(argv[2], port, argv[4], argv[5], atol(argv[6]),
                    strstr(argv[1], "insert") != NULL, strncmp(argv[1], "prepared", 8) != 0);
  }
  mysql_library_end();
  return rc;
}
