#!/usr/bin/env bash
# Creates three containers through $RUNTIME: one at runc's default cgroup (/<id>) and one at
# a nested cgroupsPath, never deleted; and one deleted, which (as runc's delete does)
# removes its leaf cgroup and leaves the parents it made.
set -e
tag=oci-self-test-$$
for c in default nested deleted; do
  bundle=$(mktemp -d)
  case $c in
    default) echo '{"linux":{}}' ;;
    nested) echo "{\"linux\":{\"cgroupsPath\":\"/$tag-path/ctr\"}}" ;;
    deleted) echo "{\"linux\":{\"cgroupsPath\":\"/$tag-parents/a/ctr\"}}" ;;
  esac >"$bundle/config.json"
  "$RUNTIME" create --bundle "$bundle" "$tag-$c"
done
"$RUNTIME" delete --force "$tag-deleted"
printf 'TAP version 13\nok 1 - created\n1..1\n'
