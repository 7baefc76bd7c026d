#!/usr/bin/env bash
# scripts/cri-tools.sh [--print-dir]
#
# Kubernetes' CRI tools (kubernetes-sigs/cri-tools v1.26.1): `crictl`, the CRI client
# kubelet developers use, and `critest`, the CRI validation suite. They are test input,
# not part of the project (Apache-2.0): unpacked and built outside the tree, once, in
# $CRI_WORK (default /var/tmp/mydocker-cri), and reused while its marker names the same
# tarball. A fresh clone finds the tarball in the project's shared/ directory beside the
# clone, ../shared/conformance/ (CI lays it there); CRI_TOOLS_TARBALL points elsewhere.
# Needs go 1.19 (installed here by scripts/install-deps.sh --cri); ~4 minutes on two cores, offline
# (the tarball vendors its modules).
#
# Prints the directory that holds crictl and critest (--print-dir: only that, no build).
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
tarball=${CRI_TOOLS_TARBALL:-$repo/../shared/conformance/cri-tools-v1.26.1.tar.gz}
work=${CRI_WORK:-/var/tmp/mydocker-cri}
dir=$work/cri-tools-v1.26.1
marker=.mydocker-built # written last: the tarball's sha256

die() {
  echo "cri-tools: $*" >&2
  exit 2
}

if [[ ${1:-} == --print-dir ]]; then
  echo "$dir"
  exit 0
fi
[[ $# -eq 0 ]] || die "usage: $0 [--print-dir]"

[[ -f $tarball ]] || die "no tarball at $tarball: set CRI_TOOLS_TARBALL to cri-tools-v1.26.1.tar.gz (the project's shared/conformance/, beside the clone)"
sha=$(sha256sum "$tarball" | cut -d' ' -f1)
if [[ -f $dir/$marker && $(<"$dir/$marker") == "$sha" ]]; then
  echo "$dir"
  exit 0
fi
[[ ! -e $dir || -f $dir/$marker ]] \
  || die "$dir exists but is not a build of ours (no $marker): remove it or set CRI_WORK"
"$repo"/scripts/install-deps.sh --quiet --cri

# Built beside its final place, then renamed: a killed build never looks whole.
partial=$dir.partial
rm -rf "$partial" "$dir"
mkdir -p "$partial"
echo "cri-tools: building crictl and critest in $dir (once; ~4 minutes)..." >&2
tar -xzf "$tarball" -C "$partial"
(
  cd "$partial"
  export GOFLAGS=-mod=vendor GOPROXY=off GO111MODULE=on GOCACHE=$work/go-cache GOPATH=$work/gopath
  go build -o crictl ./cmd/crictl && go test -c -o critest ./cmd/critest
) >"$work/build.log" 2>&1 || die "the build failed: see $work/build.log"
echo "$sha" >"$partial/$marker"
mv "$partial" "$dir"
echo "$dir"
