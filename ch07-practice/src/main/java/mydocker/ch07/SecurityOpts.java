package mydocker.ch07;

import java.util.List;

/**
 * {@code run --security-opt}, Docker's spelling: {@code no-new-privileges}
 * (or {@code no-new-privileges:true|false}, {@code =} as well). Docker's
 * other options (AppArmor and SELinux labels) name mechanisms this engine
 * does not have, and are refused by name rather than ignored.
 */
record SecurityOpts(boolean noNewPrivileges) {
    static SecurityOpts parse(List<String> options) {
        boolean noNewPrivileges = false;
        for (String option : options) {
            String[] keyValue = option.split("[:=]", 2);
            switch (keyValue[0]) {
                case "no-new-privileges" -> noNewPrivileges = bool(option, keyValue);
                default ->
                    throw new IllegalArgumentException("--security-opt " + option
                            + ": not supported (this engine has no-new-privileges; no AppArmor or SELinux)");
            }
        }
        return new SecurityOpts(noNewPrivileges);
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
