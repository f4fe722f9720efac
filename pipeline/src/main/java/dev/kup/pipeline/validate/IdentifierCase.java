package dev.kup.pipeline.validate;

/**
 * How a name from a record or the configuration matches a catalog name that differs in case:
 * in ASCII letters only. {@link String#equalsIgnoreCase} folds Unicode too, so {@code ſtatus}
 * (a long s, U+017F) would match {@code STATUS}; a look-alike must name no column.
 */
final class IdentifierCase {
  private IdentifierCase() {}

  /** Whether the two names are equal when ASCII letters A-Z and a-z are taken as the same. */
  static boolean equalIgnoringAsciiCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (foldAscii(a.charAt(i)) != foldAscii(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char foldAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
