package mydocker.ch07.runc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch04.image.Json;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.CapabilityNames;
import mydocker.ch07.oci.Hooks;
import mydocker.ch07.oci.MountSpec;
import mydocker.ch07.oci.Seccomp;
import picocli.CommandLine.Command;

/**
 * {@code features} (runc 1.1; the runtime spec's features.md): what this
 * runtime supports, as JSON, so an engine can ask before it writes a config.
 * Each list comes from the same constants the bundle is checked against, so
 * it cannot claim what {@link Bundle} would refuse. An empty list means none;
 * {@code enabled: false} means not at all.
 */
@Command(name = "features", mixinStandardHelpOptions = true, description = "Print what this runtime supports, as JSON.")
public final class FeaturesCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Map<String, Object> linux = new LinkedHashMap<>();
        linux.put("namespaces", Bundle.namespaceTypes().stream().sorted().toList());
        linux.put("capabilities", CapabilityNames.known());
        linux.put("cgroup", Map.of("v1", true, "v2", true, "systemd", false, "systemdUser", false));
        Map<String, Object> seccomp = new LinkedHashMap<>();
        seccomp.put("enabled", true);
        seccomp.put("actions", Seccomp.actionNames());
        seccomp.put("operators", Seccomp.operatorNames());
        seccomp.put("archs", Seccomp.architectureNames());
        seccomp.put("knownFlags", Seccomp.flagNames());
        seccomp.put("supportedFlags", Seccomp.flagNames());
        linux.put("seccomp", seccomp);
        linux.put("apparmor", Map.of("enabled", false));
        linux.put("selinux", Map.of("enabled", false));
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("ociVersionMin", "1.0.0");
        features.put("ociVersionMax", Bundle.SPEC_VERSION);
        features.put("hooks", Hooks.SUPPORTED);
        features.put("mountOptions", List.copyOf(MountSpec.optionNames()));
        features.put("linux", linux);
        features.put("annotations", Map.of("org.mydocker.runtime", "mydocker-runc ch07"));
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(features));
        return 0;
    }
}
