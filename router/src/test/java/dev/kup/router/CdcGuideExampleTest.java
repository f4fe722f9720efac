package dev.kup.router;

import static dev.kup.router.RouterDriver.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The worked example of docs/cdc.md is what the router does. */
class CdcGuideExampleTest {
  private static final Pattern EXAMPLE = Pattern.compile(
      "The event\\s*`(\\{.*?})`\\s*becomes, keyed `([^`]+)`,\\s*`(\\{.*?})`\\.", Pattern.DOTALL);

  @Test
  void theWorkedExampleOfTheGuideHolds() throws IOException {
    Matcher example = EXAMPLE.matcher(Files.readString(Path.of("..", "docs", "cdc.md")));
    assertThat(example.find()).as("the worked example of docs/cdc.md").isTrue();
    RouterOptions options = RouterOptions.withDefaults("kup-router", List.of("cdc.inventory.orders"),
        List.of(new TableMapping("inventory.orders", "orders", List.of("id"),
            VersionSource.SOURCE_LSN)));

    try (RouterDriver router = new RouterDriver(options)) {
      router.send("{\"id\":7}", example.group(1));
      TestRecord<byte[], byte[]> update = router.onlyUpdate();

      assertThat(text(update.key())).isEqualTo(example.group(2));
      assertThat(text(update.value())).isEqualTo(example.group(3));
    }
  }
}
