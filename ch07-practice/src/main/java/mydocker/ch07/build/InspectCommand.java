package mydocker.ch07.build;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mydocker.ch03.Storage;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Json;
import mydocker.ch05.ContainerState;
import mydocker.ch05.Containers;
import mydocker.ch07.RunCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker inspect NAME|ID...}: Docker's JSON of a container or an
 * image (a container first, as the docker CLI looks), the fields Docker
 * names, from what the engine keeps: the container's config.json and state,
 * the image's config.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Return low-level information on containers or images, as JSON.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "NAME|ID")
    List<String> names;

    @Option(names = "--type", paramLabel = "container|image", description = "Look only for this type of object.")
    String type;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "TEMPLATE",
            description = "Print each object through a template: {{.Field.Sub}}, {{json .Field}}.")
    String format;

    @Override
    public Integer call() throws IOException {
        if (type != null && !type.equals("container") && !type.equals("image")) {
            throw new IllegalArgumentException("--type " + type + ": give container or image");
        }
        InspectTemplate template = format == null ? null : InspectTemplate.parse(format);
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (String name : names) {
            all.add(object(name));
        }
        if (template != null) {
            all.forEach(o -> System.out.println(template.apply(o)));
        } else {
            System.out.println(Json.MAPPER.writer(dockersIndent()).writeValueAsString(all));
        }
        return 0;
    }

    private JsonNode object(String name) throws IOException {
        if (!"image".equals(type)) {
            try {
                return container(Containers.find(name));
            } catch (IllegalArgumentException notAContainer) {
                if ("container".equals(type)) {
                    throw notAContainer;
                }
            }
        }
        try {
            return image(
                    ImageStore.at(Storage.dataRoot()),
                    ImageStore.at(Storage.dataRoot()).resolve(name));
        } catch (ImageStore.NoSuchImageException e) {
            throw new IllegalArgumentException("No such object: " + name);
        }
    }

    /** {@code docker image inspect}'s fields. */
    private static JsonNode image(ImageStore store, Image image) throws IOException {
        JsonNode config = Json.MAPPER.readTree(image.config().bytes());
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("Id", image.id());
        ArrayNode tags = o.putArray("RepoTags");
        image.references().forEach(r -> tags.add(r.toString()));
        o.putArray("RepoDigests");
        o.put("Parent", "");
        o.put("Comment", config.path("comment").asText(""));
        o.put("Created", image.config().created().toString());
        o.put("Author", config.path("author").asText(""));
        o.set("Config", config.path("config").isObject() ? config.get("config") : Json.MAPPER.createObjectNode());
        o.put("Architecture", config.path("architecture").asText(""));
        o.put("Os", config.path("os").asText(""));
        o.put("Size", store.size(image));
        ObjectNode rootfs = o.putObject("RootFS");
        rootfs.put("Type", "layers");
        ArrayNode layers = rootfs.putArray("Layers");
        image.config().diffIds().forEach(layers::add);
        return o;
    }

    /** {@code docker container inspect}'s fields that the engine keeps. */
    public static ObjectNode container(Containers.Found found) throws IOException {
        ContainerConfig config = found.readableConfig();
        ContainerState state = ContainerState.of(Containers.dir(found.id()));
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("Id", found.id());
        o.put("Created", config.created().toString());
        o.put("Path", config.command().get(0));
        ArrayNode args = o.putArray("Args");
        config.command().subList(1, config.command().size()).forEach(args::add);
        ObjectNode s = o.putObject("State");
        s.put("Status", state.status().name().toLowerCase(Locale.ROOT));
        s.put("Running", state.running());
        s.put("Paused", false);
        s.put("Restarting", false);
        s.put("OOMKilled", false);
        s.put("Dead", state.status() == ContainerState.Status.DEAD);
        s.put("Pid", state.running() ? state.pid() : 0);
        s.put("ExitCode", state.exitCode());
        s.put("Error", "");
        s.put("StartedAt", String.valueOf(state.startedAt()));
        s.put("FinishedAt", String.valueOf(state.finishedAt()));
        o.put("Image", config.image());
        o.put("Name", "/" + found.name());
        ObjectNode c = o.putObject("Config");
        c.put("Hostname", config.hostname());
        ArrayNode env = c.putArray("Env");
        config.env().forEach(env::add);
        ArrayNode cmd = c.putArray("Cmd");
        config.command().forEach(cmd::add);
        c.put("Image", config.imageName());
        c.put("WorkingDir", config.get(RunCommand.WORKING_DIR).orElse(""));
        return o;
    }

    /** The docker CLI's layout (Go's MarshalIndent): four spaces, {@code "key": value}, {@code []} when empty. */
    private static DefaultPrettyPrinter dockersIndent() {
        DefaultIndenter four = new DefaultIndenter("    ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(four)
                .withArrayIndenter(four);
    }
}
