#!/usr/bin/env bash
printf 'TAP version 13\n1..0 # SKIP no hugetlb here\n'
