package dev.kup.cli.publish;

/**
 * What one {@code kup publish} run did.
 *
 * @param sent lines the broker acknowledged
 * @param rejected lines not sent because they break the contract
 * @param failed lines the producer could not send
 */
public record PublishSummary(int sent, int rejected, int failed) {
  static final int EXIT_ALL_SENT = 0;
  static final int EXIT_SOME_NOT_SENT = 1;

  /** 0 when every line was sent, else 1. */
  public int exitCode() {
    return rejected == 0 && failed == 0 ? EXIT_ALL_SENT : EXIT_SOME_NOT_SENT;
  }

  /** The summary line printed on standard output: {@code sent=<n> rejected=<m> failed=<k>}. */
  public String line() {
    return "sent=" + sent + " rejected=" + rejected + " failed=" + failed;
  }
}
