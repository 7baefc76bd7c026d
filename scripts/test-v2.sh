#!/usr/bin/env bash
# scripts/test-v2.sh — the cgroup v2 test set in a guest kernel.
#
# This machine (and CI) runs cgroup v1; most readers run v2. Debian's own
# kernel boots under qemu's software emulation (no hardware virtualisation
# needed) with the unified hierarchy and every controller, sees this machine's
# / read-only over virtio-9p (its JDK, this built checkout), runs the tests
# tagged "cgroup" there, and hands their result back through a 9p share.
# The guest has no network device: its network is loopback and the containers'
# own namespaces. Nothing is left on the host but the kernel cache.
#
#   sudo scripts/test-v2.sh            (after a build: mvn install -DskipTests)
#   sudo scripts/test-v2.sh --shell    a shell in that guest instead, to look around
#
# MYDOCKER_V2_CACHE  where the kernel is unpacked (default /var/cache/mydocker-v2)
# MYDOCKER_V2_TIMEOUT  seconds before the guest is killed (default 2700: the whole set took ~1800 s
#                      on this 2-core machine in Nov 2026, chapter 7 alone ~1050 s, every JVM interpreted)
# MYDOCKER_V2_MODULES  the chapters whose tagged tests run (default: all of them)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
repo=$PWD
cache=${MYDOCKER_V2_CACHE:-/var/cache/mydocker-v2}
timeout=${MYDOCKER_V2_TIMEOUT:-2700}
junit_console=org.junit.platform:junit-platform-console-standalone:1.11.3
started=$SECONDS
mode=tests
case ${1:-} in
  '') ;;
  --shell) mode=shell ;;
  *) echo "test-v2: unknown option '$1' (use --shell, or nothing to run the tests)" >&2; exit 2 ;;
esac

if [[ $(id -u) -ne 0 ]]; then
  echo "test-v2: run as root (sudo $0): the tests run real containers in the guest" >&2
  exit 1
fi
scripts/install-deps.sh --quiet --v2-guest

# What the guest runs: the build's classes, the recorded test classpaths and
# the JUnit console launcher (fetched by Maven into the gitignored target/).
if [[ ! -f ch06-network/target/test-classpath.txt ]]; then
  echo "test-v2: no build yet: mvn install -DskipTests"
  mvn -B -q install -DskipTests
fi
if ! ls target/v2/junit-platform-console-standalone-*.jar >/dev/null 2>&1; then
  mvn -B -q -N dependency:copy -Dartifact=$junit_console -DoutputDirectory=target/v2
fi

