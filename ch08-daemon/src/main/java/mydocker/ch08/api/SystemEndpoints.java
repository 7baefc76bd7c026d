package mydocker.ch08.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ImageStore;
import mydocker.ch05.ContainerState;
import mydocker.ch05.Containers;

/**
 * {@code /_ping}, {@code /version}, {@code /info}: what a client asks before
 * anything else. {@code _ping}'s {@code Api-Version} header is how the docker
 * CLI negotiates the version it talks.
 */
final class SystemEndpoints {
    static final String ENGINE_VERSION = "ch08";

    ApiResponse ping(ApiRequest request) {
        return ApiResponse.text(
                "OK",
                Map.of(
                        "Builder-Version",
                        "1",
                        "Cache-Control",
                        "no-cache, no-store, must-revalidate",
                        "Pragma",
                        "no-cache"));
    }

    ApiResponse version(ApiRequest request) {
        String kernel = System.getProperty("os.version");
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("Name", "Engine");
        engine.put("Version", ENGINE_VERSION);
        engine.put(
                "Details",
                Map.of(
                        "ApiVersion", ApiVersion.CURRENT.toString(),
                        "MinAPIVersion", ApiVersion.MINIMUM.toString(),
                        "Os", "linux",
                        "Arch", arch(),
                        "KernelVersion", kernel));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Platform", Map.of("Name", "mydocker in Java (chapter 8)"));
        v.put("Components", List.of(engine));
        v.put("Version", ENGINE_VERSION);
        v.put("ApiVersion", ApiVersion.CURRENT.toString());
        v.put("MinAPIVersion", ApiVersion.MINIMUM.toString());
        v.put("GitCommit", "");
        v.put("GoVersion", "java" + Runtime.version().feature()); // the field Docker fills with its toolchain
        v.put("Os", "linux");
        v.put("Arch", arch());
        v.put("KernelVersion", kernel);
        return ApiResponse.ok(v);
    }

    ApiResponse info(ApiRequest request) throws IOException {
        int running = 0;
        int stopped = 0;
        List<Containers.Found> all = Containers.list();
        for (Containers.Found found : all) {
            ContainerState state = found.unreadable() == null ? ContainerState.of(Containers.dir(found.id())) : null;
            if (state != null && state.running()) {
                running++;
            } else {
                stopped++;
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("Containers", all.size());
        info.put("ContainersRunning", running);
        info.put("ContainersPaused", 0); // the engine has no `pause` (only its runtime does, for other engines)
        info.put("ContainersStopped", stopped);
        info.put("Images", ImageStore.at(Storage.dataRoot()).list().size());
        info.put("Driver", "overlay2");
        info.put("DockerRootDir", Storage.dataRoot().toString());
        info.put("LoggingDriver", "json-file");
        info.put("CgroupDriver", "cgroupfs");
        info.put("CgroupVersion", Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1");
        info.put("KernelVersion", System.getProperty("os.version"));
        info.put("OperatingSystem", operatingSystem());
        info.put("OSType", "linux");
        info.put(
                "Architecture",
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"));
        info.put("NCPU", Runtime.getRuntime().availableProcessors());
        info.put("MemTotal", memTotal());
        info.put("Name", hostname());
        info.put("ServerVersion", ENGINE_VERSION);
        info.put("DefaultRuntime", "mydocker");
        info.put("Runtimes", Map.of("mydocker", Map.of("path", "mydocker-runc")));
        info.put("SecurityOptions", List.of("name=seccomp,profile=builtin"));
        return ApiResponse.ok(info);
    }

    private static String arch() {
        return System.getProperty("os.arch");
    }

    private static long memTotal() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    private static String hostname() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    }

    /** PRETTY_NAME of /etc/os-release, as dockerd reports it. */
    private static String operatingSystem() throws IOException {
        Path osRelease = Path.of("/etc/os-release");
        if (Files.exists(osRelease)) {
            for (String line : Files.readAllLines(osRelease)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        }
        return "Linux";
    }
}
