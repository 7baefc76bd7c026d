package mydocker.ch07;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code run --security-opt}, Docker's spelling: {@code no-new-privileges}
 * (or {@code no-new-privileges:true|false}, {@code =} as well), {@code
 * seccomp=unconfined} or {@code seccomp=PROFILE.json} (a profile in Docker's
 * format). Docker's other options (AppArmor and SELinux labels) name
 * mechanisms this engine does not have, and are refused by name rather than
 * ignored.
 *
 * @param seccompProfile the profile file given, null for Docker's default
 */
record SecurityOpts(boolean noNewPrivileges, boolean seccompUnconfined, Path seccompProfile) {
    static final SecurityOpts DEFAULT = new SecurityOpts(false, false, null);

    static SecurityOpts parse(List<String> options) {
        SecurityOpts opts = DEFAULT;
        for (String option : options) {
            String[] keyValue = option.split("[:=]", 2);
            opts = switch (keyValue[0]) {
                case "no-new-privileges" ->
                    new SecurityOpts(bool(option, keyValue), opts.seccompUnconfined(), opts.seccompProfile());
                case "seccomp" -> seccomp(opts, option, keyValue);
                default ->
                    throw new IllegalArgumentException("--security-opt " + option
                            + ": not supported (this engine has no-new-privileges and seccomp=...; no AppArmor or"
                            + " SELinux)");
            };
        }
        return opts;
    }

    private static SecurityOpts seccomp(SecurityOpts opts, String option, String[] keyValue) {
        if (keyValue.length == 1 || keyValue[1].isEmpty()) {
            throw new IllegalArgumentException(
                    "--security-opt " + option + ": give seccomp=unconfined or seccomp=PROFILE.json");
        }
        return keyValue[1].equals("unconfined")
                ? new SecurityOpts(opts.noNewPrivileges(), true, null)
                : new SecurityOpts(opts.noNewPrivileges(), false, Path.of(keyValue[1]));
    }

    private static boolean bool(String option, String[] keyValue) {
        if (keyValue.length == 1 || keyValue[1].equals("true")) {
            return true;
        }
        if (keyValue[1].equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("--security-opt " + option + ": give true or false");
    }
}
