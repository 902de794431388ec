#!/usr/bin/env bash
# Installs, with apt-get, the Debian packages Porpoise needs to build, run and test.
# Safe to re-run: packages already present are not touched, and apt is not called at all
# when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config clang libclang-rt-14-dev
  libsqlite3-dev libmariadb-dev libssl-dev zlib1g-dev libzstd-dev libedit-dev libgtest-dev libgmock-dev
  libboost-dev libicu-dev rapidjson-dev
  mariadb-client mariadb-server sysbench gnuplot-nox
  python3 python3-pytest python3-pymysql python3-cryptography python3-zstandard
  php-cli php-mysql libdbd-mariadb-perl
  python3-sqlalchemy python3-mysqldb mycli libmariadb-java
  chromium adminer phpmyadmin
  iproute2 procps nftables openssl
  dpkg-dev debootstrap zstd systemd
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing packages: ${missing[*]}" >&2
  echo "Run as root (or install them with sudo apt-get install)." >&2
  exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The MariaDB server package is only a comparison baseline for tests and benchmarks: keep
# its service from starting on install.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=1
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}"
if [ "$created_policy" -eq 1 ]; then
  rm -f "$policy"
fi
