#!/usr/bin/env bash
# examples/cri/run.sh — book 7.6: a Kubernetes pod started through this runtime the
# way the kubelet starts one: crictl (the CRI client) → containerd's CRI plugin →
# its runc shim → ./mydocker-runc (the pod's RuntimeClass handler). The pod is a
# pause sandbox, a server and a client that fetches the server's page over the
# pod's own loopback. Everything is taken down at the end, whatever happens.
#
# CRI_RUNTIME=runc runs the same pod with runc as the handler, to compare.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
repo=$here/../..
crictl_dir=$("$repo/scripts/cri-tools.sh") # builds crictl once (~4 min)
work=$(mktemp -d /tmp/mydocker-cri.XXXXXX)
cleanup() {
  "$repo/scripts/cri-containerd.sh" down "$work/containerd" >/dev/null 2>&1 || true
  rm -rf "$work"
  # The pod's cgroup parent (pod.json), as the kubelet removes a pod's: runc leaves it, ours does not.
  for parent in /sys/fs/cgroup/mydocker-cri /sys/fs/cgroup/*/mydocker-cri; do
    if [[ -d $parent ]]; then rmdir "$parent" 2>/dev/null || true; fi
  done
}
trap cleanup EXIT
"$repo/scripts/cri-containerd.sh" up "$work/containerd"
crictl() { "$crictl_dir/crictl" --config "$work/containerd/crictl.yaml" "$@"; }
# The pod's logs go to the example's temporary directory.
sed "s|/var/log/mydocker-cri/hello|$work/logs|" "$here/pod.json" >"$work/pod.json"

pod=$(crictl runp "$work/pod.json")
server=$(crictl create "$pod" "$here/server.json" "$work/pod.json")
crictl start "$server" >/dev/null
client=$(crictl create "$pod" "$here/client.json" "$work/pod.json")
crictl start "$client" >/dev/null
for _ in $(seq 50); do
  crictl logs "$client" 2>/dev/null | grep -q hello && break
  sleep 0.2
done
echo "== crictl pods; crictl ps"
crictl pods
crictl ps
echo "== crictl logs client: the server's page, fetched over the pod's loopback"
crictl logs "$client"
echo "== crictl exec client: the pod's host name and its PID 1"
crictl exec "$client" sh -c 'echo "$(hostname), PID 1 is $(cat /proc/1/comm)"'
echo "== crictl stopp; crictl rmp"
crictl stopp "$pod"
crictl rmp "$pod"
