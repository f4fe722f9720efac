package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets mounted as files stand for the variable they name. */
class FileVariablesTest {
  private static final Map<Path, String> FILES = Map.of(
      Path.of("/run/secrets/db"), "s3cret\n",
      Path.of("/run/secrets/crlf"), "two\r\n",
      Path.of("/run/secrets/keep"), "  spaced \n\n");

  @Test
  void aFileVariableStandsForTheVariableItNamesWithoutItsLastLineBreak() {
    Map<String, String> env = FileVariables.resolve(Map.of(
        "KUP_DB_PASSWORD_FILE", "/run/secrets/db",
        "KUP_KAFKA_SASL_JAAS_CONFIG_FILE", "/run/secrets/crlf",
        "KUP_OTHER_FILE", "/run/secrets/keep",
        "KUP_TOPIC", "updates",
        "HOME_FILE", "/not/ours"), FILES::get);

    assertThat(env).containsOnly(
        Map.entry("KUP_DB_PASSWORD", "s3cret"),
        Map.entry("KUP_KAFKA_SASL_JAAS_CONFIG", "two"),
        Map.entry("KUP_OTHER", "  spaced \n"),
        Map.entry("KUP_TOPIC", "updates"),
        Map.entry("HOME_FILE", "/not/ours"));
  }

  @Test
  void bothFormsAtOnceAreRefusedWithoutShowingEither() {
    assertThatThrownBy(() -> FileVariables.resolve(Map.of(
        "KUP_DB_PASSWORD_FILE", "/run/secrets/db", "KUP_DB_PASSWORD", "inline"), FILES::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("both KUP_DB_PASSWORD and KUP_DB_PASSWORD_FILE are set; set one of them");
  }

  @Test
  void anUnreadableFileIsNamedAndItsContentNeverShown() {
    assertThatThrownBy(() -> FileVariables.resolve(
        Map.of("KUP_DB_PASSWORD_FILE", "/definitely/not/here")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KUP_DB_PASSWORD_FILE")
        .hasMessageContaining("/definitely/not/here");
  }
}
