package dev.kup.demo.stream;

import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the demo's update stream for {@code accounts} rows 1..rows, all at version 0: mostly
 * valid updates at each row's current version, a share of stale versions (version conflicts) and
 * a share of poison records (broken JSON, an unknown column, a value of the wrong type), and keeps
 * the {@link StreamPlan} of what applying them in order must give. Deterministic for a seed.
 */
public final class UpdateStreamGenerator {
  public static final String TABLE = "accounts";
  private static final List<String> STATUSES = List.of("active", "gold", "silver", "frozen");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final int rows;
  private final double staleShare;
  private final double poisonShare;
  private final SplittableRandom random;

  /**
   * @param rows rows in the table, ids 1..rows, each at version 0
   * @param staleShare share of records carrying a version the row is not at (0 to 1)
   * @param poisonShare share of records that can never apply (0 to 1)
   * @param seed the same seed gives the same stream
   */
  public UpdateStreamGenerator(int rows, double staleShare, double poisonShare, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, was " + rows);
    }
    if (staleShare < 0 || poisonShare < 0 || staleShare + poisonShare > 1) {
      throw new IllegalArgumentException("shares must be in 0..1 and add up to at most 1");
    }
    this.rows = rows;
    this.staleShare = staleShare;
    this.poisonShare = poisonShare;
    this.random = new SplittableRandom(seed);
  }

  /** Writes {@code count} records as JSON lines to {@code out} and returns their plan. */
  public StreamPlan write(long count, OutputStream out) {
    long[] versions = new long[rows + 1];
    Map<String, Long> deadLetters = new HashMap<>();
    long applicable = 0;
    long pointsAdded = 0;
    try {
      for (long i = 0; i < count; i++) {
        long id = 1 + random.nextInt(rows);
        long version = versions[(int) id];
        double roll = random.nextDouble();
        byte[] line;
        if (roll < poisonShare) {
          DeadLetterReason reason = poisonReason(i);
          line = poison(reason, id, version);
          deadLetters.merge(reason.name(), 1L, Long::sum);
        } else if (roll < poisonShare + staleShare) {
          // the row is never at this version when the record arrives: all its earlier updates
          // sit before it in the same partition
          long stale = version > 0 ? version - 1 : version + 1;
          line = json(UpdateRecord.update(TABLE, key(id), stale).set("status", "stale"), i);
          deadLetters.merge(DeadLetterReason.VERSION_CONFLICT.name(), 1L, Long::sum);
        } else {
          int points = 1 + random.nextInt(10);
          line = json(validUpdate(id, version, points, i), i);
          versions[(int) id]++;
          applicable++;
          pointsAdded += points;
        }
        out.write(line);
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the update stream", e);
    }
    return new StreamPlan(count, applicable, deadLetters, pointsAdded);
  }

  private UpdateRecord validUpdate(long id, long version, int points, long n) {
    BigDecimal amount = BigDecimal.valueOf(random.nextInt(-5_000, 10_000), 2);
    return UpdateRecord.update(TABLE, key(id), version)
        .set("status", STATUSES.get(random.nextInt(STATUSES.size())))
        .set("updated_at", START.plusMillis(n).toString())
        .increment("points", (long) points)
        .increment("balance", amount);
  }

  private static DeadLetterReason poisonReason(long n) {
    return switch ((int) (n % 3)) {
      case 0 -> DeadLetterReason.MALFORMED_JSON;
      case 1 -> DeadLetterReason.UNKNOWN_COLUMN;
      default -> DeadLetterReason.TYPE_MISMATCH;
    };
  }

  private static byte[] poison(DeadLetterReason reason, long id, long version) {
    return switch (reason) {
      case MALFORMED_JSON -> ("{\"table\":\"accounts\",\"key\":{\"id\":" + id + "},\"version\":"
          + version + ",\"set\":{\"status\":").getBytes(StandardCharsets.UTF_8);
      case UNKNOWN_COLUMN ->
          UpdateRecordJson.toJson(UpdateRecord.update(TABLE, key(id), version).set("nickname", "x"));
      case TYPE_MISMATCH ->
          UpdateRecordJson.toJson(UpdateRecord.update(TABLE, key(id), version).set("points", "lots"));
      default -> throw new IllegalArgumentException("no poison for " + reason);
    };
  }

  private static byte[] json(UpdateRecord record, long n) {
    return UpdateRecordJson.toJson(record.withId("demo-" + n));
  }

  private static Map<String, Long> key(long id) {
    return Map.of("id", id);
  }
}
