package dev.kup.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The statement shapes the database phase measures on MariaDB, each a way of applying a group of
 * version-checked updates of distinct rows. The JDBC batches differ only in Connector/J options;
 * the set-based shapes send the whole group in one multi-table {@code UPDATE}, which reports one
 * total affected count, not one per row.
 */
public enum MariaDbShape {
  /** One PreparedStatement, addBatch per row, executeBatch: the driver's defaults. */
  JDBC_BATCH("jdbc-batch", "JDBC batch", "", true),
  /** The same batch as binary server-side prepared statements. */
  JDBC_BATCH_SERVER_PREPARED("jdbc-batch-server-prep", "JDBC batch, useServerPrepStmts=true",
      "useServerPrepStmts=true", true),
  /**
   * The same batch sent as one COM_STMT_BULK_EXECUTE; every row's count is SUCCESS_NO_INFO on
   * MariaDB 10.11 (the probe says which): not in the default set.
   */
  JDBC_BATCH_BULK("jdbc-batch-bulk", "JDBC batch, useBulkStmts=true", "useBulkStmts=true",
      false),
  /** {@code UPDATE … JOIN (WITH v(…) AS (VALUES (…),…) SELECT * FROM v) v …}. */
  VALUES_JOIN("values-join", "UPDATE … JOIN (VALUES …)", "", true),
  /** {@code UPDATE … JOIN JSON_TABLE(?, '$[*]' COLUMNS (…)) j …}, one JSON array bound. */
  JSON_TABLE("json-table", "UPDATE … JOIN JSON_TABLE(?)", "", true);

  private final String label;
  private final String description;
  private final String driverOptions;
  private final boolean byDefault;

  MariaDbShape(String label, String description, String driverOptions, boolean byDefault) {
    this.label = label;
    this.description = description;
    this.driverOptions = driverOptions;
    this.byDefault = byDefault;
  }

  /** The name in {@code --db-shapes} and in result ids. */
  public String label() {
    return label;
  }

  /** For people. */
  public String description() {
    return description;
  }

  /** Connector/J options the shape's connections add to the URL ({@code key=value&…}). */
  public String driverOptions() {
    return driverOptions;
  }

  /** The shapes measured when {@code --db-shapes} is not given. */
  public static List<MariaDbShape> defaults() {
    return Arrays.stream(values()).filter(s -> s.byDefault).toList();
  }

  /**
   * Reads a comma-separated list such as {@code jdbc-batch,json-table}, in the order given.
   *
   * @throws IllegalArgumentException on an unknown name, a repeated one or an empty list
   */
  public static List<MariaDbShape> parse(String list) {
    List<MariaDbShape> shapes = new ArrayList<>();
    for (String name : list.split(",")) {
      MariaDbShape shape = Arrays.stream(values()).filter(s -> s.label.equals(name.strip()))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("--db-shapes: unknown shape '"
              + name + "'; shapes are " + Arrays.stream(values()).map(s -> s.label).toList()));
      if (shapes.contains(shape)) {
        throw new IllegalArgumentException("--db-shapes: " + shape.label + " given twice");
      }
      shapes.add(shape);
    }
    return List.copyOf(shapes);
  }
}
