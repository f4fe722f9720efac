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
 */
public record ColumnSchema(String name, Field<Object> field, DataType<Object> type) {
  public ColumnSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(type, "type");
  }

  /**
   * The column name's hash: equal columns have equal names, and the record's own hash would hash
   * the jOOQ field, whose qualified name is hashed again on every call, and columns are map keys
   * on the apply path.
   */
  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ColumnSchema that
        && name.equals(that.name) && field.equals(that.field) && type.equals(that.type);
  }

  public Class<?> javaType() {
    return type.getType();
  }

  public boolean isNumeric() {
    return type.isNumeric();
  }
}
