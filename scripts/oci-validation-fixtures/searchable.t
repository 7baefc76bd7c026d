#!/usr/bin/env bash
# A container in a user namespace reaches its bundle as a user that is not the host's
# root: the scratch directories on the way must let it through.
if setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$TMPDIR"; then
  printf 'TAP version 13\nok 1 - the scratch space is searchable by an unprivileged user\n1..1\n'
else
  printf 'TAP version 13\nnot ok 1 - the scratch space is searchable by an unprivileged user\n1..1\n'
fi
