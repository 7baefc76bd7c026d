package mydocker.ch04.image;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the image and container files (thread-safe once configured). */
public final class Json {
    /** Unknown fields are skipped: a later chapter's container file has more of them. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    /**
     * What is wrong with some JSON, on one line: Jackson's own message without
     * the "at [Source: …]" lines it appends, and where in the text it is.
     */
    public static String problem(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        JsonLocation where = e.getLocation();
        return what.lines().findFirst().orElse("").strip()
                + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
    }
}
