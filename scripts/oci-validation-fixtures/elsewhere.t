#!/usr/bin/env bash
# Mounts a tmpfs outside its scratch space, where the self-test asks (nothing there says
# whose it is: the script must name it and leave it).
set -e
mount -t tmpfs oci-self-test "$OCI_SELF_TEST_ELSEWHERE"
printf 'TAP version 13\nok 1 - mounted elsewhere\n1..1\n'
