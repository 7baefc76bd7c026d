package mydocker.ch07.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.ProcessSpec;

/**
 * runc's HOME (prepareEnv): a process whose env has no {@code HOME} gets its
 * user's home from the container's {@code /etc/passwd}, or {@code /}. The
 * file is the container's, so untrusted and read from the host: {@code /etc}
 * or {@code passwd} being a symlink (which the host would resolve against its
 * own root) counts as no file, and only its first megabyte is read.
 */
final class PasswdHome {
    private static final int MAX_BYTES = 1 << 20;

    private PasswdHome() {}

    /** {@code process} with HOME added if it had none; {@code root} is the container's root seen from here. */
    static ProcessSpec add(ProcessSpec process, Path root, long uid) {
        if (process.env().stream().anyMatch(e -> e.startsWith("HOME="))) {
            return process;
        }
        List<String> env = new ArrayList<>(process.env());
        env.add("HOME=" + home(root, uid));
        return new ProcessSpec(process.argv(), env);
    }

    static String home(Path root, long uid) {
        Path etc = root.resolve("etc");
        Path passwd = etc.resolve("passwd");
        if (!Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(passwd, LinkOption.NOFOLLOW_LINKS)) {
            return "/";
        }
        String text;
        try (InputStream in = Files.newInputStream(passwd, LinkOption.NOFOLLOW_LINKS)) {
            text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "/";
        }
        String id = Long.toString(uid);
        for (String line : text.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 7 && fields[2].equals(id)) {
                String home = fields[5];
                return home.startsWith("/") && home.indexOf('\0') < 0 ? home : "/";
            }
        }
        return "/";
    }
}
