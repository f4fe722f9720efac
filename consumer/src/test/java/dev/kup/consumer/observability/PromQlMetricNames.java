package dev.kup.consumer.observability;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression reads, found by a small lexer rather than a full parser.
 *
 * <p>A bare identifier is a metric name unless it is a keyword, an aggregation operator, a
 * function (an identifier followed by {@code (}), a label list after {@code by}, {@code without},
 * {@code on}, {@code ignoring}, {@code group_left} or {@code group_right}, or a Grafana variable
 * ({@code $x}, {@code ${x}}, {@code [[x]]}). Inside {@code {…}} only an {@code __name__="x"}
 * matcher or a quoted name ({@code {"x"}}) names a metric; ranges {@code […]}, strings, numbers,
 * durations and comments never do. A name matched by a regex or a negation cannot be checked, so
 * it is refused rather than skipped. Stateless and thread-safe.
 */
final class PromQlMetricNames {
  /** Aggregation operators: they may be followed by {@code by (…)} before their parentheses. */
  private static final Set<String> AGGREGATIONS = Set.of(
      "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
      "bottomk", "topk", "quantile", "limitk", "limit_ratio");
  /** Keywords followed by a parenthesised list of label names (optional for the group_ ones). */
  private static final Set<String> LABEL_LIST_KEYWORDS = Set.of(
      "by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> OTHER_KEYWORDS = Set.of(
      "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

  private PromQlMetricNames() {}

  /**
   * Returns the metric names {@code promQl} reads, sorted; empty for an expression of literals.
   *
   * @throws IllegalArgumentException on an unterminated string, bracket or brace, or a metric
   *     name chosen by a regex or negative {@code __name__} matcher
   */
  static Set<String> extract(String promQl) {
    Set<String> names = new TreeSet<>();
    new Lexer(promQl, names).run();
    return names;
  }

  private static final class Lexer {
    private final String in;
    private final Set<String> names;
    private int pos;

    Lexer(String in, Set<String> names) {
      this.in = in;
      this.names = names;
    }

    void run() {
      while (pos < in.length()) {
        step(in.charAt(pos));
      }
    }

    private void step(char c) {
      if (isQuote(c)) {
        readString();
      } else if (c == '#') {
        skipPast('\n');
      } else if (c == '[') {
        skipBrackets();
      } else if (c == '{') {
        readMatchers();
      } else if (c == '$') {
        skipVariable();
      } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
        skipNumber();
      } else if (isNameStart(c)) {
        classify(readIdentifier());
      } else {
        pos++;
      }
    }

    private void classify(String identifier) {
      String keyword = identifier.toLowerCase(Locale.ROOT);
      boolean reserved = AGGREGATIONS.contains(keyword) || OTHER_KEYWORDS.contains(keyword);
      if (LABEL_LIST_KEYWORDS.contains(keyword)) {
        skipLabelList();
      } else if (!reserved && nextNonSpace() != '(') {
        names.add(identifier);
      }
    }

    /**
     * {@code {label="v", __name__="x", "quoted_name", "quoted.label"="v"}}: only the matchers that
     * bear a name count.
     */
    private void readMatchers() {
      pos++;
      while (skipSpaceAndCommas() != '}') {
        String label = readLabelOrQuotedName();
        if (label == null) {
          continue;
        }
        String op = readMatchOperator();
        skipSpaces();
        String value = readString();
        if (label.equals("__name__")) {
          addNameMatcher(op, value);
        }
      }
      pos++;
    }

    /** A label name, or null after adding a quoted metric name that stands alone. */
    private String readLabelOrQuotedName() {
      if (!isQuote(peek(0))) {
        return isNameStart(peek(0)) ? readIdentifier() : fail("a label name");
      }
      String quoted = readString();
      if (nextNonSpace() == '=' || nextNonSpace() == '!') {
        return quoted;
      }
      names.add(quoted);
      return null;
    }

    private void addNameMatcher(String op, String value) {
      if (!op.equals("=")) {
        throw new IllegalArgumentException(
            "__name__" + op + "\"" + value + "\" selects metrics by pattern; name them instead in: "
                + in);
      }
      names.add(value);
    }

    private String readMatchOperator() {
      skipSpaces();
      for (String op : new String[] {"=~", "!~", "!=", "="}) {
        if (in.startsWith(op, pos)) {
          pos += op.length();
          return op;
        }
      }
      return fail("a match operator");
    }

    /** Reads a quoted string and returns its content, escapes resolved loosely. */
    private String readString() {
      char quote = peek(0);
      if (!isQuote(quote)) {
        return fail("a string");
      }
      StringBuilder content = new StringBuilder();
      for (pos++; pos < in.length() && in.charAt(pos) != quote; pos++) {
        if (in.charAt(pos) == '\\' && quote != '`') {
          pos++;
        }
        if (pos < in.length()) {
          content.append(in.charAt(pos));
        }
      }
      expectAndSkip(quote);
      return content.toString();
    }

    /** Ranges and subqueries ({@code [5m]}, {@code [10m:]}, {@code [$__rate_interval]}). */
    private void skipBrackets() {
      if (peek(1) == '[') {
        skipPast(']');
        expectAndSkip(']');
        return;
      }
      skipPast(']');
    }

    /** After a label-list keyword: {@code (a, b)} if present ({@code group_left} may have none). */
    private void skipLabelList() {
      if (nextNonSpace() == '(') {
        skipPast(')');
      }
    }

    private void skipVariable() {
      pos++;
      if (peek(0) == '{') {
        skipPast('}');
      } else {
        while (isNamePart(peek(0))) {
          pos++;
        }
      }
    }

    /** Numbers and durations: {@code 0.99}, {@code 1e-3}, {@code 0x1F}, {@code 1h30m}. */
    private void skipNumber() {
      boolean hex = peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X');
      while (isNamePart(peek(0)) || peek(0) == '.'
          || (!hex && (peek(0) == '+' || peek(0) == '-') && (peek(-1) == 'e' || peek(-1) == 'E'))) {
        pos++;
      }
    }

    private String readIdentifier() {
      int start = pos;
      while (isNamePart(peek(0))) {
        pos++;
      }
      return in.substring(start, pos);
    }

    /** Moves to just past the next {@code end}, skipping strings on the way. */
    private void skipPast(char end) {
      while (pos < in.length() && in.charAt(pos) != end) {
        char c = in.charAt(pos);
        if (isQuote(c) && end != '\n') {
          readString();
        } else {
          pos++;
        }
      }
      if (end != '\n') {
        expectAndSkip(end);
      }
    }

    private char skipSpaceAndCommas() {
      while (Character.isWhitespace(peek(0)) || peek(0) == ',') {
        pos++;
      }
      if (pos >= in.length()) {
        fail("'}'");
      }
      return peek(0);
    }

    private void skipSpaces() {
      while (Character.isWhitespace(peek(0))) {
        pos++;
      }
    }

    private char nextNonSpace() {
      int i = pos;
      while (i < in.length() && Character.isWhitespace(in.charAt(i))) {
        i++;
      }
      return i < in.length() ? in.charAt(i) : '\0';
    }

    private void expectAndSkip(char c) {
      if (peek(0) != c) {
        fail("'" + c + "'");
      }
      pos++;
    }

    private char peek(int offset) {
      int i = pos + offset;
      return i >= 0 && i < in.length() ? in.charAt(i) : '\0';
    }

    private <T> T fail(String expected) {
      throw new IllegalArgumentException(
          "expected " + expected + " at offset " + pos + " of PromQL: " + in);
    }

    private static boolean isQuote(char c) {
      return c == '"' || c == '\'' || c == '`';
    }

    private static boolean isNameStart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isNamePart(char c) {
      return isNameStart(c) || (c >= '0' && c <= '9');
    }
  }
}
