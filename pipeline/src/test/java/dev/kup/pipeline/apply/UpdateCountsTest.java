package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.apply.RowOutcome.Conflict;
import dev.kup.pipeline.apply.RowOutcome.NotFound;
import dev.kup.schemas.Op;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpdateCountsTest {

  @Test
  void oneRowIsAChangeAndZeroRowsIsNot() {
    assertThat(UpdateCounts.changedRow(1)).isTrue();
    assertThat(UpdateCounts.changedRow(0)).isFalse();
  }

  @Test
  void refusesCountsThatCannotBeTrustedForOneRow() {
    assertThatThrownBy(() -> UpdateCounts.changedRow(2)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> UpdateCounts.changedRow(Statement.SUCCESS_NO_INFO))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anExistingRowAtAnotherVersionIsAConflict() {
    assertThat(UpdateCounts.unmatched(Op.UPDATE, 7, Optional.of(9L)))
        .contains(new Conflict(7, 9));
    assertThat(UpdateCounts.unmatched(Op.UPSERT, 0, Optional.of(1L)))
        .contains(new Conflict(0, 1));
    assertThat(UpdateCounts.unmatched(Op.DELETE, 3, Optional.of(4L)))
        .contains(new Conflict(3, 4));
  }

  @Test
  void aMissingRowIsNotFoundUnlessAnUpsertExpectsItAbsent() {
    assertThat(UpdateCounts.unmatched(Op.UPDATE, 7, Optional.empty())).contains(new NotFound(7));
    assertThat(UpdateCounts.unmatched(Op.UPDATE, 0, Optional.empty())).contains(new NotFound(0));
    assertThat(UpdateCounts.unmatched(Op.DELETE, 1, Optional.empty())).contains(new NotFound(1));
    assertThat(UpdateCounts.unmatched(Op.UPSERT, 4, Optional.empty())).contains(new NotFound(4));
    assertThat(UpdateCounts.unmatched(Op.UPSERT, 0, Optional.empty())).isEmpty();
  }
}
