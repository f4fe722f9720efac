package dev.kup.bench.method.mariadb;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MariaDB's {@code EXPLAIN} as rows of column → value, and the check that a statement reaches
 * {@code bench_accounts} by its primary key, one row per lookup, never by a scan.
 */
public final class ExplainRows {

  private ExplainRows() {}

  /** Runs {@code explain} and reads every row; nulls become empty strings. */
  static List<Map<String, String>> read(PreparedStatement explain) throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (ResultSet result = explain.executeQuery()) {
      ResultSetMetaData columns = result.getMetaData();
      while (result.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 1; c <= columns.getColumnCount(); c++) {
          String value = result.getString(c);
          row.put(columns.getColumnLabel(c), value == null ? "" : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * Whether every access to the table (alias {@code t}, or its own name) uses the {@code PRIMARY}
   * key by value ({@code eq_ref}, {@code const}, or {@code range} for a single-row UPDATE), and
   * there is at least one.
   */
  public static boolean looksUpRowsByPrimaryKey(List<Map<String, String>> plan) {
    List<Map<String, String>> table = plan.stream()
        .filter(row -> row.get("table").equals("t") || row.get("table").equals("bench_accounts"))
        .toList();
    return !table.isEmpty() && table.stream().allMatch(row -> row.get("key").equals("PRIMARY")
        && List.of("eq_ref", "const", "range").contains(row.get("type")));
  }

  /** One line per row: {@code table type key rows extra}, for a note. */
  public static String describe(List<Map<String, String>> plan) {
    StringBuilder text = new StringBuilder();
    for (Map<String, String> row : plan) {
      String table = row.get("table").isEmpty() ? row.get("select_type") : row.get("table");
      text.append(text.isEmpty() ? "" : "; ").append(table).append(' ')
          .append(row.get("type")).append(' ').append(row.get("key")).append(" rows=")
          .append(row.get("rows"));
      String extra = row.getOrDefault("Extra", "");
      text.append(extra.isEmpty() ? "" : " (" + extra + ")");
    }
    return text.toString();
  }
}
