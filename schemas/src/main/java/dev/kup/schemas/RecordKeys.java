package dev.kup.schemas;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Kafka record key of an update record, so that all updates of one row land in one partition
 * and are applied in order.
 *
 * <p>The Kafka key is {@code <table>:<canonical key>} (UTF-8). The table is everything before the
 * first {@code :} (table names cannot contain {@code :}); the canonical key is:
 *
 * <ul>
 *   <li>one key column: the value's text, e.g. {@code accounts:42};
 *   <li>several key columns: {@code column=value} pairs sorted by column name ({@link
 *       String#compareTo}, i.e. UTF-16 code-unit order, which for ASCII names is byte order) joined
 *       by {@code ,}, e.g. {@code order_lines:line=3,order_id=7}.
 * </ul>
 *
 * <p>Value text: strings as they are; integers in decimal; booleans {@code true}/{@code false};
 * decimals without trailing fractional zeros in plain notation, and as an integer when the value is
 * integral, so a numeric key of {@code 42}, {@code 42.0} and {@code 4.2e1} all give {@code 42} and
 * {@code 1.50} gives {@code 1.5} (a decimal whose plain text would exceed 1,000 characters, e.g.
 * {@code 1e5000}, is written in {@link BigDecimal#toString()} scientific form instead, to stay
 * bounded). Then, in values and column names alike, {@code %} becomes {@code %25}, {@code ,}
 * becomes {@code %2C} and {@code =} becomes {@code %3D}, so the form is unambiguous; nothing else
 * is escaped ({@code :} in a value is kept: {@code files:a:b} is table {@code files}, key {@code
 * a:b}).
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordKeys {
  /** Separator between the table and the canonical key in the Kafka key. */
  public static final char TABLE_SEPARATOR = ':';

  private static final int MAX_PLAIN_DECIMAL_LENGTH = 1000;

  private RecordKeys() {}

  /**
   * The Kafka record key of a row: {@code table + ":" + canonicalKey(key)}.
   *
   * @throws IllegalArgumentException when the table is empty or contains {@code :}, or the key is
   *     not valid for {@link #canonicalKey}
   * @throws NullPointerException when table or key is null
   */
  public static String kafkaKey(String table, Map<String, ?> key) {
    Objects.requireNonNull(table, "table");
    if (table.isEmpty() || table.indexOf(TABLE_SEPARATOR) >= 0) {
      throw new IllegalArgumentException(
          "table must be non-empty and contain no ':', got " + table);
    }
    return table + TABLE_SEPARATOR + canonicalKey(key);
  }

  /**
   * The canonical text of a row key, as described on this class.
   *
   * @param key column → value; values must be non-null {@link String}, {@link Boolean} or {@link
   *     Number} (integral types, {@link BigInteger}, {@link BigDecimal}, finite double/float)
   * @throws IllegalArgumentException when the key is empty or a value is null or of another type
   * @throws NullPointerException when key is null
   */
  public static String canonicalKey(Map<String, ?> key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must name at least one column");
    }
    if (key.size() == 1) {
      Map.Entry<String, ?> only = key.entrySet().iterator().next();
      return escape(valueText(only.getKey(), only.getValue()));
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, ?> column : new TreeMap<String, Object>(key).entrySet()) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(escape(column.getKey())).append('=');
      text.append(escape(valueText(column.getKey(), column.getValue())));
    }
    return text.toString();
  }

  private static String valueText(String column, Object value) {
    if (value instanceof String string) {
      return string;
    }
    if (value instanceof Boolean bool) {
      return bool.toString();
    }
    if (value instanceof Number number) {
      return numberText(column, number);
    }
    String got = value == null ? "null" : value.getClass().getName();
    throw new IllegalArgumentException(
        "key column '" + column + "' must be a string, number or boolean, got " + got);
  }

  private static String numberText(String column, Number number) {
    if (number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte
        || number instanceof BigInteger) {
      return number.toString();
    }
    BigDecimal decimal = WireValues.toBigDecimal(number, () -> "key column '" + column + "'");
    return decimalText(decimal);
  }

  private static String decimalText(BigDecimal decimal) {
    BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    // plain text length ~ max(precision, |scale|): refuse to expand 1e999999999 into a billion
    // digits
    long plainLength = Math.max((long) stripped.precision(), Math.abs((long) stripped.scale()));
    if (plainLength > MAX_PLAIN_DECIMAL_LENGTH) {
      return stripped.toString();
    }
    return stripped.toPlainString();
  }

  private static String escape(String text) {
    if (text.indexOf('%') < 0 && text.indexOf(',') < 0 && text.indexOf('=') < 0) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '%' -> escaped.append("%25");
        case ',' -> escaped.append("%2C");
        case '=' -> escaped.append("%3D");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
