#!/usr/bin/env bash
# scripts/test.sh — everything: OS packages, build, unit tests, and (as root)
# the privileged integration tests that run real namespaces, mounts and
# cgroups, then a check that nothing was left on the host.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

if [[ $(id -u) -eq 0 ]]; then
  scripts/install-deps.sh
  privileged=true
else
  scripts/install-deps.sh || true
  privileged=false
  cat >&2 <<'BANNER'
################################################################################
##  NOT ROOT: only the unit tier runs. The privileged tier (real namespaces,  ##
##  mounts, cgroups) is SKIPPED. Run `sudo ./scripts/test.sh` for all of it.  ##
################################################################################
BANNER
fi

before=$(mktemp)
trap 'rm -f "$before"' EXIT
scripts/leak-check.sh snapshot "$before"

mvn -B install -DskipITs=$([[ $privileged == true ]] && echo false || echo true)

if [[ $privileged == true ]]; then
  scripts/leak-check.sh compare "$before"
  echo "tiers: unit RAN, privileged RAN, leak check RAN"
else
  echo "tiers: unit RAN, privileged SKIPPED (not root), leak check SKIPPED" >&2
fi
