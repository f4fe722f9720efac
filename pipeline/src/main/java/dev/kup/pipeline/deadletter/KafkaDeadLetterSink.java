package dev.kup.pipeline.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes dead letters with a Kafka producer that the caller configures as idempotent with
 * {@code acks=all}; {@link #send} blocks until the broker acknowledged every one (bounded by the
 * producer's {@code delivery.timeout.ms}). Records keep their original key, so the default
 * partitioner puts a row's dead letters in one partition and a replay keeps their order.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink {
  private final Producer<byte[], byte[]> producer;
  private final DeadLetterRecordBuilder builder;

  public KafkaDeadLetterSink(Producer<byte[], byte[]> producer, DeadLetterRecordBuilder builder) {
    this.producer = producer;
    this.builder = builder;
  }

  @Override
  public void send(List<DeadLetter> deadLetters) {
    if (deadLetters.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>(deadLetters.size());
    try {
      for (DeadLetter letter : deadLetters) {
        acks.add(producer.send(builder.build(letter)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException("interrupted while waiting for dead-letter acks", e);
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new DeadLetterException("dead-letter topic could not be written: " + cause, cause);
    }
  }
}
