#!/usr/bin/env bash
# scripts/install-deps.sh [--quiet] [--with-jdk] [--v2-guest] [--oci] [--examples] [--cri]
#
# The one list of OS packages the project needs (Debian 12 / Ubuntu), used by
# scripts/test.sh, by ./mydocker when it builds, and by the Vagrant VM.
# Idempotent, and quick when everything is present (no apt-get at all).
set -euo pipefail

packages=(
  iproute2    # ip: the network namespace demo (ch02), veth and bridges (ch06)
  procps      # ps: the mount namespace demo and the tests
  util-linux  # unshare --user (ch02 user demo), ipcmk/ipcs (ch02 ipc demo)
  stress      # the book's memory hog for the cgroup demo (2.2)
  busybox-static  # the default busybox image (ch04)
  iptables    # NAT and port mapping (ch06); `doctor` checks for it
  gcc libc6-dev  # the build: ch05's shim is C (static); the tests: ch04's chroot-escape program
  containerd  # ch07: the engine that drives ./mydocker-runc in the tests (book 7.5); never started as a service
  docker.io   # ch07: dockerd and the docker CLI drive ./mydocker-runc in the tests; never started as a service
  podman      # ch07: podman and its conmon drive ./mydocker-runc in the tests (daemonless)
  libseccomp2 # ch07: seccomp filters are compiled by libseccomp (through jnr-ffi), as runc compiles them
  docker-registry apache2-utils  # ch07 pull/push: the tests' registry (its own config on 127.0.0.1; never started as a service), htpasswd for its logins
  skopeo      # ch07: OciLayoutIT copies images between OCI layouts and docker archives with it
  umoci       # ch07: OciLayoutIT unpacks the oci-archives save writes with it
  curl        # ch07: the examples' scripts fetch their pages from the host (book 7.1, 7.2)
)
quiet=false
for arg in "$@"; do
  case $arg in
    --quiet) quiet=true ;;
    --with-jdk) packages+=(default-jdk-headless maven) ;;  # for a bare VM
    # scripts/test-v2.sh: a guest kernel under emulation, its initramfs and modules
    --v2-guest) packages+=(qemu-system-x86 kmod cpio busybox-static) ;;
    # scripts/oci-validation.sh: the OCI runtime spec's validation suite, and runc beside ours
    --oci) packages+=(
      golang-go  # go 1.19: builds runtime-tools' validation programs offline (vendored modules)
      make       # runtime-tools' Makefile drives that build
      runc       # the reference runtime the suite is scored against, side by side with ours
    ) ;;
    # scripts/base-images.sh: the Debian root filesystem of the book's applications (7.1, 7.2)
    --examples) packages+=(mmdebstrap) ;;
    # scripts/cri-tools.sh and scripts/cri-containerd.sh: Kubernetes' CRI path (book 7.6)
    --cri) packages+=(
      golang-go  # go 1.19: builds crictl and critest offline (vendored modules)
      containernetworking-plugins  # CNI's bridge, host-local and loopback: the pods' network
    ) ;;
    *) echo "install-deps.sh: unknown option '$arg' (use --quiet, --with-jdk, --v2-guest, --oci, --examples, --cri)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  $quiet || echo "install-deps: all OS packages present (${packages[*]})"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "install-deps: missing ${missing[*]}, and this is not a Debian/Ubuntu system: install them by hand" >&2
  exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing ${missing[*]}: run as root (sudo $0) to install them" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}..."
export DEBIAN_FRONTEND=noninteractive
# A package that ships a daemon (containerd, dockerd) must not start it, now or at boot: the
# tests start their own, on their own paths. policy-rc.d is Debian's switch for the
# first; it is ours only while we install.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [[ " ${missing[*]} " == *" containerd "* && -d /run/systemd/system ]]; then
  systemctl disable --quiet containerd.service 2>/dev/null || true
fi
if [[ " ${missing[*]} " == *" docker.io "* && -d /run/systemd/system ]]; then
  systemctl disable --quiet docker.service docker.socket 2>/dev/null || true
fi
if [[ " ${missing[*]} " == *" docker-registry "* && -d /run/systemd/system ]]; then
  systemctl disable --now --quiet docker-registry.service 2>/dev/null || true
fi
echo "install-deps: done"
