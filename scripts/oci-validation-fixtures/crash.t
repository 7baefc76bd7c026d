#!/usr/bin/env bash
printf 'TAP version 13\n1..5\nok 1 - one\nok 2 - two\n'
echo 'panic: runtime error' >&2
exit 2
