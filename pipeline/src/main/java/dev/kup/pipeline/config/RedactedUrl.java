package dev.kup.pipeline.config;

import java.util.regex.Pattern;

/**
 * A JDBC or client URL as kup prints or logs it: the password of a {@code user:password@}
 * user-info and the value of every parameter whose name says it is a secret ({@code password},
 * {@code sslpassword}, {@code PWD}, {@code token}, {@code secret}, whether after {@code ?},
 * {@code &} or {@code ;}) replaced by {@value #REDACTED}; the rest kept, so the URL still says
 * where it points.
 */
public final class RedactedUrl {
  public static final String REDACTED = "[redacted]";
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?;&]*:)[^/]*@");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)([?&;:][a-z0-9_.-]*(?:password|passwd|pwd|secret|token|credential)[a-z0-9_.-]*=)[^&;]*");

  private RedactedUrl() {}

  /** The URL without its secrets; null stays null. */
  public static String of(String url) {
    if (url == null) {
      return null;
    }
    String withoutUserInfo = USER_INFO_PASSWORD.matcher(url).replaceAll("$1" + REDACTED + "@");
    return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1" + REDACTED);
  }
}
