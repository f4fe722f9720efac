package dev.kup.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RouterStreamsTest {
  private final RouterOptions options = RouterOptions.withDefaults("kup-router", List.of("cdc"),
      List.of(new TableMapping("orders", "orders", List.of("id"), VersionSource.TS_MS)));

  @Test
  void runsExactlyOnceUnderTheApplicationIdOnBytes() {
    StreamsConfig config = new StreamsConfig(RouterStreams.config(options,
        Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL",
            "num.stream.threads", 2)));

    assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("kup-router");
    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo("exactly_once_v2");
    assertThat(config.defaultKeySerde()).isInstanceOf(Serdes.ByteArraySerde.class);
    assertThat(config.defaultValueSerde()).isInstanceOf(Serdes.ByteArraySerde.class);
    assertThat(config.getClass(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG))
        .isEqualTo(RecordTimestamps.class);
    assertThat(config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
        .containsExactly("broker:9092");
    assertThat(config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
    assertThat(config.originals()).containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void whatTheRouterNeedsWinsOverTheClientProperties() {
    Properties config = RouterStreams.config(options, Map.of(
        "bootstrap.servers", "broker:9092",
        StreamsConfig.APPLICATION_ID_CONFIG, "someone-else",
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
        StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class));

    assertThat(config)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "kup-router")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
        .containsEntry(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
  }
}
