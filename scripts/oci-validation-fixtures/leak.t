#!/usr/bin/env bash
# Leaves a tmpfs mounted in its scratch space, a process in its session (without its
# environment), and one in a session of its own (with it).
set -e
mkdir -p "$TMPDIR/leaked-tmpfs"
mount -t tmpfs oci-self-test "$TMPDIR/leaked-tmpfs"
env -i bash -c 'exec -a oci-self-test-sleeper sleep 600' </dev/null >/dev/null 2>&1 &
setsid -f bash -c 'exec -a oci-self-test-sleeper sleep 600' </dev/null >/dev/null 2>&1
printf 'TAP version 13\nok 1 - leaks\n1..1\n'
