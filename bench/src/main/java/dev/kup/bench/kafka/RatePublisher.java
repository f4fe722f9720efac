package dev.kup.bench.kafka;

import dev.kup.localkit.stream.UpdateStream;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes consecutive updates of a stream at a fixed rate from one thread, continuing where the
 * previous call stopped. When the producer cannot keep up it falls behind and the achieved rate
 * says so. Not thread-safe.
 */
public final class RatePublisher implements AutoCloseable {

  private final UpdateProducer producer;
  private final UpdateStream stream;
  private int next;

  public RatePublisher(String bootstrapServers, String topic, UpdateStream stream) {
    this.producer = new UpdateProducer(bootstrapServers, topic, UpdateProducer.PACED);
    this.stream = stream;
  }

  /**
   * Sends at {@code perSecond} for {@code seconds}, or until the stream runs out.
   *
   * @return what was sent and how long it took
   */
  public Sent publish(int perSecond, double seconds) {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int first = next;
    double nanosPerRecord = 1e9 / perSecond;
    while (next < stream.size()) {
      long due = start + (long) ((next - first) * nanosPerRecord);
      if (due >= end || System.nanoTime() >= end) {
        break;
      }
      long wait = due - System.nanoTime();
      if (wait > 1_000_000) {
        LockSupport.parkNanos(wait);
      }
      producer.send(stream, next++);
    }
    LockSupport.parkNanos(end - System.nanoTime());
    return new Sent(next - first, (System.nanoTime() - start) / 1e9);
  }

  /** Waits until every update sent so far is acknowledged; returns how many that is. */
  public int flush() {
    producer.flush();
    return next;
  }

  @Override
  public void close() {
    producer.close();
  }

  /** Records sent in one call and the seconds it lasted. */
  public record Sent(int records, double seconds) {
    public double perSecond() {
      return records / seconds;
    }
  }
}
