package dev.kup.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RebalanceOptionsTest {

  @Test
  void allLeavesTheRebalancePhaseOutUnlessItIsNamed() {
    assertThat(Phase.parse("all")).doesNotContain(Phase.REBALANCE);
    assertThat(Phase.parse("all,rebalance")).contains(Phase.REBALANCE, Phase.DB, Phase.LATENCY);
    assertThat(Phase.parse("rebalance")).containsExactly(Phase.REBALANCE);
  }

  @Test
  void readsTheProtocolsInTheGivenOrderWithoutRepeats() {
    BenchOptions options = BenchOptions.parse(
        new String[] {"--rebalance-protocols", "consumer, classic,consumer"}, Map.of());
    assertThat(options.rebalanceProtocols()).containsExactly(RebalanceProtocol.CONSUMER,
        RebalanceProtocol.CLASSIC);
    assertThat(BenchOptions.parse(new String[0], Map.of("BENCH_REBALANCE_PROTOCOLS",
        "cooperative")).rebalanceProtocols()).containsExactly(RebalanceProtocol.COOPERATIVE);
  }

  @Test
  void rejectsAnUnknownProtocolNamingTheOption() {
    assertThatThrownBy(() -> RebalanceProtocol.parse("classic,sticky"))
        .hasMessageContaining("--rebalance-protocols").hasMessageContaining("'sticky'");
  }

  @Test
  void choosesEachProtocolThroughKupsKafkaPassThrough() {
    assertThat(RebalanceProtocol.CLASSIC.kupSettings()).isEmpty();
    assertThat(RebalanceProtocol.COOPERATIVE.kupSettings())
        .containsEntry("KUP_KAFKA_PARTITION_ASSIGNMENT_STRATEGY",
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    assertThat(RebalanceProtocol.CONSUMER.kupSettings())
        .containsExactly(Map.entry("KUP_KAFKA_GROUP_PROTOCOL", "consumer"));
  }
}
