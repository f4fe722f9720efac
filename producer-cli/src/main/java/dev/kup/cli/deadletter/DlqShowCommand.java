package dev.kup.cli.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import dev.kup.schemas.DeadLetterHeaders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kup dlq show PARTITION@OFFSET}: one dead letter whole. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = {
      "Shows one dead letter whole: its key, every header decoded (Spring's binary"
          + " kafka_dlt-original-* numbers as numbers, text as text, anything else as base64), and"
          + " its value, pretty-printed when it is JSON."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:shown",
      "1:Kafka could not be reached",
      "2:usage error",
      "3:no letter at that position"
    })
public final class DlqShowCommand implements Callable<Integer> {
  static final int EXIT_NOT_FOUND = 3;
  private static final Pattern POSITION = Pattern.compile("(\\d+)@(\\d+)");
  private static final Set<String> BINARY_NUMBERS = Set.of(DeadLetterHeaders.ORIGINAL_PARTITION,
      DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.ORIGINAL_TIMESTAMP);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final CommandContext context;

  @Spec private CommandSpec spec;
  @Mixin private DeadLetterSource source = new DeadLetterSource();

  @Parameters(index = "0", paramLabel = "PARTITION@OFFSET",
      description = "Where the letter lies in the dead-letter topic, as 'kup dlq ls' prints it.")
  private String position;

  @Option(names = "--json", description = "The letter as one JSON document.")
  private boolean json;

  public DlqShowCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    Matcher m = POSITION.matcher(position.trim());
    if (!m.matches()) {
      throw new ParameterException(spec.commandLine(),
          "'" + position + "' is not PARTITION@OFFSET, e.g. 0@17");
    }
    int partition = Integer.parseInt(m.group(1));
    long offset = Long.parseLong(m.group(2));
    DeadLetterView letter;
    try (KafkaConsumer<byte[], byte[]> consumer = source.reader(context.env())) {
      letter = new DeadLetterTopicReader(consumer)
          .readOne(source.topic(context.env()), partition, offset);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (letter == null) {
      context.stderr().println("no letter at " + partition + "@" + offset);
      return EXIT_NOT_FOUND;
    }
    context.stdout().print(json ? JSON.writeValueAsString(document(letter)) + "\n" : text(letter));
    return 0;
  }

  static String text(DeadLetterView letter) {
    StringBuilder out = new StringBuilder();
    var record = letter.record();
    out.append("letter      ").append(record.topic()).append(' ').append(letter.position())
        .append('\n');
    out.append("written at  ").append(Instant.ofEpochMilli(record.timestamp())).append('\n');
    out.append("key         ").append(letter.key() == null ? "(none)" : letter.key()).append('\n');
    out.append("headers\n");
    for (Header header : record.headers()) {
      out.append("  ").append(header.key()).append(" = ").append(decoded(header)).append('\n');
    }
    out.append("value\n").append(value(record.value())).append('\n');
    return out.toString();
  }

  static ObjectNode document(DeadLetterView letter) {
    var record = letter.record();
    ObjectNode node = JSON.createObjectNode();
    node.put("topic", record.topic());
    node.put("partition", record.partition());
    node.put("offset", record.offset());
    node.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    node.put("key", letter.key());
    ObjectNode headers = node.putObject("headers");
    for (Header header : record.headers()) {
      headers.put(header.key(), decoded(header)); // the last of repeated names wins, as lastHeader
    }
    JsonNode parsed = record.value() == null ? null : parsedJson(record.value());
    if (parsed != null) {
      node.set("value", parsed);
    } else {
      node.put("value", value(record.value()));
    }
    return node;
  }

  /** A header's value as a person reads it. */
  static String decoded(Header header) {
    if (header.value() == null) {
      return "(null)";
    }
    if (BINARY_NUMBERS.contains(header.key())) {
      var number = DeadLetterHeaders.number(header.value());
      if (number.isPresent()) {
        return Long.toString(number.getAsLong());
      }
    }
    String text = utf8(header.value());
    return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(header.value());
  }

  private static String value(byte[] value) {
    if (value == null) {
      return "(none)";
    }
    JsonNode parsed = parsedJson(value);
    if (parsed != null) {
      try {
        return JSON.writeValueAsString(parsed);
      } catch (JsonProcessingException e) {
        // fall through to the raw text
      }
    }
    String text = utf8(value);
    return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(value);
  }

  private static JsonNode parsedJson(byte[] value) {
    try {
      JsonNode node = JSON.readTree(value);
      return node != null && node.isContainerNode() ? node : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Strict UTF-8 without control characters but line breaks and tabs, or null. */
  private static String utf8(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      boolean printable = text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t' || c == '\r');
      return printable ? text : null;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
