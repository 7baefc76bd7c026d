#!/usr/bin/env bash
# scripts/cri-containerd.sh up DIR | down DIR
#
# Book 7.6: containerd with its CRI plugin — what the kubelet talks to — on its own paths,
# with chapter 7's runtime as a RuntimeClass handler. `up` makes DIR and in it:
#   config.toml     containerd's: root, state and socket in DIR; the CRI plugin with two
#                   handlers, `mydocker` (BinaryName = this project's ./mydocker-runc, or
#                   $CRI_RUNTIME_BINARY) and `runc`; the default is $CRI_RUNTIME (mydocker);
#                   cgroupfs (no systemd here)
#   cni/            the pods' network: a bridge ($CRI_BRIDGE, mdcri0) with host-local
#                   addresses from $CRI_SUBNET (172.29.231.0/24), leases kept in DIR, no NAT
#   crictl.yaml     for `crictl --config DIR/crictl.yaml ...`
# then starts containerd (its log: DIR/containerd.log) and imports two images into the
# CRI's k8s.io namespace, both made by this engine (import + save): the pod sandbox's
# pause image (examples/cri/pause.c, static) and busybox. No image is pulled; the sandbox
# image's name is on loopback so that a missing one could not be fetched from elsewhere.
# $CRI_REGISTRY=127.0.0.1:PORT lets the CRI pull from a registry there over plain HTTP.
#
# `down` removes every pod (crictl rmp --force), stops containerd, unmounts what is left
# under DIR, removes the host directories `up` made (recorded in DIR/made: containerd's
# /run/containerd and its runc/k8s.io, the pods' /run/netns, CNI's /var/lib/cni), the bridge,
# and DIR itself, and puts the host's IP forwarding back as `up` found it.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
runtime=${CRI_RUNTIME:-mydocker}
subnet=${CRI_SUBNET:-172.29.231.0/24}
bridge=${CRI_BRIDGE:-mdcri0}
registry=${CRI_REGISTRY:-}
runtime_binary=${CRI_RUNTIME_BINARY:-$repo/mydocker-runc}
pause_image=localhost/mydocker/pause:3.9
# What containerd, its CRI plugin and CNI make outside their configured paths.
host_dirs=(/run/containerd /run/containerd/runc/k8s.io /run/netns /var/lib/cni)

die() {
  echo "cri-containerd: $*" >&2
  exit 2
}

usage() { die "usage: $0 up DIR | down DIR"; }

