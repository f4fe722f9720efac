package dev.kup.cli.status;

import java.util.Objects;

/**
 * Where the offsets table lies and how to log in. {@link #toString()} names neither the URL (it
 * may carry a password parameter) nor the password.
 *
 * @param url the JDBC URL
 * @param user the user, or null when the URL carries it or none is needed
 * @param password the password, or null when none is needed
 */
record DatabaseLogin(String url, String user, String password) {

  DatabaseLogin {
    Objects.requireNonNull(url, "url");
  }

  @Override
  public String toString() {
    return "DatabaseLogin[user=" + user + ", password=" + (password == null ? "none" : "[redacted]")
        + "]";
  }
}
