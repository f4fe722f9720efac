package dev.kup.cli.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.schemas.DeadLetterHeaders;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The replay rules on Kafka's in-memory client doubles: what is sent, skipped and committed. */
class DeadLetterReplayerTest {
  private static final String DLQ = "updates.dlq";
  private static final TopicPartition P0 = new TopicPartition(DLQ, 0);
  private static final TopicPartition P1 = new TopicPartition(DLQ, 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<TopicPartition, Long> logEnd = new java.util.HashMap<>();

  DeadLetterReplayerTest() {
    consumer.updatePartitions(DLQ, List.of(
        new PartitionInfo(DLQ, 0, null, null, null), new PartitionInfo(DLQ, 1, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.assign(List.of(P0, P1)); // the double takes records only for assigned partitions
    letters(List.of(
        letter(P0, 0, "updates", "UNKNOWN_COLUMN", "accounts:1"),
        letter(P0, 1, "updates", "VERSION_CONFLICT", "accounts:2"),
        letter(P0, 2, "other", "UNKNOWN_COLUMN", "accounts:3"),
        letter(P1, 0, "updates", "UNKNOWN_COLUMN", "accounts:4")));
  }

  @Test
  void replaysTheSelectedLettersUnchangedWithWhereTheyCameFromAndCommitsPastEverythingRead() {
    MockProducer<byte[], byte[]> producer = producer();

    ReplaySummary summary = replayer(producer)
        .replay(plan(Set.of("UNKNOWN_COLUMN"), false));

    assertThat(summary).isEqualTo(new ReplaySummary(2, 2, 0, 0));
    assertThat(producer.history()).extracting(r -> r.topic() + " " + text(r.key()) + " "
            + text(r.value()) + " " + header(r, DeadLetterReplayer.REPLAYED_FROM) + " "
            + header(r, DeadLetterHeaders.REASON))
        .containsExactlyInAnyOrder(
            "updates accounts:1 value-of-accounts:1 updates.dlq/0/0 UNKNOWN_COLUMN",
            "updates accounts:4 value-of-accounts:4 updates.dlq/1/0 UNKNOWN_COLUMN");
    assertThat(producer.history()).allSatisfy(r -> assertThat(r.partition()).isNull());
    assertThat(consumer.committed(Set.of(P0, P1)))
        .isEqualTo(Map.of(P0, new OffsetAndMetadata(3), P1, new OffsetAndMetadata(1)));
  }

  @Test
  void withNoReasonEveryLetterOfTheTopicIsReplayedAndASecondRunFindsNothingNew() {
    MockProducer<byte[], byte[]> producer = producer();
    ReplaySummary first = replayer(producer).replay(plan(Set.of(), false));
    assertThat(first).isEqualTo(new ReplaySummary(3, 1, 0, 0));
    assertThat(producer.history()).extracting(r -> text(r.key()))
        .containsExactlyInAnyOrder("accounts:1", "accounts:2", "accounts:4");

    MockProducer<byte[], byte[]> next = producer();
    ReplaySummary second = replayer(next).replay(plan(Set.of(), false));

    assertThat(second).isEqualTo(new ReplaySummary(0, 0, 0, 0));
    assertThat(next.history()).isEmpty();
  }

  @Test
  void aDryRunListsTheLettersAndSendsAndCommitsNothing() {
    MockProducer<byte[], byte[]> producer = producer();

    ReplaySummary summary =
        replayer(producer).replay(plan(Set.of("VERSION_CONFLICT"), true));

    assertThat(summary).isEqualTo(new ReplaySummary(1, 3, 0, 0));
    assertThat(producer.history()).isEmpty();
    assertThat(consumer.committed(Set.of(P0, P1))).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("would replay updates.dlq/0/1 VERSION_CONFLICT key=accounts:2");
  }

  @Test
  void aFailedSendCommitsNothingSoTheNextRunReplaysAgain() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (text(record.key()).equals("accounts:4")) {
              return CompletableFuture.failedFuture(new TimeoutException("broker away"));
            }
            return super.send(record, callback);
          }
        };

    ReplaySummary summary =
        replayer(producer).replay(plan(Set.of("UNKNOWN_COLUMN"), false));

    assertThat(summary).isEqualTo(new ReplaySummary(1, 2, 1, 0));
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(consumer.committed(Set.of(P0, P1))).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("send failed").contains("broker away");
  }

  @Test
  void aLetterWrittenDuringTheRunIsNeitherReplayedNorCommittedPast() {
    // fetched in the same poll as the others, but past the log end taken at the start
    consumer.addRecord(letter(P0, 3, "updates", "UNKNOWN_COLUMN", "accounts:5"));
    MockProducer<byte[], byte[]> producer = producer();

    ReplaySummary summary = replayer(producer).replay(plan(Set.of(), false));

    assertThat(summary).isEqualTo(new ReplaySummary(3, 1, 0, 0));
    assertThat(producer.history()).extracting(r -> text(r.key())).doesNotContain("accounts:5");
    assertThat(consumer.committed(Set.of(P0, P1)))
        .isEqualTo(Map.of(P0, new OffsetAndMetadata(3), P1, new OffsetAndMetadata(1)));
  }

  @Test
  void aLetterWrittenWithoutItsValueIsSkippedSayingWhereTheOriginalLies() {
    ConsumerRecord<byte[], byte[]> trimmed = letter(P1, 1, "updates", "UNKNOWN_COLUMN", "accounts:6");
    trimmed.headers().add(DeadLetterHeaders.VALUE_OMITTED,
        "too-large: 9000 bytes > 4096; omitted value; original at updates/1/77".getBytes(StandardCharsets.UTF_8));
    letters(List.of(trimmed));
    MockProducer<byte[], byte[]> producer = producer();

    ReplaySummary summary = replayer(producer).replay(plan(Set.of(), false));

    assertThat(summary).isEqualTo(new ReplaySummary(3, 2, 0, 0));
    assertThat(producer.history()).extracting(r -> text(r.key())).doesNotContain("accounts:6");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("cannot replay updates.dlq/1/1").contains("original at updates/1/77");
  }

  @Test
  void eachReplayCountsAndTheLoopGuardRefusesALetterReplayedTooOften() {
    ConsumerRecord<byte[], byte[]> twice = letter(P1, 1, "updates", "UNKNOWN_COLUMN", "accounts:7");
    twice.headers().add(DeadLetterHeaders.REPLAY_COUNT, "2".getBytes(StandardCharsets.UTF_8));
    ConsumerRecord<byte[], byte[]> thrice = letter(P1, 2, "updates", "UNKNOWN_COLUMN", "accounts:8");
    thrice.headers().add(DeadLetterHeaders.REPLAY_COUNT, "3".getBytes(StandardCharsets.UTF_8));
    letters(List.of(twice, thrice));
    MockProducer<byte[], byte[]> producer = producer();

    ReplaySummary summary = replayer(producer).replay(plan(Set.of("UNKNOWN_COLUMN"), false));

    assertThat(summary).isEqualTo(new ReplaySummary(3, 2, 0, 1));
    assertThat(summary.line()).isEqualTo("replayed=3 skipped=2 failed=0 refused=1");
    assertThat(producer.history()).extracting(r -> text(r.key()) + " "
            + header(r, DeadLetterHeaders.REPLAY_COUNT))
        .containsExactlyInAnyOrder("accounts:1 1", "accounts:4 1", "accounts:7 3");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("refused updates.dlq/1/2 UNKNOWN_COLUMN key=accounts:8: replayed 3 times already"
            + " (--max-replays 3)");
    assertThat(consumer.committed(Set.of(P0, P1)))
        .as("a refused letter is read past").containsEntry(P1, new OffsetAndMetadata(3));
  }

  @Test
  void lettersGoToTheTopicNamedByToAndTheFiltersSelectByTableAndOriginalPartition() {
    MockProducer<byte[], byte[]> producer = producer();
    LetterFilter onlyPartitionTwoOfAccounts = new LetterFilter("updates", Set.of(), Set.of(),
        Set.of("accounts"), Set.of(2), null, null, null);

    ReplaySummary summary = replayer(producer).replay(new ReplayPlan(DLQ,
        onlyPartitionTwoOfAccounts, "updates.retry", 3, 0, false));

    assertThat(summary).isEqualTo(new ReplaySummary(1, 3, 0, 0));
    assertThat(producer.history()).extracting(r -> r.topic() + " " + text(r.key()))
        .containsExactly("updates.retry accounts:2");
  }

  @Test
  void aLongRunCheckpointsSoThatAFailureLaterKeepsWhatWasAcknowledgedBefore() {
    // every reading of the clock is 6 s after the last: each poll ends with a checkpoint
    Clock ticking = new Clock() {
      private long millis;

      @Override
      public long millis() {
        return millis += 6_000;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis());
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
    ConsumerRecord<byte[], byte[]> late = letter(P1, 1, "updates", "UNKNOWN_COLUMN", "accounts:9");
    logEnd.put(P1, 2L);
    consumer.updateEndOffsets(logEnd);
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (text(record.key()).equals("accounts:9")) {
              return CompletableFuture.failedFuture(new TimeoutException("broker away"));
            }
            return super.send(record, callback);
          }
        };
    // the late letter arrives in a second poll, after the first checkpoint
    consumer.schedulePollTask(() -> { });
    consumer.schedulePollTask(() -> consumer.addRecord(late));

    ReplaySummary summary = new DeadLetterReplayer(consumer, producer,
        new PrintStream(err, true, StandardCharsets.UTF_8), ticking)
        .replay(plan(Set.of("UNKNOWN_COLUMN"), false));

    assertThat(summary.failed()).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("replay: read 4 of 5 letters");
    assertThat(consumer.committed(Set.of(P0, P1)))
        .as("the first checkpoint's commit stands; nothing past the failed send")
        .isEqualTo(Map.of(P0, new OffsetAndMetadata(3), P1, new OffsetAndMetadata(1)));
  }

