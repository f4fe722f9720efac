package dev.kup.pipeline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.OffsetOutOfRangePolicy;
import dev.kup.pipeline.intake.StoredOffsetCheck.AtStored;
import dev.kup.pipeline.intake.StoredOffsetCheck.Jump;
import dev.kup.pipeline.intake.StoredOffsetCheck.Refuse;
import org.junit.jupiter.api.Test;

class StoredOffsetCheckTest {

  @Test
  void aStoredOffsetTheLogHoldsResumesThereWhateverThePolicy() {
    for (OffsetOutOfRangePolicy policy : OffsetOutOfRangePolicy.values()) {
      assertThat(StoredOffsetCheck.decide(100, 100, 500, policy)).isEqualTo(new AtStored(100));
      assertThat(StoredOffsetCheck.decide(500, 100, 500, policy)).isEqualTo(new AtStored(500));
    }
  }

  @Test
  void belowTheLogStartIsRefusedByDefaultNamingTheNumbers() {
    var decided = StoredOffsetCheck.decide(40, 100, 500, OffsetOutOfRangePolicy.REFUSE);

    assertThat(decided).isInstanceOf(Refuse.class);
    assertThat(((Refuse) decided).reason()).contains("stored offset 40", "log start 100",
        "log end 500", "60 records", "refuse");
  }

  @Test
  void belowTheLogStartEarliestSkipsWhatRetentionDeleted() {
    var decided = (Jump) StoredOffsetCheck.decide(40, 100, 500, OffsetOutOfRangePolicy.EARLIEST);

    assertThat(decided.to()).isEqualTo(100);
    assertThat(decided.skipped()).isEqualTo(60);
  }

  @Test
  void belowTheLogStartLatestSkipsEverythingUpToTheLogEnd() {
    var decided = (Jump) StoredOffsetCheck.decide(40, 100, 500, OffsetOutOfRangePolicy.LATEST);

    assertThat(decided.to()).isEqualTo(500);
    assertThat(decided.skipped()).isEqualTo(460);
  }

  @Test
  void beyondTheLogEndIsRefusedByDefaultAndEarliestSkipsNothing() {
    assertThat(StoredOffsetCheck.decide(900, 0, 30, OffsetOutOfRangePolicy.REFUSE))
        .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.reason()).contains("beyond the log end 30"));
    assertThat(StoredOffsetCheck.decide(900, 0, 30, OffsetOutOfRangePolicy.EARLIEST))
        .isEqualTo(new Jump(0, 0, ((Jump) StoredOffsetCheck.decide(
            900, 0, 30, OffsetOutOfRangePolicy.EARLIEST)).reason()));
    var latest = (Jump) StoredOffsetCheck.decide(900, 10, 30, OffsetOutOfRangePolicy.LATEST);
    assertThat(latest.to()).isEqualTo(30);
    assertThat(latest.skipped()).isEqualTo(20);
  }
}
