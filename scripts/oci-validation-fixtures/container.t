#!/usr/bin/env bash
# Creates two containers through $RUNTIME and never deletes them: one at runc's default
# cgroup (/<id>), one at a nested cgroupsPath from its config.
set -e
tag=oci-self-test-$$
for c in default nested; do
  bundle=$(mktemp -d)
  if [[ $c == nested ]]; then
    echo "{\"linux\":{\"cgroupsPath\":\"/$tag-path/ctr\"}}" >"$bundle/config.json"
  else
    echo '{"linux":{}}' >"$bundle/config.json"
  fi
  "$RUNTIME" create --bundle "$bundle" "$tag-$c"
done
printf 'TAP version 13\nok 1 - created\n1..1\n'
