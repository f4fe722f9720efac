package dev.kup.pipeline.dialect;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A column of kup's own tables that holds an instant: {@code TIMESTAMP WITH TIME ZONE} where the
 * database has it; {@code DATETIME(6)} holding UTC on MariaDB and MySQL, which have no zoned type,
 * whose {@code TIMESTAMP} ends in 2038, and whose driver would send an {@code OffsetDateTime} as
 * text with an offset MariaDB refuses.
 */
public final class InstantColumn {
  private static final Converter<LocalDateTime, OffsetDateTime> UTC = Converter.ofNullable(
      LocalDateTime.class, OffsetDateTime.class,
      local -> local.atOffset(ZoneOffset.UTC),
      instant -> instant.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());

  private InstantColumn() {}

  /**
   * The column {@code name} as {@code dialect} declares, binds and reads it; its converter turns
   * an {@code OffsetDateTime} into the value a plain JDBC statement binds.
   */
  public static Field<OffsetDateTime> field(Name name, SQLDialect dialect) {
    return MariaDbFamily.includes(dialect)
        ? DSL.field(name, SQLDataType.LOCALDATETIME(6).notNull().asConvertedDataType(UTC))
        : DSL.field(name, SQLDataType.TIMESTAMPWITHTIMEZONE.notNull());
  }
}