[[ $# -eq 2 ]] || usage
[[ $(id -u) -eq 0 ]] || die "containerd needs root: run it with sudo"
dir=$2
case $dir in /*) ;; *) dir=$PWD/$dir ;; esac

crictl() {
  "$("$repo"/scripts/cri-tools.sh --print-dir)"/crictl --config "$dir/crictl.yaml" "$@"
}

ctr() {
  command ctr --address "$dir/containerd.sock" -n k8s.io "$@"
}

# CAP_SYS_RESOURCE (capability 24) in this shell's effective set.
has_sys_resource() {
  local eff
  eff=$(awk '/^CapEff:/ {print $2}' /proc/self/status)
  (((16#$eff >> 24) & 1))
}

write_config() {
  cat >"$dir/config.toml" <<EOF
version = 2
root = "$dir/root"
state = "$dir/state"
# containerd's opt plugin would make /opt/containerd on the host.
disabled_plugins = ["io.containerd.internal.v1.opt"]

[grpc]
  address = "$dir/containerd.sock"
[ttrpc]
  address = "$dir/containerd.sock.ttrpc"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$pause_image"
  # The streaming server (exec -i, attach, port-forward) listens on loopback only.
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  # No AppArmor profile is loaded into the host's kernel for the pods.
  disable_apparmor = true
  # A pod's sandbox gets oom_score_adj -998; lowering it needs CAP_SYS_RESOURCE, which a host
  # that is itself a container may withhold (runc's create then fails): then no lower than ours.
  restrict_oom_score_adj = $(has_sys_resource && echo false || echo true)
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "$runtime"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.mydocker]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.mydocker.options]
        BinaryName = "$runtime_binary"
        SystemdCgroup = false
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$dir/cni"
EOF
  if [[ -n $registry ]]; then
    [[ $registry == 127.0.0.1:* ]] || die "CRI_REGISTRY must be on loopback (127.0.0.1:PORT), not '$registry'"
    cat >>"$dir/config.toml" <<EOF
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."$registry"]
    endpoint = ["http://$registry"]
EOF
  fi
  mkdir -p "$dir/cni"
  cat >"$dir/cni/10-mydocker-cri.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "mydocker-cri",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$bridge",
      "isGateway": true,
      "ipMasq": false,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$subnet"}]],
        "dataDir": "$dir/cni-leases"
      }
    }
  ]
}
EOF
  cat >"$dir/crictl.yaml" <<EOF
runtime-endpoint: unix://$dir/containerd.sock
image-endpoint: unix://$dir/containerd.sock
timeout: 60
EOF
}

# The sandbox image: pause, static, alone in a layer; and busybox; both saved by this engine.
make_images() {
  local md=(env MYDOCKER_ROOT="$dir/md-root" MYDOCKER_EXEC_ROOT="$dir/md-exec" "$repo/mydocker")
  mkdir -p "$dir/pause-rootfs"
  gcc -static -Os -o "$dir/pause-rootfs/pause" "$repo/examples/cri/pause.c"
  tar -C "$dir/pause-rootfs" -cf "$dir/pause-rootfs.tar" pause
  "${md[@]}" import --change 'ENTRYPOINT ["/pause"]' "$dir/pause-rootfs.tar" "$pause_image" >/dev/null
  "${md[@]}" save -o "$dir/pause.tar" "$pause_image"
  "${md[@]}" save -o "$dir/busybox.tar" busybox
}

up() {
  [[ ! -e $dir ]] || die "$dir exists: give a new directory (or run: $0 down $dir)"
  command -v containerd >/dev/null || die "containerd is missing: run scripts/install-deps.sh"
  [[ -x /usr/lib/cni/bridge ]] || die "the CNI plugins are missing: run scripts/install-deps.sh"
  ! ip link show "$bridge" >/dev/null 2>&1 || die "a link named $bridge exists: set CRI_BRIDGE to another name"
  mkdir -p "$dir"
  for d in "${host_dirs[@]}"; do [[ -e $d ]] || echo "$d" >>"$dir/made"; done
  # CNI's bridge turns the host's IP forwarding on for its gateway; down puts it back.
  cat /proc/sys/net/ipv4/ip_forward >"$dir/ip_forward"
  write_config
  make_images
  setsid containerd --config "$dir/config.toml" </dev/null >"$dir/containerd.log" 2>&1 &
  echo $! >"$dir/containerd.pid"
  for _ in $(seq 100); do
    ctr version >/dev/null 2>&1 && break
    kill -0 "$(<"$dir/containerd.pid")" 2>/dev/null || die "containerd exited: see $dir/containerd.log"
    sleep 0.2
  done
  ctr version >/dev/null 2>&1 || die "containerd does not answer: see $dir/containerd.log"
  ctr image import "$dir/pause.tar" >/dev/null
  ctr image import "$dir/busybox.tar" >/dev/null
  echo "containerd's CRI serves on unix://$dir/containerd.sock (handler $runtime): crictl --config $dir/crictl.yaml ..."
}

down() {
  [[ -d $dir ]] || die "$dir does not exist"
  [[ -f $dir/config.toml ]] || die "$dir was not made by '$0 up'"
  if [[ -f $dir/containerd.pid ]]; then
    local pid
    pid=$(<"$dir/containerd.pid")
    if kill -0 "$pid" 2>/dev/null; then
      crictl rmp --all --force >/dev/null 2>&1 || true
      kill -TERM "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    fi
  fi
  { grep -o " $dir/[^ ]*" /proc/self/mountinfo || true; } | sort -r | xargs -r -n1 umount -l
  # Only what is empty now: another containerd on the host may have come to use them meanwhile.
  if [[ -f $dir/made ]]; then
    while read -r d; do
      if [[ -d $d ]]; then find "$d" -depth -type d -empty -delete; fi
      if [[ -e $d ]]; then echo "cri-containerd: left $d: not empty (in use by another containerd?)" >&2; fi
    done < <(sort -r "$dir/made")
  fi
  if ip link show "$bridge" >/dev/null 2>&1; then ip link delete "$bridge"; fi
  if [[ -f $dir/ip_forward ]]; then cat "$dir/ip_forward" >/proc/sys/net/ipv4/ip_forward; fi
  rm -rf "$dir"
}

case $1 in
  up) up ;;
  down) down ;;
  *) usage ;;
esac
