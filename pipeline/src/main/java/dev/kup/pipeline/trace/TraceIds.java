package dev.kup.pipeline.trace;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C trace-context identifiers: a batch's trace id (32 lower-case hex digits, not all zero) can
 * join a distributed trace later. Thread-safe.
 */
public final class TraceIds {
  /** The log-context key under which a batch's trace id is put while it is processed. */
  public static final String MDC_KEY = "trace.id";

  private TraceIds() {}

  public static String newTraceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong();
    long low = random.nextLong();
    if (high == 0 && low == 0) {
      low = 1;
    }
    HexFormat hex = HexFormat.of();
    return hex.toHexDigits(high) + hex.toHexDigits(low);
  }

  /** A {@code traceparent} header value for the trace id with a fresh span id, sampled. */
  public static String traceparent(String traceId) {
    long span = ThreadLocalRandom.current().nextLong() | 1L;
    return "00-" + traceId + "-" + HexFormat.of().toHexDigits(span) + "-01";
  }
}
