#!/usr/bin/env bash
# bench/run.sh — mydocker side by side with runc on this machine, as root.
#
#   ./bench/run.sh [RUNS]      (default 10 runs per figure, after 2 warm-up runs)
#
# Installs runc (Debian's) if missing, gives both engines the same busybox
# rootfs (runc gets an OCI bundle made from our busybox image's layer),
# interleaves their runs, and prints a markdown table (min / median / max),
# also written to bench/RESULTS.md with the date and the machine, followed by
# the per-phase breakdown of a start read from the engine's own -D lines.
# Timing lives here, never in the tests.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
runs=${1:-10}
[[ $(id -u) -eq 0 ]] || { echo "bench: run as root (containers need it)" >&2; exit 1; }
command -v runc >/dev/null || { echo "bench: installing runc..." >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq runc >/dev/null; }

work=$(mktemp -d /tmp/mydocker-bench.XXXXXX)
export MYDOCKER_ROOT=$work/root MYDOCKER_EXEC_ROOT=$work/exec
md=./mydocker
forward=$(cat /proc/sys/net/ipv4/ip_forward)
cleanup() {
  $md network rm mdbench >/dev/null 2>&1 || true
  echo "$forward" >/proc/sys/net/ipv4/ip_forward
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

# interleave NAME OURS PEER: 2 warm-up runs, then $runs timed runs, each of
# ours then the peer's (the functions OURS and PEER, given the run's number);
# adds the table row.
interleave() {
  : >"$work/$2.ours"; : >"$work/$2.peer"
  for i in $(seq -2 "$runs"); do
    t0=$(now); "$2" "$i" >/dev/null; t1=$(now)
    "$3" "$i" >/dev/null; t2=$(now)
    if (( i > 0 )); then ms "$t0" "$t1" >>"$work/$2.ours"; ms "$t1" "$t2" >>"$work/$2.peer"; fi
  done
  row "$1" "$work/$2.ours" "$work/$2.peer"
}

# 1. run --rm busybox true
run_ours() { $md run --rm busybox true; }
run_runc() { runc run --bundle "$bundle" "mdbench-run-$1"; }
interleave '`run --rm busybox true` (ms)' run_ours run_runc

# 1b. the same on JDK 25 (its AOT cache) when one is installed
jdk25=$(for d in /usr/lib/jvm/*/; do
  f=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null)
  [[ -n $f && $f -ge 25 ]] && echo "${d%/}"
done | head -n 1)
if [[ -n $jdk25 ]]; then
  run25_ours() { JAVA_HOME=$jdk25 $md run --rm busybox true; }
  run25_runc() { runc run --bundle "$bundle" "mdbench-run25-$1"; }
  interleave "\`run --rm busybox true\` on $(basename "$jdk25") with its AOT cache (ms)" run25_ours run25_runc
fi

# 2. the same start broken down, from the engine's -D lines (DebugLog): each
# phase runs from one line to another (START/END: the bench's own clock
# around the command). One phase a line: name|from|to|what it is.
phases='launcher|START|launcher: exec java|launcher script (bash, staleness check)
cli_jvm|launcher: exec java|cli: main|CLI JVM start to main
cli_args|cli: main|cli: beforeStart ContainerLock|CLI: picocli, image and container config
host_steps|cli: beforeStart ContainerLock|cli: spawn init|host steps before init exists (lock, dirs, cgroup)
cgroup_create|cli: beforeStart CgroupLimits|cli: beforeStart StateFile|… of which the cgroup made and limited
init_jvm|cli: spawn init|init: main|spawn into new namespaces + init JVM start to main
cgroup_attach|cli: afterStart CgroupLimits|cli: afterStart StateFile|(in parallel) init put in its cgroup
init_bind|init: main|init: command received|init: libc bound, command read from the pipe
mounts|init: command received|init: execve /bin/true|init: mounts (overlay, /dev, pivot_root, /proc, /sys)
command|init: execve /bin/true|cli: container exited|execve to the CLI seeing the container exit
teardown|cli: container exited|cli: cleaned up|teardown (cgroup, container dir, lock)
cli_exit|cli: cleaned up|END|CLI JVM exit'
rm -f "$work"/phase.*
for i in $(seq -2 "$runs"); do
  t0=$(now); $md -D run --rm busybox true 2>"$work/debug.log" >/dev/null; t1=$(now)
  (( i > 0 )) || continue
  awk -v start="$t0" -v end="$t1" -v phases="$phases" -v dir="$work" '
    /^DEBU\[/ { t = substr($1, 6, length($1) - 6); $1 = ""; at[substr($0, 2)] = t * 1e6 }
    END {
      at["START"] = start / 1000; at["END"] = end / 1000   # ns -> µs
      n = split(phases, lines, "\n")
      for (k = 1; k <= n; k++) {
        split(lines[k], f, "|")
        printf "%.1f\n", (at[f[3]] - at[f[2]]) / 1000 >> (dir "/phase." f[1])
      }
    }' "$work/debug.log"
done
fstats() { sort -g "$1" | awk '{a[NR]=$1} END {printf "%s / %s / %s\n", a[1], a[int((NR+1)/2)], a[NR]}'; }
breakdown=()
while IFS='|' read -r name _ _ what; do
  breakdown+=("| $what | $(fstats "$work/phase.$name") |")
done <<<"$phases"

# 3. exec into a running container
sed -i -e 's/"true"$/"sleep", "3600"/' "$bundle/config.json"
id=$($md run -d busybox sleep 3600)
runc run -d --bundle "$bundle" mdbench-exec >/dev/null 2>&1 </dev/null
exec_ours() { $md exec "$id" true; }
exec_runc() { runc exec mdbench-exec true; }
interleave '`exec CONTAINER true` (ms)' exec_ours exec_runc

# 4. host memory of one detached container: every host process that exists because of it
pid=$(sed -n 's/.*"pid":\([0-9]*\).*/\1/p' "$MYDOCKER_ROOT/containers/$id/state.json")
shim=$(awk '{print $4}' "/proc/$pid/stat")
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
echo "$(rss "$shim")" >"$work/mem.ours"
echo 0 >"$work/mem.runc" # runc run -d leaves no runc process on the host
rows+=("| host RSS kept for one detached container (kB; the container's own process excluded) | $(cat "$work/mem.ours") (mydocker-shim) | 0 (none) | – |")

$md rm -f "$id" >/dev/null; runc delete -f mdbench-exec >/dev/null

# 5. density: 100 detached containers, started 10 at a time by each engine
n=100
start_ours() { $md run -d busybox sleep 3600 >/dev/null; }
start_runc() { cp -a "$bundle" "$work/b$1" && runc run -d --bundle "$work/b$1" "mdbench-d$1" >/dev/null 2>&1 </dev/null; }
export -f start_ours start_runc; export md bundle work
t0=$(now); seq 1 $n | xargs -P 10 -I{} bash -c 'start_ours {}'; t1=$(now)
running=$($md ps -q | wc -l)
shims=0; for p in $(pgrep -x mydocker-shim); do shims=$((shims + $(rss "$p"))); done
t2=$(now); $md rm -f $($md ps -q) >/dev/null; t3=$(now)
t4=$(now); seq 1 $n | xargs -P 10 -I{} bash -c 'start_runc {}'; t5=$(now)
running_runc=$(runc list -q | grep -c '^mdbench-d' || true)
t6=$(now); for i in $(seq 1 $n); do runc delete -f "mdbench-d$i" >/dev/null; done; t7=$(now)
rows+=("| $n detached \`sleep\` started 10 at a time (ms to all running; running after) | $(ms "$t0" "$t1") ($running) | $(ms "$t4" "$t5") incl. bundle copies ($running_runc) | $(ratio "$(ms "$t0" "$t1")" "$(ms "$t4" "$t5")") |")
rows+=("| host RSS kept for those $n (kB, all shims) | $shims | 0 | – |")
rows+=("| \`rm -f\` of all $n (ms) | $(ms "$t2" "$t3") | $(ms "$t6" "$t7") | $(ratio "$(ms "$t2" "$t3")" "$(ms "$t6" "$t7")") |")

# 6. import of a ~100 MB rootfs tar vs tar -x of the same file
mkdir -p "$work/big/bin"
cp "$bundle/rootfs/bin/busybox" "$work/big/bin/"
head -c 100000000 /dev/urandom >"$work/big/blob"
tar -C "$work/big" -cf "$work/big.tar" .
t0=$(now); $md import "$work/big.tar" bench-big >/dev/null 2>&1; t1=$(now)
mkdir -p "$work/untar"; t2=$(now); tar -C "$work/untar" -xf "$work/big.tar"; t3=$(now)
rows+=("| \`import\` of a 100 MB rootfs tar (ms) vs \`tar -x\` | $(ms "$t0" "$t1") | $(ms "$t2" "$t3") (tar) | $(ratio "$(ms "$t0" "$t1")" "$(ms "$t2" "$t3")") |")

# 7. networks (chapter 6): run --net against run without a network (runc sets
# up no network of its own, so it has no figure here); 20 parallel run -d --net.
subnet=172.31.254.0/24
$md network create --subnet "$subnet" mdbench >/dev/null
: >"$work/net.ours"; : >"$work/nonet.ours"
for i in $(seq -2 "$runs"); do
  t0=$(now); $md run --rm --net mdbench busybox true >/dev/null; t1=$(now)
  $md run --rm busybox true >/dev/null; t2=$(now)
  if (( i > 0 )); then ms "$t0" "$t1" >>"$work/net.ours"; ms "$t1" "$t2" >>"$work/nonet.ours"; fi
done
read -r nmin nmed nmax < <(stats "$work/net.ours")
read -r _ omed _ < <(stats "$work/nonet.ours")
rows+=("| \`run --rm --net NET busybox true\` (ms; without --net in the same loop: $omed) | $nmin / $nmed / $nmax | – (no network of its own) | – |")
t0=$(now)
for i in $(seq 1 20); do $md run -d --net mdbench busybox sleep 3600 >/dev/null & done; wait
t1=$(now)
addresses=$($md network inspect mdbench | grep -cE '"172\.31\.254\.[0-9]+",?$' || true)
$md rm -f $($md ps -q) >/dev/null
rows+=("| 20 \`run -d --net\` in parallel (ms to all running; addresses leased) | $(ms "$t0" "$t1") ($addresses) | – | – |")
$md network rm mdbench >/dev/null

# 8. what other designs would gain (bench/README.md, "Designs past 8×"),
# measured: the CLI kept warm in one JVM (a daemon's part), and of each of
# those runs the stretch from spawning init to init holding its command, less
# the host's afterStart steps (cgroup attach) that a pool would still wait
# for: the part a pool of pre-started, libc-bound init JVMs would remove.
classpath=ch06-network/target/ch06-1.0-SNAPSHOT.jar:$(cat ch06-network/target/classes/mydocker/ch06/classpath.txt)
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$classpath" \
  bench/WarmCli.java $((runs + 2)) -D run --rm busybox true >"$work/warm.out" 2>"$work/warm.log"
tail -n "$runs" "$work/warm.out" | awk '{print $1}' >"$work/warm.total"
awk '/^DEBU\[/ { t = substr($1, 6, length($1) - 6) * 1e6; $1 = ""; e = substr($0, 2)
       if (e == "cli: spawn init") s = t
       if (e == "cli: afterStart ContainerLock") a = t
       if (e == "cli: send command") c = t
       if (e == "init: command received") printf "%.1f\n", ((t - s) - (c - a)) / 1000 }' "$work/warm.log" \
  | tail -n "$runs" >"$work/warm.init"
paste "$work/warm.total" "$work/warm.init" | awk '{printf "%.1f\n", $1 - $2}' >"$work/warm.pool"
read -r _ rmed _ < <(stats "$work/run_ours.peer")
read -r wmin wmed wmax < <(stats "$work/warm.total")
read -r _ imed _ < <(fstats "$work/warm.init" | tr -d '/' | awk '{print $1, int($2), $3}')
read -r pmin pmed pmax < <(fstats "$work/warm.pool" | tr -d '/' | awk '{print int($1), int($2), int($3)}')
rows+=("| potential: \`run --rm busybox true\` with the CLI warm, as in a daemon (ms) | $wmin / $wmed / $wmax | $rmed | $(ratio "$wmed" "$rmed") |")
rows+=("| potential: the warm CLI and a pool of waiting inits (the init JVM's start and libc binding, $imed ms, gone; the cgroup attach kept) (ms) | $pmin / $pmed / $pmax | $rmed | $(ratio "$pmed" "$rmed") |")

cgroup=$(grep -q ' - cgroup2 ' /proc/self/mountinfo && ! grep -q ' - cgroup cgroup .*memory' /proc/self/mountinfo && echo v2 || echo v1)
{
  echo "# Benchmark results"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · kernel $(uname -r) · cgroup $cgroup · $(java -version 2>&1 | head -1)${jdk25:+ (and $(basename "$jdk25"))} · $(runc --version | head -1)"
  echo
  echo "$runs runs per timed figure after 2 warm-up runs, mydocker and runc interleaved; min / median / max."
  echo
  echo "| what | mydocker | runc | ratio (median) |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "## Where a \`run --rm busybox true\` spends its time"
  echo
  echo "From \`mydocker -D\` (DebugLog's microsecond timestamps from the launcher, the CLI JVM and the init JVM), $runs runs; ms, min / median / max. Rows follow the critical path; a row in parentheses overlaps the one above it, a row starting with … is part of the one above."
  echo
  echo "| phase | ms |"
  echo "|---|---|"
  printf '%s\n' "${breakdown[@]}"
} | tee bench/RESULTS.md
