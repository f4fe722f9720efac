package dev.kup.pipeline.deadletter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leaves the database's copies of row values out of error text bound for dead-letter headers.
 * PostgreSQL puts them in an error's detail ({@code Failing row contains (...)} holds every column
 * of the row, {@code Key (id)=(42)} the key), which its driver appends to the message after
 * {@code Detail:}; a dead letter must not carry columns the record never held. The detail is
 * dropped up to the end of its message (a value may itself hold line breaks or {@code Hint:}), that
 * is, up to the next stack-trace frame or cause, or the end of the text.
 */
final class RowCopies {
  static final String OMITTED = "Detail: (left out: the database's detail may copy row values)";
  private static final Pattern DETAIL = Pattern.compile(
      "Detail: .*?(?=\\n\\s*at |\\nCaused by: |\\n\\s*\\.\\.\\. \\d+ more|\\n\\s*Suppressed: |\\z)",
      Pattern.DOTALL);
  private static final Pattern ROW_COPY = Pattern.compile("Failing row contains[^\\n]*");

  private RowCopies() {}

  static String leftOut(String text) {
    if (text == null || (!text.contains("Detail: ") && !text.contains("Failing row contains"))) {
      return text;
    }
    String withoutDetails = DETAIL.matcher(text).replaceAll(Matcher.quoteReplacement(OMITTED));
    return ROW_COPY.matcher(withoutDetails).replaceAll("(row values left out)");
  }
}
