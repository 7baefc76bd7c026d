package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch04.image.Json;
import mydocker.syscall.Syscall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** linux.resources.devices read once into rules, and what they mean as the kernel's v1 model (runc's emulator). */
class DeviceCgroupTest {
    private static DeviceCgroup read(String json) throws Exception {
        return read(json, List.of());
    }

    private static DeviceCgroup read(String json, List<DeviceNode> nodes) throws Exception {
        return DeviceCgroup.of(Json.MAPPER.readValue(json, new TypeReference<List<Spec.DeviceRule>>() {}), nodes);
    }

    private static List<String> lines(List<DeviceCgroupRule> rules) {
        return rules.stream().map(DeviceCgroupRule::toString).toList();
    }

    private static final List<String> RUNC_DEFAULTS = List.of(
            "allow c *:* m",
            "allow b *:* m",
            "allow c 1:3 rwm",
            "allow c 1:8 rwm",
            "allow c 1:7 rwm",
            "allow c 5:0 rwm",
            "allow c 1:5 rwm",
            "allow c 1:9 rwm",
            "allow c 136:* rwm",
            "allow c 5:2 rwm",
            "allow c 10:200 rwm");

    @Test
    void theConfigsRulesComeInOrderThenRuncsDefaults() throws Exception {
        DeviceCgroup d = read("[{\"allow\":false,\"access\":\"rwm\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":10,\"minor\":229,\"access\":\"mwr\"},"
                + "{\"allow\":true,\"type\":\"b\",\"major\":8,\"access\":\"r\"}]");
        List<String> expected = new ArrayList<>(List.of("deny a", "allow c 10:229 rwm", "allow b 8:* r"));
        expected.addAll(RUNC_DEFAULTS);
        assertEquals(expected, lines(d.rules()));
        assertFalse(d.defaultAllow());
        assertEquals(expected.subList(1, expected.size()), lines(d.exceptions()));
    }

    @Test
    void noRulesMeansRuncsDefaultsAloneOnADenyAllGroup() throws Exception {
        DeviceCgroup d = read("[]");
        assertFalse(d.defaultAllow(), "runc's emulator starts as an allow-list");
        assertEquals(RUNC_DEFAULTS, lines(d.exceptions()));
    }

    @Test
    void aNodeOfLinuxDevicesTakesTheDefaultRuleOfItsPathAway() throws Exception {
        DeviceNode own = new DeviceNode("/dev/null", Syscall.S_IFCHR, 1, 11, 0666, 0, 0);
        DeviceCgroup d = read("[]", List.of(own));
        assertFalse(lines(d.rules()).contains("allow c 1:3 rwm"));
        assertFalse(lines(d.rules()).contains("allow c 1:11 rwm"), "runc gives linux.devices no rule of its own");
    }

    @Test
    void allowAllIsTheDefaultWithNoExceptionsAndADenyAfterItIsOne() throws Exception {
        DeviceCgroup privileged = read("[{\"allow\":true,\"access\":\"rwm\"}]");
        assertTrue(privileged.defaultAllow());
        assertEquals(List.of(), privileged.exceptions(), "runc's defaults allow what is allowed already");
        DeviceCgroup d =
                read("[{\"allow\":true,\"access\":\"rwm\"},{\"allow\":false,\"type\":\"b\",\"access\":\"rw\"}]");
        assertEquals(List.of("deny b *:* rw"), lines(d.exceptions()));
    }

    @Test
    void aDenyTakesAccessFromTheExceptionOfTheSameNumbersAndAnAllowAddsToIt() throws Exception {
        DeviceCgroup d = read("[{\"allow\":false,\"access\":\"rwm\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rw\"},"
                + "{\"allow\":false,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rw\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":4,\"minor\":1,\"access\":\"r\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":4,\"minor\":1,\"access\":\"w\"}]");
        assertEquals("allow c 4:1 rw", lines(d.exceptions()).get(0));
        assertTrue(lines(d.exceptions()).contains("allow c 1:3 rwm"), "runc's default for /dev/null comes after");
    }

    @Test
    void anAllRuleAfterOthersStartsTheListAgain() throws Exception {
        DeviceCgroup d = read("[{\"allow\":true,\"type\":\"c\",\"major\":4,\"minor\":1,\"access\":\"r\"},"
                + "{\"allow\":false,\"access\":\"rwm\"}]");
        assertFalse(lines(d.exceptions()).contains("allow c 4:1 r"));
    }

    @Test
    void takingPartOfAWildcardAwayIsRefusedAsRuncRefusesIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> read("[{\"allow\":false,\"access\":\"rwm\"},"
                        + "{\"allow\":true,\"type\":\"c\",\"access\":\"rwm\"},"
                        + "{\"allow\":false,\"type\":\"c\",\"major\":1,\"minor\":1,\"access\":\"r\"}]"));
        assertEquals(
                "config.json: linux.resources.devices: deny c 1:1 r would take part of allow c *:* rwm away,"
                        + " which the device cgroup cannot do; list the devices that are allowed one by one instead",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a type that is not a b c | devices[1].type | [{\"access\":\"rwm\"},{\"type\":\"u\",\"access\":\"r\"}]",
                "no access | devices[0].access | [{\"type\":\"c\",\"major\":1,\"minor\":3}]",
                "an empty access | devices[0].access | [{\"access\":\"\"}]",
                "an access letter not r w m | devices[0].access | [{\"access\":\"rwx\"}]",
                "a negative major | devices[0].major | [{\"type\":\"c\",\"major\":-2,\"access\":\"r\"}]",
                "a minor above u32 | devices[0].minor | [{\"type\":\"c\",\"minor\":4294967296,\"access\":\"r\"}]",
                "type a with numbers | devices[0] of type a | [{\"major\":1,\"minor\":3,\"access\":\"r\"}]",
                "a null rule | devices[0] is null | [null]",
            })
    void aBadRuleIsOneLineNamingIt(String what, String field, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(json));
        assertTrue(e.getMessage().startsWith("config.json: linux.resources." + field), what + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void dockersDefaultsAreMobysAndPrivilegedAllowsAll() throws Exception {
        DeviceCgroup d = DeviceCgroup.of(DockerDevices.rules(false), List.of());
        assertEquals(
                List.of(
                        "deny a",
                        "allow c 1:5 rwm",
                        "allow c 1:3 rwm",
                        "allow c 1:9 rwm",
                        "allow c 1:8 rwm",
                        "allow c 5:0 rwm",
                        "allow c 5:1 rwm",
                        "deny c 10:229 rwm"),
                lines(d.rules()).subList(0, 8));
        assertFalse(d.defaultAllow());
        DeviceCgroup privileged = DeviceCgroup.of(DockerDevices.rules(true), List.of());
        assertTrue(privileged.defaultAllow());
        assertEquals(List.of(), privileged.exceptions());
    }
}
