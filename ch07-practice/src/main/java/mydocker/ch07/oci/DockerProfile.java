package mydocker.ch07.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mydocker.ch04.image.Json;

/**
 * A seccomp profile in Docker's format (book chapter 7, "contained"; what
 * {@code docker run --security-opt seccomp=FILE} takes), turned into the
 * runtime spec's {@code linux.seccomp} for one container, as moby's
 * profiles/seccomp setupSeccomp does: the architectures of this machine's
 * {@code archMap} entry, and only the syscall groups whose {@code includes}
 * hold and whose {@code excludes} do not, judged by the container's bounding
 * capabilities, this machine's architecture and its kernel's version. So
 * Docker's default profile allows {@code unshare} and {@code mount} only to a
 * container given CAP_SYS_ADMIN, {@code reboot} only with CAP_SYS_BOOT.
 *
 * <p>{@link #defaults} is Docker's default profile, kept unchanged as a
 * resource (seccomp-default.json, Apache-2.0, its licence beside it).
 */
public final class DockerProfile {
    /** The file's top level: the spec's fields, plus Docker's archMap and conditional syscall groups. */
    record Profile(
            String defaultAction,
            Long defaultErrnoRet,
            List<String> architectures,
            List<ArchMap> archMap,
            List<String> flags,
            String listenerPath,
            String listenerMetadata,
            List<Group> syscalls) {}

    /** The architectures a machine of {@code architecture} gets: its own and the ones it also runs. */
    record ArchMap(String architecture, List<String> subArchitectures) {}

    /** Syscalls by {@code names} (or one {@code name}), under conditions. */
    record Group(
            String name,
            List<String> names,
            String action,
            Long errnoRet,
            List<Spec.SeccompArg> args,
            Condition includes,
            Condition excludes) {}

    /** Bounding capabilities, architectures (Go's names: amd64), a kernel version {@code major.minor}. */
    record Condition(List<String> caps, List<String> arches, String minKernel) {}

    /** This machine, as the profile's conditions name it. */
    record Machine(String arch, int kernelMajor, int kernelMinor) {
        /** Go's architecture names (the profile's {@code arches}) from the JVM's. */
        private static final Map<String, String> GO_ARCH = Map.of(
                "amd64", "amd64",
                "x86_64", "amd64",
                "aarch64", "arm64",
                "x86", "x86",
                "i386", "x86",
                "ppc64le", "ppc64le",
                "s390x", "s390x",
                "riscv64", "riscv64");

        /** The profile's archMap name of each Go architecture (moby's nativeToSeccomp). */
        private static final Map<String, String> SECCOMP_ARCH = Map.of(
                "amd64", "SCMP_ARCH_X86_64",
                "arm64", "SCMP_ARCH_AARCH64",
                "x86", "SCMP_ARCH_X86",
                "ppc64le", "SCMP_ARCH_PPC64LE",
                "s390x", "SCMP_ARCH_S390X",
                "riscv64", "SCMP_ARCH_RISCV64");

        static Machine current() {
            String os = System.getProperty("os.arch");
            int[] kernel = kernel(System.getProperty("os.version"));
            return new Machine(GO_ARCH.getOrDefault(os, os), kernel[0], kernel[1]);
        }

        boolean atLeast(int[] version) {
            return kernelMajor > version[0] || (kernelMajor == version[0] && kernelMinor >= version[1]);
        }
    }

    private static final String RESOURCE = "seccomp-default.json";
    private static final Pattern KERNEL = Pattern.compile("(\\d+)\\.(\\d+)");

    private DockerProfile() {}

    /** Docker's default profile for a container whose bounding set is {@code caps} ({@code CAP_SYS_ADMIN}, ...). */
    public static Spec.Seccomp defaults(Set<String> caps) {
        try (InputStream in = DockerProfile.class.getResourceAsStream(RESOURCE)) {
            return convert(
                    Json.MAPPER.readValue(in, Profile.class), caps, Machine.current(), "Docker's default profile:");
        } catch (IOException e) {
            throw new IllegalStateException("reading Docker's default seccomp profile: " + e.getMessage(), e);
        }
    }

