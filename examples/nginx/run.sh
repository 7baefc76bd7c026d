#!/usr/bin/env bash
# examples/nginx/run.sh [--clean] — book 7.1: build the image, run nginx on a
# network with its port 80 published on the host, and fetch the page from the
# host. --clean removes what it made (the container, the network, the image).
# PORT  the host port (default 8080)
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
mydocker=$here/../../mydocker
port=${PORT:-8080}
if [[ ${1:-} == --clean ]]; then
  "$mydocker" rm -f nginx >/dev/null 2>&1 || true
  "$mydocker" network rm nginx-net >/dev/null 2>&1 || true
  "$mydocker" rmi mydocker-nginx >/dev/null 2>&1 || true
  exit 0
fi
"$here/../../scripts/base-images.sh"
"$mydocker" build -t mydocker-nginx "$here"
"$mydocker" network create --subnet 172.31.71.0/24 nginx-net
"$mydocker" run -d --name nginx --net nginx-net -p "$port:80" mydocker-nginx
# nginx needs a moment to listen
curl -sS --retry 20 --retry-connrefused --retry-delay 1 "http://127.0.0.1:$port/"
