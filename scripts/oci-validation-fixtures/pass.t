#!/usr/bin/env bash
printf 'TAP version 13\nok 1 - one\nok 2 - two\nok 3 - three\n1..3\n'
