package rnnsuite.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The suite's JSON files (study.json, run records): one mapper, indented, written atomically. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {
    }

    /** Writes a value as JSON under a temporary name and renames it into place. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, (MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }
}
