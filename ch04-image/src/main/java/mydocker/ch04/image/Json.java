package mydocker.ch04.image;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the image and container files (thread-safe once configured). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
