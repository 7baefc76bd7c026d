#!/usr/bin/env bash
# scripts/leak-check.sh snapshot FILE | compare FILE
#
# What containers and demos could leave on the host: mounts, cgroups under
# mydocker/, network links, our iptables rules, IP forwarding, engines' default
# directories, detached containers' shims, and processes in a PID namespace other
# than the host's; and inside mydocker's own directories (MYDOCKER_ROOT, default
# /var/lib/mydocker, and MYDOCKER_EXEC_ROOT, default /run/mydocker): temporary
# files and scratch directories, locks without a container, container directories
# without a config.json, and layers that no image references.
# `compare` fails listing anything present now that the snapshot lacked.
set -euo pipefail

data_root=${MYDOCKER_ROOT:-/var/lib/mydocker}
exec_root=${MYDOCKER_EXEC_ROOT:-/run/mydocker}

# What a command killed or failed half way leaves in the engine's directories.
store_state() {
  # AtomicFile's .NAME*.tmp, layer and load scratch (.new-*, .load-*), a container
  # directory half made or half removed (.new-<id>, .rm-<id>), a shim copy's .shim-*.
  for root in "$data_root" "$exec_root"; do
    [[ -d $root ]] || continue
    # Not inside a container's layers or an image's: those are the user's files.
    find "$root" \( -path "$root/containers/*/upper" -o -path "$root/containers/*/work" \
      -o -path "$root/containers/*/merged" -o -path "$root/image/layers/*/*" \) -prune -o \
      \( -name '.*.tmp' -o -name '.new-*' -o -name '.load-*' -o -name '.rm-*' -o -name '.shim-*' \) \
      -printf 'scratch %p\n' -prune 2>/dev/null || true
  done
  # Lock files of containers that are gone: a start lock (container-locks/) or a run lock (locks/).
  for lock in "$exec_root"/container-locks/* "$exec_root"/locks/*; do
    if [[ -e $lock && ! -d $data_root/containers/${lock##*/} ]]; then echo "lock without a container $lock"; fi
  done
  for dir in "$data_root"/containers/*/; do
    if [[ -d $dir && ! -f $dir/config.json ]]; then echo "container without config.json ${dir%/}"; fi
  done
  # Layers are named by their diff ID; image configs list theirs in rootfs.diff_ids.
  local layers=$data_root/image/layers
  if [[ -d $layers ]]; then
    local used
    used=$(cat "$data_root"/image/configs/*.json 2>/dev/null | tr -d '\n' | grep -o '"diff_ids" *: *\[[^]]*\]' \
           | grep -o 'sha256:[0-9a-f]\{64\}' | sed 's/^sha256://' | sort -u || true)
    for layer in "$layers"/*; do
      [[ -d $layer ]] || continue
      name=${layer##*/}
      [[ $name == .* ]] && continue # scratch, reported above
      grep -qx "$name" <<<"$used" || echo "layer no image references $layer"
    done
  fi
  true
}

state() {
  awk '{print "mount " $5}' /proc/self/mountinfo
  find /sys/fs/cgroup -maxdepth 4 -type d -path '*mydocker*' -printf 'cgroup %p\n' 2>/dev/null || true
  ip -o link show 2>/dev/null | awk -F': ' '{sub(/@.*/, "", $2); print "link " $2}'
  if command -v iptables >/dev/null; then
    iptables -w -t nat -S 2>/dev/null | grep -i mydocker | sed 's/^/iptables /' || true
  fi
  # The directories engines make when a test forgets to point them at its own (containerd's
  # opt plugin, runc's and podman's default roots, the CRI's network namespaces, CNI's cache).
  for d in /opt/containerd /run/containerd /var/lib/containerd /run/docker /var/lib/docker /run/runc \
    /run/libpod /run/containers /var/lib/containers /run/netns /var/lib/cni; do
    if [[ -e $d ]]; then echo "directory $d"; fi
  done
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
  store_state
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
    echo "leak check: nothing left on the host (mounts, cgroups, links, rules, ip_forward, engines' directories, shims, namespaced processes)"
    echo "leak check: nothing left in $data_root or $exec_root (scratch, locks, container directories, layers)"
    ;;
  *) echo "usage: $0 snapshot FILE | compare FILE" >&2; exit 2 ;;
esac
