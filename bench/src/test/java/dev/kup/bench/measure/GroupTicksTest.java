package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTicksTest {

  private static final long POSTMASTER = 1000;

  @Test
  void countsAProcessPresentThroughoutFromItsFirstReadingToItsLast() {
    assertThat(GroupTicks.between(List.of(
        List.of(process(7, 1, 50, 0)),
        List.of(process(7, 1, 65, 0)),
        List.of(process(7, 1, 80, 0))), false)).hasValue(30);
  }

  @Test
  void countsAProcessThatStartedAfterTheFirstReadingFromZero() {
    assertThat(GroupTicks.between(List.of(
        List.of(process(7, 1, 10, 0)),
        List.of(process(7, 1, 20, 0), process(8, 1, 5, 0)),
        List.of(process(7, 1, 30, 0), process(8, 1, 12, 0))), false)).hasValue(20 + 12);
  }

  @Test
  void countsAProcessThatExitedUpToItsLastReadingWhenNoMemberReapedIt() {
    assertThat(GroupTicks.between(List.of(
        List.of(process(7, 1, 10, 0), process(8, 1, 40, 0)),
        List.of(process(7, 1, 20, 0), process(8, 1, 55, 0)),
        List.of(process(7, 1, 30, 0))), true)).hasValue(20 + 15);
  }

  @Test
  void countsABackendThatCameAndWentThroughItsParentsChildTimeOnce() {
    // the backend's last reading shows 60 ticks; it used 70 in all, which the postmaster's
    // cutime + cstime gained when it waited for it
    assertThat(GroupTicks.between(List.of(
        List.of(postmaster(10, 500)),
        List.of(postmaster(10, 500), process(8, POSTMASTER, 60, 0)),
        List.of(postmaster(11, 570))), true)).hasValue(1 + 70);
  }

  @Test
  void countsOnlyTheWindowsPartOfABackendThatWasThereBeforeAndExited() {
    // 100 ticks before the window, 130 at its exit
    assertThat(GroupTicks.between(List.of(
        List.of(postmaster(10, 500), process(9, POSTMASTER, 100, 0)),
        List.of(postmaster(10, 500), process(9, POSTMASTER, 120, 0)),
        List.of(postmaster(10, 630))), true)).hasValue(30);
  }

  @Test
  void ignoresReapedChildrenWhenTheGroupDoesNotCountThem() {
    assertThat(GroupTicks.between(List.of(
        List.of(postmaster(10, 500)),
        List.of(postmaster(10, 500), process(8, POSTMASTER, 60, 0)),
        List.of(postmaster(11, 570))), false)).hasValue(1 + 60);
  }

  @Test
  void tellsAReusedPidFromTheProcessThatHadItBefore() {
    assertThat(GroupTicks.between(List.of(
        List.of(new ProcStat(7, "postgres", 1, 50, 0, 100)),
        List.of(new ProcStat(7, "postgres", 1, 4, 0, 900))), false)).hasValue(4);
  }

  @Test
  void hasNothingToSayWhenNoProcessOfTheGroupWasSeen() {
    assertThat(GroupTicks.between(List.of(List.of(), List.of()), true)).isEmpty();
  }

  private static ProcStat postmaster(long own, long reapedChildren) {
    return new ProcStat(POSTMASTER, "postgres", 1, own, reapedChildren, 10);
  }

  private static ProcStat process(long pid, long ppid, long own, long reapedChildren) {
    return new ProcStat(pid, "postgres", ppid, own, reapedChildren, 100 + pid);
  }
}
