package dev.kup.pipeline.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Writes dead letters with a Kafka producer that the caller configures as idempotent with
 * {@code acks=all}; {@link #send} blocks until the broker acknowledged every one (bounded by the
 * producer's {@code delivery.timeout.ms}). Records keep their original key, so the default
 * partitioner puts a row's dead letters in one partition and a replay keeps their order.
 *
 * <p>A letter the broker refuses as too large (its limit can be below what kup read at start) is
 * sent again ever smaller ({@link DeadLetterRecordBuilder#smaller}); any other error Kafka does not
 * call retriable fails the send as not retriable.
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
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(deadLetters.size());
    List<Future<RecordMetadata>> acks = new ArrayList<>(deadLetters.size());
    try {
      for (DeadLetter letter : deadLetters) {
        ProducerRecord<byte[], byte[]> record = builder.build(letter);
        records.add(record);
        acks.add(producer.send(record));
      }
      for (int i = 0; i < acks.size(); i++) {
        await(deadLetters.get(i), records.get(i), acks.get(i));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException("interrupted while waiting for dead-letter acks", e);
    } catch (RuntimeException e) {
      throw e instanceof DeadLetterException d ? d : failed(e);
    }
  }

  private void await(DeadLetter letter, ProducerRecord<byte[], byte[]> sent,
      Future<RecordMetadata> ack) throws InterruptedException {
    try {
      ack.get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof RecordTooLargeException)) {
        throw failed(e.getCause());
      }
      sendSmaller(letter, DeadLetterRecordBuilder.sizeOf(sent), e.getCause());
    }
  }

  private void sendSmaller(DeadLetter letter, int wholeSize, Throwable tooLarge)
      throws InterruptedException {
    Throwable last = tooLarge;
    for (ProducerRecord<byte[], byte[]> smaller : builder.smaller(letter, wholeSize)) {
      try {
        producer.send(smaller).get();
        return;
      } catch (ExecutionException e) {
        last = e.getCause();
        if (!(last instanceof RecordTooLargeException)) {
          throw failed(last);
        }
      }
    }
    throw failed(last);
  }

  private static DeadLetterException failed(Throwable cause) {
    return new DeadLetterException("dead-letter topic could not be written: " + cause, cause,
        cause instanceof RetriableException);
  }
}
