package dev.kup.pipeline.validate;

import java.util.Objects;

/** A converted value bound for one column. {@code value} may be null (SQL NULL). */
public record ColumnValue(ColumnSchema column, Object value) {
  public ColumnValue {
    Objects.requireNonNull(column, "column");
  }
}
