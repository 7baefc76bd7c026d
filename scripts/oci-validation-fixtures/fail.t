#!/usr/bin/env bash
printf 'TAP version 13\nok 1 - one\nnot ok 2 - two\n  ---\n  reference: x\n  ...\nok 3 - three\n1..3\n'
