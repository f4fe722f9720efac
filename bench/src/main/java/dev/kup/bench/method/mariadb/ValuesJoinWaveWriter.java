package dev.kup.bench.method.mariadb;

import dev.kup.localkit.stream.UpdateGenerator;
import dev.kup.localkit.stream.UpdateStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table-value-constructor shape: one multi-table {@code UPDATE} joining a {@code VALUES} list
 * of the wave's rows. MariaDB 10.11 names a {@code VALUES} derived table's columns after its first
 * row's values and takes no column list after its alias, nor a {@code WITH} before {@code UPDATE},
 * so the list is a CTE with a column list inside a derived table. One statement text per wave
 * size, the last few prepared kept. Reports one total count. Used by one thread.
 */
final class ValuesJoinWaveWriter implements WaveWriter {

  private static final int KEPT_STATEMENTS = 4;

  private final Connection connection;
  private final Map<Integer, PreparedStatement> bySize =
      new LinkedHashMap<>(KEPT_STATEMENTS * 2, 0.75f, true);

  ValuesJoinWaveWriter(Connection connection) {
    this.connection = connection;
  }

  /** The statement for {@code rows} rows. */
  static String sql(int rows) {
    StringBuilder sql = new StringBuilder(160 + rows * 11);
    sql.append("UPDATE bench_accounts t JOIN (WITH v(id, status, inc, expected) AS (VALUES ");
    for (int row = 0; row < rows; row++) {
      sql.append(row == 0 ? "(?,?,?,?)" : ",(?,?,?,?)");
    }
    return sql.append(") SELECT * FROM v) v ON t.id = v.id")
        .append(" SET t.status = v.status, t.points = t.points + v.inc,")
        .append(" t.version = t.version + 1 WHERE t.version = v.expected").toString();
  }

  @Override
  public long write(UpdateStream stream, int[] wave) throws SQLException {
    PreparedStatement update = statement(wave.length);
    bind(update, stream, wave);
    return update.executeLargeUpdate();
  }

  @Override
  public List<Map<String, String>> explain(UpdateStream stream, int[] wave) throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql(wave.length))) {
      bind(explain, stream, wave);
      return ExplainRows.read(explain);
    }
  }

  private PreparedStatement statement(int rows) throws SQLException {
    PreparedStatement kept = bySize.get(rows);
    if (kept != null) {
      return kept;
    }
    if (bySize.size() == KEPT_STATEMENTS) {
      Integer eldest = bySize.keySet().iterator().next();
      bySize.remove(eldest).close();
    }
    PreparedStatement statement = connection.prepareStatement(sql(rows));
    bySize.put(rows, statement);
    return statement;
  }

  private static void bind(PreparedStatement statement, UpdateStream stream, int[] wave)
      throws SQLException {
    int parameter = 1;
    for (int position : wave) {
      statement.setLong(parameter++, stream.id(position));
      statement.setString(parameter++, UpdateGenerator.status(position));
      statement.setLong(parameter++, stream.points(position));
      statement.setLong(parameter++, stream.version(position));
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : bySize.values()) {
      statement.close();
    }
    bySize.clear();
  }
}
