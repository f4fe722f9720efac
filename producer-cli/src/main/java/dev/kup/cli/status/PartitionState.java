package dev.kup.cli.status;

/**
 * How one partition of the group stands, as {@code kup status} prints it. The wire names are a
 * public contract of the command's output: add, never rename.
 */
enum PartitionState {
  CAUGHT_UP("caught-up", "no record waiting"),
  PROGRESSING("progressing", "records waiting, a batch committed within --stuck-after"),
  WAITING("waiting",
      "records waiting, no commit within --stuck-after (or never), but the first waiting record"
          + " is not older than that (or its time unread)"),
  UNKNOWN("unknown",
      "records waiting; without the database the time of the last commit is unknown"),
  STUCK("stuck",
      "records waited longer than --stuck-after with no commit: both the last commit and the"
          + " first waiting record are older than that");

  private final String wireName;
  private final String description;

  PartitionState(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  /** The name in the table and the JSON document. */
  String wireName() {
    return wireName;
  }

  /** One line saying what the state means. */
  String description() {
    return description;
  }
}
