package dev.kup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The stuck decision on a fixed clock: no Kafka, no database. */
class StuckRuleTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private final StuckRule rule = new StuckRule(FIVE_MINUTES, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aPartitionAtItsLogEndIsCaughtUpHoweverOldItsLastCommit() {
    PartitionStatus status = rule.judge(facts(0, 100, 100, storedAgo(100, Duration.ofDays(3))));

    assertThat(status.state()).isEqualTo(PartitionState.CAUGHT_UP);
    assertThat(status.lag()).isZero();
    assertThat(status.lastCommitAge()).contains(Duration.ofDays(3));
  }

  @Test
  void recordsWaitingWithARecentCommitAreProgressing() {
    PartitionStatus status = rule.judge(facts(0, 100, 120, storedAgo(100, Duration.ofSeconds(20))));

    assertThat(status.state()).isEqualTo(PartitionState.PROGRESSING);
    assertThat(status.lag()).isEqualTo(20);
    assertThat(status.stuck()).isFalse();
  }

  @Test
  void recordsWaitingWithNoCommitForLongerThanStuckAfterAreStuck() {
    PartitionStatus status = rule.judge(facts(0, 100, 120, storedAgo(100, Duration.ofMinutes(7))));

    assertThat(status.state()).isEqualTo(PartitionState.STUCK);
    assertThat(status.stuck()).isTrue();
  }

  @Test
  void aCommitExactlyStuckAfterAgoIsNotYetStuck() {
    assertThat(rule.judge(facts(0, 100, 120, storedAgo(100, FIVE_MINUTES))).state())
        .isEqualTo(PartitionState.PROGRESSING);
    assertThat(rule.judge(facts(0, 100, 120, storedAgo(100, FIVE_MINUTES.plusMillis(1)))).state())
        .isEqualTo(PartitionState.STUCK);
  }

  @Test
  void theLagCountsFromTheStoredOffsetNotFromKafkasTrailingMirror() {
    PartitionFacts facts = new PartitionFacts(0, 0, 120, OptionalLong.of(90),
        storedAgo(118, Duration.ofSeconds(1)), java.util.Optional.empty());

    assertThat(rule.judge(facts).lag()).isEqualTo(2);
  }

  @Test
  void withoutADatabaseTheLagCountsFromKafkasCommittedOffsetAndCannotBeJudgedStuck() {
    PartitionFacts facts = PartitionFacts.ofKafka(0, 0, 120, OptionalLong.of(90));

    PartitionStatus status = rule.judge(facts);

    assertThat(status.lag()).isEqualTo(30);
    assertThat(status.state()).isEqualTo(PartitionState.UNKNOWN);
    assertThat(status.lastCommitAge()).isEmpty();
  }

  @Test
  void aNeverCommittedPartitionWaitsUntilItsOldestRecordIsOlderThanStuckAfter() {
    PartitionFacts young = facts(0, 10, 30, new StoredOffset.Missing())
        .withOldestWaitingAt(NOW.minus(Duration.ofMinutes(2)));
    PartitionFacts old = facts(0, 10, 30, new StoredOffset.Missing())
        .withOldestWaitingAt(NOW.minus(Duration.ofMinutes(6)));

    assertThat(rule.judge(young).state()).isEqualTo(PartitionState.WAITING);
    assertThat(rule.judge(old).state()).isEqualTo(PartitionState.STUCK);
    assertThat(rule.judge(old).oldestWaitingAge()).contains(Duration.ofMinutes(6));
    assertThat(rule.judge(old).lag()).as("from the log start").isEqualTo(20);
  }

  @Test
  void aNeverCommittedPartitionWhoseOldestRecordIsUnreadIsOnlyWaiting() {
    PartitionFacts facts = facts(0, 0, 30, new StoredOffset.Missing());

    assertThat(facts.needsOldestWaitingRecord()).isTrue();
    assertThat(rule.judge(facts).state()).isEqualTo(PartitionState.WAITING);
  }

  @Test
  void withoutADatabaseAPartitionNeverCommittedToKafkaIsJudgedByItsOldestRecord() {
    PartitionFacts facts = PartitionFacts.ofKafka(0, 5, 30, OptionalLong.empty())
        .withOldestWaitingAt(NOW.minus(Duration.ofHours(1)));

    assertThat(facts.firstWaitingOffset()).isEqualTo(5);
    assertThat(rule.judge(facts).state()).isEqualTo(PartitionState.STUCK);
  }

  @Test
  void aStoredRowMissingWhileKafkaHasACommitCountsAsNeverCommittedByKup() {
    PartitionFacts facts = new PartitionFacts(0, 0, 30, OptionalLong.of(25),
        new StoredOffset.Missing(), java.util.Optional.empty());

    assertThat(facts.neverCommitted()).isTrue();
    assertThat(facts.firstWaitingOffset()).isEqualTo(25);
    assertThat(facts.lag()).isEqualTo(5);
  }

  @Test
  void anEmptyNeverCommittedPartitionIsCaughtUpAndNeedsNoRecordRead() {
    PartitionFacts facts = facts(0, 40, 40, new StoredOffset.Missing());

    assertThat(facts.needsOldestWaitingRecord()).isFalse();
    assertThat(rule.judge(facts).state()).isEqualTo(PartitionState.CAUGHT_UP);
  }

  @Test
  void aCommitTimeAheadOfThisClockCountsAsNow() {
    PartitionStatus status = rule.judge(facts(0, 100, 120, storedAgo(100, Duration.ofMinutes(-3))));

    assertThat(status.lastCommitAge()).contains(Duration.ZERO);
    assertThat(status.state()).isEqualTo(PartitionState.PROGRESSING);
  }

  @Test
  void aStuckAfterThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new StuckRule(Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--stuck-after");
  }

  private static PartitionFacts facts(int partition, long logStart, long logEnd, StoredOffset stored) {
    return PartitionFacts.ofKafka(partition, logStart, logEnd, OptionalLong.empty()).withStored(stored);
  }

  private static StoredOffset storedAgo(long nextOffset, Duration ago) {
    return new StoredOffset.Committed(nextOffset, NOW.minus(ago));
  }
}