    /**
     * A user's profile file ({@code --security-opt seccomp=FILE}), checked
     * whole here: a problem is one line naming the file and the field.
     */
    public static Spec.Seccomp read(Path file, Set<String> caps) throws IOException {
        Profile profile;
        try {
            profile = Json.MAPPER.readValue(Files.readAllBytes(file), Profile.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("seccomp profile " + file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("seccomp profile " + file + ": " + Json.problem(e));
        }
        if (profile == null) {
            throw new IllegalArgumentException("seccomp profile " + file + " holds null");
        }
        String where = "seccomp profile " + file + ":";
        Spec.Seccomp seccomp = convert(profile, caps, Machine.current(), where);
        // Every group checked, also those this container leaves out, each by its index in the file.
        Seccomp.of(convert(profile, null, Machine.current(), where), where + " ");
        return seccomp;
    }

    /**
     * moby's setupSeccomp: {@code profile} as one container on {@code machine}
     * with {@code caps} gets it; with {@code caps} null, every group, as written.
     */
    static Spec.Seccomp convert(Profile profile, Set<String> caps, Machine machine, String where) {
        List<String> architectures =
                new ArrayList<>(profile.architectures() == null ? List.of() : profile.architectures());
        List<ArchMap> archMap = profile.archMap() == null ? List.of() : profile.archMap();
        require(architectures.isEmpty() || archMap.isEmpty(), where, "gives both architectures and archMap: give one");
        String own = Machine.SECCOMP_ARCH.get(machine.arch());
        for (ArchMap entry : archMap) {
            require(entry != null, where, "archMap holds a null");
            if (entry.architecture() != null && entry.architecture().equals(own)) {
                architectures.add(entry.architecture());
                if (entry.subArchitectures() != null) {
                    architectures.addAll(entry.subArchitectures());
                }
                break;
            }
        }
        List<Spec.SeccompSyscall> syscalls = new ArrayList<>();
        List<Group> groups = profile.syscalls() == null ? List.of() : profile.syscalls();
        for (int i = 0; i < groups.size(); i++) {
            Group group = groups.get(i);
            String at = "syscalls[" + i + "]";
            require(group != null, where, at + " is null");
            require(
                    group.name() == null
                            || group.names() == null
                            || group.names().isEmpty(),
                    where,
                    at + " gives both name and names: give one");
            if (caps == null || applies(group, caps, machine, where, at)) {
                List<String> names = group.name() != null ? List.of(group.name()) : group.names();
                syscalls.add(new Spec.SeccompSyscall(names, group.action(), group.errnoRet(), group.args()));
            }
        }
        return new Spec.Seccomp(
                profile.defaultAction(),
                profile.defaultErrnoRet(),
                architectures,
                profile.flags(),
                profile.listenerPath(),
                profile.listenerMetadata(),
                syscalls);
    }

    /** Every excludes condition fails and every includes condition holds (each list: any of / all of). */
    private static boolean applies(Group group, Set<String> caps, Machine machine, String where, String at) {
        Condition ex = group.excludes();
        if (ex != null) {
            if (ex.arches() != null && ex.arches().contains(machine.arch())) {
                return false;
            }
            if (ex.caps() != null && ex.caps().stream().anyMatch(caps::contains)) {
                return false;
            }
            if (ex.minKernel() != null && machine.atLeast(version(ex.minKernel(), where, at + ".excludes"))) {
                return false;
            }
        }
        Condition in = group.includes();
        if (in != null) {
            if (in.arches() != null && !in.arches().isEmpty() && !in.arches().contains(machine.arch())) {
                return false;
            }
            if (in.caps() != null && !caps.containsAll(in.caps())) {
                return false;
            }
            if (in.minKernel() != null && !machine.atLeast(version(in.minKernel(), where, at + ".includes"))) {
                return false;
            }
        }
        return true;
    }

    /** A condition's {@code minKernel}: {@code major.minor}, as moby reads it. */
    private static int[] version(String text, String where, String at) {
        require(text.matches("\\d{1,3}\\.\\d{1,3}"), where, at + ".minKernel '" + text + "' is not MAJOR.MINOR");
        return kernel(text);
    }

    /** The first {@code major.minor} of a kernel release ({@code 6.1.0-18-amd64}). */
    static int[] kernel(String release) {
        Matcher m = KERNEL.matcher(release == null ? "" : release);
        if (!m.lookingAt()) {
            throw new IllegalStateException("kernel release '" + release + "' does not start with MAJOR.MINOR");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static void require(boolean ok, String where, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(where + " " + problem);
        }
    }
}
