package dev.kup.bench.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainRowsTest {

  @Test
  void acceptsAJoinThatLooksEachRowUpByItsPrimaryKey() {
    List<Map<String, String>> plan = List.of(
        row("j", "ALL", "", "40", "Table function: json_table; Using where"),
        row("t", "eq_ref", "PRIMARY", "1", "Using where"));
    assertThat(ExplainRows.looksUpRowsByPrimaryKey(plan)).isTrue();
    assertThat(ExplainRows.describe(plan)).isEqualTo("j ALL  rows=40 (Table function:"
        + " json_table; Using where); t eq_ref PRIMARY rows=1 (Using where)");
  }

  @Test
  void acceptsTheSingleRowUpdateOfABatch() {
    assertThat(ExplainRows.looksUpRowsByPrimaryKey(
        List.of(row("bench_accounts", "range", "PRIMARY", "1", "Using where")))).isTrue();
  }

  @Test
  void refusesAScanOfTheTableOrAPlanWithoutIt() {
    assertThat(ExplainRows.looksUpRowsByPrimaryKey(List.of(
        row("t", "ALL", "", "1000000", "Using where"),
        row("<derived3>", "ref", "key0", "2", "Using where")))).isFalse();
    assertThat(ExplainRows.looksUpRowsByPrimaryKey(
        List.of(row("<derived2>", "ALL", "", "3", "")))).isFalse();
  }

  private static Map<String, String> row(String table, String type, String key, String rows,
      String extra) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("id", "1");
    row.put("table", table);
    row.put("type", type);
    row.put("key", key);
    row.put("rows", rows);
    row.put("Extra", extra);
    return row;
  }
}
