#!/usr/bin/env bash
# bench/critest.sh — Kubernetes' CRI validation suite (critest, cri-tools v1.26.1) against
# containerd's CRI plugin, once with Debian's runc as the handler and once with chapter 7's
# runtime (./mydocker-runc), as root; one table of both (book 7.6).
#
#   ./bench/critest.sh                   both handlers, the whole suite; writes bench/critest.md
#   ./bench/critest.sh --focus REGEX     only the specs whose text matches (ginkgo's focus);
#                                        prints the table, writes nothing
#   ./bench/critest.sh --handlers mydocker   one handler (or "runc mydocker", the default)
#   CRITEST_LOGS=DIR ./bench/critest.sh ...  keep critest's and containerd's logs and reports in DIR
#   ./bench/critest.sh --from DIR        no run: the table again from the reports kept in DIR
#
# Nothing is pulled from outside: critest's images (busybox:1.29-2, the e2e web servers, the
# test-image-* images, nonewprivs) are made here by this engine (`import --change`, `tag`,
# `push`) from the host's static busybox and two small C programs, and pushed to a
# docker-registry on 127.0.0.1 (its own config and store in the work directory, stopped by
# pid); critest's --registry-prefix rewrites every image name to that registry, and
# scripts/cri-containerd.sh (with CRI_REGISTRY) lets the CRI plugin pull from it over HTTP.
# Each handler gets a fresh containerd (scripts/cri-containerd.sh up/down) on its own bridge
# and subnet ($CRI_BRIDGE mdcrib0, $CRI_SUBNET 172.29.233.0/24 unless set). Takes 40-60
# minutes on two cores (runc: 5; ours: each runtime command starts a JVM). Afterwards the
# script names anything a run left: mounts under its directory, the bridge, ip_forward, and
# the pods' cgroups (containerd asks both handlers for /k8s.io/<id>): those are removed once
# no process is in them, and the k8s.io level when the run made it.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$repo"

focus=
from=
handlers="runc mydocker"
while [[ $# -gt 0 ]]; do
  case $1 in
    --focus) focus=${2:?--focus needs a REGEX}; shift 2 ;;
    --handlers) handlers=${2:?--handlers needs names (runc, mydocker)}; shift 2 ;;
    --from) from=${2:?--from needs the directory of a run kept with CRITEST_LOGS}; shift 2 ;;
    *) echo "critest: unknown option '$1' (use --focus REGEX, --handlers 'runc mydocker', --from DIR)" >&2; exit 2 ;;
  esac
done
if [[ -n $from ]]; then
  for h in $handlers; do
    [[ -f $from/$h.json ]] || { echo "critest: no $h.json in $from (keep a run's reports with CRITEST_LOGS=$from)" >&2; exit 2; }
  done
fi
for h in $handlers; do
  [[ $h == runc || $h == mydocker ]] || { echo "critest: unknown handler '$h' (runc or mydocker)" >&2; exit 2; }
done
[[ $(id -u) -eq 0 ]] || { echo "critest: run as root (containerd and the pods need it)" >&2; exit 1; }
command -v runc >/dev/null || scripts/install-deps.sh --oci
command -v docker-registry >/dev/null || { echo "critest: docker-registry is missing: run scripts/install-deps.sh" >&2; exit 1; }
scripts/cri-tools.sh >/dev/null
tools=$(scripts/cri-tools.sh --print-dir)
export CRI_BRIDGE=${CRI_BRIDGE:-mdcrib0} CRI_SUBNET=${CRI_SUBNET:-172.29.233.0/24}

