#!/usr/bin/env bash
# examples/flask-redis/run.sh [--clean] — book 7.2: redis and the flask counter
# on one network, flask reaching redis by its name, the counter's port
# published on the host; three visits from the host count 1, 2, 3.
# --clean removes what it made (the containers, the network, the image).
# PORT  the host port (default 5000)
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
mydocker=$here/../../mydocker
port=${PORT:-5000}
if [[ ${1:-} == --clean ]]; then
  "$mydocker" rm -f counter-web redis >/dev/null 2>&1 || true
  "$mydocker" network rm counter >/dev/null 2>&1 || true
  "$mydocker" rmi counter-web >/dev/null 2>&1 || true
  exit 0
fi
"$here/../../scripts/base-images.sh"
"$mydocker" build -t counter-web "$here"
"$mydocker" network create --subnet 172.31.72.0/24 counter
"$mydocker" run -d --name redis --net counter mydocker/redis
"$mydocker" run -d --name counter-web --net counter -p "$port:5000" counter-web
for visit in 1 2 3; do
  # flask needs a moment to listen, and redis to answer it
  curl -sS --fail --retry 20 --retry-connrefused --retry-all-errors --retry-delay 1 "http://127.0.0.1:$port/"
done
