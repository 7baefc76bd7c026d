package mydocker.ch07.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigChangeTest {
    private static ImageSettings apply(ImageSettings settings, String... changes) {
        for (String change : changes) {
            settings = ConfigChange.apply(Instruction.parse(change, 1, '\\'), settings, name -> null);
        }
        return settings;
    }

    @Test
    void eachInstructionSetsItsFieldAsDocker() {
        ImageSettings s = apply(
                ImageSettings.NONE,
                "ENV PATH=/bin A=1",
                "ENV B two words",
                "ENV A=$A$A",
                "WORKDIR /srv",
                "WORKDIR app/../www",
                "USER 1000:1000",
                "EXPOSE 80 53/UDP",
                "LABEL k=v \"with space\"=yes",
                "ENTRYPOINT [\"/bin/app\"]",
                "CMD serve --port 80");
        assertEquals(List.of("PATH=/bin", "A=11", "B=two words"), s.env());
        assertEquals("/srv/www", s.workingDir());
        assertEquals("1000:1000", s.user());
        assertEquals(Set.of("80/tcp", "53/udp"), s.exposedPorts());
        assertEquals(Map.of("k", "v", "with space", "yes"), s.labels());
        assertEquals(List.of("/bin/app"), s.entrypoint());
        assertEquals(List.of("/bin/sh", "-c", "serve --port 80"), s.cmd());
        assertEquals(List.of("/bin/app", "/bin/sh", "-c", "serve --port 80"), s.argv(null, List.of()));
        assertEquals(List.of("/bin/app", "x"), s.argv(null, List.of("x")));
        assertEquals(List.of("sh"), s.argv("", List.of("sh")));
        assertEquals(List.of("/bin/other"), s.argv("/bin/other", List.of()));
    }

    @Test
    void badValuesAreRefused() {
        for (String bad : List.of(
                "EXPOSE 0",
                "EXPOSE 70000",
                "EXPOSE 80/icmp",
                "EXPOSE 8000-8001",
                "ENV =x",
                "ENV A",
                "LABEL a=b c",
                "USER ''")) {
            assertThrows(IllegalArgumentException.class, () -> apply(ImageSettings.NONE, bad), bad);
        }
    }
}
