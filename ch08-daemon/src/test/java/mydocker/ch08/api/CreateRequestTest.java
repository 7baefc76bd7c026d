package mydocker.ch08.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateRequestTest {
    private static List<String> args(String json, String name) {
        return CreateRequest.of(json.getBytes(StandardCharsets.UTF_8), name).runArguments();
    }

    @Test
    void theConfigBecomesRunsWordsEachValueAttachedAndTheImageAfterDoubleDash() {
        assertEquals(
                List.of(
                        "--name=web",
                        "--env=A=1",
                        "--workdir=/w",
                        "--memory=104857600",
                        "--cap-add=NET_ADMIN",
                        "--net=front",
                        "--publish=8080:80/tcp",
                        "--entrypoint=sh",
                        "--",
                        "busybox",
                        "-c",
                        "echo hi"),
                args("""
                        {"Image": "busybox", "Env": ["A=1"], "WorkingDir": "/w", "Entrypoint": ["sh", "-c"],
                         "Cmd": ["echo hi"], "HostConfig": {"Memory": 104857600, "CapAdd": ["NET_ADMIN"],
                         "NetworkMode": "front", "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}}}
                        """, "/web"));
    }

    /** Whatever a value says, it stays a value: no client text becomes a flag of run's. */
    @Test
    void aValueThatLooksLikeAFlagStaysAValue() {
        List<String> a = args("""
                {"Image": "--privileged", "Env": ["--privileged"], "Cmd": ["--rm", "-v", "/:/host"]}
                """, "--privileged");
        assertEquals(
                List.of("--name=--privileged", "--env=--privileged", "--", "--privileged", "--rm", "-v", "/:/host"), a);
    }

    @Test
    void docker_sDefaultsPass() {
        assertEquals(List.of("--", "busybox"), args("""
                {"Image": "busybox", "Tty": false, "OpenStdin": false, "AttachStdout": true, "Volumes": {},
                 "HostConfig": {"AutoRemove": false, "PidMode": "", "Devices": [], "NetworkMode": "default",
                 "ShmSize": 0, "Privileged": false}}
                """, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"Image\": \"busybox\", \"Tty\": true}",
                "{\"Image\": \"busybox\", \"HostConfig\": {\"PidMode\": \"host\"}}",
                "{\"Image\": \"busybox\", \"HostConfig\": {\"NetworkMode\": \"host\"}}",
                "{\"Image\": \"busybox\", \"HostConfig\": {\"NetworkMode\": \"container:web\"}}",
                "{\"Image\": \"busybox\", \"HostConfig\": {\"Devices\": [{\"PathOnHost\": \"/dev/sda\"}]}}",
                "{\"Image\": \"busybox\", \"HostConfig\": {\"Mounts\": [{\"Source\": \"/\"}]}}",
                "{\"Image\": \"busybox\", \"HostConfig\": {\"PortBindings\": {\"80/tcp\": [{\"HostIp\": \"10.0.0.1\"}]}}}",
                "{\"Image\": \"busybox\", \"HostConfig\": {\"Memory\": \"100m\"}}",
                "{\"Image\": \"busybox\", \"Env\": [1]}",
                "{\"Image\": 5}",
                "{\"Cmd\": [\"true\"]}",
                "[]",
                "not json"
            })
    void whatTheEngineCannotDoOrCannotReadIsRefusedByName(String body) {
        ApiError e = assertThrows(ApiError.class, () -> args(body, null));
        assertEquals(400, e.status().code());
        assertTrue(!e.getMessage().isBlank(), e.getMessage());
    }
}