  private static ReplayPlan plan(Set<String> reasons, boolean dryRun) {
    return new ReplayPlan(DLQ, new LetterFilter("updates", reasons, Set.of(), Set.of(), Set.of(),
        null, null, null), "updates", ReplayCommand.DEFAULT_MAX_REPLAYS, 0, dryRun);
  }

  private DeadLetterReplayer replayer(MockProducer<byte[], byte[]> producer) {
    return new DeadLetterReplayer(consumer, producer, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static MockProducer<byte[], byte[]> producer() {
    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Appends letters to the topic and moves its log end past them. */
  private void letters(List<ConsumerRecord<byte[], byte[]>> records) {
    records.forEach(consumer::addRecord);
    records.forEach(r -> logEnd.merge(
        new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
    consumer.updateEndOffsets(logEnd);
  }

  private static ConsumerRecord<byte[], byte[]> letter(
      TopicPartition tp, long offset, String originalTopic, String reason, String key) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, originalTopic.getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
    // the original partition is the key's number, as Spring encodes it
    int n = Integer.parseInt(key.substring(key.indexOf(':') + 1));
    headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(n));
    headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(100 + n));
    return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, 0L, TimestampType.CREATE_TIME,
        -1, -1, key.getBytes(StandardCharsets.UTF_8),
        ("value-of-" + key).getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
