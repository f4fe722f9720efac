package dev.kup.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterOptionsTest {
  private static final TableMapping ORDERS =
      new TableMapping("orders", "orders", List.of("id"), VersionSource.column("rev"));

  @Test
  void defaultsToTheConsumersTopicsAndTheProducersRequestSize() {
    RouterOptions options = RouterOptions.withDefaults("router", List.of("cdc"), List.of(ORDERS));

    assertThat(options.outputTopic()).isEqualTo("updates");
    assertThat(options.deadLetterTopic()).isEqualTo("updates.dlq");
    assertThat(options.maxDeadLetterBytes()).isEqualTo(1_048_576);
  }

  @Test
  void refusesToReadItsOwnOutput() {
    assertThatThrownBy(() -> RouterOptions.withDefaults("router", List.of("cdc", "updates"),
        List.of())).hasMessageContaining("inputTopics must not include the outputTopic");
    assertThatThrownBy(() -> RouterOptions.withDefaults("router", List.of("updates.dlq"),
        List.of())).hasMessageContaining("inputTopics must not include");
    assertThatThrownBy(() -> RouterOptions.withDefaults("router", List.of(), List.of()))
        .hasMessageContaining("inputTopics must name at least one topic");
    assertThatThrownBy(() -> new RouterOptions("router", List.of("cdc"), "out", "out", List.of(),
        1000)).hasMessageContaining("deadLetterTopic must differ from outputTopic");
  }

  @Test
  void namesTheSettingThatIsWrong() {
    assertThatThrownBy(() -> RouterOptions.withDefaults(" ", List.of("cdc"), List.of()))
        .hasMessageContaining("applicationId");
    assertThatThrownBy(() -> new RouterOptions("router", List.of("cdc"), "updates",
        "updates.dlq", List.of(), 0)).hasMessageContaining("maxDeadLetterBytes must be >= 1");
    assertThatThrownBy(() -> RouterOptions.withDefaults("router", List.of("cdc"),
        List.of(ORDERS, new TableMapping("orders", "x", List.of("id"), VersionSource.TS_MS))))
        .hasMessageContaining("each source table once, got orders twice");
  }

  @Test
  void aTableMappingNeedsKeyColumnsATargetAKafkaKeyCanHoldAndAVersionApartFromTheKey() {
    assertThatThrownBy(() -> new TableMapping("orders", "orders", List.of(), VersionSource.TS_MS))
        .hasMessageContaining("keyColumns of orders must name a column");
    assertThatThrownBy(() -> new TableMapping("orders", "orders", List.of("id", "id"),
        VersionSource.TS_MS)).hasMessageContaining("distinct");
    assertThatThrownBy(() -> new TableMapping("orders", "shop:orders", List.of("id"),
        VersionSource.TS_MS))
        .hasMessageContaining("targetTable must be non-blank and contain no ':'");
    assertThatThrownBy(() -> new TableMapping("orders", "orders", List.of("id"),
        VersionSource.column("id"))).hasMessageContaining("must not be a key column: id");
    assertThatThrownBy(() -> VersionSource.column(" ")).hasMessageContaining("version column");
  }

  @Test
  void copiesItsLists() {
    List<String> topics = new java.util.ArrayList<>(List.of("cdc"));
    RouterOptions options = RouterOptions.withDefaults("router", topics, List.of());
    topics.add("other");

    assertThat(options.inputTopics()).containsExactly("cdc");
  }
}
