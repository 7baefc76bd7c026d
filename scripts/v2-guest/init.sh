#!/bin/sh
# The v2 guest's PID 1 (started by scripts/test-v2.sh). Two stages:
#   stage 1, in the initramfs under busybox ash: load the 9p and overlay
#     modules, mount the host's / read-only over virtio-9p with an overlay on a
#     tmpfs over it (the guest may write; the host never sees it), and
#     switch_root into it;
#   stage 2, in that root under the host's dash: mount what a Linux system
#     mounts, cgroup2 on /sys/fs/cgroup (all controllers: the unified
#     hierarchy), run the v2 test set as a child, leave its exit code in the
#     results share and power off.
# POSIX sh only: a bashism here kills PID 1, and the kernel panics.
set -u
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
. /etc/mydocker-v2.conf  # REPO, KVER, JAVA_HOME, MODULES, MODE: written by test-v2.sh

say() {  # with the guest's uptime, for the timings
  echo "v2-guest [$(cut -d' ' -f1 /proc/uptime)s]: $*"
}

# PID 1 must never exit (the kernel would panic): on any failure, power off,
# and the missing exit code in the results share tells the host it failed.
halt() {
  say "$*"
  sync
  echo o >/proc/sysrq-trigger
  while :; do :; done  # a builtin: the shares may be gone while the power goes off
}

share() {  # share TAG DIR [OPTIONS]: a 9p share from the host (9p2000.L, big messages)
  mount -t 9p -o "trans=virtio,version=9p2000.L,msize=262144${3:+,$3}" "$1" "$2" || halt "cannot mount 9p share $1 on $2"
}

stage1() {
  /bin/busybox --install -s /bin
  mount -t proc proc /proc
  mount -t sysfs sysfs /sys
  mount -t devtmpfs devtmpfs /dev
  while read -r module; do
    insmod "/modules/$module" || halt "insmod $module failed"
  done </modules/order
  mkdir -p /lower /upper /newroot
  share hostroot /lower ro,cache=loose
  # An overlay needs its upper and work directories on one filesystem, not 9p.
  mount -t tmpfs -o mode=755 upper /upper
  mkdir /upper/data /upper/work
  mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/data,workdir=/upper/work /newroot \
    || halt "cannot mount the overlay root"
  mkdir -p "/newroot/lib/modules/$KVER" /newroot/mnt/v2-results
  share modules "/newroot/lib/modules/$KVER" ro,cache=loose
  share results /newroot/mnt/v2-results
  cp /etc/mydocker-v2.conf /newroot/etc/mydocker-v2.conf
  umount /proc /sys /dev
  exec switch_root /newroot /bin/sh "$REPO/scripts/v2-guest/init.sh" stage2
}

stage2() {
  mount -t proc proc /proc
  mount -t sysfs sysfs /sys
  mount -t devtmpfs devtmpfs /dev
  mkdir -p /dev/pts /dev/shm
  ln -s /proc/self/fd /dev/fd  # bash's <(...) needs it; devtmpfs does not make it
  mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts
  mount -t tmpfs tmpfs /dev/shm
  # A checkout under /tmp or /run (a fresh clone there) stays at its path: the
  # tmpfs mounts below would hide it, and its recorded classpaths name that path.
  keep=
  case $REPO in /tmp/* | /run/*) keep=/mnt/repo && mkdir -p "$keep" && mount --bind "$REPO" "$keep" ;; esac
  mount -t tmpfs -o mode=755 tmpfs /run
  mount -t tmpfs -o mode=1777 tmpfs /tmp
  if [ -n "$keep" ]; then
    mkdir -p "$REPO" && mount --move "$keep" "$REPO" || halt "cannot keep $REPO visible"
  fi
  mount -t cgroup2 cgroup2 /sys/fs/cgroup || halt "cannot mount cgroup2"
  hostname mydocker-v2
  ip link set lo up
  # Every JVM here runs interpreted: JIT-compiled code under qemu's multi-threaded
  # emulation crashed now and then (SIGSEGV at the first instruction of a freshly
  # compiled method), and TCG translates JIT code slowly anyway (-Xint was the
  # faster of the two). The guest's root is an overlay: the host's java is untouched.
  mv "$JAVA_HOME/bin/java" "$JAVA_HOME/bin/java.jit"
  printf '#!/bin/sh\nexec "$0.jit" -Xint "$@"\n' >"$JAVA_HOME/bin/java"
  chmod 755 "$JAVA_HOME/bin/java"
  say "kernel $(uname -r), cgroup.controllers: $(cat /sys/fs/cgroup/cgroup.controllers)"
  if [ "$MODE" = shell ]; then
    say "a shell on cgroup v2 (exit powers off); try: cd $REPO && ./mydocker doctor"
    setsid -c /bin/bash -l </dev/ttyS0 >/dev/ttyS0 2>&1
  else
    # A child runs the tests: whatever happens to it, PID 1 lives on to power off.
    /bin/bash "$REPO/scripts/v2-guest/run-tests.sh" /mnt/v2-results
    echo $? >/mnt/v2-results/exit-code
  fi
  umount /mnt/v2-results
  halt "done"
}

case ${1:-stage1} in
  stage1) stage1 ;;
  stage2) stage2 ;;
esac
