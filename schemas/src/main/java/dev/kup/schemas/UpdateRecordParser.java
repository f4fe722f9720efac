package dev.kup.schemas;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes a Kafka record value into an {@link UpdateRecord}, enforcing the contract of {@code
 * update-record.schema.json}: a UTF-8 JSON object with the fields and rules the schema states, no
 * duplicate member names, numbers read exactly (integers as {@code Long}/{@code BigInteger},
 * everything else as {@code BigDecimal}, never {@code double}).
 *
 * <p>{@link #parse} never throws: whatever the bytes, the answer is {@link DecodedUpdate.Valid} or
 * {@link DecodedUpdate.Invalid} with {@link DeadLetterReason#MALFORMED_JSON} (empty, not UTF-8, not
 * JSON, not a JSON object, a tombstone) or {@link DeadLetterReason#SCHEMA_VIOLATION} (a JSON object
 * that breaks a rule, including duplicate names and values beyond the parser's limits: numbers of
 * more than {@value #MAX_NUMBER_LENGTH} characters, nesting deeper than {@value
 * #MAX_NESTING_DEPTH}).
 *
 * <p>Immutable and thread-safe; one instance can serve every thread.
 */
public final class UpdateRecordParser {
  /** Longest number literal accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** Deepest nesting of objects and arrays accepted (the contract needs 2). */
  public static final int MAX_NESTING_DEPTH = 32;

  private static final int MAX_MESSAGE_DETAIL = 200;

  private final ObjectMapper strict = mapper(true);
  private final ObjectMapper lenient = mapper(false);
  private final StreamingRecordReader fast;

  /** A parser that reads plainly valid records without a JSON tree (the usual case). */
  public UpdateRecordParser() {
    this(true);
  }

  /** @param fastPath whether to try {@link StreamingRecordReader} first; false only in tests */
  UpdateRecordParser(boolean fastPath) {
    this.fast = fastPath ? new StreamingRecordReader(lenient.getFactory()) : null;
  }

  /**
   * Decodes one record value.
   *
   * @param raw the record value; null for a tombstone
   * @return {@code Valid} with the record, or {@code Invalid} saying specifically what is wrong;
   *     never null, never throws
   */
  public DecodedUpdate parse(byte[] raw) {
    if (raw == null) {
      return new DecodedUpdate.Invalid(
          null, DeadLetterReason.MALFORMED_JSON, "record has no value (tombstone)");
    }
    if (fast != null && isAscii(raw)) {
      UpdateRecord record = fast.read(raw);
      if (record != null) {
        return new DecodedUpdate.Valid(record, raw);
      }
    }
    try {
      return new DecodedUpdate.Valid(UpdateRecordRules.read(object(raw)), raw);
    } catch (Rejected e) {
      return new DecodedUpdate.Invalid(raw, e.reason, e.getMessage());
    } catch (ContractViolation e) {
      return new DecodedUpdate.Invalid(raw, DeadLetterReason.SCHEMA_VIOLATION, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // a bug or an input nobody foresaw must still not stop the poll loop
      return new DecodedUpdate.Invalid(
          raw, DeadLetterReason.SCHEMA_VIOLATION, "record could not be decoded: " + e);
    }
  }

  /**
   * The Kafka key of a record value whose {@code table} and {@code key} follow the contract,
   * whatever else is wrong with it: lets a tool route a deliberately broken record like a good one.
   * Never throws.
   *
   * @param raw a record value; may be null
   * @return {@code table:canonical-key}, or empty when the value is not a JSON object or its table
   *     or key breaks the contract
   */
  public Optional<String> kafkaKeyOf(byte[] raw) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UpdateRecordRules.kafkaKey(object(raw)));
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  private ObjectNode object(byte[] raw) {
    // the common case, pure ASCII, is parsed from the bytes; anything else is decoded first so
    // that bad UTF-8 is reported as such, with the offset of the bad byte
    JsonNode tree = isAscii(raw) ? tree(raw) : tree(utf8(raw));
    if (!tree.isObject()) {
      throw new Rejected(
          DeadLetterReason.MALFORMED_JSON, "record must be a JSON object, got " + typeName(tree));
    }
    return (ObjectNode) tree;
  }

  private static String utf8(byte[] raw) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw);
    CharBuffer out = CharBuffer.allocate(raw.length); // UTF-8 never gives more chars than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new Rejected(
          DeadLetterReason.MALFORMED_JSON,
          "record value is not valid UTF-8 (bad byte at offset " + in.position() + ")");
    }
    String text = out.flip().toString();
    if (text.isBlank()) {
      throw new Rejected(DeadLetterReason.MALFORMED_JSON, "record value is empty");
    }
    return text;
  }

  /**
   * ASCII without NUL: a NUL byte is never valid JSON outside a string nor unescaped inside one,
   * but from bytes Jackson would take it as a sign of UTF-16/32 and decode those; the text path
   * rejects them as the contract says (UTF-8 only).
   */
  private static boolean isAscii(byte[] raw) {
    for (byte b : raw) {
      if (b <= 0) {
        return false;
      }
    }
    return true;
  }

  private JsonNode tree(byte[] ascii) {
    boolean blank = true;
    for (int i = 0; i < ascii.length && blank; i++) {
      blank = Character.isWhitespace(ascii[i]);
    }
    if (blank) {
      throw new Rejected(DeadLetterReason.MALFORMED_JSON, "record value is empty");
    }
    return tree(mapper -> mapper.readTree(ascii));
  }

  private JsonNode tree(String text) {
    return tree(mapper -> mapper.readTree(text));
  }

  /** Reads one JSON document with either mapper; the strict one first. */
  @FunctionalInterface
  private interface TreeReader {
    JsonNode read(ObjectMapper mapper) throws java.io.IOException;
  }

  private JsonNode tree(TreeReader reader) {
    try {
      return reader.read(strict);
    } catch (StreamConstraintsException e) {
      throw new Rejected(DeadLetterReason.SCHEMA_VIOLATION, describe("record exceeds limits", e));
    } catch (JacksonException e) {
      // parse again without duplicate detection: if that succeeds, the JSON was fine but for
      // a repeated name, which is a contract violation rather than malformed JSON
      if (parsesLeniently(reader)) {
        throw new Rejected(DeadLetterReason.SCHEMA_VIOLATION, describe(null, e));
      }
      throw new Rejected(DeadLetterReason.MALFORMED_JSON, describe("invalid JSON", e));
    } catch (java.io.IOException e) {
      // in-memory input: Jackson only throws its own exceptions, but the signature says IOException
      throw new java.io.UncheckedIOException(e);
    }
  }

  private boolean parsesLeniently(TreeReader reader) {
    try {
      reader.read(lenient);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** "invalid JSON at line 1 column 17: Unexpected end-of-input ...". */
  private static String describe(String what, JacksonException e) {
    String detail =
        String.valueOf(e.getOriginalMessage())
            .replaceAll(", from `[^`]*`", "") // names a Jackson setting, not the operator's concern
            .replaceAll("\\s+", " ")
            .trim();
    if (detail.length() > MAX_MESSAGE_DETAIL) {
      detail = detail.substring(0, MAX_MESSAGE_DETAIL) + "...";
    }
    JsonLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 1
            ? ""
            : " at line " + at.getLineNr() + " column " + at.getColumnNr();
    if (what == null) {
      // Jackson says "Duplicate field 'x'"; lower-case it to read like our other messages
      return detail.substring(0, 1).toLowerCase(Locale.ROOT) + detail.substring(1) + where;
    }
    return what + where + ": " + detail;
  }

  private static String typeName(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    return type == JsonNodeType.POJO ? "a value" : type.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The JSON reader of the contract: decimals as {@code BigDecimal} with their trailing zeros,
   * nothing after the value, numbers and nesting bounded; with {@code detectDuplicates}, a name
   * given twice in one object is an error. Other readers of records (the router) use it too, so
   * that they read exactly what the consumer reads.
   */
  public static ObjectMapper mapper(boolean detectDuplicates) {
    JsonFactory factory =
        JsonFactory.builder()
            .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, detectDuplicates)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  /** A value rejected before the field rules: the reason is decided where it is detected. */
  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient DeadLetterReason reason;

    Rejected(DeadLetterReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }
}
