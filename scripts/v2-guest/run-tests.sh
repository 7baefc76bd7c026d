#!/usr/bin/env bash
# scripts/v2-guest/run-tests.sh RESULTS — inside the v2 guest (scripts/test-v2.sh):
# the privileged tests tagged "cgroup" (those whose behaviour depends on the
# cgroup version), chapter by chapter, with the JUnit console launcher over the
# classes and test classpaths the host's build recorded (Maven itself would take
# minutes to start under emulation), then the leak check inside the guest.
set -uo pipefail
results=$1
. /etc/mydocker-v2.conf
cd "$REPO"
export PATH=$JAVA_HOME/bin:$PATH
# The container store on a tmpfs: an overlay (the guest's root) cannot be an
# overlay's upper dir. @TempDir goes to java.io.tmpdir, /tmp, also a tmpfs.
export MYDOCKER_ROOT=/tmp/mydocker-v2/root MYDOCKER_EXEC_ROOT=/run/mydocker-v2
launcher=$(ls target/v2/junit-platform-console-standalone-*.jar)

before=$(mktemp)
scripts/leak-check.sh snapshot "$before"
status=0
for module in $MODULES; do
  started=$SECONDS
  echo "v2-guest: $module: tests tagged cgroup"
  java -Djava.io.tmpdir=/tmp -jar "$launcher" execute --disable-banner --details=testfeed --disable-ansi-colors --fail-if-no-tests \
    --class-path "$module/target/test-classes:$module/target/classes:$(<"$module/target/test-classpath.txt")" \
    --scan-classpath "$module/target/test-classes" --include-classname '.*IT' --include-tag cgroup \
    --reports-dir "$results/reports/$module" || status=1
  echo "v2-guest: $module took $((SECONDS - started)) s"
done
scripts/leak-check.sh compare "$before" || status=1
rm -f "$before"
exit $status
