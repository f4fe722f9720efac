package dev.kup.cli;

import dev.kup.schemas.DeadLetterHeaders;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends dead letters back to the topic they came from: the original key and value bytes
 * unchanged (so a row's letters land in its partition again, in their order), the headers kept
 * (kup replaces its {@code kafka_dlt-*} and {@code kup.dlq.*} headers if the record is
 * dead-lettered again) plus {@value #REPLAYED_FROM} naming the letter.
 *
 * <p>Reads every partition of the dead-letter topic from the group's committed offsets (the
 * beginning for a new group) up to the log end taken at the start, so letters written meanwhile,
 * including replayed records dead-lettered again, wait for the next run. Commits the group's
 * offsets only after every replayed record is acknowledged: a crash replays again rather than
 * losing a letter, and a record replayed twice is harmless, since its version no longer matches.
 * A letter written without its value ({@code kup.dlq.value.omitted}) is skipped with a line
 * saying where the original lies. A dry run sends and commits nothing. Does not own the clients;
 * not thread-safe.
 */
final class DeadLetterReplayer {
  static final String REPLAYED_FROM = "kup.replayed.from";
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final PrintStream err;

  DeadLetterReplayer(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
      PrintStream err) {
    this.consumer = consumer;
    this.producer = producer;
    this.err = err;
  }

  /**
   * Replays the letters of {@code deadLetterTopic} that {@code filter} selects.
   *
   * @param dryRun list the selected letters on the error stream instead of sending them
   */
  ReplaySummary replay(String deadLetterTopic, ReplayFilter filter, boolean dryRun) {
    List<TopicPartition> partitions = partitionsOf(deadLetterTopic);
    Set<TopicPartition> partitionSet = Set.copyOf(partitions);
    if (!consumer.assignment().equals(partitionSet)) {
      consumer.assign(partitions);
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitionSet, TIMEOUT);
    Map<TopicPartition, Long> remaining = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata from = committed.get(tp);
      if (from != null) {
        consumer.seek(tp, from.offset());
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
      if (consumer.position(tp, TIMEOUT) < end.get(tp)) {
        remaining.put(tp, end.get(tp));
      }
    }

    List<Future<RecordMetadata>> sends = new ArrayList<>();
    long skipped = 0;
    long lastProgress = System.nanoTime();
    while (!remaining.isEmpty()) {
      if (System.nanoTime() - lastProgress > TIMEOUT.toNanos()) {
        throw new IllegalStateException("no dead letter could be read from " + remaining.keySet()
            + " for " + TIMEOUT.toSeconds() + " s; nothing was committed");
      }
      for (ConsumerRecord<byte[], byte[]> letter : consumer.poll(POLL)) {
        lastProgress = System.nanoTime();
        TopicPartition tp = new TopicPartition(letter.topic(), letter.partition());
        Long stop = remaining.get(tp);
        if (stop == null || letter.offset() >= stop) {
          continue;
        }
        if (!filter.matches(letter)) {
          skipped++;
        } else if (letter.headers().lastHeader(DeadLetterHeaders.VALUE_OMITTED) != null) {
          skipped++; // sending it back would send an empty record; the original is elsewhere
          err.println("cannot replay " + where(letter) + ": " + DeadLetterHeaders.valueOf(
              letter.headers(), DeadLetterHeaders.VALUE_OMITTED));
        } else if (dryRun) {
          sends.add(null);
          err.println("would replay " + where(letter) + " "
              + DeadLetterHeaders.valueOf(letter.headers(), DeadLetterHeaders.REASON) + " key="
              + (letter.key() == null ? "null" : new String(letter.key(), StandardCharsets.UTF_8)));
        } else {
          sends.add(producer.send(replayOf(letter, filter.originalTopic())));
        }
      }
      remaining.keySet().removeIf(tp -> consumer.position(tp, TIMEOUT) >= remaining.get(tp));
    }
    if (dryRun) {
      return new ReplaySummary(sends.size(), skipped, 0);
    }
    producer.flush();
    long failed = 0;
    for (Future<RecordMetadata> send : sends) {
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
      // the position can be past the end taken at the start: letters fetched meanwhile were
      // never looked at, so the commit stops at that end and the next run reads them
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      partitions.forEach(tp -> done.put(tp,
          new OffsetAndMetadata(Math.min(consumer.position(tp, TIMEOUT), end.get(tp)))));
      consumer.commitSync(done, TIMEOUT);
    }
    return new ReplaySummary(sends.size() - failed, skipped, failed);
  }

  private List<TopicPartition> partitionsOf(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("dead-letter topic '" + topic + "' does not exist");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private static ProducerRecord<byte[], byte[]> replayOf(
      ConsumerRecord<byte[], byte[]> letter, String topic) {
    RecordHeaders headers = new RecordHeaders(letter.headers().toArray());
    headers.remove(REPLAYED_FROM);
    headers.add(REPLAYED_FROM, where(letter).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, letter.key(), letter.value(), headers);
  }

  private static String where(ConsumerRecord<byte[], byte[]> letter) {
    return letter.topic() + "/" + letter.partition() + "/" + letter.offset();
  }
}
