package dev.kup.bench.method.mariadb;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.kup.localkit.stream.UpdateGenerator;
import dev.kup.localkit.stream.UpdateStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape: one multi-table {@code UPDATE} joining {@code JSON_TABLE} over one JSON array of
 * {@code [id, status, increment, expected version]} rows, bound as a single string, so one
 * statement text serves every wave size. Reports one total count. Used by one thread.
 */
final class JsonTableWaveWriter implements WaveWriter {

  static final String UPDATE = "UPDATE bench_accounts t JOIN JSON_TABLE(?, '$[*]' COLUMNS ("
      + "id BIGINT PATH '$[0]', status VARCHAR(16) PATH '$[1]', inc BIGINT PATH '$[2]',"
      + " expected BIGINT PATH '$[3]')) j ON t.id = j.id"
      + " SET t.status = j.status, t.points = t.points + j.inc, t.version = t.version + 1"
      + " WHERE t.version = j.expected";

  private final Connection connection;
  private final PreparedStatement update;

  JsonTableWaveWriter(Connection connection) throws SQLException {
    this.connection = connection;
    this.update = connection.prepareStatement(UPDATE);
  }

  @Override
  public long write(UpdateStream stream, int[] wave) throws SQLException {
    update.setString(1, json(stream, wave));
    return update.executeLargeUpdate();
  }

  @Override
  public List<Map<String, String>> explain(UpdateStream stream, int[] wave) throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + UPDATE)) {
      explain.setString(1, json(stream, wave));
      return ExplainRows.read(explain);
    }
  }

  /** {@code [[id,"status",increment,version],…]} for the wave's updates, in wave order. */
  static String json(UpdateStream stream, int[] wave) {
    StringBuilder json = new StringBuilder(wave.length * 32).append('[');
    JsonStringEncoder quote = JsonStringEncoder.getInstance();
    for (int k = 0; k < wave.length; k++) {
      int position = wave[k];
      json.append(k == 0 ? "[" : ",[").append(stream.id(position)).append(",\"");
      quote.quoteAsString(UpdateGenerator.status(position), json);
      json.append("\",").append(stream.points(position)).append(',')
          .append(stream.version(position)).append(']');
    }
    return json.append(']').toString();
  }

  @Override
  public void close() throws SQLException {
    update.close();
  }
}
