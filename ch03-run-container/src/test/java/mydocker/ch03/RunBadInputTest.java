package mydocker.ch03;

import static mydocker.syscall.OneLine.assertOneLine;

import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.syscall.InThisJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input to `run`: one line naming what was wrong and what to do, exit 125,
 * and — since every check runs before the first namespace, mount or cgroup
 * is made — nothing to clean up.
 */
class RunBadInputTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "run -m lots true        | mydocker: invalid size: 'lots' (expected a number with an optional unit b, k, m or g, e.g. 100m)",
                "run -m -1 true          | mydocker: invalid size: '-1' (expected a number with an optional unit b, k, m or g, e.g. 100m)",
                "run -m 4m true          | mydocker: --memory 4m is too small: the minimum is 6MB",
                "run --cpu-shares 1 true | mydocker: --cpu-shares 1 is out of range: use 2 to 262144 (1024 is the default weight)",
                "run --cpu-shares x true | mydocker: Invalid value for option '--cpu-shares': 'x' is not an int. See 'mydocker run --help'.",
                "run --cpuset-cpus 0- true | mydocker: invalid --cpuset-cpus '0-': expected CPU numbers such as 0, 0-1 or 0,2",
                "run --cpuset-cpus 4095 true | mydocker: --cpuset-cpus 4095: requested CPUs are not available here (online: ONLINE)",
                "run --cpuset-cpus 0-99999999999 true | mydocker: invalid --cpuset-cpus '0-99999999999': no machine has CPU 99999999999 (the kernel allows at most 8192)",
                "run --hostname= true    | mydocker: invalid --hostname '': use 1 to 64 letters, digits, '-', '_' and '.', starting with a letter or digit",
                "run --hostname=a/b true | mydocker: invalid --hostname 'a/b': use 1 to 64 letters, digits, '-', '_' and '.', starting with a letter or digit",
                "run --cgroup-parent ../x true | mydocker: invalid cgroup parent '../x': give a path of plain names below the hierarchy's root, e.g. --cgroup-parent mydocker or /lab/alice",
                "run                     | mydocker: \"run\" requires a command (chapter 3 has no images yet), e.g. mydocker run -it sh",
                "run --bogus true        | mydocker: Unknown option: '--bogus'. See 'mydocker run --help'.",
                "frobnicate              | mydocker: Unmatched argument at index 0: 'frobnicate'. See 'mydocker --help'.",
            })
    void oneLineExit125(String args, String expected) throws Exception {
        String online =
                Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
        assertOneLine(
                InThisJvm.run(() -> Main.engine().run(args.strip().split(" +"))), expected.replace("ONLINE", online));
    }
}
