package dev.kup.router;

import static dev.kup.router.RouterDriver.bytes;
import static dev.kup.router.RouterDriver.headers;
import static dev.kup.router.RouterDriver.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.schemas.DeadLetterHeaders;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTopologyTest {
  private static final List<TableMapping> TABLES = List.of(
      new TableMapping("orders", "orders", List.of("id"), VersionSource.column("rev")),
      new TableMapping("public.order_lines", "order_lines", List.of("order_id", "line"),
          VersionSource.SOURCE_LSN),
      new TableMapping("clicks", "audit_clicks", List.of("id"), VersionSource.TS_MS));

  private final RouterDriver router = new RouterDriver(
      RouterOptions.withDefaults("kup-router-test", List.of("shop.cdc", "partners"), TABLES));

  @AfterEach
  void close() {
    router.close();
  }

  private static String json(ChangeEvent event, boolean enveloped) {
    return enveloped ? event.enveloped() : event.bare();
  }

  private void assertUpdate(String key, String value) {
    TestRecord<byte[], byte[]> update = router.onlyUpdate();
    assertThat(text(update.key())).isEqualTo(key);
    assertThat(text(update.value())).isEqualTo(value);
  }

  @Test
  void passesUpdateRecordsOnCanonicalisedAndKeyedByTheirRow() {
    router.send("customer-7", """
        { "op": "update", "set": {"status": "gold", "limit": 1.50},
          "version": 7.0, "key": {"id": 42}, "table": "accounts", "increment": {"points": 5} }""");

    assertUpdate("accounts:42", "{\"table\":\"accounts\",\"key\":{\"id\":42},\"version\":7,"
        + "\"set\":{\"status\":\"gold\",\"limit\":1.50},\"increment\":{\"points\":5}}");
  }

  @Test
  void keysUpdateRecordsWithoutAKeyAndWithCompositeKeysByTheirRow() {
    router.send(null, "{\"table\":\"order_lines\",\"key\":{\"order_id\":7,\"line\":3},"
        + "\"op\":\"delete\",\"version\":2}");

    assertUpdate("order_lines:line=3,order_id=7",
        "{\"table\":\"order_lines\",\"key\":{\"order_id\":7,\"line\":3},\"version\":2,"
            + "\"op\":\"delete\"}");
  }

  @ParameterizedTest(name = "enveloped={0}")
  @ValueSource(booleans = {true, false})
  void mapsACreateToAnUpsertOfTheNonKeyColumnsVersionedByAColumn(boolean enveloped) {
    router.send("{\"id\":42}", json(ChangeEvent.create("orders",
        "{\"id\":42,\"status\":\"new\",\"total\":\"19.90\",\"note\":null,\"rev\":1}"), enveloped));

    assertUpdate("orders:42", "{\"table\":\"orders\",\"key\":{\"id\":42},\"version\":1,"
        + "\"op\":\"upsert\",\"set\":{\"status\":\"new\",\"total\":\"19.90\",\"note\":null}}");
  }

  @ParameterizedTest(name = "enveloped={0}")
  @ValueSource(booleans = {true, false})
  void mapsAnUpdateToAnUpsertOfTheRowAfterIt(boolean enveloped) {
    router.send("{\"id\":42}", json(ChangeEvent.update("orders",
        "{\"id\":42,\"status\":\"new\",\"rev\":1}", "{\"id\":42,\"status\":\"paid\",\"rev\":2}"),
        enveloped));

    assertUpdate("orders:42", "{\"table\":\"orders\",\"key\":{\"id\":42},\"version\":2,"
        + "\"op\":\"upsert\",\"set\":{\"status\":\"paid\"}}");
  }

  @ParameterizedTest(name = "enveloped={0}")
  @ValueSource(booleans = {true, false})
  void mapsASnapshotReadToAnUpsert(boolean enveloped) {
    router.send("{\"id\":9}", json(ChangeEvent.read("orders",
        "{\"id\":9,\"status\":\"shipped\",\"paid\":true,\"rev\":12}"), enveloped));

    assertUpdate("orders:9", "{\"table\":\"orders\",\"key\":{\"id\":9},\"version\":12,"
        + "\"op\":\"upsert\",\"set\":{\"status\":\"shipped\",\"paid\":true}}");
  }

  @ParameterizedTest(name = "enveloped={0}")
  @ValueSource(booleans = {true, false})
  void mapsADeleteToADeleteKeyedAndVersionedFromTheRowBeforeIt(boolean enveloped) {
    router.send("{\"id\":42}", json(ChangeEvent.delete("orders",
        "{\"id\":42,\"status\":\"paid\",\"rev\":3}"), enveloped));

    assertUpdate("orders:42",
        "{\"table\":\"orders\",\"key\":{\"id\":42},\"version\":3,\"op\":\"delete\"}");
  }

  @ParameterizedTest(name = "enveloped={0}")
  @ValueSource(booleans = {true, false})
  void versionsByTheLogPositionAndKeysByEveryKeyColumn(boolean enveloped) {
    router.send("k", json(ChangeEvent.update("order_lines", "null",
        "{\"order_id\":7,\"line\":3,\"sku\":\"A-100\",\"quantity\":2}").lsn(24_023_500L),
        enveloped));
    router.send("k", json(ChangeEvent.delete("order_lines",
        "{\"order_id\":7,\"line\":3,\"sku\":null,\"quantity\":null}").lsn(24_023_900L), enveloped));

    List<TestRecord<byte[], byte[]>> updates = router.updates();
    assertThat(updates).extracting(r -> text(r.key()))
        .containsExactly("order_lines:line=3,order_id=7", "order_lines:line=3,order_id=7");
    assertThat(updates).extracting(r -> text(r.value())).containsExactly(
        "{\"table\":\"order_lines\",\"key\":{\"order_id\":7,\"line\":3},\"version\":24023500,"
            + "\"op\":\"upsert\",\"set\":{\"sku\":\"A-100\",\"quantity\":2}}",
        "{\"table\":\"order_lines\",\"key\":{\"order_id\":7,\"line\":3},\"version\":24023900,"
            + "\"op\":\"delete\"}");
  }

  @ParameterizedTest(name = "enveloped={0}")
  @ValueSource(booleans = {true, false})
  void versionsByTheEventTime(boolean enveloped) {
    router.send("k", json(ChangeEvent.create("clicks", "{\"id\":\"c-1\",\"page\":\"/home\"}")
        .tsMs(1_764_158_401_234L), enveloped));

    assertUpdate("audit_clicks:c-1", "{\"table\":\"audit_clicks\",\"key\":{\"id\":\"c-1\"},"
        + "\"version\":1764158401234,\"op\":\"upsert\",\"set\":{\"page\":\"/home\"}}");
  }

  @Test
  void aQualifiedMappingWinsAndAMysqlDatabaseQualifiesLikeASchema() {
    RouterOptions options = RouterOptions.withDefaults("kup-router-test", List.of("cdc"), List.of(
        new TableMapping("items", "items", List.of("id"), VersionSource.TS_MS),
        new TableMapping("public.items", "pg_items", List.of("id"), VersionSource.TS_MS),
        new TableMapping("legacy.items", "legacy_items", List.of("id"), VersionSource.TS_MS)));
    try (RouterDriver qualified = new RouterDriver(options)) {
      qualified.send("k", ChangeEvent.create("items", "{\"id\":1,\"n\":1}").bare());
      qualified.send("k", ChangeEvent.create("items", "{\"id\":1,\"n\":1}")
          .source(ChangeEvent.mysql("legacy", "items")).bare());
      qualified.send("k", ChangeEvent.create("items", "{\"id\":1,\"n\":1}")
          .source(ChangeEvent.mysql("other", "items")).bare());

      assertThat(qualified.updates()).extracting(r -> text(r.key()))
          .containsExactly("pg_items:1", "legacy_items:1", "items:1");
    }
  }

  @Test
  void keepsTheOrderOfAnInputPartitionForEveryRow() {
    List<String> expected = new ArrayList<>();
    for (int rev = 1; rev <= 30; rev++) {
      int id = rev % 3;
      router.send("{\"id\":" + id + "}", ChangeEvent.update("orders", "null",
          "{\"id\":" + id + ",\"status\":\"s" + rev + "\",\"rev\":" + rev + "}").bare());
      router.send("noise", "not json " + rev);
      router.send("x", "{\"table\":\"accounts\",\"key\":{\"id\":" + id + "},\"version\":" + rev
          + ",\"set\":{\"status\":\"s" + rev + "\"}}");
      expected.add("orders:" + id + " " + rev);
      expected.add("accounts:" + id + " " + rev);
    }

    List<String> written = new ArrayList<>();
    for (TestRecord<byte[], byte[]> update : router.updates()) {
      String version = text(update.value()).replaceAll(".*\"version\":(\\d+).*", "$1");
      written.add(text(update.key()) + " " + version);
    }
    assertThat(written).containsExactlyElementsOf(expected);
    assertThat(router.deadLetters()).hasSize(30);
  }

  @Test
  void aRecordThatFailsDoesNotStopTheNextOnes() {
    router.send("a", "{\"table\":");
    router.send("b", "{\"table\":\"accounts\",\"key\":{\"id\":1},\"version\":1,"
        + "\"set\":{\"status\":\"ok\"}}");
    router.send("c", null);
    router.send("d", ChangeEvent.create("unmapped", "{\"id\":1}").bare());
    router.send("e", ChangeEvent.create("orders", "{\"id\":2,\"status\":\"ok\",\"rev\":1}").bare());

    assertThat(router.updates()).extracting(r -> text(r.key()))
        .containsExactly("accounts:1", "orders:2");
    assertThat(router.deadLetters()).extracting(r -> text(r.key()))
        .containsExactly("a", "c", "d");
  }

  @Test
  void readsEveryInputTopic() {
    router.send("shop.cdc", "k", ChangeEvent.create("orders", "{\"id\":1,\"s\":1,\"rev\":1}")
        .bare());
    router.send("partners", "k", "{\"table\":\"orders\",\"key\":{\"id\":2},\"version\":4,"
        + "\"set\":{\"s\":2}}");

    assertThat(router.updates()).extracting(r -> text(r.key()))
        .containsExactly("orders:1", "orders:2");
  }

  @Test
  void keepsTheInputTimestampAndHeadersButNoEarlierDeadLetterHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", bytes("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    headers.add(DeadLetterHeaders.REASON, bytes("UNKNOWN_TABLE"));
    headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(7));
    headers.add(DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE, bytes("CreateTime"));
    headers.add(DeadLetterHeaders.KUP_ORIGINAL_OFFSET, bytes("7"));
    router.sendRecord("shop.cdc", new TestRecord<>(bytes("k"),
        bytes(ChangeEvent.create("orders", "{\"id\":1,\"s\":1,\"rev\":1}").bare()), headers,
        RouterDriver.RECORD_TIME));

    TestRecord<byte[], byte[]> update = router.onlyUpdate();
    assertThat(update.getRecordTime()).isEqualTo(RouterDriver.RECORD_TIME);
    assertThat(headers(update.headers(), "traceparent"))
        .containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(update.headers().toArray()).hasSize(1);
  }

  @Test
  void readsEveryInputInOneSubtopologyWithoutRepartitionOrState() {
    String description = new RouterTopology(
        RouterOptions.withDefaults("kup-router-test", List.of("shop.cdc", "partners"), TABLES),
        Clock.systemUTC()).build().describe().toString();

    assertThat(description)
        .contains("Sub-topology: 0\n")
        .doesNotContain("Sub-topology: 1")
        .contains("Source: router-input (topics: [shop.cdc, partners])")
        .contains("Processor: router (stores: [])")
        .contains("Sink: router-updates (topic: updates)")
        .contains("Sink: router-dead-letters (topic: updates.dlq)")
        .doesNotContain("repartition");
  }
}
