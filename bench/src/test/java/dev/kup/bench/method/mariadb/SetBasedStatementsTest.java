package dev.kup.bench.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.bench.data.Dataset;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateGenerator;
import dev.kup.localkit.stream.UpdateStream;
import org.junit.jupiter.api.Test;

/** The text the set-based shapes send, built without a database. */
class SetBasedStatementsTest {

  @Test
  void namesTheValuesColumnsInACteWithOnePlaceholderGroupPerRow() {
    String sql = ValuesJoinWaveWriter.sql(3);
    assertThat(sql).startsWith("UPDATE bench_accounts t JOIN (WITH v(id, status, inc, expected)"
        + " AS (VALUES (?,?,?,?),(?,?,?,?),(?,?,?,?)) SELECT * FROM v) v ON t.id = v.id");
    assertThat(sql).endsWith("WHERE t.version = v.expected");
    assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(12);
  }

  @Test
  void bindsAWaveAsOneJsonArrayOfRowsInWaveOrder() {
    UpdateStream stream = UpdateStream.generate(Dataset.tableRows(10), 5,
        KeyDistribution.UNIFORM.sampler(10), 7);
    String json = JsonTableWaveWriter.json(stream, new int[] {3, 1});
    assertThat(json).isEqualTo("[[" + stream.id(3) + ",\"" + UpdateGenerator.status(3) + "\","
        + stream.points(3) + "," + stream.version(3) + "],[" + stream.id(1) + ",\""
        + UpdateGenerator.status(1) + "\"," + stream.points(1) + "," + stream.version(1) + "]]");
    assertThat(JsonTableWaveWriter.json(stream, new int[0])).isEqualTo("[]");
  }
}
