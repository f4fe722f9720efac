package dev.kup.cli.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes JSON lines, one record per non-blank line, each line's bytes sent unchanged to one
 * topic, and reports every line it did not send on the error stream as {@code line <n>: <reason>:
 * <message>}. Does not own the producer: the caller closes it. Not thread-safe; one run at a time.
 */
public final class Publisher {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final LineCheck check;
  private final PrintStream err;

  /**
   * @param producer sends the records; stays open
   * @param topic the topic every line goes to
   * @param check decides per line whether to send it and with which key
   * @param err where each line not sent is reported
   */
  public Publisher(
      Producer<String, byte[]> producer, String topic, LineCheck check, PrintStream err) {
    this.producer = producer;
    this.topic = topic;
    this.check = check;
    this.err = err;
  }

  /** Sends every line of {@code in}, waits until each is acknowledged or failed, and counts. */
  public PublishSummary publish(InputStream in) throws IOException {
    JsonLineReader lines = new JsonLineReader(in);
    Deque<Pending> pending = new ArrayDeque<>();
    Counts counts = new Counts();
    for (JsonLineReader.Line line = lines.next(); line != null; line = lines.next()) {
      if (!line.isBlank()) {
        handle(line, pending, counts);
        settleCompleted(pending, counts);
      }
    }
    producer.flush();
    while (!pending.isEmpty()) {
      settle(pending.removeFirst(), counts);
    }
    return new PublishSummary(counts.sent, counts.rejected, counts.failed);
  }

  private void handle(JsonLineReader.Line line, Deque<Pending> pending, Counts counts) {
    LineCheck.Verdict verdict = check.check(line.bytes());
    if (verdict instanceof LineCheck.Reject reject) {
      counts.rejected++;
      report(line.number(), reject.reason(), reject.message());
      return;
    }
    String key = ((LineCheck.Send) verdict).kafkaKey();
    try {
      pending.addLast(
          new Pending(
              line.number(), producer.send(new ProducerRecord<>(topic, key, line.bytes()))));
    } catch (RuntimeException e) {
      // send() throws for what it can tell at once (e.g. a closed producer); the rest fail later
      counts.failed++;
      reportSendFailure(line.number(), e);
    }
  }

  /** Settles acknowledged sends in line order, so memory holds only what is in flight. */
  private void settleCompleted(Deque<Pending> pending, Counts counts) {
    while (!pending.isEmpty() && pending.peekFirst().result().isDone()) {
      settle(pending.removeFirst(), counts);
    }
  }

  private void settle(Pending send, Counts counts) {
    try {
      send.result().get();
      counts.sent++;
    } catch (ExecutionException e) {
      counts.failed++;
      reportSendFailure(send.line(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      counts.failed++;
      reportSendFailure(send.line(), e);
    }
  }

  private void reportSendFailure(int line, Throwable e) {
    report(line, "SEND_FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  private void report(int line, String reason, String message) {
    err.println("line " + line + ": " + reason + ": " + message);
  }

  private record Pending(int line, Future<RecordMetadata> result) {}

  private static final class Counts {
    int sent;
    int rejected;
    int failed;
  }
}
