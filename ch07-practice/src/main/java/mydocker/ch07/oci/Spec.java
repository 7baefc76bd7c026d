package mydocker.ch07.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.List;
import java.util.Map;
import mydocker.ch04.image.Json;

/**
 * A bundle's {@code config.json}, the OCI runtime spec's configuration (book
 * 7.3-7.4: runC reads the same file), as far as this runtime reads it. The
 * names are the spec's own, so the JSON maps onto these records field by
 * field; anything not here is ignored, as the spec lets a runtime do with
 * what it does not know. Read as untrusted input: {@link Bundle} checks every
 * field before anything uses it.
 */
public record Spec(
        String ociVersion,
        Process process,
        Root root,
        String hostname,
        List<Mount> mounts,
        Linux linux,
        Map<String, String> annotations,
        Hooks hooks) {

    /** Programs the runtime runs at points of the container's life, each given the state on stdin. */
    public record Hooks(
            List<Hook> prestart,
            List<Hook> createRuntime,
            List<Hook> createContainer,
            List<Hook> startContainer,
            List<Hook> poststart,
            List<Hook> poststop) {}

    /** One hook: an absolute path, its argv (args[0] first), its whole env, a timeout in seconds. */
    public record Hook(String path, List<String> args, List<String> env, Integer timeout) {}

    private static final ObjectWriter WRITER = Json.MAPPER
            .copy()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .writerWithDefaultPrettyPrinter();

    /** This config as a config.json holds it: pretty, without the fields it leaves out. */
    public byte[] json() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The container's first process. {@code oomScoreAdj} is kept as JSON so
     * that {@link OomScoreAdj#of} sees a fraction or a string as given,
     * rather than as the JSON reader would round or coerce it.
     */
    public record Process(
            Boolean terminal,
            User user,
            List<String> args,
            List<String> env,
            String cwd,
            List<Rlimit> rlimits,
            Boolean noNewPrivileges,
            Capabilities capabilities,
            JsonNode oomScoreAdj) {}

    /** The five capability sets, as names ({@code CAP_KILL}), each as capabilities(7) defines it. */
    public record Capabilities(
            List<String> bounding,
            List<String> effective,
            List<String> inheritable,
            List<String> permitted,
            List<String> ambient) {}

    /** A resource limit, named as in setrlimit(2): {@code RLIMIT_NOFILE}. */
    public record Rlimit(String type, Long hard, Long soft) {}

    /** Who the process runs as (numbers: {@code username} is Windows'), and its umask. */
    public record User(Long uid, Long gid, List<Long> additionalGids, Long umask) {}

    /** The root filesystem: a directory, relative to the bundle or absolute. */
    public record Root(String path, Boolean readonly) {}

    /** One mount, made inside the container's root in the order given. */
    public record Mount(String destination, String type, String source, List<String> options) {}

    public record Linux(
            List<Namespace> namespaces,
            String cgroupsPath,
            Resources resources,
            List<String> maskedPaths,
            List<String> readonlyPaths,
            String rootfsPropagation,
            List<Device> devices,
            Map<String, String> sysctl,
            Seccomp seccomp) {}

    /**
     * A seccomp filter: the action for any syscall not listed, the
     * architectures it holds for, and the listed syscalls' actions
     * ({@code SCMP_ACT_ALLOW}, {@code SCMP_ACT_ERRNO}, ... as libseccomp names them).
     */
    public record Seccomp(
            String defaultAction,
            Long defaultErrnoRet,
            List<String> architectures,
            List<String> flags,
            String listenerPath,
            String listenerMetadata,
            List<SeccompSyscall> syscalls) {}

    /** Syscalls by name with one action, when their arguments match all of {@code args}. */
    public record SeccompSyscall(List<String> names, String action, Long errnoRet, List<SeccompArg> args) {}

    /** An argument comparison: argument {@code index} against {@code value} by {@code op} ({@code SCMP_CMP_EQ}, ...). */
    public record SeccompArg(Long index, Long value, Long valueTwo, String op) {}

    /** A device node to make in the container's /dev: type c, b, u or p, as mknod(1) names them. */
    public record Device(String path, String type, Long major, Long minor, Long fileMode, Long uid, Long gid) {}

    /** A namespace to create ({@code path} null) or to join (the file of an existing one). */
    public record Namespace(String type, String path) {}

    public record Resources(Memory memory, Cpu cpu, Pids pids, List<DeviceRule> devices) {
        /** The book's limits only (what chapter 7's {@code run} writes). */
        public Resources(Memory memory, Cpu cpu) {
            this(memory, cpu, null, null);
        }
    }

    /**
     * A device cgroup rule, in order (the last matching one decides): allow or
     * deny {@code access} (r, w, m) to devices of {@code type} (a, c, b) and
     * numbers (null: any).
     */
    public record DeviceRule(Boolean allow, String type, Long major, Long minor, String access) {}

    public record Memory(
            Long limit,
            Long reservation,
            Long swap,
            Long kernel,
            Long kernelTCP,
            Long swappiness,
            Boolean disableOOMKiller) {
        /** The book's memory limit only. */
        public Memory(Long limit) {
            this(limit, null, null, null, null, null, null);
        }
    }

    public record Cpu(
            Long shares, String cpus, Long quota, Long period, Long realtimeRuntime, Long realtimePeriod, String mems) {
        /** The book's cpu shares and cpuset only. */
        public Cpu(Long shares, String cpus) {
            this(shares, cpus, null, null, null, null, null);
        }
    }

    /** The pids controller's limit: at most this many tasks in the group (0: unset, negative: no limit). */
    public record Pids(Long limit) {}
}
