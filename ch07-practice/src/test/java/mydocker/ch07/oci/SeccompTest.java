package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Optional;
import mydocker.ch04.image.Json;
import mydocker.syscall.SeccompFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** linux.seccomp is untrusted: each field checked once, a bad one is one line naming it. */
class SeccompTest {
    private static Spec.Seccomp spec(String json) throws Exception {
        return Json.MAPPER.readValue(json.replace('\'', '"'), Spec.Seccomp.class);
    }

    private static Seccomp read(String json) throws Exception {
        return Seccomp.of(spec(json)).orElseThrow();
    }

    @Test
    void actionsCarryTheirErrnoAndRulesAreOnePerName() throws Exception {
        Seccomp s = read("{'defaultAction':'SCMP_ACT_ERRNO','defaultErrnoRet':38,'architectures':['SCMP_ARCH_X86'],"
                + "'syscalls':[{'names':['mkdir','mkdirat'],'action':'SCMP_ACT_ERRNO'},"
                + "{'names':['read'],'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':3,'op':'SCMP_CMP_LE'}]}]}");
        assertEquals(SeccompFilter.ACT_ERRNO | 38, s.defaultAction().code());
        assertEquals(List.of("x86"), s.architectures());
        assertEquals(
                List.of("mkdir", "mkdirat", "read"),
                s.rules().stream().map(Seccomp.Rule::name).toList());
        assertEquals(SeccompFilter.ACT_ERRNO | 1, s.rules().get(0).action().code(), "errnoRet missing: EPERM");
        assertEquals(
                List.of(new SeccompFilter.Comparison(0, 3, 3, 0)),
                s.rules().get(2).comparisons());
        assertEquals(SeccompFilter.FLAG_SPEC_ALLOW, s.flags(), "no flags given: runc's default");
    }

    @Test
    void aRuleWithTheDefaultActionAddsNothingAndTwoComparisonsOfOneArgumentAreTwoRules() throws Exception {
        Seccomp s = read("{'defaultAction':'SCMP_ACT_ALLOW','flags':[],'syscalls':["
                + "{'names':['getcwd'],'action':'SCMP_ACT_ALLOW'},"
                + "{'names':['personality'],'action':'SCMP_ACT_KILL','args':["
                + "{'index':0,'value':8,'op':'SCMP_CMP_EQ'},{'index':0,'value':9,'op':'SCMP_CMP_EQ'}]}]}");
        assertEquals(2, s.rules().size(), s.rules()::toString);
        assertEquals(
                List.of(new SeccompFilter.Comparison(0, 4, 8, 0)),
                s.rules().get(0).comparisons());
        assertEquals(
                List.of(new SeccompFilter.Comparison(0, 4, 9, 0)),
                s.rules().get(1).comparisons());
        assertEquals(0, s.flags());
    }

    @Test
    void noneOrAnEmptyOneIsNoFilter() throws Exception {
        assertEquals(Optional.empty(), Seccomp.of(null));
        assertEquals(Optional.empty(), Seccomp.of(spec("{'architectures':['SCMP_ARCH_X86']}")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'defaultAction':'SCMP_ACT_NOPE'}|config.json: linux.seccomp.defaultAction 'SCMP_ACT_NOPE' is not one of",
                "{'defaultAction':'SCMP_ACT_NOTIFY'}|config.json: linux.seccomp.defaultAction SCMP_ACT_NOTIFY is not supported",
                "{'defaultAction':'SCMP_ACT_ALLOW','listenerPath':'/run/agent.sock'}|config.json: linux.seccomp.listenerPath is not supported",
                "{'defaultAction':'SCMP_ACT_ALLOW','defaultErrnoRet':1}|config.json: linux.seccomp.defaultErrnoRet is only for SCMP_ACT_ERRNO",
                "{'defaultAction':'SCMP_ACT_ERRNO','defaultErrnoRet':70000}|config.json: linux.seccomp.defaultErrnoRet must be an errno, 0 to 4095",
                "{'defaultAction':'SCMP_ACT_ALLOW','architectures':['SCMP_ARCH_VAX']}|config.json: linux.seccomp.architectures 'SCMP_ARCH_VAX' is not one of",
                "{'defaultAction':'SCMP_ACT_ALLOW','flags':['SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV']}|config.json: linux.seccomp.flags 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV' is not supported",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'action':'SCMP_ACT_ERRNO'}]}|config.json: linux.seccomp.syscalls[0].names must name a syscall",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'names':['mk dir'],'action':'SCMP_ACT_ERRNO'}]}|config.json: linux.seccomp.syscalls[0].names 'mk dir' is not a syscall name",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'names':['mkdir'],'action':'SCMP_ACT_NOTIFY'}]}|config.json: linux.seccomp.syscalls[0].action SCMP_ACT_NOTIFY is not supported",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'names':['mkdir'],'action':'SCMP_ACT_KILL','errnoRet':1}]}|config.json: linux.seccomp.syscalls[0].errnoRet is only for SCMP_ACT_ERRNO",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'names':['mkdir'],'action':'SCMP_ACT_ERRNO','args':[{'index':6,'value':1,'op':'SCMP_CMP_EQ'}]}]}|config.json: linux.seccomp.syscalls[0].args[0].index must be 0 to 5",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'names':['mkdir'],'action':'SCMP_ACT_ERRNO','args':[{'index':0,'value':1,'op':'SCMP_CMP_ABOUT'}]}]}|config.json: linux.seccomp.syscalls[0].args[0].op 'SCMP_CMP_ABOUT' is not one of",
                "{'defaultAction':'SCMP_ACT_ALLOW','syscalls':[{'names':['mkdir'],'action':'SCMP_ACT_ERRNO','args':[{'index':0,'op':'SCMP_CMP_EQ'}]}]}|config.json: linux.seccomp.syscalls[0].args[0].value is missing",
            })
    void eachBadValueIsOneLineNamingItsField(String json, String start) throws Exception {
        Spec.Seccomp spec = spec(json);
        String message = assertThrows(IllegalArgumentException.class, () -> Seccomp.of(spec))
                .getMessage();
        assertTrue(message.startsWith(start), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void initGetsWhatTheCliChecked() throws Exception {
        Optional<Seccomp> sent = Seccomp.of(spec("{'defaultAction':'SCMP_ACT_KILL_PROCESS','flags':["
                + "'SECCOMP_FILTER_FLAG_LOG'],'syscalls':[{'names':['read'],'action':'SCMP_ACT_ALLOW','args':["
                + "{'index':1,'value':7,'valueTwo':3,'op':'SCMP_CMP_MASKED_EQ'}]}]}"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Seccomp.PART.writer().write(new DataOutputStream(bytes), sent);
        Optional<Seccomp> received =
                Seccomp.PART.reader().read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(sent, received);
    }
}
