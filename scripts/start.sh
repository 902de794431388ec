#!/usr/bin/env bash
# Builds porpoised and the porpoise client (release), initialises a data directory under the
# repository on first run, and starts the server in the background on 127.0.0.1:3306 (or the
# next free port), then prints how to connect. Safe to re-run: a running server is reported,
# not started twice.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-release"
datadir="${PORPOISE_DATADIR:-$root/data}"
socket="$datadir/porpoise.sock"
pidfile="$datadir/porpoised.pid"
logfile="$datadir/error.log"

"$root/scripts/deps.sh"

# Let ccache share objects between build directories and clones of the repository.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPORPOISE_TESTS=OFF >/dev/null
ninja -C "$build" -j2 porpoised porpoise

porpoised="$build/src/daemon/porpoised"
client="$build/src/cli/porpoise"

port_of_running() {
  sed -n 's/^port=//p' "$datadir/porpoised.port" 2>/dev/null || true
}

print_how_to_connect() {
  local port=$1
  cat <<MSG

porpoised is running (pid $(cat "$pidfile")), data in $datadir
  listening on 127.0.0.1:$port and the unix socket $socket
  error log: $logfile

Connect as the database root (OS root over the unix socket, no password, like 'sudo mysql'):
  $client -S $socket -u root
  mariadb -S $socket -u root
Over TCP, once you have created an account (see README.md):
  $client -h 127.0.0.1 -P $port -u <user> -p
Stop it with: kill \$(cat $pidfile)
MSG
}

if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "porpoised is already running."
  print_how_to_connect "$(port_of_running)"
  exit 0
fi

if [ ! -f "$datadir/porpoise.db" ]; then
  if [ -d "$datadir" ] && [ -n "$(ls -A "$datadir")" ]; then
    echo "$datadir exists but holds no Porpoise data; move it away first." >&2
    exit 1
  fi
  mkdir -p "$datadir"
  "$porpoised" --no-defaults --initialize --datadir="$datadir"
fi

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
port=3306
while ! port_is_free "$port"; do
  port=$((port + 1))
done

"$porpoised" --no-defaults --datadir="$datadir" --bind-address=127.0.0.1 --port="$port" \
  --socket="$socket" --pid-file="$pidfile" --log-error="$logfile" &
server_pid=$!
echo "port=$port" > "$datadir/porpoised.port"

for _ in $(seq 1 100); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "porpoised exited during start-up; the end of $logfile:" >&2
    tail -n 20 "$logfile" >&2
    exit 1
  fi
  if [ -S "$socket" ] && [ -f "$pidfile" ]; then
    break
  fi
  sleep 0.05
done
print_how_to_connect "$port"
