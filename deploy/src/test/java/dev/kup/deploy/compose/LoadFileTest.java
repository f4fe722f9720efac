package dev.kup.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.demo.stream.DemoStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's load, {@value #LOAD_FILE}, is the demo's generated update stream for the
 * rows that {@value #INIT_SQL} creates, so it applies (apart from its planned dead letters) on the
 * first run. To write it again after the generator changes: {@code ./mvnw -q -pl deploy test
 * -Dtest=LoadFileTest -Dkup.compose.writeLoadFile=true}.
 */
class LoadFileTest {
  static final String LOAD_FILE = "deploy/compose/load/updates.jsonl";
  static final String INIT_SQL = "deploy/compose/postgres/init.sql";
  private static final int ROWS = 1_000;
  private static final long RECORDS = 2_000;
  // the demo's own shares: 1% version conflicts, 1.5% poison records
  private static final double STALE_SHARE = 0.01;
  private static final double POISON_SHARE = 0.015;
  private static final long SEED = 42;
  private static final Pattern ROW_SERIES =
      Pattern.compile("generate_series\\(\\s*1\\s*,\\s*(\\d+)\\s*\\)");

  private final Path root = ComposeFile.repositoryRoot();

  @Test
  void theLoadFileIsTheDemoStreamForTheInitialisedRows() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    new DemoStream(ROWS, STALE_SHARE, POISON_SHARE, SEED).write(RECORDS, expected);
    Path file = root.resolve(LOAD_FILE);
    if (Boolean.getBoolean("kup.compose.writeLoadFile")) {
      Files.write(file, expected.toByteArray());
    }

    assertThat(Files.readString(file)).as("%s; see this class's Javadoc to write it", LOAD_FILE)
        .isEqualTo(expected.toString(StandardCharsets.UTF_8));
  }

  @Test
  void initSqlCreatesTheRowsTheLoadFileUpdates() throws IOException {
    Matcher series = ROW_SERIES.matcher(Files.readString(root.resolve(INIT_SQL)));

    assertThat(series.find()).as("%s inserts generate_series(1, n)", INIT_SQL).isTrue();
    assertThat(Integer.parseInt(series.group(1))).isEqualTo(ROWS);
    assertThat(series.find()).as("one row series").isFalse();
  }
}
