package dev.kup.cli.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The stuck decision on a fixed clock: no Kafka, no database. */
class StuckRuleTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private final StuckRule rule = new StuckRule(FIVE_MINUTES, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aPartitionAtItsLogEndIsCaughtUpHoweverOldItsLastCommit() {
    PartitionFacts facts = facts(100, 100, storedAgo(100, Duration.ofDays(3)));

    PartitionStatus status = rule.judge(facts);

    assertThat(rule.needsOldestWaitingRecord(facts)).isFalse();
    assertThat(status.state()).isEqualTo(PartitionState.CAUGHT_UP);
    assertThat(status.lag()).isZero();
    assertThat(status.lastCommitAge()).contains(Duration.ofDays(3));
  }

  @Test
  void recordsWaitingWithACommitWithinStuckAfterAreProgressingWithoutReadingARecord() {
    PartitionFacts facts = facts(100, 120, storedAgo(100, FIVE_MINUTES));

    assertThat(rule.needsOldestWaitingRecord(facts)).isFalse();
    assertThat(rule.judge(facts).state()).isEqualTo(PartitionState.PROGRESSING);
    assertThat(rule.judge(facts).lag()).isEqualTo(20);
  }

  @Test
  void recordsThatWaitedLongerThanStuckAfterSinceAnOlderCommitAreStuck() {
    PartitionFacts facts = facts(100, 120, storedAgo(100, Duration.ofMinutes(30)));
    assertThat(rule.needsOldestWaitingRecord(facts)).isTrue();

    PartitionStatus status = rule.judge(facts.withOldestWaitingAt(NOW.minus(Duration.ofMinutes(7))));

    assertThat(status.state()).isEqualTo(PartitionState.STUCK);
    assertThat(status.stuck()).isTrue();
    assertThat(status.oldestWaitingAge()).contains(Duration.ofMinutes(7));
  }

  @Test
  void anIdlePartitionThatJustReceivedARecordIsOnlyWaiting() {
    PartitionFacts facts = facts(100, 101, storedAgo(100, Duration.ofHours(6)))
        .withOldestWaitingAt(NOW.minusSeconds(3));

    assertThat(rule.judge(facts).state()).isEqualTo(PartitionState.WAITING);
  }

  @Test
  void aRecordWaitingExactlyStuckAfterIsNotYetStuck() {
    PartitionFacts facts = facts(100, 120, storedAgo(100, Duration.ofHours(1)));

    assertThat(rule.judge(facts.withOldestWaitingAt(NOW.minus(FIVE_MINUTES))).state())
        .isEqualTo(PartitionState.WAITING);
    assertThat(rule.judge(facts.withOldestWaitingAt(NOW.minus(FIVE_MINUTES).minusMillis(1)))
        .state()).isEqualTo(PartitionState.STUCK);
  }

  @Test
  void anOldCommitWhoseWaitingRecordWasNotReadIsOnlyWaiting() {
    assertThat(rule.judge(facts(100, 120, storedAgo(100, Duration.ofHours(1)))).state())
        .isEqualTo(PartitionState.WAITING);
  }

  @Test
  void theLagCountsFromTheStoredOffsetNotFromKafkasTrailingMirror() {
    PartitionFacts facts = new PartitionFacts(0, 0, 120, OptionalLong.of(90),
        storedAgo(118, Duration.ofSeconds(1)), Optional.empty());

    assertThat(rule.judge(facts).lag()).isEqualTo(2);
    assertThat(facts.firstWaitingOffset()).isEqualTo(118);
  }

  @Test
  void withoutADatabaseTheLagCountsFromKafkasCommittedOffsetAndCannotBeJudgedStuck() {
    PartitionFacts facts = PartitionFacts.ofKafka(0, 0, 120, OptionalLong.of(90));

    PartitionStatus status = rule.judge(facts);

    assertThat(rule.needsOldestWaitingRecord(facts)).isFalse();
    assertThat(status.lag()).isEqualTo(30);
    assertThat(status.state()).isEqualTo(PartitionState.UNKNOWN);
    assertThat(status.lastCommitAge()).isEmpty();
  }

  @Test
  void aNeverCommittedPartitionWaitsUntilItsFirstRecordIsOlderThanStuckAfter() {
    PartitionFacts never = facts(10, 30, new StoredOffset.Missing());
    assertThat(rule.needsOldestWaitingRecord(never)).isTrue();

    PartitionStatus young = rule.judge(never.withOldestWaitingAt(NOW.minus(Duration.ofMinutes(2))));
    PartitionStatus old = rule.judge(never.withOldestWaitingAt(NOW.minus(Duration.ofMinutes(6))));

    assertThat(young.state()).isEqualTo(PartitionState.WAITING);
    assertThat(old.state()).isEqualTo(PartitionState.STUCK);
    assertThat(old.lag()).as("from the log start").isEqualTo(20);
    assertThat(rule.judge(never).state()).as("record unread").isEqualTo(PartitionState.WAITING);
  }

  @Test
  void withoutADatabaseAPartitionNeverCommittedToKafkaIsJudgedByItsFirstRecord() {
    PartitionFacts facts = PartitionFacts.ofKafka(0, 5, 30, OptionalLong.empty());

    assertThat(rule.needsOldestWaitingRecord(facts)).isTrue();
    assertThat(facts.firstWaitingOffset()).isEqualTo(5);
    assertThat(rule.judge(facts.withOldestWaitingAt(NOW.minus(Duration.ofHours(1)))).state())
        .isEqualTo(PartitionState.STUCK);
  }

  @Test
  void aStoredRowMissingWhileKafkaHasACommitCountsAsNeverCommittedByKup() {
    PartitionFacts facts = new PartitionFacts(0, 0, 30, OptionalLong.of(25),
        new StoredOffset.Missing(), Optional.empty());

    assertThat(facts.neverCommitted()).isTrue();
    assertThat(facts.firstWaitingOffset()).isEqualTo(25);
    assertThat(facts.lag()).isEqualTo(5);
  }

  @Test
  void aPositionBeforeTheLogStartWaitsFromTheLogStart() {
    PartitionFacts facts = facts(50, 80, storedAgo(20, Duration.ofHours(1)));

    assertThat(facts.lag()).isEqualTo(60);
    assertThat(facts.firstWaitingOffset()).isEqualTo(50);
  }

  @Test
  void anEmptyNeverCommittedPartitionIsCaughtUpAndNeedsNoRecordRead() {
    PartitionFacts facts = facts(40, 40, new StoredOffset.Missing());

    assertThat(rule.needsOldestWaitingRecord(facts)).isFalse();
    assertThat(rule.judge(facts).state()).isEqualTo(PartitionState.CAUGHT_UP);
  }

  @Test
  void aCommitTimeAheadOfThisClockCountsAsNow() {
    PartitionStatus status = rule.judge(facts(100, 120, storedAgo(100, Duration.ofMinutes(-3))));

    assertThat(status.lastCommitAge()).contains(Duration.ZERO);
    assertThat(status.state()).isEqualTo(PartitionState.PROGRESSING);
  }

  @Test
  void aStuckAfterThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new StuckRule(Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--stuck-after");
  }

  private static PartitionFacts facts(long logStart, long logEnd, StoredOffset stored) {
    return PartitionFacts.ofKafka(0, logStart, logEnd, OptionalLong.empty()).withStored(stored);
  }

  private static StoredOffset storedAgo(long nextOffset, Duration ago) {
    return new StoredOffset.Committed(nextOffset, NOW.minus(ago));
  }
}
