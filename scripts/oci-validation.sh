#!/usr/bin/env bash
# scripts/oci-validation.sh [--runtime NAME=PATH]... [--only GLOB] [--out FILE] [--timeout SECONDS]
# scripts/oci-validation.sh --self-test
#
# The OCI runtime spec's validation suite (opencontainers/runtime-tools at 260e151), run
# against one or more OCI runtimes side by side, as root. It prints one table: each
# validation/*.t program, and per runtime `passed/planned`, `skip` (plan 1..0, or every
# assertion skipped), `crash` (the TAP ended before its plan, or a signal) or `timeout`;
# anything a test left on the host is named in its row, then removed.
#
#   --runtime NAME=PATH  a runtime to score (repeatable); default: runc=/usr/sbin/runc.
#                        Chapter 7's is `--runtime mydocker=$PWD/mydocker-runc`.
#   --only GLOB          only the .t files whose name (without .t) matches, e.g. 'linux_cgroups_*'
#   --out FILE           also write the table as Markdown
#   --timeout SECONDS    per .t and runtime (default 300)
#   --self-test          check this script's own TAP reading and clean-up on a fake suite
#                        (scripts/oci-validation-fixtures/): seconds, no Go
#
# The suite is test input, not part of the project (Apache-2.0): it is unpacked and built
# outside the tree, once, in $OCI_WORK (default /var/tmp/mydocker-oci), and reused while its
# marker names the same tarball. A fresh clone finds the tarball in the project's shared/
# directory beside the clone (CI lays it there), i.e. ../shared/conformance/ from the
# repository root; OCI_SUITE_TARBALL points elsewhere. Building needs
# `scripts/install-deps.sh --oci` (go 1.19, make, runc); ~2 minutes on two cores.
#
# How each .t runs: from a scratch directory of its own (the suite reads rootfs-amd64.tar.gz
# and runtimetest from its cwd and makes bundles under TMPDIR), in a session of its own,
# under `timeout`, with RUNTIME= a wrapper that gives the runtime its own state directory
# (`--root`) in that scratch directory and records each container's ID and cgroupsPath.
# Before and after, the script compares mounts, cgroups (v1 hierarchies and v2), links and
# processes; what appeared and is provably the test's (a mount under the scratch directory,
# a cgroup named by one of its containers, a process in its session, with its token, or in
# one of its cgroups) is reported and removed: containers first through the runtime's own
# `delete --force`, then processes killed by pid, mounts lazily unmounted deepest first,
# cgroups removed deepest first. A new link, or a new mount elsewhere, carries no owner:
# it is named in the row and left for a human, since other work on the host makes them too.
# The last run's TAP output stays in $OCI_WORK/last-run/ to read.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
suite_tarball=${OCI_SUITE_TARBALL:-$repo/../shared/conformance/runtime-tools-260e151.tar.gz}
oci_work=${OCI_WORK:-/var/tmp/mydocker-oci}
suite_dir=${OCI_SUITE_DIR:-$oci_work/runtime-tools-260e151}
marker=.mydocker-built # written last by build_suite: the tarball's sha256

die() {
  echo "oci-validation: $*" >&2
  exit 2
}
note() { echo "oci-validation: $*" >&2; }

# --- the suite, built once -------------------------------------------------------------

build_suite() {
  [[ -f $suite_tarball ]] || die "no suite tarball at $suite_tarball: set OCI_SUITE_TARBALL to runtime-tools-260e151.tar.gz (the project's shared/conformance/, beside the clone)"
  local sha
  sha=$(sha256sum "$suite_tarball" | cut -d' ' -f1)
  if [[ -f $suite_dir/$marker && $(<"$suite_dir/$marker") == "$sha" ]]; then
    return
  fi
  if [[ -e $suite_dir && ! -f $suite_dir/$marker ]]; then
    die "$suite_dir exists but is not a build of ours (no $marker): remove it or set OCI_SUITE_DIR"
  fi
  command -v go >/dev/null && command -v make >/dev/null \
    || die "go and make are needed to build the suite: run scripts/install-deps.sh --oci"
  # Built beside its final place, then renamed: a killed build never looks whole.
  local partial=$suite_dir.partial
  rm -rf "$partial" "$suite_dir"
  mkdir -p "$partial"
  note "building the suite in $suite_dir (once; ~2 minutes)..."
  tar -xzf "$suite_tarball" -C "$partial"
  (cd "$partial" && GOFLAGS=-mod=vendor GOPROXY=off GO111MODULE=on \
    GOCACHE=$oci_work/go-cache GOPATH=$oci_work/gopath \
    make tool runtimetest validation-executables >"$oci_work/build.log" 2>&1) \
    || die "the suite's build failed: see $oci_work/build.log"
  echo "$sha" >"$partial/$marker"
  mv "$partial" "$suite_dir"
}

