package dev.kup.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordTimestampsTest {
  private final RecordTimestamps timestamps = new RecordTimestamps();

  private static ConsumerRecord<Object, Object> at(long timestamp) {
    return new ConsumerRecord<>("cdc", 0, 0L, timestamp, TimestampType.CREATE_TIME, 0, 0, null,
        null, new RecordHeaders(), Optional.empty());
  }

  @Test
  void takesTheRecordsOwnTimestamp() {
    assertThat(timestamps.extract(at(1_700_000_000_000L), 1_800_000_000_000L))
        .isEqualTo(1_700_000_000_000L);
  }

  @Test
  void givesARecordWithoutATimestampThePartitionsTimeOrZeroInsteadOfFailing() {
    assertThat(timestamps.extract(at(-1L), 1_800_000_000_000L)).isEqualTo(1_800_000_000_000L);
    assertThat(timestamps.extract(at(-1L), -1L)).isZero();
  }
}
