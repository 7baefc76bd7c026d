#!/usr/bin/env bash
# bench/run.sh — mydocker side by side with runc on this machine, as root.
#
#   ./bench/run.sh [RUNS]      (default 10 runs per figure, after 2 warm-up runs)
#
# Installs runc (Debian's) if missing, gives both engines the same busybox
# rootfs (runc gets an OCI bundle made from our busybox image's layer),
# interleaves their runs, and prints a markdown table (min / median / max),
# also written to bench/RESULTS.md with the date and the machine.
# Timing lives here, never in the tests.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
runs=${1:-10}
[[ $(id -u) -eq 0 ]] || { echo "bench: run as root (containers need it)" >&2; exit 1; }
command -v runc >/dev/null || { echo "bench: installing runc..." >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq runc >/dev/null; }

work=$(mktemp -d /tmp/mydocker-bench.XXXXXX)
export MYDOCKER_ROOT=$work/root MYDOCKER_EXEC_ROOT=$work/exec
md=./mydocker
cleanup() {
  for id in $(runc list -q 2>/dev/null | grep '^mdbench' || true); do runc delete -f "$id" >/dev/null 2>&1 || true; done
  ids=$($md ps -a -q 2>/dev/null || true)
  [[ -n $ids ]] && $md rm -f $ids >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench: preparing (build, busybox image, runc bundle)..." >&2
$md run --rm busybox true >/dev/null
layer=$(sed -n 's/.*"busybox:latest" *: *"sha256:\([0-9a-f]*\)".*/\1/p' "$MYDOCKER_ROOT/image/repositories.json")
config=$MYDOCKER_ROOT/image/configs/$layer.json
diff=$(sed -n 's/.*"diff_ids":\["sha256:\([0-9a-f]*\)".*/\1/p' "$config")
bundle=$work/bundle
mkdir -p "$bundle"
cp -a "$MYDOCKER_ROOT/image/layers/$diff" "$bundle/rootfs"
(cd "$bundle" && runc spec)
sed -i -e 's/"terminal": true/"terminal": false/' -e 's/"sh"$/"true"/' "$bundle/config.json"

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
# stats FILE -> "min median max" in ms
stats() { sort -n "$1" | awk '{a[NR]=$1} END {printf "%d %d %d\n", a[1], a[int((NR+1)/2)], a[NR]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }'; }

rows=()
row() { # name ours-file peer-file
  read -r omin omed omax < <(stats "$2")
  if [[ -n ${3:-} ]]; then
    read -r pmin pmed pmax < <(stats "$3")
    rows+=("| $1 | $omin / $omed / $omax | $pmin / $pmed / $pmax | $(ratio "$omed" "$pmed") |")
  else
    rows+=("| $1 | $omin / $omed / $omax | – | – |")
  fi
}

# 1. run --rm busybox true, interleaved
: >"$work/run.ours"; : >"$work/run.runc"
for i in $(seq -2 "$runs"); do
  t0=$(now); $md run --rm busybox true >/dev/null; t1=$(now)
  runc run --bundle "$bundle" "mdbench-run-$i" >/dev/null; t2=$(now)
  if (( i > 0 )); then ms "$t0" "$t1" >>"$work/run.ours"; ms "$t1" "$t2" >>"$work/run.runc"; fi
done
row '`run --rm busybox true` (ms)' "$work/run.ours" "$work/run.runc"

# 3. exec into a running container
sed -i -e 's/"true"$/"sleep", "3600"/' "$bundle/config.json"
id=$($md run -d busybox sleep 3600)
runc run -d --bundle "$bundle" mdbench-exec >/dev/null 2>&1 </dev/null
: >"$work/exec.ours"; : >"$work/exec.runc"
for i in $(seq -2 "$runs"); do
  t0=$(now); $md exec "$id" true; t1=$(now)
  runc exec mdbench-exec true; t2=$(now)
  if (( i > 0 )); then ms "$t0" "$t1" >>"$work/exec.ours"; ms "$t1" "$t2" >>"$work/exec.runc"; fi
done
row '`exec CONTAINER true` (ms)' "$work/exec.ours" "$work/exec.runc"

# 4. host memory of one detached container: every host process that exists because of it
pid=$(sed -n 's/.*"pid":\([0-9]*\).*/\1/p' "$MYDOCKER_ROOT/containers/$id/state.json")
shim=$(awk '{print $4}' "/proc/$pid/stat")
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
echo "$(rss "$shim")" >"$work/mem.ours"
echo 0 >"$work/mem.runc" # runc run -d leaves no runc process on the host
rows+=("| host RSS kept for one detached container (kB; the container's own process excluded) | $(cat "$work/mem.ours") (mydocker-shim) | 0 (none) | – |")

# 5. density: 20 detached containers
n=20
t0=$(now)
for i in $(seq 1 $n); do $md run -d busybox sleep 3600 >/dev/null & done; wait
t1=$(now)
shims=0; for p in $(pgrep -x mydocker-shim); do shims=$((shims + $(rss "$p"))); done
ids=$($md ps -q)
t2=$(now); $md rm -f $ids >/dev/null; t3=$(now)
t4=$(now)
for i in $(seq 1 $n); do
  cp -a "$bundle" "$work/b$i"
  runc run -d --bundle "$work/b$i" "mdbench-d$i" >/dev/null 2>&1 </dev/null &
done; wait
t5=$(now)
t6=$(now); for i in $(seq 1 $n); do runc delete -f "mdbench-d$i" >/dev/null; done; t7=$(now)
rows+=("| $n detached \`sleep\` started in parallel (ms to all running) | $(ms "$t0" "$t1") | $(ms "$t4" "$t5") (incl. bundle copies) | $(ratio "$(ms "$t0" "$t1")" "$(ms "$t4" "$t5")") |")
rows+=("| their shims' RSS in all (kB) | $shims | 0 | – |")
rows+=("| \`rm -f\` of all $n (ms) | $(ms "$t2" "$t3") | $(ms "$t6" "$t7") | $(ratio "$(ms "$t2" "$t3")" "$(ms "$t6" "$t7")") |")

# 6. import of a ~100 MB rootfs tar vs tar -x of the same file
mkdir -p "$work/big/bin"
cp "$bundle/rootfs/bin/busybox" "$work/big/bin/"
head -c 100000000 /dev/urandom >"$work/big/blob"
tar -C "$work/big" -cf "$work/big.tar" .
t0=$(now); $md import "$work/big.tar" bench-big >/dev/null 2>&1; t1=$(now)
mkdir -p "$work/untar"; t2=$(now); tar -C "$work/untar" -xf "$work/big.tar"; t3=$(now)
rows+=("| \`import\` of a 100 MB rootfs tar (ms) vs \`tar -x\` | $(ms "$t0" "$t1") | $(ms "$t2" "$t3") (tar) | $(ratio "$(ms "$t0" "$t1")" "$(ms "$t2" "$t3")") |")

cgroup=$(grep -q ' - cgroup2 ' /proc/self/mountinfo && ! grep -q ' - cgroup cgroup .*memory' /proc/self/mountinfo && echo v2 || echo v1)
{
  echo "# Benchmark results"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · kernel $(uname -r) · cgroup $cgroup · $(java -version 2>&1 | head -1) · $(runc --version | head -1)"
  echo
  echo "$runs runs per timed figure after 2 warm-up runs, mydocker and runc interleaved; min / median / max."
  echo
  echo "| what | mydocker | runc | ratio (median) |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee bench/RESULTS.md
