package dev.kup.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.apply.BatchApplier;
import dev.kup.pipeline.apply.CoalescingApplier;
import dev.kup.pipeline.apply.JooqBatchApplier;
import dev.kup.pipeline.apply.RowIsolatingApplier;
import dev.kup.pipeline.apply.Tombstones;
import dev.kup.pipeline.batch.BatchReport;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.CommitSequence;
import dev.kup.pipeline.commit.FaultPoints;
import dev.kup.pipeline.commit.JooqOffsetStore;
import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.config.VersionMode;
import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.failure.PipelineErrorClassifier;
import dev.kup.pipeline.metrics.MicrometerPipelineMetrics;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordSerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * A whole batch through {@link BatchProcessor} on a real database, with external versions: stale
 * records are counted as {@code stale}, never dead-lettered, and the rest of the batch commits
 * with them. Each subclass names one database and its write strategy.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class StaleRecordsContractIT {
  private static final TopicPartition TP = new TopicPartition("updates", 0);
  private final DSLContext dsl;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<DeadLetter> letters = new ArrayList<>();
  private BatchProcessor processor;

  StaleRecordsContractIT(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The strategy under test; the chain around it is the service's. */
  abstract JooqBatchApplier strategy();

  @BeforeAll
  void wire() {
    for (String table : new String[] {"orders", "accounts"}) {
      dsl.execute("CREATE TABLE " + table
          + " (id BIGINT PRIMARY KEY, status VARCHAR(20), version BIGINT NOT NULL)");
    }
    JooqOffsetStore offsets = new JooqOffsetStore(dsl);
    offsets.createIfMissing();
    Tombstones.createIfMissing(dsl);
    var catalog = JooqTableCatalog.load(dsl, List.of(
        new TableOptions("orders", "version", ConflictPolicy.DLQ, VersionMode.EXTERNAL),
        TableOptions.withDefaults("accounts")));
    var metrics = new MicrometerPipelineMetrics(registry);
    BatchApplier applier = new CoalescingApplier(
        new RowIsolatingApplier(strategy(), new PipelineErrorClassifier()));
    processor = new BatchProcessor(new RecordValidator(catalog, new ColumnValueConverter()),
        applier, new CommitSequence(dsl, letters::addAll, offsets, "g", FaultPoints.NONE, metrics),
        metrics, Clock.systemUTC());
  }

  @Test
  void countsStaleRecordsAndCommitsTheRestOfTheBatchWithoutDeadLetters() {
    dsl.execute("INSERT INTO orders VALUES (1, 'a', 5), (2, 'a', 5), (3, 'a', 5), (4, 'a', 5)");
    dsl.execute("INSERT INTO accounts VALUES (1, 'a', 5)");

    BatchReport report = processor.process(new BatchClaim(batch(
        order(1, 5), order(2, 4), order(3, 6), order(4, 9), order(5, 1), order(2, 3),
        UpdateRecord.delete("orders", Map.of("id", 6L), 2), order(6, 1),
        UpdateRecord.update("accounts", Map.of("id", 1L), 4).set("status", "b")), null, () -> true))
        .report();

    assertThat(report.count("stale")).isEqualTo(4);
    assertThat(report.count("applied")).isEqualTo(4);
    assertThat(report.count("conflict")).isEqualTo(1);
    assertThat(letters).extracting(l -> l.source().offset()).containsExactly(8L);
    assertThat(report.summary()).contains("stale=4");
    assertThat(records("orders", "stale")).isEqualTo(4);
    assertThat(records("orders", "applied")).isEqualTo(4);
    assertThat(dsl.fetchValue("SELECT status FROM orders WHERE id = 4")).isEqualTo("v9");
    assertThat(dsl.fetchValue("SELECT version FROM orders WHERE id = 5")).isEqualTo(1L);
    assertThat(dsl.fetchValue("SELECT status FROM orders WHERE id = 1")).isEqualTo("a");
    assertThat(dsl.fetchCount(dsl.selectFrom("orders").where("id = 6"))).isZero();
  }

  private double records(String table, String outcome) {
    Counter counter =
        registry.find("kup.records").tags("table", table, "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private static UpdateRecord order(long id, long version) {
    return UpdateRecord.update("orders", Map.of("id", id), version).set("status", "v" + version);
  }

  private static MicroBatch batch(UpdateRecord... records) {
    List<ConsumerRecord<byte[], byte[]>> consumed = new ArrayList<>();
    long bytes = 0;
    try (UpdateRecordSerializer serializer = new UpdateRecordSerializer()) {
      for (int offset = 0; offset < records.length; offset++) {
        byte[] key = records[offset].kafkaKey().getBytes(StandardCharsets.UTF_8);
        byte[] value = serializer.serialize(TP.topic(), records[offset]);
        consumed.add(new ConsumerRecord<>(TP.topic(), TP.partition(), offset, key, value));
        bytes += key.length + value.length;
      }
    }
    return new MicroBatch(TP, consumed, bytes);
  }
}
