package dev.kup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How times are written on the command line. */
class TimeBoundTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void timesAreInstantsOrDurationsBeforeNow() {
    assertThat(TimeBound.parse("2026-12-04T08:00:00Z", NOW)).isEqualTo("2026-12-04T08:00:00Z");
    assertThat(TimeBound.parse("90s", NOW)).isEqualTo(NOW.minusSeconds(90));
    assertThat(TimeBound.parse("15m", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
    assertThat(TimeBound.parse("2h", NOW)).isEqualTo(NOW.minus(Duration.ofHours(2)));
    assertThat(TimeBound.parse("7d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(TimeBound.parse("PT2H", NOW)).isEqualTo(NOW.minus(Duration.ofHours(2)));
    assertThat(TimeBound.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> TimeBound.parse("yesterday", NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'yesterday'");
    assertThatThrownBy(() -> TimeBound.duration("-PT1H"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }
}
