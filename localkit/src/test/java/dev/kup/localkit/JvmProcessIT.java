package dev.kup.localkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmProcessIT {

  @TempDir Path dir;

  @Test
  void runsAMainClassOfTheTestClasspathWithArgsAndEnvironment() {
    JvmProcess process =
        JvmProcess.start(
            TickingMain.class.getName(),
            List.of("-Xmx32m"),
            List.of("hello"),
            Map.of("KUP_TICK_LIMIT", "3"),
            dir.resolve("tick.log"));

    assertThat(process.waitFor(Duration.ofSeconds(30))).isZero();
    assertThat(process.logTail(10)).contains("hello 1", "hello 3").doesNotContain("hello 4");
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void freezesAndResumesAProcessThenKillsIt() {
    JvmProcess process =
        JvmProcess.start(
            TickingMain.class.getName(),
            List.of("-Xmx32m"),
            List.of("tick"),
            Map.of(),
            dir.resolve("tick.log"));
    await().atMost(Duration.ofSeconds(30)).until(() -> process.logTail(1).startsWith("tick"));

    process.sigstop();
    assertThat(process.isAlive()).isTrue();
    assertThatThrownBy(() -> process.waitFor(Duration.ofMillis(300)))
        .hasMessageContaining("still running");
    String frozenAt = process.logTail(1);
    process.sigcont();
    await().atMost(Duration.ofSeconds(30)).until(() -> !process.logTail(1).equals(frozenAt));

    process.kill9();
    assertThat(process.isAlive()).isFalse();
    assertThat(process.waitFor(Duration.ZERO)).isEqualTo(128 + 9);
  }

  @Test
  void sigtermEndsTheProcessWithItsShutdownHooks() {
    JvmProcess process =
        JvmProcess.start(
            TickingMain.class.getName(),
            List.of("-Xmx32m"),
            List.of("tick"),
            Map.of(),
            dir.resolve("tick.log"));
    await().atMost(Duration.ofSeconds(30)).until(() -> process.logTail(1).startsWith("tick"));

    process.sigterm();

    assertThat(process.waitFor(Duration.ofSeconds(30))).isEqualTo(128 + 15);
    assertThat(process.logTail(1)).isEqualTo("shutdown hook ran");
  }
}
