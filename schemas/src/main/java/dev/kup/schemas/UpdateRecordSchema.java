package dev.kup.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of an update record value, shipped as the class-path resource
 * {@value #RESOURCE}; producers in any language validate against it. The schema and {@link
 * UpdateRecordParser} accept the same documents, except for the few rules JSON Schema cannot state,
 * which its description lists (duplicate names, a column in both {@code set} and {@code increment},
 * parser limits).
 */
public final class UpdateRecordSchema {
  /** Class-path location of the schema. */
  public static final String RESOURCE = "/dev/kup/schemas/update-record.schema.json";

  /** The schema's {@code $id}. */
  public static final String ID = "https://kup.dev/schemas/update-record.schema.json";

  private UpdateRecordSchema() {}

  /** A new stream of the schema's UTF-8 bytes; the caller closes it. */
  public static InputStream open() {
    InputStream in = UpdateRecordSchema.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("schema resource missing from the class path: " + RESOURCE);
    }
    return in;
  }

  /** The schema's text. */
  public static String json() {
    try (InputStream in = open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
