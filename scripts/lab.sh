#!/usr/bin/env bash
# The two-host lab: builds the classic two-tier topology on this one machine out of Linux
# network namespaces and walks the deployment of docs/two-hosts.md with the real clients.
#
#   db-server  10.77.0.1   porpoised, bind-address 0.0.0.0, allow-from 10.77.0.2, nftables
#   db-client  10.77.0.2   the application host: mariadb and porpoise over TLS
#   outsider   10.77.0.3   any other host on the same network
#
# The three hosts hang off one Linux bridge that lives in a fourth namespace (the "switch"),
# so nothing in this machine's own network configuration is touched. Every name carries this
# run's pid, so parallel runs (a CI job beside a developer) never collide.
#
# Usage, as root:  scripts/lab.sh
#   PORPOISED, PORPOISE   the binaries (default: build-release/, then build-debug/; when
#                         neither has them, a release build is made)
#   PORPOISE_LAB_KEEP=1   keep the temporary directory (datadir, option file, logs)
#
# Prints one line per step, `ok: ...` or `FAIL: ...` (the details of a failure go to stderr),
# and exits non-zero when any step failed. Needs no standard input, is bounded in time
# everywhere (well under a minute), and cleans up after itself even when interrupted; the
# leftovers of a run that was killed outright are removed by the next run.
set -euo pipefail
exec </dev/null

root=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/lab.sh needs root (network namespaces, nftables)." >&2
  exit 1
fi
for tool in ip nft mariadb timeout unshare openssl; do
  if ! command -v "$tool" >/dev/null; then
    echo "scripts/lab.sh needs '$tool': run scripts/deps.sh (as root) first." >&2
    exit 1
  fi
done

# ---------------------------------------------------------------------------------------
# Binaries

pick_binary() {  # pick_binary RELATIVE-PATH: the release build's, else the debug build's
  local build
  for build in build-release build-debug; do
    if [ -x "$root/$build/$1" ]; then
      echo "$root/$build/$1"
      return
    fi
  done
}

PORPOISED=${PORPOISED:-$(pick_binary src/daemon/porpoised)}
PORPOISE=${PORPOISE:-$(pick_binary src/cli/porpoise)}
if [ -z "$PORPOISED" ] || [ -z "$PORPOISE" ]; then
  echo "Building porpoised and porpoise (release)..." >&2
  cmake -S "$root" -B "$root/build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$root/build-release" -j2 porpoised porpoise >&2
  PORPOISED=${PORPOISED:-$root/build-release/src/daemon/porpoised}
  PORPOISE=${PORPOISE:-$root/build-release/src/cli/porpoise}
fi
for binary in "$PORPOISED" "$PORPOISE"; do
  if [ ! -x "$binary" ]; then
    echo "not an executable: $binary" >&2
    exit 1
  fi
done

# ---------------------------------------------------------------------------------------
# Names and addresses

prefix="porpoise-lab-$$-"
NS_SWITCH=${prefix}switch
NS_SERVER=${prefix}db-server
NS_CLIENT=${prefix}db-client
NS_OUTSIDER=${prefix}outsider
SERVER_IP=10.77.0.1
CLIENT_IP=10.77.0.2
OUTSIDER_IP=10.77.0.3
# The name the server's certificate carries (porpoised --initialize writes the host name it
# runs under into the certificate) and that the other hosts resolve to SERVER_IP, as DNS
# would on a real network.
SERVER_NAME=db-server

ADMIN_PW=toluwase123
CLIENTONLY_PW=clientonly123

# Seconds any one command may take; a dropped SYN is the slowest thing the lab waits for.
T=15

# ---------------------------------------------------------------------------------------
# Leftovers and cleanup

# A run is still going when its pid is alive and is this script; anything else named
# porpoise-lab-<pid>- is the leftover of a run that was killed before its trap ran.
run_is_alive() {
  [ "$1" != "$$" ] && tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -q "lab\.sh"
}

remove_netns() {
  local ns=$1 pid
  # Whatever still runs inside (a server of a killed run) goes first, or the namespace
  # would outlive its name.
  for pid in $(ip netns pids "$ns" 2>/dev/null); do
    kill -KILL "$pid" 2>/dev/null || true
  done
  ip netns del "$ns" 2>/dev/null || true
}

