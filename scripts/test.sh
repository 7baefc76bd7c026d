#!/usr/bin/env bash
# scripts/test.sh — everything: OS packages, build, unit tests, and (as root)
# the privileged integration tests that run real namespaces, mounts and
# cgroups, then a check that nothing was left on the host, then the cgroup v2
# set in a guest kernel (scripts/test-v2.sh; this machine may be v1).
#
# MYDOCKER_SKIP_V2=1 leaves out the guest, for a quicker run at your desk;
# CI never sets it.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

if [[ $(id -u) -eq 0 ]]; then
  scripts/install-deps.sh
  # The Debian root filesystem the examples (book 7.1, 7.2) build FROM: made once from the
  # mirror here, with the OS packages, so that no test reaches a mirror (ExamplesIT).
  scripts/base-images.sh --fetch-only
  # crictl, Kubernetes' CRI client, built once from the CRI tools' source beside the clone
  # (../shared/conformance): CriIT drives containerd's CRI plugin with it (book 7.6).
  scripts/cri-tools.sh >/dev/null
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
  # The OCI conformance harness's own logic (TAP reading, leak clean-up) on a fake suite:
  # seconds, no Go; the suite itself is scripts/oci-validation.sh, run by hand.
  scripts/oci-validation.sh --self-test
  scripts/leak-check.sh compare "$before"
  if [[ ${MYDOCKER_SKIP_V2:-} == 1 ]]; then
    echo "tiers: unit RAN, privileged RAN, OCI harness self-test RAN, leak check RAN, cgroup v2 guest SKIPPED (MYDOCKER_SKIP_V2=1)" >&2
  else
    scripts/test-v2.sh
    echo "tiers: unit RAN, privileged RAN, OCI harness self-test RAN, leak check RAN, cgroup v2 guest RAN"
  fi
else
  echo "tiers: unit RAN, privileged SKIPPED (not root), leak check SKIPPED, cgroup v2 guest SKIPPED" >&2
fi
