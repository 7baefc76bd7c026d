package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.ProcessSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** process.user is untrusted numbers: each checked once; the switch itself is RuntimeProcessIT's. */
class ProcessUserTest {
    @TempDir
    Path root;

    private static Spec.User user(Long uid, Long gid, List<Long> groups, Long umask) {
        return new Spec.User(uid, gid, groups, umask);
    }

    @Test
    void aUserIsReadAsGiven() {
        ProcessUser u = ProcessUser.of(user(1000L, 1001L, List.of(5L, 4294967294L), 022L), "config.json");
        assertEquals(new ProcessUser(1000, 1001, List.of(5L, 4294967294L), 022), u);
        assertEquals(ProcessUser.ROOT, ProcessUser.of(null, "config.json"));
        assertEquals(
                ProcessUser.KEEP_UMASK,
                ProcessUser.of(user(1L, 1L, null, null), "f").umask());
    }

    @Test
    void negativeOrNoChangeIdsAndBadUmasksAreRefusedByField() {
        for (Spec.User bad : List.of(
                user(-1L, 0L, null, null),
                user(4294967295L, 0L, null, null),
                user(0L, -5L, null, null),
                user(0L, 0L, List.of(1L, -1L), null),
                user(0L, 0L, null, 01000L),
                user(0L, 0L, null, -1L))) {
            String message = assertThrows(IllegalArgumentException.class, () -> ProcessUser.of(bad, "config.json"))
                    .getMessage();
            assertTrue(message.startsWith("config.json: process.user."), message);
        }
    }

    @Test
    void execsUserFlagIsNumbers() {
        assertEquals(new ProcessUser(1000, 0, List.of(), ProcessUser.KEEP_UMASK), ProcessUser.parse("1000", List.of()));
        assertEquals(
                new ProcessUser(1000, 50, List.of(7L), ProcessUser.KEEP_UMASK),
                ProcessUser.parse("1000:50", List.of("7")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "-1", "1:2:3", "", "1:", "4294967295", "99999999999", "1:x"})
    void execsUserFlagRefusesWhatIsNotAnId(String spec) {
        assertThrows(IllegalArgumentException.class, () -> ProcessUser.parse(spec, List.of()));
    }

    @Test
    void itCrossesToInitWhole() throws IOException {
        ProcessUser u = new ProcessUser(4294967294L, 7, List.of(1L, 2L), 077);
        InitMessage decoded =
                InitMessage.decode(InitMessage.empty().with(ProcessUser.PART, u).encode());
        assertEquals(u, decoded.get(ProcessUser.PART));
    }

    @Test
    void homeIsTheUsersInTheContainersPasswd() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(
                root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n");
        ProcessSpec process = new ProcessSpec(List.of("id"), List.of("PATH=/bin"));
        assertEquals(
                List.of("PATH=/bin", "HOME=/home/user"),
                PasswdHome.add(process, root, 1000).env());
        assertEquals("/root", PasswdHome.home(root, 0));
        assertEquals("/", PasswdHome.home(root, 4242), "a user not in passwd: /");
        ProcessSpec withHome = new ProcessSpec(List.of("id"), List.of("HOME=/x"));
        assertEquals(withHome, PasswdHome.add(withHome, root, 1000), "a HOME given is kept");
    }

    @Test
    void aPasswdThatIsASymlinkIsNotFollowedOnTheHost() throws IOException {
        Path host = Files.writeString(root.resolve("hostpasswd"), "x:x:1000:1000::/host/secret:/bin/sh\n");
        Path rootfs = Files.createDirectories(root.resolve("rootfs/etc"));
        Files.createSymbolicLink(rootfs.resolve("passwd"), host);
        assertEquals("/", PasswdHome.home(root.resolve("rootfs"), 1000));
        Path other = Files.createDirectories(root.resolve("other"));
        Files.createSymbolicLink(other.resolve("etc"), root.resolve("rootfs/etc"));
        Files.delete(rootfs.resolve("passwd"));
        Files.copy(host, rootfs.resolve("passwd"));
        assertEquals("/host/secret", PasswdHome.home(root.resolve("rootfs"), 1000));
        assertEquals("/", PasswdHome.home(other, 1000), "/etc a symlink: not followed either");
    }
}