remove_leftovers() {
  local ns pid dir
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^porpoise-lab-[0-9]*-' || true); do
    pid=${ns#porpoise-lab-}
    pid=${pid%%-*}
    run_is_alive "$pid" || remove_netns "$ns"
  done
  for dir in /tmp/porpoise-lab-[0-9]*.*; do
    [ -d "$dir" ] || continue
    pid=${dir#/tmp/porpoise-lab-}
    pid=${pid%%.*}
    run_is_alive "$pid" || rm -rf "$dir"
  done
}

server_pid=""
tmp=""

stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  local _
  for _ in $(seq 1 100); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_server
  for ns in "$NS_SERVER" "$NS_CLIENT" "$NS_OUTSIDER" "$NS_SWITCH"; do
    remove_netns "$ns"
  done
  if [ -n "$tmp" ]; then
    if [ "${PORPOISE_LAB_KEEP:-}" = 1 ]; then
      echo "kept: $tmp" >&2
    else
      rm -rf "$tmp"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

remove_leftovers

tmp=$(mktemp -d "/tmp/porpoise-lab-$$.XXXXXX")
datadir=$tmp/data
socket=$datadir/porpoise.sock
cnf=$tmp/my.cnf
error_log=$tmp/error.log
hosts=$tmp/hosts
client_ca=$tmp/client/ca.pem  # the client's copy of the server's CA certificate
mkdir -p "$datadir" "$tmp/client"
printf '127.0.0.1 localhost\n%s %s\n' "$SERVER_IP" "$SERVER_NAME" >"$hosts"

# ---------------------------------------------------------------------------------------
# Reporting

failures=0
ok() { echo "ok: $*"; }
fail() {  # fail MESSAGE [DETAILS]
  echo "FAIL: $1"
  if [ -n "${2:-}" ]; then
    printf '%s\n' "$2" | sed 's/^/    /' >&2
  fi
  failures=$((failures + 1))
}
die() {  # a setup step failed: nothing after it can mean anything
  fail "$@"
  exit 1
}

# ---------------------------------------------------------------------------------------
# Running things on a host

# on HOST-NAMESPACE COMMAND...: runs COMMAND on that host, bounded in time, with the lab's
# hosts file. `ip netns exec` gives the command a mount namespace of its own, so the bind
# mount over /etc/hosts is seen by that command only.
on() {
  local ns=$1
  shift
  # shellcheck disable=SC2016  # expanded by the inner shell
  timeout "$T" ip netns exec "$ns" \
    sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$hosts" "$@"
}

# The database root: the OS root over the unix socket, no password (auth_socket).
root_sql() {
  on "$NS_SERVER" mariadb --no-defaults --socket="$socket" --user=root -N -B -e "$1" 2>&1
}

# mariadb_from HOST USER PASSWORD SQL [OPTION...]: the stock client, over TCP to db-server.
mariadb_from() {
  local ns=$1 user=$2 password=$3 sql=$4
  shift 4
  on "$ns" mariadb --no-defaults --host="$SERVER_NAME" --port=3306 --user="$user" \
    --password="$password" --connect-timeout=3 "$@" -N -B -e "$sql" 2>&1
}

# ---------------------------------------------------------------------------------------
# The server

# write_config BIND-ADDRESS [ALLOW-FROM]: the server's option file, as on a real host.
write_config() {
  {
    echo "[mysqld]"
    echo "datadir = $datadir"
    echo "bind-address = $1"
    echo "port = 3306"
    echo "socket = $socket"
    echo "pid-file = $tmp/porpoised.pid"
    echo "log-error = $error_log"
    if [ -n "${2:-}" ]; then
      echo "allow-from = $2"
    fi
  } >"$cnf"
}

# Starts porpoised on db-server and returns once root answers over the socket (20 s at
# most). porpoised opens all its listeners, TCP and the socket, before it serves any, so an
# answer on the socket means TCP is listening too.
start_server() {
  rm -f "$socket"
  ip netns exec "$NS_SERVER" "$PORPOISED" --defaults-file="$cnf" \
    >>"$tmp/porpoised.out" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 20))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      wait "$server_pid" 2>/dev/null || true
      server_pid=""
      return 1
    fi
    if [ -S "$socket" ] && root_sql "SELECT 1" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.05
  done
  return 1
}

restart_server() {  # restart_server BIND-ADDRESS [ALLOW-FROM]
  stop_server
  write_config "$@"
  start_server
}

