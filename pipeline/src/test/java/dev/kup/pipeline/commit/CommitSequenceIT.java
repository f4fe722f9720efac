package dev.kup.pipeline.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.deadletter.DeadLetterException;
import dev.kup.pipeline.deadletter.DeadLetterSink;
import dev.kup.pipeline.deadletter.RecordRejectedException;
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
  void deadLettersAreAcknowledgedBeforeTheDbCommitWhichPrecedesTheKafkaCommit() {
    DeadLetterSink sink = letters -> events.add("dlq acked, offset visible=" + storedOffset().isPresent());
    CommitSequence sequence = new CommitSequence(dsl, sink, offsets, "g", FaultPoints.NONE);

    sequence.commit(batch(10, 14), tx -> {
      tx.execute("INSERT INTO marks VALUES (1)");
      return List.of(letter());
    }, (tp, next) -> events.add("kafka commit " + next + ", offset visible=" + storedOffset().isPresent()));

    assertThat(events).containsExactly(
        "dlq acked, offset visible=false", "kafka commit 15, offset visible=true");
    assertThat(storedOffset()).contains(15L);
    assertThat(dsl.fetchCount(DSL.table("marks"))).isOne();
  }

  @Test
  void whenTheDeadLetterTopicCannotBeWrittenNothingIsCommittedAnywhere() {
    DeadLetterSink down = letters -> {
      throw new DeadLetterException("dlq down", new RuntimeException("timeout"));
    };
    CommitSequence sequence = new CommitSequence(dsl, down, offsets, "g", FaultPoints.NONE);

    assertThatThrownBy(() -> sequence.commit(batch(0, 4), tx -> {
      tx.execute("INSERT INTO marks VALUES (1)");
      return List.of(letter());
    }, (tp, next) -> events.add("kafka commit")))
        .hasRootCauseMessage("timeout");

    assertThat(events).isEmpty();
    assertThat(storedOffset()).isEmpty();
    assertThat(dsl.fetchCount(DSL.table("marks"))).isZero();
  }

  @Test
  void aFailedKafkaCommitAfterTheDbCommitLeavesTheStoredOffsetToDecide() {
    CommitSequence sequence = new CommitSequence(dsl, letters -> {}, offsets, "g", FaultPoints.NONE);

    sequence.commit(batch(20, 29), tx -> List.of(), (tp, next) -> {
      throw new IllegalStateException("rebalance in progress");
    });

    assertThat(storedOffset()).contains(30L);
    assertThat(offsets.load("g", List.of(TP, new TopicPartition("updates", 0))))
        .containsExactly(java.util.Map.entry(TP, 30L));
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