work=$(mktemp -d /tmp/mydocker-critest.XXXXXX)
registry_pid=
forward=$(cat /proc/sys/net/ipv4/ip_forward)
# containerd gives each pod container the cgroupsPath /k8s.io/ID (no cgroup parent here): the
# k8s.io level is made by the first and removed by none; the run removes it if it made it.
k8s_parents_before=$(ls -d /sys/fs/cgroup/*/k8s.io /sys/fs/cgroup/k8s.io 2>/dev/null || true)
cleanup() {
  if [[ -n ${CRITEST_LOGS:-} ]]; then
    mkdir -p "$CRITEST_LOGS"
    cp -p "$work"/*.log "$work"/*.json "$CRITEST_LOGS"/ 2>/dev/null || true
  fi
  for dir in "$work"/cri-*; do
    if [[ -f $dir/config.toml ]]; then
      cp "$dir/containerd.log" "$work/${dir##*/cri-}.containerd.log" 2>/dev/null || true
      scripts/cri-containerd.sh down "$dir" || true
    fi
  done
  if [[ -n $registry_pid ]]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  awk -v under="$work/" 'index($5, under) == 1 {print $5}' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l
  remove_cgroups
  rm -rf "$work"
}

# The groups of the runs' containers and sandboxes (IDs from containerd's logs) still there, named
# and removed when no process is left in them; then the k8s.io levels the run made, when empty.
remove_cgroups() {
  local ids group parent
  ids=$(cat "$work"/cri-*/containerd.log "$work"/*.containerd.log 2>/dev/null | grep -oE '\b[0-9a-f]{64}\b' | sort -u || true)
  for group in $(find /sys/fs/cgroup -mindepth 2 -maxdepth 3 -type d -path '*/k8s.io/*' 2>/dev/null || true); do
    if grep -qxF "${group##*/}" <<<"$ids"; then
      echo "critest: cgroup left by a run: $group" >&2
      rmdir "$group" 2>/dev/null || echo "critest: $group still has processes: left" >&2
    fi
  done
  for parent in /sys/fs/cgroup/*/k8s.io /sys/fs/cgroup/k8s.io; do
    if [[ -d $parent ]] && ! grep -qxF "$parent" <<<"$k8s_parents_before"; then
      rmdir "$parent" 2>/dev/null || echo "critest: $parent not empty: left" >&2
    fi
  done
}
trap cleanup EXIT

# --- the registry: Debian's docker-registry on loopback, never the packaged service ---------

start_registry() {
  local port
  mkdir -p "$work/registry"
  for _ in 1 2 3; do
    port=$(shuf -i 20000-60999 -n 1) # taken already: the registry exits, and another is tried
    cat >"$work/registry/config.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry/store
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: critest-only
EOF
    docker-registry serve "$work/registry/config.yml" </dev/null >"$work/registry/registry.log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 50); do
      if curl -fs -o /dev/null "http://127.0.0.1:$port/v2/"; then
        registry=127.0.0.1:$port
        return
      fi
      kill -0 "$registry_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
    registry_pid=
  done
  echo "critest: docker-registry did not start: $(cat "$work/registry/registry.log")" >&2
  exit 1
}

# --- critest's images, made by this engine ---------------------------------------------------
# Upstream's are Dockerfiles FROM busybox (cri-tools' images/), Kubernetes' e2e images
# (busybox, nginx, httpd, nonewprivs): the same behaviour is rebuilt from the host's static
# busybox. Names are the ones critest asks for once --registry-prefix has replaced the
# registry (framework.PullPublicImage keeps the path).

md() { env MYDOCKER_ROOT="$work/md-root" MYDOCKER_EXEC_ROOT="$work/md-exec" \
  MYDOCKER_INSECURE_REGISTRIES="$registry" ./mydocker "$@"; }

# rootfs DIR: busybox, an applet link each, the users and groups critest's images define.
rootfs() {
  local dir=$1 applet
  mkdir -p "$dir"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,home,var/tmp,proc,sys,dev}
  cp /bin/busybox "$dir/bin/busybox"
  # Hard links, as in the busybox image: a runtime masking /bin/ls (maskedPaths) must not mask
  # the binary that a symlink would lead it to.
  for applet in $("$dir/bin/busybox" --list-full); do
    [[ -e $dir/$applet || -L $dir/$applet ]] || ln "$dir/bin/busybox" "$dir/$applet"
  done
  # Applets upstream's busybox 1.29 has and Debian's busybox-static lacks, as small scripts:
  # pgrep (critest only checks whether it prints anything) and ipcs -m (the shared memory
  # segments of the container's IPC namespace, with their IDs).
  printf '%s\n' '#!/bin/sh' 'exec pidof "$@"' >"$dir/usr/bin/pgrep"
  cat >"$dir/usr/bin/ipcs" <<'SCRIPT'
#!/bin/sh
echo "------ Shared Memory Segments --------"
echo "key shmid owner perms bytes nattch"
awk 'NR > 1 { print $1, $2, $8, $3, $4, $7 }' /proc/sysvipc/shm
SCRIPT
  chmod 755 "$dir/usr/bin/pgrep" "$dir/usr/bin/ipcs"
  mkdir -p "$dir/var/run"
  cat >"$dir/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
www-data:x:33:33:www-data:/var/www:/bin/sh
default-user:x:1000:1000:default-user:/home/default-user:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
  # image-predefined-group: default-user (1000) belongs to group-defined-in-image (50000).
  cat >"$dir/etc/group" <<'EOF'
root:x:0:
www-data:x:33:
default-user:x:1000:
group-defined-in-image:x:50000:default-user
nobody:x:65534:
EOF
  chmod 1777 "$dir/tmp" "$dir/var/tmp"
  chmod 700 "$dir/root"
}

make_images() {
  local r=$work/rootfs
  rootfs "$r"
  # e2e nonewprivs: a setuid-root program that prints its effective uid.
  mkdir -p "$r/usr/local/bin"
  printf '%s\n' '#include <stdio.h>' '#include <unistd.h>' \
    'int main(void) { printf("Effective uid: %d\n", (int) geteuid()); return 0; }' >"$work/nnp.c"
  gcc -static -Os -o "$r/usr/local/bin/nnp" "$work/nnp.c"
  chmod 4755 "$r/usr/local/bin/nnp"
  # The e2e web servers (nginx, httpd): a process named nginx (HostPID's spec looks for it with
  # pidof, and for its pid in /var/run/nginx.pid) answering 200 to every request on PORT, after
  # printing its second argument (the httpd spec reads Apache's "httpd -D FOREGROUND" in the log).
  cat >"$work/webserver.c" <<'C_SOURCE'
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 80, one = 1;
    FILE *pid = fopen("/var/run/nginx.pid", "w");
    if (pid) { fprintf(pid, "%d\n", (int) getpid()); fclose(pid); }
    int s = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (bind(s, (struct sockaddr *) &a, sizeof a) || listen(s, 16)) { perror("listen"); return 1; }
    printf("%s\n", argc > 2 ? argv[2] : "listening");
    fflush(stdout);
    const char *reply = "HTTP/1.0 200 OK\r\nContent-Length: 14\r\n\r\n<p>critest</p>";
    for (;;) {
        char buf[4096];
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        if (read(c, buf, sizeof buf) > 0) write(c, reply, strlen(reply));
        close(c);
    }
}
C_SOURCE
  gcc -static -Os -o "$r/usr/sbin/nginx" "$work/webserver.c"
  tar -C "$r" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .

  local e2e=$registry/e2e-test-images cri=$registry/k8s-staging-cri-tools
  local -a names=()
  add() { # NAME CHANGE...: an image of the rootfs with Dockerfile instructions
    local name=$1
    shift
    local -a changes=()
    for c in "$@"; do changes+=(--change "$c"); done
    md import "${changes[@]}" "$work/rootfs.tar" "$name" >/dev/null
    names+=("$name")
  }
  tag() { md tag "$1" "$2"; names+=("$2"); }

  add "$e2e/busybox:1.29-2" 'CMD ["sh"]'
  # PodPID's and ContainerPID's specs look for nginx's "master process" in /proc/1/cmdline.
  add "$e2e/nginx:1.14-2" 'CMD ["nginx", "80", "nginx: master process"]' 'EXPOSE 80'
  add "$e2e/httpd:2.4.39-4" 'CMD ["nginx", "80", "Command line: httpd -D FOREGROUND"]' 'EXPOSE 80'
  add "$e2e/nonewprivs:1.3" 'ENTRYPOINT ["/usr/local/bin/nnp"]'
  add "$cri/hostnet-nginx-amd64:latest" 'CMD ["nginx", "12003", "nginx: master process"]'
  add "$cri/test-image-user-uid:latest" 'USER 1002'
  add "$cri/test-image-user-username:latest" 'USER www-data'
  add "$cri/test-image-user-uid-group:latest" 'USER 1003:33'
  add "$cri/test-image-user-username-group:latest" 'USER www-data:www-data'
  add "$cri/test-image-predefined-group:latest" 'USER 1000'
  add "$cri/test-image-latest:latest" 'CMD ["sh"]' 'LABEL critest=latest'
  tag "$cri/test-image-latest:latest" "$cri/test-image-tag:test"
  tag "$cri/test-image-latest:latest" "$cri/test-image-tag:all"
  # Upstream pins test-image-digest by a digest no image made here can have: pushed by tag.
  tag "$cri/test-image-latest:latest" "$cri/test-image-digest:latest"
  for i in 1 2 3; do add "$cri/test-image-$i:latest" 'CMD ["sh"]' "LABEL critest=$i"; done
  add "$cri/test-image-tags:1" 'CMD ["sh"]' 'LABEL critest=tags'
  tag "$cri/test-image-tags:1" "$cri/test-image-tags:2"
  tag "$cri/test-image-tags:1" "$cri/test-image-tags:3"
  # critest 1.26.1's PullPublicImage rebuilds the name from the registry prefix and the
  # reference's path alone, which drops the tag: every image is pulled as :latest.
  for n in "${names[@]}"; do
    [[ $n == *:latest ]] || md tag "$n" "${n%:*}:latest"
  done
  for n in "${names[@]}"; do md push "$n" >/dev/null; done
  for n in "${names[@]}"; do [[ $n == *:latest ]] || md push "${n%:*}:latest" >/dev/null; done

  # And it creates a container with the image's name as written (CreateContainerWithError pulls
  # the prefixed name, then asks for the original): the images the specs run containers of are
  # also saved under their original names, for containerd to import before the suite runs, as
  # a kubelet's node would have them pulled. The Image Manager's images are not: those specs
  # are about pulling, and fail on the prefix alone (bench/critest.md).
  mkdir -p "$work/preload"
  local i=0 original
  for original in registry.k8s.io/e2e-test-images/{busybox:1.29-2,nginx:1.14-2,httpd:2.4.39-4,nonewprivs:1.3} \
    gcr.io/k8s-staging-cri-tools/{hostnet-nginx-amd64,test-image-predefined-group}:latest; do
    md tag "$registry/${original#*/}" "$original"
    md save -o "$work/preload/$((i++)).tar" "$original"
  done
}

