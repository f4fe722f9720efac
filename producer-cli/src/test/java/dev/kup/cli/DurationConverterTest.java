package dev.kup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsTheConsumersDurationsAndHours() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("300s")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(converter.convert(" 45 ")).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void refusesWhatIsNotAPositiveDuration() {
    assertThatThrownBy(() -> converter.convert("5 minutes"))
        .isInstanceOf(TypeConversionException.class).hasMessageContaining("5m");
    assertThatThrownBy(() -> converter.convert("0s"))
        .isInstanceOf(TypeConversionException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> converter.convert("-PT1M"))
        .isInstanceOf(TypeConversionException.class);
  }
}
