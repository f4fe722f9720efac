package dev.kup.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import dev.kup.cli.ProducerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code kup status} decides before it talks to Kafka or a database. */
class StatusCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpDocumentsTheExitCodes() {
    assertThat(kup(Map.of(), "status", "--help")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--bootstrap-server", "--command-config", "--stuck-after", "--json")
        .contains("Exit codes:")
        .contains("3   at least one partition is stuck");
  }

  @Test
  void aStuckAfterThatIsNoDurationIsAUsageError() {
    assertThat(kup(Map.of(), "status", "--stuck-after", "five minutes")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--stuck-after");
  }

  @Test
  void anEmptyGroupVariableIsAUsageError() {
    assertThat(kup(Map.of("KUP_GROUP_ID", " "), "status")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("KUP_GROUP_ID must not be empty");
  }

  @Test
  void aClientPropertyKafkaRefusesIsAUsageError() {
    assertThat(kup(Map.of(), "status", "-X", "metadata.max.age.ms=soon")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("metadata.max.age.ms");
  }

  private int kup(Map<String, String> env, String... args) {
    CommandContext context = new CommandContext(env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), ProducerFactory.kafka());
    return KupCommand.commandLine(context).execute(args);
  }
}