# --- what a test can leave on the host -------------------------------------------------
# Few processes per test: on a busy two-core host every fork costs tens of milliseconds,
# and this runs twice per .t and runtime.

mounts() { awk '{print $1, $5}' /proc/self/mountinfo; } # mount ID, mount point
cgroups() { find /sys/fs/cgroup -mindepth 1 -type d 2>/dev/null; }
links() { ip -o link show 2>/dev/null | awk -F': ' '{sub(/@.*/, "", $2); print $2}'; }

snapshot() { # DIR [PREFIX]: the host now, as DIR/PREFIX.mounts, .cgroups, .links
  mounts >"$1/${2:-before}.mounts"
  cgroups >"$1/${2:-before}.cgroups"
  links >"$1/${2:-before}.links"
}

# What appeared since the snapshot, sorted into DIR/owned.* (the test's: reported, then
# removed) and DIR/other.* (no mark of whose: named, left). The test's are
# - a mount under its scratch directory (its bundles, the runtime's state), or with one of its
#   containers' IDs as a path component;
# - a cgroup with one of those IDs as a component (runc's default path is /<id>), or ending
#   with a cgroupsPath one of its configs asked for or a parent of one (a relative one lands
#   under the runtime's own cgroup), and the new parents made on the way;
# - a process in its session (the .t and what it forked), carrying its token in the
#   environment (runtime commands that left the session), or in one of its cgroups (the
#   containers: runc's init resets its environment and calls setsid); not a zombie, which
#   has exited already and is its parent's to reap.
# Mounts and cgroups are listed deepest first, the order to remove them in.
survey() { # DIR
  local dir=$1 cg
  snapshot "$dir" after
  : >>"$dir/ids" >>"$dir/cgroup-paths" >"$dir/owned.mounts.u" >"$dir/other.mounts"
  awk -v dir="$dir/" -v out="$dir" '
    FILENAME ~ /\/ids$/ { if ($0 != "") own[$0]; next }
    FILENAME ~ /before/ { before[$1]; next }
    !($1 in before) {
      mine = index($2, dir) == 1
      for (id in own) if (index($2 "/", "/" id "/")) mine = 1
      print length($2), $2 > (mine ? out "/owned.mounts.u" : out "/other.mounts")
    }' "$dir/ids" "$dir/before.mounts" "$dir/after.mounts"
  awk -v root=/sys/fs/cgroup '
    FILENAME ~ /\/ids$/ { if ($0 != "") own[$0]; next }
    # The runtime removes the leaf on delete and leaves the parents it made (runc does):
    # each parent of an asked-for path counts too.
    FILENAME ~ /cgroup-paths$/ { sub(/^\/+/, ""); prefix = ""; k = split($0, part, "/"); for (j = 1; j <= k; j++) if (part[j] != "") want[prefix = prefix "/" part[j]]; next }
    FILENAME ~ /before/ { before[$0]; next }
    !($0 in before) { new[++n] = $0 }
    END {
      for (i = 1; i <= n; i++) {
        rel = substr(new[i], length(root) + 1) "/"
        for (id in own) if (index(rel, "/" id "/")) mine[new[i]]
        for (w in want) if (substr(new[i], length(new[i]) - length(w) + 1) == w) mine[new[i]]
      }
      for (i = 1; i <= n; i++)
        for (m in mine) if (m == new[i] || index(m, new[i] "/") == 1) { print length(new[i]), new[i]; break }
    }' "$dir/ids" "$dir/cgroup-paths" "$dir/before.cgroups" "$dir/after.cgroups" >"$dir/owned.cgroups.u"
  sort -rn "$dir/owned.mounts.u" | cut -d' ' -f2- >"$dir/owned.mounts"
  sort -rn "$dir/owned.cgroups.u" | cut -d' ' -f2- >"$dir/owned.cgroups"
  cut -d' ' -f2- "$dir/other.mounts" >"$dir/other.mounts.u" && mv "$dir/other.mounts.u" "$dir/other.mounts"
  rm -f "$dir"/*.u
  awk 'FNR == NR { before[$0]; next } !($0 in before)' "$dir/before.links" "$dir/after.links" >"$dir/other.links"
  {
    grep -lzx "OCI_VALIDATION_TOKEN=$(<"$dir/token")" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 || true
    while read -r cg; do cat "$cg/cgroup.procs" 2>/dev/null; done <"$dir/owned.cgroups"
    echo ps
    ps -e -o pid=,sid=,stat=
  } | awk -v sid="$(<"$dir/sid")" -v self=$$ '
    !seen_ps { if ($1 == "ps") seen_ps = 1; else listed[$1]; next }
    $3 !~ /^Z/ && $1 != self && ($2 == sid || $1 in listed) { print $1 }' >"$dir/owned.processes"
  # Containers the runtime still holds: what its state directory lists.
  find "$dir/state" -mindepth 1 -maxdepth 1 -printf '%f\n' >"$dir/owned.containers"
}

plural() { if [[ $1 -eq 1 ]]; then echo "$1 $2"; else echo "$1 ${3:-${2}s}"; fi; }
lines() { # FILE: its line count, without a process
  local -a l
  mapfile -t l <"$1"
  echo ${#l[@]}
}

# What the test left, as words for its row, in $leaked: "1 container not deleted, leaked 7
# mounts"; what else appeared, in $noted: "[1 new link: veth0; left in place: whose is unknown]".
leak_report() { # DIR, surveyed
  local dir=$1 n kind
  local -a words=() notes=()
  n=$(lines "$dir/owned.containers")
  [[ $n -eq 0 ]] || words+=("$(plural "$n" container) not deleted")
  for kind in process:processes mount:mounts cgroup:cgroups; do
    n=$(lines "$dir/owned.${kind#*:}")
    [[ $n -eq 0 ]] || words+=("leaked $(plural "$n" "${kind%:*}" "${kind#*:}")")
  done
  n=$(lines "$dir/other.mounts")
  [[ $n -eq 0 ]] || notes+=("$(plural "$n" "new mount") elsewhere: $(head -1 "$dir/other.mounts")")
  n=$(lines "$dir/other.links")
  [[ $n -eq 0 ]] || notes+=("$(plural "$n" "new link"): $(head -1 "$dir/other.links")")
  local IFS=,
  leaked=${words[*]}
  leaked=${leaked//,/, }
  IFS=';'
  noted=${notes[*]}
  noted=${noted:+[${noted//;/; }; left in place: whose is unknown]}
}

# Undo, in reverse order of making: the runtime deletes its containers; what is still
# there goes by pid, mount point and cgroup directory, each only if it is the test's.
clean_up() { # DIR, surveyed
  local dir=$1 id p mp cg
  while read -r id; do
    timeout 30 "$dir/runtime" delete --force "$id" >/dev/null 2>&1 || true
  done <"$dir/owned.containers"
  [[ -s $dir/owned.containers ]] && survey "$dir"
  for _ in 1 2 3; do
    [[ -s $dir/owned.processes || -s $dir/owned.mounts || -s $dir/owned.cgroups ]] || break
    while read -r p; do kill -KILL "$p" 2>/dev/null || true; done <"$dir/owned.processes"
    for _ in $(seq 50); do
      [[ -s $dir/owned.processes ]] || break
      sleep 0.1
      survey "$dir"
    done
    # Lazily: a mount still busy goes when its last user does; deepest first, so a
    # parent is never detached before what is mounted on it.
    while read -r mp; do umount -l "$mp" 2>/dev/null || true; done <"$dir/owned.mounts"
    while read -r cg; do rmdir "$cg" 2>/dev/null || true; done <"$dir/owned.cgroups"
    survey "$dir"
  done
  if [[ -s $dir/owned.processes || -s $dir/owned.mounts || -s $dir/owned.cgroups ]]; then
    note "could not remove what ${dir#"$scratch"/} left:" $(cat "$dir"/owned.{processes,mounts,cgroups})
    return 1
  fi
  # No mount is left under it: removing it cannot reach into another filesystem.
  rm -rf --one-file-system "$dir"
}

# --- one .t against one runtime --------------------------------------------------------

# The TAP a .t printed, and how it ended, as one cell: 309/309 (39 skip), 3/5, skip, crash,
# timeout. An `ok # SKIP` passes (TAP's rule: the suite skips what a config leaves unset) and
# is counted beside; a plan of 1..0, or every assertion skipped, is a skip of the whole file.
tap_cell() { # TAPFILE EXIT
  awk -v rc="$2" '
    /^1\.\.[0-9]+/ { plan += substr($1, 4) + 0; planned = 1; next } # streams one after another add up
    /^ok( |$)/ { n++; ok++; if (tolower($0) ~ /# *skip/) skip++; next }
    /^not ok( |$)/ { n++; next }
    END {
      if (rc == 124 || rc == 137) { print "timeout"; exit }
      if (!planned || n != plan || rc > 128) { printf "crash"; if (n) printf " (%d/%d ok before)", ok, n; print ""; exit }
      if (plan == 0 || skip == plan) { print "skip"; exit }
      cell = ok + 0 "/" plan
      if (skip) cell = cell " (" skip " skip)"
      if (rc != 0) cell = cell " exit " rc
      print cell
    }' "$1"
}

# A wrapper the suite runs as RUNTIME: the runtime's state under DIR (runc takes --root
# only before the command, so RUNTIME="runc --root X" cannot say it), and each created
# container's ID and cgroupsPath recorded for the clean-up.
write_wrapper() { # DIR PATH
  cat >"$1/runtime" <<EOF
#!/usr/bin/env bash
dir='$1'
bundle=\$PWD command=
args=("\$@")
for ((i = 0; i < \$#; i++)); do
  case \${args[i]} in
    --bundle | -b) bundle=\${args[i + 1]} ;;
    --bundle=*) bundle=\${args[i]#*=} ;;
    create | run) command=\${args[i]} ;;
  esac
done
if [[ -n \$command ]]; then
  echo "\${args[-1]}" >>"\$dir/ids"
  grep -o '"cgroupsPath": *"[^"]*"' "\$bundle/config.json" 2>/dev/null | sed 's/.*"\\([^"]*\\)"\$/\\1/' >>"\$dir/cgroup-paths"
fi
exec '$2' --root "\$dir/state" "\$@"
EOF
  chmod +x "$1/runtime"
}

run_one() { # TEST RUNTIME-NAME RUNTIME-PATH -> sets $cell; the TAP goes to $logs
  local test=$1 name=$2 path=$3 dir rc file
  file=${test##*/}
  file=${file%.t}
  dir=$scratch/$file/$name
  mkdir -p "$dir/tmp" "$dir/state" "$logs/$name"
  # The suite reads these from its cwd; hard links when they share a filesystem.
  for f in rootfs-amd64.tar.gz runtimetest; do
    ln "$suite_dir/$f" "$dir/$f" 2>/dev/null || cp "$suite_dir/$f" "$dir/$f"
  done
  write_wrapper "$dir" "$path"
  echo "$file.$name.$$.$RANDOM" >"$dir/token"
  snapshot "$dir"
  current=$dir
  set +e
  # The subshell's own stderr is quiet: bash would report a .t killed by a signal there.
  (cd "$dir" && TMPDIR=$dir/tmp RUNTIME=$dir/runtime OCI_VALIDATION_TOKEN=$(<"$dir/token") \
    setsid --wait bash -c 'echo $$ >sid; exec timeout -k 10 "$0" "$1"' "$timeout" "$test" \
    >"$logs/$name/$file.tap" 2>"$logs/$name/$file.stderr" </dev/null) 2>/dev/null
  rc=$?
  set -e
  cell=$(tap_cell "$logs/$name/$file.tap" "$rc")
  survey "$dir"
  local leaked noted
  leak_report "$dir"
  cell="$cell${leaked:+; $leaked}${noted:+ $noted}"
  if [[ -n $leaked ]]; then
    (cd "$dir" && grep -H . owned.containers owned.processes owned.mounts owned.cgroups) >"$logs/$name/$file.leaks" || true
  fi
  clean_up "$dir" || cell="$cell; NOT ALL REMOVED"
  current=
}

