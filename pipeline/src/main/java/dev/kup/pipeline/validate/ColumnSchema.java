package dev.kup.pipeline.validate;

import java.util.Objects;
import org.jooq.DataType;
import org.jooq.Field;

/**
 * One column as the database catalog describes it.
 *
 * @param name the column name as the catalog spells it
 * @param field the jOOQ field, named from the catalog (never from a record)
 * @param type the column's SQL type as jOOQ maps it
 * @param limits the digits, characters and fractional seconds the type declares
 */
public record ColumnSchema(
    String name, Field<Object> field, DataType<Object> type, ColumnLimits limits) {
  public ColumnSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(limits, "limits");
  }

  /** A column with the limits its type declares. */
  public ColumnSchema(String name, Field<Object> field, DataType<Object> type) {
    this(name, field, type, ColumnLimits.of(type));
  }

  /**
   * The column name's hash, consistent with the record's equals (equal columns have equal names):
   * the record's own hash would hash the jOOQ field, whose qualified name is hashed again on every
   * call, and columns are map keys on the apply path.
   */
  @Override
  public int hashCode() {
    return name.hashCode();
  }

  public Class<?> javaType() {
    return type.getType();
  }

  public boolean isNumeric() {
    return type.isNumeric();
  }
}
