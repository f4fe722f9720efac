package dev.kup.pipeline.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.deadletter.DeadLetterException;
import dev.kup.pipeline.deadletter.DeadLetterSink;
import dev.kup.pipeline.deadletter.RecordRejectedException;
import dev.kup.pipeline.metrics.PipelineMetrics;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DeadLetterStage;
import java.time.Duration;
import java.time.Instant;
import dev.kup.pipeline.dialect.InstantColumn;
import java.time.OffsetDateTime;
import org.jooq.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * The ordering invariant and the offsets' compare-and-set, observed from outside the transaction
 * on a real database: each subclass names one database and passes the connection to the
 * constructor. One instance serves the whole class.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class CommitSequenceContractIT {
  private static final TopicPartition TP = new TopicPartition("updates", 2);
  private static final Duration BLOCKED_FOR = Duration.ofMillis(500);
  private final DSLContext dsl;
  private final JooqOffsetStore offsets;
  private final List<String> events = new ArrayList<>();

  CommitSequenceContractIT(DSLContext dsl) {
    this.dsl = dsl;
    this.offsets = new JooqOffsetStore(dsl);
  }

  @BeforeAll
  void createTables() {
    offsets.createIfMissing();
    offsets.createIfMissing(); // idempotent
    dsl.execute("CREATE TABLE marks (n INT)");
  }

  @BeforeEach
  void clean() {
    events.clear();
    dsl.truncate("marks").execute();
    dsl.truncate(JooqOffsetStore.OFFSETS).execute();
  }

  @Test
  void deadLettersAreAcknowledgedBeforeTheDbCommitWhichIsVisibleWhenCommitReturns() {
    DeadLetterSink sink = letters -> events.add("dlq acked, offset visible=" + storedOffset().isPresent());
    CommitSequence sequence = new CommitSequence(dsl, sink, offsets, "g", FaultPoints.NONE, PipelineMetrics.NONE);

    sequence.commit(claim(10, 14, null), tx -> {
      tx.execute("INSERT INTO marks VALUES (1)");
      return List.of(letter());
    });

    assertThat(events).containsExactly("dlq acked, offset visible=false");
    assertThat(storedOffset()).contains(15L);
    assertThat(dsl.fetchCount(DSL.table("marks"))).isOne();
  }

  @Test
  void whenTheDeadLetterTopicCannotBeWrittenNothingIsCommitted() {
    DeadLetterSink down = letters -> {
      throw new DeadLetterException("dlq down", new RuntimeException("timeout"));
    };
    CommitSequence sequence = new CommitSequence(dsl, down, offsets, "g", FaultPoints.NONE, PipelineMetrics.NONE);

    assertThatThrownBy(() -> sequence.commit(claim(0, 4, null), tx -> {
      tx.execute("INSERT INTO marks VALUES (1)");
      return List.of(letter());
    })).hasRootCauseMessage("timeout");

    assertThat(storedOffset()).isEmpty();
    assertThat(dsl.fetchCount(DSL.table("marks"))).isZero();
  }

  @Test
  void aBatchThatDoesNotStartAtTheStoredOffsetIsFencedBeforeTouchingAnything() {
    CommitSequence sequence = new CommitSequence(dsl, letters -> events.add("dlq " + letters.size()), offsets, "g",
        FaultPoints.NONE, PipelineMetrics.NONE);
    sequence.commit(claim(0, 9, null), tx -> List.of());

    // a zombie that still believes the partition is at 0, and one that believes nothing is stored
    assertThatThrownBy(() -> sequence.commit(claim(0, 9, 0L), tx -> {
      tx.execute("INSERT INTO marks VALUES (1)");
      return List.of(letter());
    })).isInstanceOf(OffsetFencedException.class);
    assertThatThrownBy(() -> sequence.commit(claim(0, 9, null), tx -> List.of()))
        .isInstanceOf(OffsetFencedException.class);

    assertThat(events).as("nothing dead-lettered by a fenced batch").containsExactly("dlq 0");
    assertThat(dsl.fetchCount(DSL.table("marks"))).isZero();
    assertThat(storedOffset()).contains(10L);
    sequence.commit(claim(10, 19, 10L), tx -> List.of());
    assertThat(storedOffset()).contains(20L);
  }

  @Test
  void aBatchWhosePartitionWasRevokedRollsBack() {
    CommitSequence sequence = new CommitSequence(dsl, letters -> {}, offsets, "g", FaultPoints.NONE, PipelineMetrics.NONE);

    assertThatThrownBy(() -> sequence.commit(
        new BatchClaim(batch(0, 4), null, () -> false), tx -> {
          tx.execute("INSERT INTO marks VALUES (1)");
          return List.of();
        })).isInstanceOf(PartitionRevokedException.class);

    assertThat(storedOffset()).isEmpty();
    assertThat(dsl.fetchCount(DSL.table("marks"))).isZero();
    assertThat(offsets.load("g", List.of(TP))).isEmpty();
  }

  @Test
  void loadsOnlyTheStoredOffsetsOfTheAskedPartitionsAndGroup() {
    TopicPartition other = new TopicPartition("updates", 3);
    TopicPartition elsewhere = new TopicPartition("audit", 2);
    dsl.transaction(cfg -> {
      offsets.advance(DSL.using(cfg), "g", TP, null, 15L);
      offsets.advance(DSL.using(cfg), "g", elsewhere, null, 7L);
      offsets.advance(DSL.using(cfg), "h", other, null, 9L);
    });

    assertThat(offsets.load("g", List.of(TP, other))).containsOnly(java.util.Map.entry(TP, 15L));
    assertThat(offsets.load("g", List.of())).isEmpty();
  }

  @Test
  void advancingMovesOnlyItsOwnPartitionAndStampsWhenItWasWritten() {
    TopicPartition other = new TopicPartition("updates", 3);
    dsl.transaction(cfg -> {
      offsets.advance(DSL.using(cfg), "g", TP, null, 10L);
      offsets.advance(DSL.using(cfg), "g", other, null, 5L);
      offsets.advance(DSL.using(cfg), "h", TP, null, 7L);
    });
    OffsetDateTime longAgo = OffsetDateTime.parse("2000-01-01T00:00:00Z");
    dsl.update(JooqOffsetStore.OFFSETS).set(updatedAt(), longAgo).execute();

    dsl.transaction(cfg -> offsets.advance(DSL.using(cfg), "g", TP, 10L, 25L));

    assertThat(offsets.load("g", List.of(TP, other)))
        .containsOnly(Map.entry(TP, 25L), Map.entry(other, 5L));
    assertThat(offsets.load("h", List.of(TP))).containsOnly(Map.entry(TP, 7L));
    assertThat(updatedAt("g", TP)).isAfter(longAgo.plusYears(20));
    assertThat(updatedAt("g", other).toInstant()).isEqualTo(longAgo.toInstant());
    assertThat(updatedAt("h", TP).toInstant()).isEqualTo(longAgo.toInstant());
  }

  private OffsetDateTime updatedAt(String group, TopicPartition tp) {
    return dsl.select(updatedAt()).from(JooqOffsetStore.OFFSETS)
        .where(JooqOffsetStore.GROUP_ID.eq(group), JooqOffsetStore.TOPIC.eq(tp.topic()),
            JooqOffsetStore.PARTITION.eq(tp.partition()))
        .fetchOne(updatedAt());
  }

  private Field<OffsetDateTime> updatedAt() {
    return InstantColumn.field(JooqOffsetStore.UPDATED_AT, dsl.dialect());
  }

  @Test
  void aSecondConsumerStoringTheFirstOffsetWaitsForTheFirstAndIsThenFenced() throws Exception {
    secondWriterWaitsForTheFirstAndIsFenced(null);

    assertThat(storedOffset()).contains(20L);
  }

  @Test
  void aSecondConsumerAdvancingFromTheSameOffsetWaitsForTheFirstAndIsThenFenced()
      throws Exception {
    dsl.transaction(cfg -> offsets.advance(DSL.using(cfg), "g", TP, null, 10L));

    secondWriterWaitsForTheFirstAndIsFenced(10L);

    assertThat(storedOffset()).contains(20L);
  }

  /**
   * Two consumers advance the partition from {@code basis}: the first holds its transaction open;
   * the second must wait for it (the row, or the key, is locked) rather than fail or pass, and
   * once the first commits, must be fenced.
   */
  private void secondWriterWaitsForTheFirstAndIsFenced(Long basis) throws Exception {
    CountDownLatch firstAdvanced = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> dsl.transaction(cfg -> {
      offsets.advance(DSL.using(cfg), "g", TP, basis, 20L);
      firstAdvanced.countDown();
      releaseFirst.await();
    }));
    assertThat(firstAdvanced.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> dsl.transaction(
        cfg -> offsets.advance(DSL.using(cfg), "g", TP, basis, 30L)));

    await().during(BLOCKED_FOR).atMost(BLOCKED_FOR.multipliedBy(4)).until(() -> !second.isDone());
    releaseFirst.countDown();
    first.get(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> second.join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(OffsetFencedException.class);
  }

  private static BatchClaim claim(long first, long last, Long basis) {
    return new BatchClaim(batch(first, last), basis, () -> true);
  }

  private Optional<Long> storedOffset() {
    // a separate connection: sees only what is committed
    return Optional.ofNullable(dsl.fetchValue(
        "SELECT next_offset FROM kup_offsets WHERE group_id = 'g' AND topic = 'updates' AND partition_no = 2"))
        .map(v -> ((Number) v).longValue());
  }

  private static MicroBatch batch(long first, long last) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (long o = first; o <= last; o++) {
      records.add(new ConsumerRecord<>(TP.topic(), TP.partition(), o, 0L, TimestampType.CREATE_TIME,
          0, 0, null, null, new RecordHeaders(), Optional.empty()));
    }
    return new MicroBatch(TP, records, 0);
  }

  private static DeadLetter letter() {
    ConsumerRecord<byte[], Object> source = new ConsumerRecord<>(TP.topic(), TP.partition(), 11L,
        0L, TimestampType.CREATE_TIME, 0, 0, null, null, new RecordHeaders(), Optional.empty());
    return new DeadLetter(source, null, DeadLetterStage.VALIDATE, DeadLetterReason.UNKNOWN_TABLE,
        new RecordRejectedException(DeadLetterReason.UNKNOWN_TABLE, "x"), null, "0".repeat(31) + "1",
        Instant.EPOCH);
  }
}
