package mydocker.ch05;

import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;
import mydocker.ch04.ContainerConfig;

/** Container names: Docker's rule for a chosen one, and an adjective_noun when none is chosen. */
public final class Names {
    /** Chapter 5's part of a container's config.json. */
    static final ContainerConfig.Extension<String> NAME = new ContainerConfig.Extension<>("name", String.class);

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final List<String> ADJECTIVES = List.of(
            "admiring",
            "bold",
            "brave",
            "clever",
            "eager",
            "elated",
            "focused",
            "gallant",
            "happy",
            "jolly",
            "keen",
            "lucid",
            "modest",
            "nifty",
            "quirky",
            "serene",
            "sharp",
            "stoic",
            "tender",
            "vibrant",
            "wizardly",
            "zealous");
    private static final List<String> NOUNS = List.of(
            "babbage",
            "curie",
            "dijkstra",
            "einstein",
            "feynman",
            "hopper",
            "kepler",
            "knuth",
            "lamport",
            "liskov",
            "lovelace",
            "noether",
            "pike",
            "ritchie",
            "shannon",
            "thompson",
            "torvalds",
            "turing",
            "wozniak",
            "yonath");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {}

    /** The container's name; null only for a config that was never given one. */
    public static String of(ContainerConfig config) {
        return config.get(NAME).orElse(null);
    }

    static String random() {
        return ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_" + NOUNS.get(RANDOM.nextInt(NOUNS.size()));
    }

    static String check(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name;
    }
}