# --- the table -------------------------------------------------------------------------

# Rows are tab-separated cells; prints them aligned, or as Markdown with --markdown.
print_table() { # [--markdown] < rows
  if [[ ${1:-} == --markdown ]]; then
    awk -F'\t' 'NR == 1 { h = "|"; s = "|"; for (i = 1; i <= NF; i++) { h = h " " $i " |"; s = s "---|" }; print h; print s; next }
      { r = "|"; for (i = 1; i <= NF; i++) r = r " " $i " |"; print r }'
  else
    awk -F'\t' '{ for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) }; if (NF > nf) nf = NF }
      END { for (r = 1; r <= NR; r++) { line = ""; for (i = 1; i <= nf; i++) line = line sprintf("%-" w[i] "s  ", c[r, i]); sub(/ +$/, "", line); print line } }'
  fi
}

# One column per runtime: the files that passed every planned assertion, the assertions,
# and how many files ended each way.
totals() { # RUNTIME-NAME
  printf '%s\n' "${cells[@]}" | awk -F'\t' -v col="$1" '
    $1 == col {
      cell = $3
      sub(/ \[.*$/, "", cell) # what else the host saw meanwhile
      if (cell ~ /^[0-9]+\/[0-9]+/) { split(cell, a, "[/ ;]"); ok += a[1]; planned += a[2]; if (a[1] == a[2] && cell !~ /exit/) clean++; else failing++ }
      else if (cell ~ /^skip/) skipped++
      else if (cell ~ /^crash/) crashed++
      else if (cell ~ /^timeout/) timedout++
      if (cell ~ /leaked|not deleted|NOT ALL/) leaking++
    }
    END { printf "%d/%d ok; %d clean, %d failing, %d skip, %d crash, %d timeout, %d leaking\n", ok, planned, clean, failing, skipped, crashed, timedout, leaking }'
}

# --- the run ---------------------------------------------------------------------------

self_test() {
  local fixtures=$repo/scripts/oci-validation-fixtures work out status=0
  [[ $(id -u) -eq 0 ]] || die "--self-test mounts a tmpfs and makes a cgroup: run as root"
  work=$(mktemp -d /tmp/oci-validation-self-test.XXXXXX)
  chmod 755 "$work" # as /var/tmp, where OCI_WORK is by default
  # A fake suite: the fixtures' .t programs, with what the real one has in its root.
  for t in "$fixtures"/*.t; do
    mkdir -p "$work/suite/validation/$(basename "$t" .t)"
    cp "$t" "$work/suite/validation/$(basename "$t" .t)/"
  done
  touch "$work/suite/rootfs-amd64.tar.gz" "$work/suite/runtimetest" "$work/tarball"
  sha256sum "$work/tarball" | cut -d' ' -f1 >"$work/suite/$marker"
  mkdir "$work/leaked-elsewhere"
  set +e
  OCI_SELF_TEST_ELSEWHERE=$work/leaked-elsewhere OCI_SUITE_TARBALL=$work/tarball OCI_SUITE_DIR=$work/suite OCI_WORK=$work/oci \
    "$0" --runtime fake="$fixtures/fake-runtime" --timeout 3 --out "$work/table.md" >"$work/out" 2>"$work/err"
  set -e
  umount "$work/leaked-elsewhere" 2>/dev/null || true
  # Bracketed notes name what other work on the host did meanwhile: not the fixtures'.
  out=$(sed -E 's/ \[[^]]*\]$//' "$work/out")
  check() { # WHAT EXPECTED-REGEX
    if grep -Eq -- "$2" <<<"$out"; then
      echo "ok   $1"
    else
      echo "FAIL $1: no line matching '$2'"
      status=1
    fi
  }
  check "a passing file is passed/planned" '^pass +3/3$'
  check "a failing assertion is counted" '^fail +2/3$'
  check "two TAP streams one after the other add up" '^twostreams +3/3$'
  check "the scratch space is searchable by a user namespace's root" '^searchable +1/1$'
  check "plan 1..0 is a skip" '^skip +skip$'
  check "every assertion skipped is a skip" '^allskip +skip$'
  check "TAP that ends before its plan is a crash" '^crash +crash \(2/2 ok before\)$'
  check "a .t killed by a signal is a crash" '^segv +crash'
  check "a hung .t is a timeout" '^hang +timeout$'
  check "a leaked mount and processes (in its session; with its token) are reported" '^leak +1/1; leaked 2 processes, leaked 1 mount$'
  check "containers not deleted, their processes and cgroups (and the parents made for one, or left by a delete) are reported" \
    '^container +1/1; 2 containers not deleted, leaked 2 processes, leaked 5 cgroups$'
  check "the totals add up (a note in brackets is no leak)" '^total +12/13 ok; 6 clean, 1 failing, 2 skip, 2 crash, 1 timeout, 2 leaking$'
  if grep -Eq "^elsewhere +1/1 \[[0-9]+ new mounts? elsewhere: .*; left in place: whose is unknown\]$" "$work/out" \
    && grep -q "$work/leaked-elsewhere" "$work/out"; then
    echo "ok   a new mount outside the scratch directory is named, in brackets"
  else
    echo "FAIL no row 'elsewhere 1/1 [1 new mount elsewhere: $work/leaked-elsewhere; left in place: …]'"
    status=1
  fi
  if grep -Eq '^\[ 1/12\] allskip +fake +skip' "$work/err"; then
    echo "ok   a progress line per file"
  else
    echo "FAIL no progress line '[ 1/12] allskip fake skip N.Ns'"
    status=1
  fi
  if grep -q "$work" /proc/self/mountinfo; then
    echo "FAIL the leaked tmpfs is still mounted: $(grep "$work" /proc/self/mountinfo)"
    status=1
  else
    echo "ok   the leaked tmpfs is gone"
  fi
  if [[ -n $(find /sys/fs/cgroup -mindepth 1 -maxdepth 3 -type d -name 'oci-self-test-*' 2>/dev/null) ]]; then
    echo "FAIL a leaked cgroup is still there"
    status=1
  else
    echo "ok   the leaked cgroup is gone"
  fi
  if pgrep -f "oci-self-test-sleeper" >/dev/null; then
    echo "FAIL a leaked process is still running"
    status=1
  else
    echo "ok   the leaked processes are gone"
  fi
  if grep -q '^| file | fake |$' "$work/table.md" && grep -q '^| pass | 3/3 |$' "$work/table.md"; then
    echo "ok   --out writes the Markdown table"
  else
    echo "FAIL --out: $(head -3 "$work/table.md" 2>/dev/null)"
    status=1
  fi
  if [[ $status -ne 0 ]]; then
    echo "--- its output:"
    cat "$work/out" "$work/err"
  fi
  rm -rf --one-file-system "$work" || echo "left $work: something is still mounted under it" >&2
  if [[ $status -eq 0 ]]; then echo "oci-validation self-test: all checks passed"; else echo "oci-validation self-test: FAILED" >&2; fi
  return $status
}

runtimes=()
only='*'
out=
timeout=300
while [[ $# -gt 0 ]]; do
  case $1 in
    --runtime)
      [[ ${2:-} =~ ^[A-Za-z0-9_.-]+=.+ ]] || die "--runtime takes NAME=PATH (e.g. runc=/usr/sbin/runc), not '${2:-}'"
      runtimes+=("$2")
      shift 2
      ;;
    --only)
      [[ -n ${2:-} ]] || die "--only takes a glob of .t names, e.g. 'linux_cgroups_*'"
      only=$2
      shift 2
      ;;
    --out)
      [[ -n ${2:-} ]] || die "--out takes the Markdown file to write"
      out=$2
      shift 2
      ;;
    --timeout)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--timeout takes whole seconds, not '${2:-}'"
      timeout=$2
      shift 2
      ;;
    --self-test) self_test; exit ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ ${#runtimes[@]} -gt 0 ]] || runtimes=(runc=/usr/sbin/runc)
[[ -z $out ]] || { : >>"$out"; } 2>/dev/null || die "--out: cannot write '$out'"

declare -A seen=()
names=()
paths=()
for r in "${runtimes[@]}"; do
  name=${r%%=*} path=${r#*=}
  [[ -z ${seen[$name]:-} ]] || die "runtime name '$name' given twice"
  seen[$name]=1
  [[ -x $path && -f $path ]] || die "runtime $name: '$path' is not an executable file (runc: scripts/install-deps.sh --oci)"
  names+=("$name")
  paths+=("$(realpath -s "$path")")
done
[[ $(id -u) -eq 0 ]] || die "the suite creates containers: run as root (sudo $0)"

build_suite
mapfile -t tests < <(find "$suite_dir/validation" -name '*.t' -type f | sort)
selected=()
for t in "${tests[@]}"; do
  # shellcheck disable=SC2053 # the glob is the point
  [[ $(basename "$t" .t) == $only ]] && selected+=("$t")
done
[[ ${#selected[@]} -gt 0 ]] || die "no validation/*.t matches --only '$only' (of ${#tests[@]})"

mkdir -p "$oci_work"
scratch=$(mktemp -d "$oci_work/run.XXXXXX")
# Searchable by all, as /tmp is: a container in a user namespace (its root is not the
# host's) must reach its bundle through these directories.
chmod 755 "$oci_work" "$scratch"
logs=$oci_work/last-run.partial
rm -rf "$logs"
mkdir -p "$logs"
current=
finish() {
  # Interrupted mid-test: undo that test as if it had ended.
  [[ -z $current ]] || clean_up "$current" || true
  rm -rf --one-file-system "$scratch"
}
trap finish EXIT
trap 'exit 130' INT TERM

cells=() # runtime, file, cell
started=$SECONDS
i=0
for t in "${selected[@]}"; do
  i=$((i + 1))
  file=${t##*/}
  file=${file%.t}
  for k in "${!names[@]}"; do
    t0=${EPOCHREALTIME/./}
    run_one "$t" "${names[k]}" "${paths[k]}"
    cells+=("${names[k]}"$'\t'"$file"$'\t'"$cell")
    printf '[%2d/%d] %-36s %-10s %-30s %5.1fs\n' "$i" "${#selected[@]}" "$file" "${names[k]}" "$cell" \
      "$(((${EPOCHREALTIME/./} - t0) / 1000))e-3" >&2
  done
  rmdir "$scratch/$file" 2>/dev/null || true
done
rm -rf "$oci_work/last-run"
mv "$logs" "$oci_work/last-run"

rows() {
  printf 'file'
  printf '\t%s' "${names[@]}"
  printf '\n'
  for t in "${selected[@]}"; do
    file=$(basename "$t" .t)
    printf '%s' "$file"
    for name in "${names[@]}"; do
      printf '\t%s' "$(printf '%s\n' "${cells[@]}" | awk -F'\t' -v n="$name" -v f="$file" '$1 == n && $2 == f {print $3}')"
    done
    printf '\n'
  done
  printf 'total'
  for name in "${names[@]}"; do printf '\t%s' "$(totals "$name")"; done
  printf '\n'
}
rows | print_table
[[ -z $out ]] || rows | print_table --markdown >"$out"
echo "($(( SECONDS - started )) s; TAP output of each file in $oci_work/last-run/)"
