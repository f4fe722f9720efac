package dev.kup.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLineReaderTest {

  private static List<JsonLineReader.Line> lines(byte[] input) throws IOException {
    JsonLineReader reader = new JsonLineReader(new ByteArrayInputStream(input));
    List<JsonLineReader.Line> lines = new ArrayList<>();
    for (JsonLineReader.Line line = reader.next(); line != null; line = reader.next()) {
      lines.add(line);
    }
    return lines;
  }

  private static List<JsonLineReader.Line> lines(String input) throws IOException {
    return lines(input.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(JsonLineReader.Line line) {
    return new String(line.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void numbersLinesFromOneCountingBlankOnes() throws IOException {
    List<JsonLineReader.Line> lines = lines("{\"a\":1}\n\n  \t\n{\"b\":2}\n");

    assertThat(lines).extracting(JsonLineReader.Line::number).containsExactly(1, 2, 3, 4);
    assertThat(lines)
        .extracting(JsonLineReader.Line::isBlank)
        .containsExactly(false, true, true, false);
    assertThat(text(lines.get(3))).isEqualTo("{\"b\":2}");
  }

  @Test
  void readsALastLineWithoutNewline() throws IOException {
    assertThat(lines("{\"a\":1}\n{\"b\":2}"))
        .extracting(JsonLineReaderTest::text)
        .containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void treatsCarriageReturnBeforeNewlineAsLineEnding() throws IOException {
    assertThat(lines("{\"a\":1}\r\n{\"b\":2}\r\n"))
        .extracting(JsonLineReaderTest::text)
        .containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void dropsAByteOrderMarkAtTheStartOnly() throws IOException {
    assertThat(lines("\uFEFF{\"a\":1}\n\uFEFF{\"b\":2}"))
        .extracting(JsonLineReaderTest::text)
        .containsExactly("{\"a\":1}", "\uFEFF{\"b\":2}");
  }

  @Test
  void keepsBytesThatAreNotUtf8Unchanged() throws IOException {
    byte[] latin1 = {'{', '"', (byte) 0xE9, '"', '}'};

    assertThat(lines(latin1))
        .singleElement()
        .satisfies(l -> assertThat(l.bytes()).isEqualTo(latin1));
  }

  @Test
  void readsNothingFromEmptyInput() throws IOException {
    assertThat(lines("")).isEmpty();
  }
}
