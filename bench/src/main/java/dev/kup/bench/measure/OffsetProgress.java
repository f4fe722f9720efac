package dev.kup.bench.measure;

import dev.kup.bench.data.BenchDatabase;
import dev.kup.bench.data.DatabaseEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Follows a consumer group's progress through a topic in kup's {@code kup_offsets} table: the sum
 * of {@code next_offset} over the partitions is the number of records committed, and {@code
 * updated_at} is when each partition's last batch claimed its offset (kup's clock, taken as the
 * batch's transaction begins). Polls every 100 ms on the calling thread.
 */
public final class OffsetProgress implements AutoCloseable {

  /** How often {@code kup_offsets} is read. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final Connection connection;
  private final PreparedStatement query;
  private final DatabaseEngine engine;

  public OffsetProgress(BenchDatabase database, String groupId, String topic) throws SQLException {
    this.engine = database.engine();
    this.connection = database.connect();
    this.query = connection.prepareStatement(
        "SELECT coalesce(sum(next_offset), 0), max(updated_at) FROM kup_offsets"
            + " WHERE group_id = ? AND topic = ?");
    query.setString(1, groupId);
    query.setString(2, topic);
  }

  /**
   * Polls until {@code total} records are committed.
   *
   * @param alive false once the consumer died: then waiting is pointless
   * @return the first reading that showed progress and the one that showed completion
   * @throws IllegalStateException on timeout or when {@code alive} turns false
   */
  public Drain awaitCommitted(long total, Duration timeout, BooleanSupplier alive)
      throws SQLException, InterruptedException {
    Drain drain = tryAwaitCommitted(total, timeout, alive);
    if (drain == null) {
      throw new IllegalStateException("consumer still at " + read().committed() + " of " + total
          + " records after " + timeout);
    }
    return drain;
  }

  /**
   * Like {@link #awaitCommitted} but returns null on timeout.
   *
   * @throws IllegalStateException when {@code alive} turns false
   */
  public Drain tryAwaitCommitted(long total, Duration timeout, BooleanSupplier alive)
      throws SQLException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Reading first = null;
    while (true) {
      Reading now = read();
      if (first == null && now.committed() > 0) {
        first = now;
      }
      if (now.committed() >= total) {
        return new Drain(first == null ? now : first, now);
      }
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(
            "consumer died at " + now.committed() + " of " + total + " records");
      }
      if (Instant.now().isAfter(deadline)) {
        return null;
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  /** One reading now; {@code committed} is 0 while kup has not created its table yet. */
  public Reading read() throws SQLException {
    Instant observed = Instant.now();
    try (ResultSet row = query.executeQuery()) {
      row.next();
      return new Reading(observed, row.getLong(1),
          KupOffsetsColumns.claimTime(row, 2, engine));
    } catch (SQLException e) {
      if (KupOffsetsColumns.noSuchTable(e)) {
        return new Reading(observed, 0, null);
      }
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  /**
   * @param observed when this benchmark read it
   * @param committed records committed by the group
   * @param lastClaim the latest {@code updated_at}; null before the first commit
   */
  public record Reading(Instant observed, long committed, Instant lastClaim) {}

  /**
   * A drain from its first visible progress to its completion.
   *
   * @param first the first reading with {@code committed > 0}
   * @param done the reading with everything committed
   */
  public record Drain(Reading first, Reading done) {

    /**
     * Records per second between the two readings, timed by kup's own {@code updated_at}: the
     * records committed after the first reading over the time between the two readings' latest
     * claims. Falls back to the observation times when the claims coincide.
     */
    public double recordsPerSecond() {
      double seconds = Duration.between(windowStart(), windowEnd()).toNanos() / 1e9;
      return seconds <= 0 ? Double.NaN : records() / seconds;
    }

    /** The records committed after the first reading: those the rate counts. */
    public long records() {
      return done.committed() - first.committed();
    }

    /** Where the rate's window starts: the first reading's latest claim, or its observation. */
    public Instant windowStart() {
      return timedByClaims() ? first.lastClaim() : first.observed();
    }

    /** Where the rate's window ends: the last reading's latest claim, or its observation. */
    public Instant windowEnd() {
      return timedByClaims() ? done.lastClaim() : done.observed();
    }

    private boolean timedByClaims() {
      return first.lastClaim() != null && done.lastClaim().isAfter(first.lastClaim());
    }

    /** Seconds from the first claim seen to the last. */
    public double seconds() {
      return Duration.between(first.lastClaim(), done.lastClaim()).toNanos() / 1e9;
    }
  }
}