# Debian's generic kernel (the cloud flavour has no 9p), unpacked once.
kernel_package=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[[ -n $kernel_package ]] || { echo "test-v2: apt knows no linux-image-amd64 (apt-get update?)" >&2; exit 1; }
kver=${kernel_package#linux-image-}
kernel_dir=$cache/$kver
if [[ ! -f $kernel_dir/lib/modules/$kver/modules.dep ]]; then
  echo "test-v2: fetching the kernel $kernel_package-unsigned into $cache"
  rm -rf "$kernel_dir.tmp"
  mkdir -p "$kernel_dir.tmp"
  (cd "$kernel_dir.tmp" && apt-get download -q "$kernel_package-unsigned" 2>&1 | grep -v unsandboxed || true)
  dpkg-deb -x "$kernel_dir.tmp"/*.deb "$kernel_dir.tmp"
  rm "$kernel_dir.tmp"/*.deb
  depmod -b "$kernel_dir.tmp" "$kver"
  rm -rf "$kernel_dir"
  mv "$kernel_dir.tmp" "$kernel_dir"
fi
modules=$kernel_dir/lib/modules/$kver

work=$(mktemp -d /tmp/mydocker-v2.XXXXXX)
qemu_pid=
cleanup() {
  if [[ -n $qemu_pid ]] && kill -0 "$qemu_pid" 2>/dev/null; then
    kill "$qemu_pid"
    wait "$qemu_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The initramfs: busybox, the modules for 9p and overlay in load order, the init.
initramfs=$work/initramfs
mkdir -p "$initramfs"/{bin,etc,proc,sys,dev,modules}
cp "$(command -v busybox)" "$initramfs/bin/busybox"
ln -s busybox "$initramfs/bin/sh"
modprobe -a -d "$kernel_dir" -S "$kver" --show-depends virtio_pci 9pnet_virtio 9p overlay \
  | awk '$1 == "insmod" && !seen[$2]++ {print $2}' | while read -r ko; do
      cp "$ko" "$initramfs/modules/"
      basename "$ko" >>"$initramfs/modules/order"
    done
cp scripts/v2-guest/init.sh "$initramfs/init"
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
modules_to_test=${MYDOCKER_V2_MODULES:-ch02-namespace-cgroup-unionfs ch03-run-container ch05-advanced ch06-network ch07-practice}
printf 'REPO=%s\nKVER=%s\nJAVA_HOME=%s\nMODULES="%s"\nMODE=%s\n' "$repo" "$kver" "$java_home" "$modules_to_test" "$mode" \
  >"$initramfs/etc/mydocker-v2.conf"
(cd "$initramfs" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initramfs.cpio.gz"

# No network device at all (-nic none); / read-only; results the only writable share.
mkdir "$work/results"
qemu=(qemu-system-x86_64 -accel tcg,thread=multi -smp 2 -m 4G -nic none -display none -monitor none -no-reboot
  -kernel "$kernel_dir/boot/vmlinuz-$kver" -initrd "$work/initramfs.cpio.gz"
  -append "console=ttyS0 panic=-1 quiet loglevel=3"
  -fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap
  -device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot
  -fsdev local,id=modules,path="$modules",security_model=none,readonly=on
  -device virtio-9p-pci,fsdev=modules,mount_tag=modules
  -fsdev local,id=results,path="$work/results",security_model=none
  -device virtio-9p-pci,fsdev=results,mount_tag=results)
if [[ $mode == shell ]]; then
  "${qemu[@]}" -serial mon:stdio  # Ctrl-A X leaves qemu at once
  exit 0
fi
log=target/v2/guest.log
mkdir -p target/v2
echo "test-v2: booting $kver under qemu (TCG, 2 vCPUs, 4 GiB); guest output follows and is in $log"
"${qemu[@]}" -serial stdio </dev/null > >(tee "$log") 2>&1 &
qemu_pid=$!
deadline=$((SECONDS + timeout))
while kill -0 "$qemu_pid" 2>/dev/null && ((SECONDS < deadline)); do
  sleep 2
done
if kill -0 "$qemu_pid" 2>/dev/null; then
  echo "test-v2: FAILED: the guest did not finish within ${timeout}s (MYDOCKER_V2_TIMEOUT); killed" >&2
  exit 1
fi
wait "$qemu_pid" || true
qemu_pid=
# The guest's CPU time (this script's children: mostly qemu): on a busy machine
# the wall time says little about what the guest needs.
times >"$work/times"  # not in $(...): a subshell has no children of its own yet
cpu_seconds=$(awk 'NR == 2 {split($1, u, /[ms]/); split($2, s, /[ms]/); print int(u[1] * 60 + u[2] + s[1] * 60 + s[2])}' "$work/times")

rm -rf target/v2/reports
[[ -d $work/results/reports ]] && cp -r "$work/results/reports" target/v2/reports
code=$(cat "$work/results/exit-code" 2>/dev/null || echo none)
echo "test-v2: took $((SECONDS - started)) s in all (qemu used ${cpu_seconds} CPU-seconds); reports in target/v2/reports"
if [[ $code != 0 ]]; then
  echo "test-v2: FAILED: the v2 test set's exit code is $code (see $log)" >&2
  exit 1
fi
echo "test-v2: the cgroup v2 test set passed"