# --- one handler's run ----------------------------------------------------------------------

run_critest() { # HANDLER
  local handler=$1 dir=$work/cri-$1
  echo "critest: $handler: containerd up..." >&2
  CRI_RUNTIME=$handler CRI_REGISTRY=$registry scripts/cri-containerd.sh up "$dir" >/dev/null
  for tar in "$work"/preload/*.tar; do
    ctr --address "$dir/containerd.sock" -n k8s.io image import "$tar" >/dev/null
  done
  local -a args=(--runtime-endpoint "unix://$dir/containerd.sock" --image-endpoint "unix://$dir/containerd.sock"
    --registry-prefix "$registry" --ginkgo.no-color --ginkgo.v
    --ginkgo.json-report "$work/$handler.json")
  [[ -z $focus ]] || args+=(--ginkgo.focus "$focus")
  echo "critest: $handler: running the suite (log: $work/$handler.log)..." >&2
  # critest exits non-zero when a spec fails: the report says which.
  # Its log specs make podLogTest* directories under TMPDIR and leave them: in the work directory, they go with it.
  mkdir -p "$work/tmp"
  (cd "$dir" && TMPDIR=$work/tmp "$tools/critest" "${args[@]}" >"$work/$handler.log" 2>&1) || true
  [[ -s $work/$handler.json ]] || { tail -20 "$work/$handler.log" >&2; echo "critest: $handler: no report" >&2; exit 1; }
  cp "$dir/containerd.log" "$work/$handler.containerd.log"
  scripts/cri-containerd.sh down "$dir"
}

report() { # HANDLER: its ginkgo report as lines of spec TAB state TAB the failure's first line
  local handler=$1
  jq -r '.[].SpecReports[] | select(.LeafNodeType == "It")
    | [((.ContainerHierarchyTexts | join(" ")) + " | " + .LeafNodeText), .State,
       ((.Failure.Message // "") | split("\n") | map(select(. != "")) | first // "" | .[0:500])] | @tsv' \
    "$work/$handler.json" | sort >"$work/$handler.tsv"
}

# --- the table ------------------------------------------------------------------------------

# Why a spec fails with both handlers, or with one: what the runs here showed (bench/critest.md).
explain() { # SPEC MESSAGES
  case $2 in
    *"init ended before it was started"*)
      echo "Ours before StartRelease: start took init's execve (on a JVM thread other than its first, so the kernel shows the old leader as a zombie while it hands the pid over) for init's end, under load; fixed." ;;
  esac
  case $1 in
    *"Image Manager"*digest*)
      echo "critest pins upstream's digest (sha256:9700f9…), which no image made here can have; and as for the other Image Manager specs:" ;;&
    *"Image Manager"*)
      echo "critest 1.26.1's --registry-prefix: PullPublicImage pulls prefix + the reference's path (dropping the tag: always :latest), then the spec asks the image service about the unprefixed name, which is not there. containerd's image service alone: no runtime runs." ;;
    *"port mapping with host port"*)
      echo "hostPort needs CNI's portmap plugin (iptables DNAT on the host); scripts/cri-containerd.sh's pod network is bridge + host-local only, so nothing answers on 127.0.0.1:12000." ;;
    *"'rshared' should support propagation"*)
      echo "Ours before SharedBinds: every mount of the container was made a slave before anything was mounted, so a Bidirectional volume could not send the container's mounts to the host; fixed (open_tree's clone of the volume, taken before the cut)." ;;
    *"should support MaskedPaths"*)
      echo "An image limit: Debian's busybox-static runs applets inside the shell (FEATURE_SH_STANDALONE), so \`sh -c ls\` never executes the masked /bin/ls and gets no \"Permission denied\"; upstream's busybox 1.29 image does exec it." ;;
  esac
}

short() { case $1 in passed) echo pass ;; failed | panicked | timedout | interrupted | aborted) echo "**$1**" ;; *) echo "$1" ;; esac; }
table() {
  echo "| spec | runc | mydocker | why they differ, or why both fail |"
  echo "|---|---|---|---|"
  local specs spec
  specs=$(cat "$work"/*.tsv | cut -f1 | sort -u)
  while IFS= read -r spec; do
    local cells=() states=() why h line
    for h in runc mydocker; do
      line=$([[ -f $work/$h.tsv ]] && grep -F -- "$spec	" "$work/$h.tsv" | head -1 || true)
      if [[ -z $line ]]; then cells+=("–"); states+=(none); continue; fi
      states+=("$(cut -f2 <<<"$line")")
      cells+=("$(short "${states[-1]}")")
    done
    why=
    if [[ ${states[0]} != passed || ${states[1]} != passed ]] && [[ ${states[0]} != skipped || ${states[1]} != skipped ]]; then
      local said=
      for h in runc mydocker; do
        line=$([[ -f $work/$h.tsv ]] && grep -F -- "$spec	" "$work/$h.tsv" | head -1 || true)
        [[ -z $(cut -f3 <<<"$line") ]] || said+="$h: $(cut -f3 <<<"$line") "
      done
      why=$(explain "$spec" "$said" | tr '\n' ' ')
      [[ -n $why ]] || why=$said # not explained yet: the failure, as critest said it
    fi
    echo "| ${spec//|/\\|} | ${cells[0]} | ${cells[1]} | ${why//|/\\|}|"
  done <<<"$specs"
  echo
  if ! cut -f1,2 "$work"/*.tsv | grep '	skipped$' | grep -qv 'benchmark'; then
    echo "Skipped: critest's benchmarks, which it runs only when asked (\`critest -benchmark\`)."
    echo
  fi
  echo "| handler | passed | failed | skipped |"
  echo "|---|---|---|---|"
  for h in $handlers; do
    printf '| %s | %s | %s | %s |\n' "$h" \
      "$(grep -c '	passed	' "$work/$h.tsv" || true)" \
      "$(grep -cE '	(failed|panicked|timedout|interrupted|aborted)	' "$work/$h.tsv" || true)" \
      "$(grep -c '	skipped	' "$work/$h.tsv" || true)"
  done
}

# What the runs left on the host: mounts under the work directory, the bridge, ip_forward (the
# cgroups: remove_cgroups, on exit).
leftovers() {
  local left
  left=$(grep -o " $work/[^ ]*" /proc/self/mountinfo || true)
  [[ -z $left ]] || echo "critest: mounts left under $work: $left" >&2
  if ip link show "$CRI_BRIDGE" >/dev/null 2>&1; then echo "critest: bridge $CRI_BRIDGE left" >&2; fi
  [[ $(cat /proc/sys/net/ipv4/ip_forward) == "$forward" ]] || echo "critest: ip_forward is $(cat /proc/sys/net/ipv4/ip_forward), was $forward (another user of the host, or a run)" >&2
}

main() {
  if [[ -n $from ]]; then
    for h in $handlers; do cp -p "$from/$h.json" "$work/$h.json"; done
  else
    start_registry
    echo "critest: registry on $registry; making critest's images..." >&2
    make_images
    for h in $handlers; do run_critest "$h"; done
  fi
  for h in $handlers; do report "$h"; done
  table | tee "$work/table.md"
  leftovers
  if [[ -z $focus && $handlers == "runc mydocker" ]]; then
    {
      echo "# critest (cri-tools v1.26.1) through containerd's CRI: runc beside mydocker"
      echo
      echo "Runs of \`bench/critest.sh\`: runc's ended $(ended runc), ours $(ended mydocker); kernel $(uname -r)," \
        "cgroup $([[ -f /sys/fs/cgroup/cgroup.controllers ]] && echo v2 || echo v1)," \
        "$(containerd --version | cut -d' ' -f2,3), runc $(runc --version | sed -n 's/^runc version //p')," \
        "CAP_SYS_RESOURCE $(has_sys_resource && echo held || echo "withheld (so restrict_oom_score_adj)")."
      echo "Images: made by this engine from the host's busybox and two small C programs, pushed to a"
      echo "registry on 127.0.0.1 (bench/critest.sh says what each stands in for)."
      echo
      cat "$work/table.md"
    } >bench/critest.md
    echo "critest: written to bench/critest.md" >&2
  fi
}

ended() { # HANDLER: when its suite ended, from its report
  date -u -d "$(jq -r '.[0].EndTime' "$work/$1.json")" '+%Y-%m-%d %H:%M UTC'
}

# CAP_SYS_RESOURCE (capability 24) in this shell's effective set: scripts/cri-containerd.sh asks
# containerd to keep oom_score_adj no lower than its own without it.
has_sys_resource() {
  local eff
  eff=$(awk '/^CapEff:/ {print $2}' /proc/self/status)
  (((16#$eff >> 24) & 1))
}

# One line, read whole before it runs: the file may change while the suite runs.
main "$@"; exit
