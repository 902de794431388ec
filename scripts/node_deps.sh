#!/usr/bin/env bash
# Installs the node drivers of the end-to-end tests (tests/e2e/node: mysql2, mysql, Knex, and playwright-core for the browser tests) at
# the versions its package-lock.json pins, with the machine's npm. Safe to re-run: npm runs
# only when node_modules is missing or older than the lock file. Needs no standard input.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
node_dir="$root/tests/e2e/node"
if [ -d "$node_dir/node_modules" ] && [ ! "$node_dir/package-lock.json" -nt "$node_dir/node_modules" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: tests/e2e/node needs Node.js 20 and npm to install its drivers." >&2
  exit 1
fi
echo "Installing the node drivers of tests/e2e/node (npm ci)"
(cd "$node_dir" && npm ci --no-audit --no-fund </dev/null)
# npm ci may leave node_modules's own time older than the lock file: mark it current.
touch "$node_dir/node_modules"
