package dev.kup.schemas;

import java.util.Locale;
import java.util.Optional;

/** What an update record asks the database to do; the wire form is the lower-case name. */
public enum Op {
  /** Version-checked UPDATE of an existing row; the default when a record has no {@code op}. */
  UPDATE,
  /** INSERT the row, or UPDATE it when it exists; {@code version} is optional. */
  UPSERT,
  /** Version-checked DELETE of an existing row. */
  DELETE;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The value of the {@code op} field: {@code "update"}, {@code "upsert"} or {@code "delete"}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The op with this exact (case-sensitive) wire name.
   *
   * @param wireName the {@code op} field's value; may be null
   * @return the op, or empty when {@code wireName} is null or names no op
   */
  public static Optional<Op> fromWire(String wireName) {
    for (Op op : values()) {
      if (op.wireName.equals(wireName)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
