package dev.kup.pipeline.dialect;

import org.jooq.SQLDialect;

/** MariaDB, and MySQL spoken to through the MariaDB driver: the databases that share its ways. */
public final class MariaDbFamily {
  private MariaDbFamily() {}

  /** Whether {@code dialect} is MariaDB's or MySQL's. */
  public static boolean includes(SQLDialect dialect) {
    return dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL;
  }
}
