package dev.kup.demo.stream;

import dev.kup.localkit.stream.ChainedUpdate;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.TableRows;
import dev.kup.localkit.stream.UpdateGenerator;
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
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo's update stream for {@code accounts} rows 1..rows, all at version 0: mostly the shared
 * generator's chained updates (with an {@code updated_at} and a {@code balance} change added), a
 * share of stale versions (version conflicts) and a share of poison records (broken JSON, an
 * unknown column, a value of the wrong type). Keeps the {@link StreamPlan} of what applying them
 * in order must give. Deterministic for a seed. Not thread-safe.
 */
public final class DemoStream {
  public static final String TABLE = "accounts";
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final double staleShare;
  private final double poisonShare;
  private final UpdateGenerator generator;
  // the demo's own draws (which kind of record, the balance change), apart from the generator's
  private final SplittableRandom random;

  /**
   * @param rows rows in the table, ids 1..rows, each at version 0
   * @param staleShare share of records carrying a version the row is not at (0 to 1)
   * @param poisonShare share of records that can never apply (0 to 1)
   * @param seed the same seed gives the same stream
   */
  public DemoStream(int rows, double staleShare, double poisonShare, long seed) {
    if (staleShare < 0 || poisonShare < 0 || staleShare + poisonShare > 1) {
      throw new IllegalArgumentException("shares must be in 0..1 and add up to at most 1");
    }
    this.staleShare = staleShare;
    this.poisonShare = poisonShare;
    this.generator = new UpdateGenerator(
        new TableRows(TABLE, rows, 0), KeyDistribution.UNIFORM.sampler(rows), seed);
    this.random = new SplittableRandom(seed).split();
  }

  /** Writes {@code count} records as JSON lines to {@code out} and returns their plan. */
  public StreamPlan write(long count, OutputStream out) {
    Map<String, Long> deadLetters = new HashMap<>();
    long applicable = 0;
    long pointsAdded = 0;
    try {
      for (long i = 0; i < count; i++) {
        double roll = random.nextDouble();
        byte[] line;
        if (roll < poisonShare) {
          DeadLetterReason reason = poisonReason(i);
          long id = generator.pickRow();
          line = poison(reason, id, generator.version(id));
          deadLetters.merge(reason.name(), 1L, Long::sum);
        } else if (roll < poisonShare + staleShare) {
          line = json(stale(generator.pickRow()), i);
          deadLetters.merge(DeadLetterReason.VERSION_CONFLICT.name(), 1L, Long::sum);
        } else {
          ChainedUpdate update = generator.next();
          line = json(withTimeAndBalance(update, i), i);
          applicable++;
          pointsAdded += update.points();
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

  /**
   * An update the row is never at when it arrives: every earlier update of the row sits before it
   * in the same partition, and none after it has been applied yet.
   */
  private UpdateRecord stale(long id) {
    long version = generator.version(id);
    long stale = version > 0 ? version - 1 : version + 1;
    return UpdateRecord.update(TABLE, TableRows.key(id), stale).set("status", "stale");
  }

  private UpdateRecord withTimeAndBalance(ChainedUpdate update, long n) {
    BigDecimal amount = BigDecimal.valueOf(random.nextInt(-5_000, 10_000), 2);
    return update.record()
        .set("updated_at", START.plusMillis(n).toString())
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
      case UNKNOWN_COLUMN -> UpdateRecordJson.toJson(
          UpdateRecord.update(TABLE, TableRows.key(id), version).set("nickname", "x"));
      case TYPE_MISMATCH -> UpdateRecordJson.toJson(
          UpdateRecord.update(TABLE, TableRows.key(id), version).set("points", "lots"));
      default -> throw new IllegalArgumentException("no poison for " + reason);
    };
  }

  private static byte[] json(UpdateRecord record, long n) {
    return UpdateRecordJson.toJson(record.withId("demo-" + n));
  }
}