server_log_tail() {
  tail -n 20 "$error_log" "$tmp/porpoised.out" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------
# The network: a bridge in the switch namespace, one veth pair per host. Each pair is
# created inside the switch with its far end moved straight into the host's namespace, so
# no interface ever appears in this machine's own namespace.

build_topology() {
  local ns
  for ns in "$NS_SWITCH" "$NS_SERVER" "$NS_CLIENT" "$NS_OUTSIDER"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  ip -n "$NS_SWITCH" link add br0 type bridge
  ip -n "$NS_SWITCH" link set br0 up
  local spec host port address
  for spec in "$NS_SERVER v-server $SERVER_IP" "$NS_CLIENT v-client $CLIENT_IP" \
              "$NS_OUTSIDER v-outsider $OUTSIDER_IP"; do
    read -r host port address <<<"$spec"
    ip -n "$NS_SWITCH" link add "$port" type veth peer name eth0 netns "$host"
    ip -n "$NS_SWITCH" link set "$port" master br0 up
    ip -n "$host" addr add "$address/24" dev eth0
    ip -n "$host" link set eth0 up
  done
}

if ! errors=$(build_topology 2>&1); then
  die "topology: could not build the namespaces and the bridge" "$errors"
fi
ok "topology: db-server $SERVER_IP, db-client $CLIENT_IP, outsider $OUTSIDER_IP on one bridge"

# The firewall of db-server: TCP 3306 from the client host only; everything else on other
# ports is left alone (on a real host that includes SSH).
firewall_on() {
  ip netns exec "$NS_SERVER" nft -f - <<NFT
table inet porpoise_lab {
  chain input {
    type filter hook input priority filter; policy accept;
    tcp dport 3306 ip saddr $CLIENT_IP accept
    tcp dport 3306 counter drop
  }
}
NFT
}

firewall_dropped() {  # packets the drop rule has counted
  ip netns exec "$NS_SERVER" nft list table inet porpoise_lab 2>/dev/null |
    sed -n 's/.*counter packets \([0-9]*\).*drop.*/\1/p'
}

# Initialise the datadir on db-server under its own host name, so that the certificate the
# server makes for itself names db-server and a client can verify it by that name.
write_config 0.0.0.0 "$CLIENT_IP"
# shellcheck disable=SC2016  # expanded by the inner shell
if ! errors=$(timeout 60 ip netns exec "$NS_SERVER" unshare --uts sh -c \
    'hostname "$0" && exec "$1" --defaults-file="$2" --initialize' \
    "$SERVER_NAME" "$PORPOISED" "$cnf" 2>&1); then
  die "server: porpoised --initialize failed" "$errors"$'\n'"$(server_log_tail)"
fi
cp "$datadir/ca.pem" "$client_ca"
if ! errors=$(firewall_on 2>&1); then
  die "firewall: nft could not load the rules on db-server" "$errors"
fi
if ! start_server; then
  die "server: porpoised did not start" "$(server_log_tail)"
fi
ok "server: initialised, listening on 0.0.0.0:3306, nftables lets 3306 in from $CLIENT_IP only"

# ---------------------------------------------------------------------------------------
# a. The admin, OS root over the unix socket with no password, creates the remote account.

out=$(root_sql "CREATE USER 'toluwase'@'%' IDENTIFIED WITH mysql_native_password BY '$ADMIN_PW';
GRANT ALL PRIVILEGES ON *.* TO 'toluwase'@'%';
FLUSH PRIVILEGES;
SELECT user,plugin,host FROM mysql.user") || true
if grep -qx $'toluwase\tmysql_native_password\t%' <<<"$out"; then
  ok "a: root over the unix socket created 'toluwase'@'%' (mysql_native_password)"
else
  fail "a: root could not create 'toluwase'@'%' over the unix socket" "$out"
fi

# ---------------------------------------------------------------------------------------
# b. From db-client, over TLS, verifying the server against the CA copied from its datadir.

out=$(mariadb_from "$NS_CLIENT" toluwase "$ADMIN_PW" \
      "SHOW STATUS LIKE 'Ssl_cipher'; SHOW DATABASES" \
      --ssl --ssl-ca="$client_ca" --ssl-verify-server-cert) || true
if grep -q $'^Ssl_cipher\t.' <<<"$out" && grep -qx "mysql" <<<"$out"; then
  ok "b: db-client: mariadb over TLS, server certificate verified as $SERVER_NAME, show databases"
else
  fail "b: db-client: mariadb over TLS with the certificate verified" "$out"
fi

# VERIFY_CA checks the chain and not the name, so porpoise may name the server by address.
porpoise_from() {  # porpoise_from HOST CA-FILE SQL
  on "$1" "$PORPOISE" --no-defaults --host="$SERVER_IP" --port=3306 --user=toluwase \
    --password="$ADMIN_PW" --connect-timeout=3 --ssl-mode=VERIFY_CA --ssl-ca="$2" \
    -N -B -e "$3" 2>&1
}
out=$(porpoise_from "$NS_CLIENT" "$client_ca" "SHOW STATUS LIKE 'Ssl_cipher'; show databases") || true
# A CA that did not sign the server's certificate must be refused: that is what VERIFY_CA
# adds over plain TLS.
stranger_ca=$tmp/client/stranger-ca.pem
if ! errors=$(openssl req -x509 -newkey rsa:2048 -nodes -days 1 \
    -subj "/CN=Not the server's CA" -keyout "$tmp/client/stranger-ca-key.pem" \
    -out "$stranger_ca" 2>&1); then
  fail "b: openssl could not make a stranger CA to check VERIFY_CA with" "$errors"
elif stranger=$(porpoise_from "$NS_CLIENT" "$stranger_ca" "SELECT 1"); then
  fail "b: db-client: porpoise --ssl-mode=VERIFY_CA accepted a CA that did not sign the server's certificate" "$stranger"
elif grep -q $'^Ssl_cipher\t.' <<<"$out" && grep -qx "mysql" <<<"$out"; then
  ok "b: db-client: porpoise --ssl-mode=VERIFY_CA, show databases (a stranger CA is refused)"
else
  fail "b: db-client: porpoise --ssl-mode=VERIFY_CA" "$out"
fi

# ---------------------------------------------------------------------------------------
# c. The outsider's SYNs are dropped by the firewall: the connection attempt times out.

now_ms() { echo $(($(date +%s%N) / 1000000)); }

before=$(firewall_dropped)
started=$(now_ms)
out=$(mariadb_from "$NS_OUTSIDER" toluwase "$ADMIN_PW" "SELECT 1") && reached=1 || reached=0
elapsed=$(($(now_ms) - started))
after=$(firewall_dropped)
# libmariadb reports errno 115 for a refused connection and a timed-out one alike; what
# tells a dropped SYN from a refusal is that the client waited out its 3 s.
if [ "$reached" = 1 ]; then
  fail "c: outsider: got past the firewall" "$out"
elif ! grep -q "Can't connect" <<<"$out"; then
  fail "c: outsider: failed, but not at connect" "$out"
elif [ "$elapsed" -lt 2500 ]; then
  fail "c: outsider: refused after ${elapsed} ms, not timed out as a dropped SYN is" "$out"
elif [ "${after:-0}" -le "${before:-0}" ]; then
  fail "c: outsider: could not connect, but the firewall's drop rule counted nothing" "$out"
elif grep -q "$OUTSIDER_IP" "$error_log" 2>/dev/null; then
  fail "c: outsider: the server saw the outsider although the firewall should drop it" \
    "$(grep "$OUTSIDER_IP" "$error_log")"
else
  ok "c: outsider: dropped by nftables (connect timed out), never reached the server"
fi

# ---------------------------------------------------------------------------------------
# d. Without the firewall, the server's own allow list closes the outsider's connection at
#    accept, before the greeting, and logs its address; the client host still gets in.

if ! errors=$(ip netns exec "$NS_SERVER" nft delete table inet porpoise_lab 2>&1); then
  die "d: nft could not remove the firewall's table" "$errors"
fi
# The first bytes a raw TCP connection gets: a greeting would be a packet; none at all
# means the server closed the connection without a word.
greeting_bytes=$(on "$NS_OUTSIDER" bash -c \
  "exec 3<>/dev/tcp/$SERVER_IP/3306 && timeout 5 head -c 64 <&3 2>/dev/null | wc -c" \
  2>/dev/null) || true
out=$(mariadb_from "$NS_OUTSIDER" toluwase "$ADMIN_PW" "SELECT 1") && reached=1 || reached=0
client_out=$(mariadb_from "$NS_CLIENT" toluwase "$ADMIN_PW" "SELECT 1") || true
if [ "$reached" = 1 ]; then
  fail "d: outsider: allow-from let it in" "$out"
elif [ -z "$greeting_bytes" ]; then
  fail "d: outsider: a bare TCP connect did not get through" "$out"
elif [ "$greeting_bytes" != 0 ]; then
  fail "d: outsider: the server sent a greeting before closing" "$out"
elif ! grep -q -e "Lost connection" -e "ERROR 2013" <<<"$out"; then
  fail "d: outsider: expected the connection lost before the greeting" "$out"
elif ! grep -q "$OUTSIDER_IP" "$error_log"; then
  fail "d: outsider: refused, but the error log does not name $OUTSIDER_IP" "$(server_log_tail)"
elif [ "$client_out" != 1 ]; then
  fail "d: db-client: refused although allow-from names it" "$client_out"
else
  ok "d: outsider: closed by allow-from before the greeting, $OUTSIDER_IP in the error log"
fi

# ---------------------------------------------------------------------------------------
# e. Neither firewall nor allow list: the outsider reaches the server, and only an account's
#    host part keeps it out.

if ! restart_server 0.0.0.0; then
  fail "e: server did not restart without allow-from" "$(server_log_tail)"
else
  out=$(root_sql "CREATE USER 'clientonly'@'$CLIENT_IP' IDENTIFIED WITH mysql_native_password BY '$CLIENTONLY_PW';
GRANT SELECT ON *.* TO 'clientonly'@'$CLIENT_IP'") || true
  reach=$(mariadb_from "$NS_OUTSIDER" toluwase "$ADMIN_PW" "SELECT CURRENT_USER()") || true
  refused=$(mariadb_from "$NS_OUTSIDER" clientonly "$CLIENTONLY_PW" "SELECT 1") && reached=1 || reached=0
  from_client=$(mariadb_from "$NS_CLIENT" clientonly "$CLIENTONLY_PW" "SELECT CURRENT_USER()") || true
  if [ -n "$out" ]; then
    fail "e: root could not create 'clientonly'@'$CLIENT_IP'" "$out"
  elif [ "$reach" != "toluwase@%" ]; then
    fail "e: outsider: did not reach the server as 'toluwase'@'%'" "$reach"
  elif [ "$reached" = 1 ]; then
    fail "e: outsider: logged in as 'clientonly'@'$CLIENT_IP'" "$refused"
  elif ! grep -q -e "ERROR 1045" -e "ERROR 1130" <<<"$refused"; then
    fail "e: outsider: expected 1045 or 1130 for clientonly" "$refused"
  elif [ "$from_client" != "clientonly@$CLIENT_IP" ]; then
    fail "e: db-client: 'clientonly'@'$CLIENT_IP' could not log in" "$from_client"
  else
    code=$(grep -o "ERROR 1[0-9]*" <<<"$refused" | head -n 1)
    ok "e: outsider: reaches the server, refused by the account 'clientonly'@'$CLIENT_IP' (${code#ERROR })"
  fi
fi

# ---------------------------------------------------------------------------------------
# f. bind-address = 127.0.0.1: nothing listens on the network any more, the socket still
#    serves the admin.

if ! restart_server 127.0.0.1; then
  fail "f: server did not restart with bind-address = 127.0.0.1" "$(server_log_tail)"
else
  out=$(mariadb_from "$NS_CLIENT" toluwase "$ADMIN_PW" "SELECT 1") && reached=1 || reached=0
  # The mariadb client's error carries errno 115 whatever the cause (see c); a bare TCP
  # connect says whether the host refused.
  probe=$(on "$NS_CLIENT" bash -c "exec 3<>/dev/tcp/$SERVER_IP/3306" 2>&1) || true
  admin=$(root_sql "SELECT CURRENT_USER()") || true
  if [ "$reached" = 1 ]; then
    fail "f: db-client: connected although the server listens on 127.0.0.1 only" "$out"
  elif ! grep -q "Can't connect" <<<"$out" || ! grep -q "Connection refused" <<<"$probe"; then
    fail "f: db-client: expected connection refused" "$out"$'\n'"$probe"
  elif [ "$admin" != "root@localhost" ]; then
    fail "f: admin: the unix socket did not answer" "$admin"
  else
    ok "f: bind-address = 127.0.0.1: db-client's connection refused, root over the socket still in"
  fi
fi

stop_server
if [ "$failures" -ne 0 ]; then
  echo "$failures step(s) failed" >&2
  exit 1
fi
