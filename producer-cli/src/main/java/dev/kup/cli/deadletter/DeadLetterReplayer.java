package dev.kup.cli.deadletter;

import dev.kup.schemas.DeadLetterHeaders;
import dev.failsafe.RateLimiter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends dead letters back: the original key and value bytes unchanged (so a row's letters land in
 * its partition again, in their order), the headers kept (kup replaces its {@code kafka_dlt-*} and
 * {@code kup.dlq.*} headers if the record is dead-lettered again) plus {@code kup.replayed.from}
 * naming the letter and {@code kup.replay.count} one higher than the letter's.
 *
 * <p>Reads every partition of the dead-letter topic from the group's committed offsets (the
 * beginning for a new group) up to the log end taken at the start, so letters written meanwhile,
 * including replayed records dead-lettered again, wait for the next run. Every {@link #CHECKPOINT}
 * and at the end it waits for every send so far to be acknowledged, then commits the group's
 * position: a run killed half-way resumes from its last checkpoint, replaying at most what it sent
 * since (harmless: a replayed record whose version no longer matches is a conflict, not a second
 * write). A failed send stops the run without committing past it.
 *
 * <p>The loop guard: a letter replayed {@code maxReplays} times already is refused and listed, so
 * a record that keeps failing cannot circle for ever. A letter written without its value ({@code
 * kup.dlq.value.omitted}) is skipped with a line saying where the original lies. A dry run sends
 * and commits nothing. Does not own the clients; not thread-safe.
 */
final class DeadLetterReplayer {
  static final String REPLAYED_FROM = DeadLetterHeaders.REPLAYED_FROM;
  static final Duration CHECKPOINT = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final PrintStream err;
  private final Clock clock;

  DeadLetterReplayer(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
      PrintStream err, Clock clock) {
    this.consumer = consumer;
    this.producer = producer;
    this.err = err;
    this.clock = clock;
  }

  DeadLetterReplayer(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
      PrintStream err) {
    this(consumer, producer, err, Clock.systemUTC());
  }

  /** Replays the letters {@code plan} selects. */
  ReplaySummary replay(ReplayPlan plan) {
    List<TopicPartition> partitions =
        DeadLetterTopicReader.partitionsOf(consumer, plan.deadLetterTopic());
    if (!consumer.assignment().equals(Set.copyOf(partitions))) {
      consumer.assign(partitions);
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(Set.copyOf(partitions), TIMEOUT);
    Map<TopicPartition, Long> remaining = new HashMap<>();
    long total = 0;
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata from = committed.get(tp);
      if (from != null) {
        consumer.seek(tp, from.offset());
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
      long position = consumer.position(tp, TIMEOUT);
      if (position < end.get(tp)) {
        remaining.put(tp, end.get(tp));
        total += end.get(tp) - position;
      }
    }

    RateLimiter<Object> rate = plan.ratePerSecond() > 0 && !plan.dryRun()
        ? RateLimiter.smoothBuilder(Duration.ofNanos((long) (1e9 / plan.ratePerSecond()))).build()
        : null;
    Progress progress = new Progress(total);
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    long lastCheckpoint = clock.millis();
    long lastRead = clock.millis();
    while (!remaining.isEmpty()) {
      if (clock.millis() - lastRead > TIMEOUT.toMillis()) {
        throw new IllegalStateException("no dead letter could be read from " + remaining.keySet()
            + " for " + TIMEOUT.toSeconds() + " s; nothing more was committed");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        lastRead = clock.millis();
        Long stop = remaining.get(new TopicPartition(record.topic(), record.partition()));
        if (stop == null || record.offset() >= stop) {
          continue;
        }
        progress.read++;
        DeadLetterView letter = DeadLetterView.of(record);
        if (!plan.filter().matches(letter)) {
          progress.skipped++;
        } else if (record.headers().lastHeader(DeadLetterHeaders.VALUE_OMITTED) != null) {
          progress.skipped++; // sending it back would send an empty record; the original is elsewhere
          err.println("cannot replay " + where(record) + ": " + DeadLetterHeaders.valueOf(
              record.headers(), DeadLetterHeaders.VALUE_OMITTED));
        } else if (letter.replays() >= plan.maxReplays()) {
          progress.refused++;
          err.println("refused " + where(record) + " " + letter.reason() + " key=" + letter.key()
              + ": replayed " + letter.replays() + " times already (--max-replays "
              + plan.maxReplays() + ")");
        } else if (plan.dryRun()) {
          progress.replayed++;
          err.println("would replay " + where(record) + " " + letter.reason() + " key="
              + letter.key());
        } else {
          if (rate != null) {
            acquire(rate);
          }
          pending.add(producer.send(replayOf(letter, plan.destination())));
          progress.replayed++;
        }
      }
      remaining.keySet().removeIf(tp -> consumer.position(tp, TIMEOUT) >= remaining.get(tp));
      if (!plan.dryRun() && clock.millis() - lastCheckpoint >= CHECKPOINT.toMillis()) {
        long failed = checkpoint(pending, partitions, end);
        if (failed > 0) {
          return progress.summary(failed);
        }
        lastCheckpoint = clock.millis();
        err.println(progress.line());
      }
    }
    if (plan.dryRun()) {
      return progress.summary(0);
    }
    return progress.summary(checkpoint(pending, partitions, end));
  }

  /**
   * Waits for every pending send; when all were acknowledged commits the group's position (never
   * past the end taken at the start: letters fetched beyond it were not looked at).
   *
   * @return how many sends failed; nothing was committed when any did
   */
  private long checkpoint(List<Future<RecordMetadata>> pending, List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    producer.flush();
    long failed = 0;
    for (Future<RecordMetadata> send : pending) {
      try {
        send.get();
      } catch (ExecutionException e) {
        failed++;
        err.println("send failed: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed++;
      }
    }
    if (failed == 0) {
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      partitions.forEach(tp -> done.put(tp,
          new OffsetAndMetadata(Math.min(consumer.position(tp, TIMEOUT), end.get(tp)))));
      consumer.commitSync(done, TIMEOUT);
      pending.clear();
    }
    return failed;
  }

  private static void acquire(RateLimiter<Object> rate) {
    try {
      rate.acquirePermit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for --rate", e);
    }
  }

  private static ProducerRecord<byte[], byte[]> replayOf(DeadLetterView letter, String topic) {
    ConsumerRecord<byte[], byte[]> record = letter.record();
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.remove(DeadLetterHeaders.REPLAYED_FROM);
    headers.remove(DeadLetterHeaders.REPLAY_COUNT);
    headers.add(DeadLetterHeaders.REPLAYED_FROM, where(record).getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.REPLAY_COUNT,
        Long.toString(letter.replays() + 1).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
  }

  private static String where(ConsumerRecord<byte[], byte[]> letter) {
    return letter.topic() + "/" + letter.partition() + "/" + letter.offset();
  }

  /** Counts so far, and the progress line long runs print on stderr at each checkpoint. */
  private static final class Progress {
    private final long total;
    long read;
    long replayed;
    long skipped;
    long refused;

    Progress(long total) {
      this.total = total;
    }

    String line() {
      return "replay: read " + read + " of " + total + " letters; replayed=" + replayed
          + " skipped=" + skipped + " refused=" + refused;
    }

    ReplaySummary summary(long failed) {
      return new ReplaySummary(replayed - failed, skipped, failed, refused);
    }
  }
}
