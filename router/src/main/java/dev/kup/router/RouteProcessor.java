package dev.kup.router;

import dev.kup.schemas.DeadLetterHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes each record as it comes, forwarding at once, so the output keeps the order of each input
 * partition: an update record goes to {@link RouterTopology#UPDATES_SINK} keyed {@code
 * table:canonical-key} with its canonical JSON as value and the input's own headers (earlier
 * dead-letter headers, left by a replay, dropped); anything else goes to {@link
 * RouterTopology#DEAD_LETTER_SINK}. Both keep the input record's timestamp. One instance per
 * stream task, as Kafka Streams uses processors.
 */
final class RouteProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private final RecordRouter router;
  private final RouterDeadLetters deadLetters;
  private ProcessorContext<byte[], byte[]> context;

  RouteProcessor(RecordRouter router, RouterDeadLetters deadLetters) {
    this.router = router;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Route route = router.route(record.value());
    if (route instanceof Route.Forward forward) {
      context.forward(new Record<>(forward.key(), forward.value(), record.timestamp(),
          ownHeaders(record.headers())), RouterTopology.UPDATES_SINK);
    } else {
      // process() is only ever called for a record read from a topic, which has its metadata
      RecordMetadata metadata = context.recordMetadata().orElseThrow();
      context.forward(deadLetters.letter((Route.Rejected) route, record, metadata),
          RouterTopology.DEAD_LETTER_SINK);
    }
  }

  private static Headers ownHeaders(Headers headers) {
    Headers own = new RecordHeaders();
    for (Header header : headers) {
      if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
        own.add(header);
      }
    }
    return own;
  }
}
