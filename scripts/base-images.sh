#!/usr/bin/env bash
# scripts/base-images.sh — the images the book's applications (7.1 nginx, 7.2
# flask + redis) are built FROM, without Docker Hub: mmdebstrap makes a minimal
# Debian root filesystem with the packages they need, from the mirrors in this
# machine's apt sources, and `./mydocker import --change` makes images of it
# with a default command each (one layer, stored once, under three names):
#
#   mydocker/nginx   nginx-light           CMD nginx -g 'daemon off;'
#   mydocker/redis   redis-server          CMD redis-server --protected-mode no
#   mydocker/python  python3 flask, redis  CMD python3
#
#   sudo scripts/base-images.sh              make the root filesystem (once, ~2 min) and import the images
#   sudo scripts/base-images.sh --fetch-only only make the root filesystem (scripts/test.sh: the tests
#                                            import it into their own roots)
#   sudo scripts/base-images.sh --print-tar  print where the root filesystem's tar is (after a fetch)
#
# MYDOCKER_EXAMPLES_CACHE  where the tar is kept (default /var/cache/mydocker-examples)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
cache=${MYDOCKER_EXAMPLES_CACHE:-/var/cache/mydocker-examples}
packages=nginx-light,redis-server,python3-flask,python3-redis
# The host's own release: mmdebstrap then uses the host's apt sources (Debian's or Ubuntu's).
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}")
key=$(printf '%s %s\n' "$suite" "$packages" | sha256sum | cut -c1-12)
tar=$cache/rootfs-$suite-$key.tar

mode=all
case ${1:-} in
  '') ;;
  --fetch-only) mode=fetch ;;
  --print-tar) echo "$tar"; exit 0 ;;
  *) echo "base-images: unknown option '$1' (use --fetch-only, --print-tar, or nothing)" >&2; exit 2 ;;
esac
if [[ $(id -u) -ne 0 ]]; then
  echo "base-images: run as root (sudo $0): mmdebstrap and import need it" >&2
  exit 1
fi

if [[ ! -f $tar ]]; then
  scripts/install-deps.sh --quiet --examples
  echo "base-images: making a $suite root filesystem with $packages (once, ~2 min)"
  mkdir -p "$cache"
  # Written beside, renamed when whole: a killed run leaves no tar that looks made.
  partial=$(mktemp "$cache/.partial-XXXXXX.tar")
  trap 'rm -f "$partial"' EXIT
  # No /dev in the tar: a container gets its own (chapter 4), and import would skip each node with a warning.
  # No documentation: a third of the size.
  mmdebstrap --quiet --variant=minbase --include="$packages" --skip=output/dev \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    "$suite" "$partial"
  mv "$partial" "$tar"
  trap - EXIT
fi
[[ $mode == fetch ]] && exit 0

import() {  # import NAME CMD-JSON, unless an image has that name already
  if ./mydocker images | awk -v name="$1" 'NR > 1 && $1 == name {found = 1} END {exit !found}'; then
    echo "base-images: $1 is there already (./mydocker rmi $1 to make it again)"
    return
  fi
  ./mydocker import --change "CMD $2" --message "scripts/base-images.sh: $suite with $packages" "$tar" "$1"
}
import mydocker/nginx '["nginx", "-g", "daemon off;"]'
import mydocker/redis '["redis-server", "--protected-mode", "no"]'
import mydocker/python '["python3"]'
