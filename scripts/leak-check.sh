#!/usr/bin/env bash
# scripts/leak-check.sh snapshot FILE | compare FILE
#
# What containers and demos could leave on the host: mounts, cgroups under
# mydocker/, network links, our iptables rules, IP forwarding, detached containers' shims, and
# processes in a PID namespace other than the host's. `compare` fails listing anything present now that the snapshot lacked.
set -euo pipefail

state() {
  awk '{print "mount " $5}' /proc/self/mountinfo
  find /sys/fs/cgroup -maxdepth 4 -type d -path '*mydocker*' -printf 'cgroup %p\n' 2>/dev/null || true
  ip -o link show 2>/dev/null | awk -F': ' '{sub(/@.*/, "", $2); print "link " $2}'
  if command -v iptables >/dev/null; then
    iptables -w -t nat -S 2>/dev/null | grep -i mydocker | sed 's/^/iptables /' || true
  fi
  # network create turns IP forwarding on (as Docker does); the tests put it back.
  echo "sysctl net.ipv4.ip_forward=$(cat /proc/sys/net/ipv4/ip_forward)"
  # A shim whose container ended has exited; until the host's init reaps it, it is a
  # zombie (no memory, no files): not a leak. A live one is.
  for p in $(pgrep -x mydocker-shim || true); do
    grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null || echo "shim $p (a detached container's monitor)"
  done
  host_ns=$(readlink /proc/self/ns/pid)
  for p in /proc/[0-9]*; do
    ns=$(readlink "$p/ns/pid" 2>/dev/null) || continue
    [[ $ns != "$host_ns" ]] && echo "process ${p#/proc/} $(tr '\0' ' ' <"$p/cmdline" 2>/dev/null | cut -c1-60)"
  done
  true
}

case ${1:-} in
  snapshot) state | sort -u >"$2" ;;
  compare)
    left=$(comm -13 "$2" <(state | sort -u))
    if [[ -n $left ]]; then
      echo "LEAK CHECK FAILED: the tests left these on the host:" >&2
      echo "$left" | sed 's/^/  /' >&2
      exit 1
    fi
    echo "leak check: nothing left on the host (mounts, cgroups, links, rules, ip_forward, shims, namespaced processes)"
    ;;
  *) echo "usage: $0 snapshot FILE | compare FILE" >&2; exit 2 ;;
esac
