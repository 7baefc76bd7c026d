#!/usr/bin/env bash
# linux_cgroups_cpus prints its cgroup v1 stream, then a second, empty one for v2.
printf 'TAP version 13\nok 1 - one\nok 2 - two\nok 3 - three\n1..3\nTAP version 13\n1..0\n'
