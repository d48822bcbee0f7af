#!/usr/bin/env bash
# Prints the path of a Node.js that is Debian 12's own (nodejs 18 from bookworm
# or bookworm-security), for CI's run of the browser tests under the Node a
# fresh Debian 12 has (issue 12). When the installed nodejs is Debian's, that
# is /usr/bin/node. When a newer Node from elsewhere is installed (the
# development machines have one), Debian's nodejs and libnode are unpacked into
# DIR (default build/debian-node) beside it, without replacing it, and DIR/node
# runs them. Debian builds node with acorn, cjs-module-lexer and undici loaded
# from /usr/share/nodejs at run time; their Debian packages are installed too.
set -euo pipefail
dir="$(realpath -m "${1:-build/debian-node}")"
installed="$(dpkg-query -W -f='${Version}' nodejs 2>/dev/null || true)"
if [[ "$installed" == *deb12* ]]; then
  echo /usr/bin/node
  exit 0
fi
# The newest nodejs that Debian's own archive offers (not another vendor's).
version="$(apt-cache madison nodejs | awk -F' *[|] *' '$3 ~ /debian/ && $2 ~ /deb12|^18\./ {print $2}' | sort -V | tail -n 1)"
if [ -z "$version" ]; then
  apt-get update -qq
  version="$(apt-cache madison nodejs | awk -F' *[|] *' '$3 ~ /debian/ && $2 ~ /deb12|^18\./ {print $2}' | sort -V | tail -n 1)"
fi
[ -n "$version" ] || { echo "debian-node.sh: no Debian nodejs in apt's lists" >&2; exit 1; }
if [ ! -x "$dir/node" ] || [ "$(cat "$dir/version" 2>/dev/null)" != "$version" ]; then
  rm -rf "$dir" && mkdir -p "$dir/debs"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    node-acorn node-cjs-module-lexer node-undici >&2
  (cd "$dir/debs" && apt-get download -q "nodejs=$version" "libnode108=$version" >&2)
  for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/root"; done
  libdir="$(dirname "$(find "$dir/root" -name 'libnode.so.*' | head -n 1)")"
  printf '#!/bin/sh\nLD_LIBRARY_PATH="%s${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "%s" "$@"\n' \
    "$libdir" "$dir/root/usr/bin/node" > "$dir/node"
  chmod +x "$dir/node"
  echo "$version" > "$dir/version"
fi
"$dir/node" --version >&2
echo "$dir/node"
