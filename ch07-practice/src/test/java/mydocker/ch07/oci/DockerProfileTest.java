package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import mydocker.ch04.image.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker's profile format to linux.seccomp, as moby's setupSeccomp does it for one container. */
class DockerProfileTest {
    /** Docker's default capabilities: without CAP_SYS_ADMIN its profile denies unshare, mount, setns. */
    private static final Set<String> DOCKER_CAPS = Set.copyOf(DockerCapabilities.DEFAULT);

    private static final DockerProfile.Machine AMD64 = new DockerProfile.Machine("amd64", 6, 1);

    @TempDir
    Path dir;

    private static DockerProfile.Profile defaultProfile() throws Exception {
        try (InputStream in = DockerProfile.class.getResourceAsStream("seccomp-default.json")) {
            return Json.MAPPER.readValue(in, DockerProfile.Profile.class);
        }
    }

    private static List<String> allowed(Spec.Seccomp s) {
        return s.syscalls().stream()
                .filter(c -> c.action().equals("SCMP_ACT_ALLOW"))
                .flatMap(c -> c.names().stream())
                .toList();
    }

    @Test
    void aCapConditionedSyscallIsAllowedOnlyWithThatCap() throws Exception {
        Spec.Seccomp docker = DockerProfile.convert(defaultProfile(), DOCKER_CAPS, AMD64, "default:");
        assertEquals("SCMP_ACT_ERRNO", docker.defaultAction());
        assertEquals(1L, docker.defaultErrnoRet());
        assertTrue(allowed(docker).containsAll(List.of("read", "execve", "futex", "setresuid", "close_range")));
        for (String denied : List.of("unshare", "mount", "setns", "reboot", "swapoff", "keyctl", "bpf")) {
            assertFalse(allowed(docker).contains(denied), denied);
        }
        assertTrue(
                docker.syscalls().stream()
                        .anyMatch(c -> c.names().equals(List.of("clone3"))
                                && c.action().equals("SCMP_ACT_ERRNO")
                                && c.errnoRet() == 38),
                "without CAP_SYS_ADMIN clone3 is ENOSYS, so libc falls back to clone");

        Set<String> admin = new java.util.HashSet<>(DOCKER_CAPS);
        admin.addAll(Set.of("CAP_SYS_ADMIN", "CAP_SYS_BOOT"));
        Spec.Seccomp privileged = DockerProfile.convert(defaultProfile(), admin, AMD64, "default:");
        assertTrue(allowed(privileged).containsAll(List.of("unshare", "mount", "setns", "reboot")));
        assertFalse(privileged.syscalls().stream()
                .anyMatch(c -> c.names().equals(List.of("clone3")) && c.action().equals("SCMP_ACT_ERRNO")));
    }

    @Test
    void architecturesAndArchConditionsAreThisMachines() throws Exception {
        Spec.Seccomp amd64 = DockerProfile.convert(defaultProfile(), DOCKER_CAPS, AMD64, "default:");
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), amd64.architectures());
        assertTrue(allowed(amd64).contains("arch_prctl"));
        assertFalse(allowed(amd64).contains("arm_fadvise64_64"));

        Spec.Seccomp arm64 = DockerProfile.convert(
                defaultProfile(), DOCKER_CAPS, new DockerProfile.Machine("arm64", 6, 1), "default:");
        assertEquals(List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"), arm64.architectures());
        assertTrue(allowed(arm64).contains("arm_fadvise64_64"));
        assertFalse(allowed(arm64).contains("arch_prctl"));
    }

    @Test
    void aMinKernelConditionIsThisKernels() throws Exception {
        assertTrue(allowed(DockerProfile.convert(defaultProfile(), DOCKER_CAPS, AMD64, "d:"))
                .contains("ptrace"));
        Spec.Seccomp old =
                DockerProfile.convert(defaultProfile(), DOCKER_CAPS, new DockerProfile.Machine("amd64", 4, 4), "d:");
        assertFalse(allowed(old).contains("ptrace"), "before 4.8 ptrace could bypass seccomp");
        assertEquals(List.of(6, 1), List.of(DockerProfile.kernel("6.1.0-18-amd64")[0], DockerProfile.kernel("6.1")[1]));
    }

    @Test
    void theDefaultProfileIsAValidFilterThatLibseccompCompiles() {
        Seccomp seccomp = Seccomp.of(DockerProfile.defaults(DOCKER_CAPS)).orElseThrow();
        assertTrue(seccomp.rules().size() > 300, () -> seccomp.rules().size() + " rules");
        LoadSeccomp.compile(seccomp);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'name':'a','names':['b'],'action':'SCMP_ACT_ERRNO'}]}|syscalls[0] gives both name and names",
                "{'defaultAction':'SCMP_ACT_ALLOW','architectures':['SCMP_ARCH_X86'],'archMap':[{'architecture':'SCMP_ARCH_X86_64'}]}|gives both architectures and archMap",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'names':['a'],'action':'SCMP_ACT_ERRNO','includes':{'minKernel':'six'}}]}|syscalls[0].includes.minKernel 'six' is not MAJOR.MINOR",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'names':['a'],'action':'SCMP_ACT_ERRNO'},{'names':['b'],'action':'SCMP_ACT_ERR','includes':{'caps':['CAP_SYS_ADMIN']}}]}|syscalls[1].action 'SCMP_ACT_ERR' is not one of",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':{}}|",
            })
    void aBadProfileIsOneLineNamingTheFileAndTheField(String json, String problem) throws Exception {
        Path file = dir.resolve("profile.json");
        Files.writeString(file, json.replace('\'', '"'));
        String message = assertThrows(IllegalArgumentException.class, () -> DockerProfile.read(file, DOCKER_CAPS))
                .getMessage();
        assertTrue(message.startsWith("seccomp profile " + file + ": " + (problem == null ? "" : problem)), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void aMissingProfileIsOneLine() {
        Path file = dir.resolve("none.json");
        assertEquals(
                "seccomp profile " + file + ": no such file",
                assertThrows(IllegalArgumentException.class, () -> DockerProfile.read(file, DOCKER_CAPS))
                        .getMessage());
    }

    @Test
    void aUsersProfileGetsTheSameConditions() throws Exception {
        Path file = dir.resolve("profile.json");
        Files.writeString(
                file,
                "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\","
                        + "\"excludes\":{\"caps\":[\"CAP_SYS_ADMIN\"]}}]}");
        assertEquals(
                List.of("mkdir"),
                DockerProfile.read(file, DOCKER_CAPS).syscalls().get(0).names());
        assertEquals(
                List.of(), DockerProfile.read(file, Set.of("CAP_SYS_ADMIN")).syscalls());
    }
}
