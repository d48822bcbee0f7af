#!/usr/bin/env bash
# Installs what targetcast needs to build and test on Debian 12: Debian's
# packages, then the JavaScript of package-lock.json from the npm registry
# (Apache ECharts, compiled into every HTML report, and playwright-core for the
# report's browser test). Safe to run again: apt-get skips what is installed and
# npm runs only when package-lock.json changed. targetcast itself never
# downloads anything.
#
# --fuzz: also clang 14 with its sanitizer and libFuzzer runtime, for CI's
# fuzzers (tests/fuzz/run); the main build never needs them.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(
  build-essential cmake pkg-config
  libeigen3-dev libboost-math-dev libboost-random-dev librandom123-dev
  libsqlite3-dev sqlite3 libcli11-dev libtomlplusplus-dev libfmt-dev catch2
  # SHA-256 of every input file (io/sha256.cpp): OpenSSL's libcrypto.
  libssl-dev
  # The what-if workbench's web server (targetcast serve): cpp-httplib.
  libcpp-httplib-dev
  # Runs spread over processes (mpirun; TARGETCAST_WITH_MPI).
  libopenmpi-dev openmpi-bin
  # Excel workbooks of the report (targetcast report --format xlsx): libxlsxwriter.
  libxlsxwriter-dev
  # Traditional → simplified Chinese when a plan is drafted from a document
  # (targetcast draft-plan): OpenCC.
  libopencc-dev
  # scripts/check_layout.py, run by the test suite (includes point down, sizes);
  # openpyxl reads the report's workbook back in the test report.xlsx.
  python3 python3-openpyxl
  # The HTML report is checked in Debian's chromium (tests/report/); a CJK font
  # so that its Chinese text renders in the screenshots.
  chromium fonts-wqy-microhei
)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm from Debian unless a node is already there (e.g. Node 20,
# which must not be replaced by Debian's packages).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The npm packages pinned in package-lock.json (integrity-checked by npm ci),
# into node_modules/ (git-ignored). --ignore-scripts: nothing runs at install,
# and playwright-core never downloads a browser (the tests use Debian's chromium).
stamp=node_modules/.targetcast-package-lock.json
if ! cmp -s package-lock.json "$stamp"; then
  npm ci --ignore-scripts --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
