#!/usr/bin/env bash
# Installs what targetcast needs to build and test on Debian 12, from Debian's
# packages only. Safe to run again: apt-get skips what is installed.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libeigen3-dev libboost-math-dev libboost-random-dev librandom123-dev
  libsqlite3-dev sqlite3 libcli11-dev libtomlplusplus-dev libfmt-dev catch2
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
