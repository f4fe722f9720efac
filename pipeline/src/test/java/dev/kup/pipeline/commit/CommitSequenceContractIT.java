package dev.kup.pipeline.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.deadletter.DeadLetterException;
import dev.kup.pipeline.deadletter.DeadLetterSink;
import dev.kup.pipeline.deadletter.RecordRejectedException;
import dev.kup.pipeline.metrics.PipelineMetrics;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DeadLetterStage;
import dev.kup.schemas.DecodedUpdate;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ordering invariant, observed from outside the transaction on a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class CommitSequenceIT {
  private static final TopicPartition TP = new TopicPartition("updates", 2);
  private static DSLContext dsl;
  private static JooqOffsetStore offsets;
  private final List<String> events = new ArrayList<>();

  @BeforeAll
  static void setUp(TestDatabase db) {
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    offsets = new JooqOffsetStore(dsl);
    offsets.createIfMissing();
    offsets.createIfMissing(); // idempotent
    dsl.execute("CREATE TABLE marks (n INT)");
  }

  @BeforeEach
  void clean() {
    dsl.execute("TRUNCATE marks, kup_offsets");
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

  private static BatchClaim claim(long first, long last, Long basis) {
    return new BatchClaim(batch(first, last), basis, () -> true);
  }

  private static Optional<Long> storedOffset() {
    // a separate connection: sees only what is committed
    return Optional.ofNullable(dsl.fetchValue(
        "SELECT next_offset FROM kup_offsets WHERE group_id = 'g' AND topic = 'updates' AND partition_no = 2"))
        .map(v -> ((Number) v).longValue());
  }

  private static MicroBatch batch(long first, long last) {
    List<ConsumerRecord<byte[], DecodedUpdate>> records = new ArrayList<>();
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
