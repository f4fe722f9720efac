package dev.kup.demo.watch;

/**
 * Where the demo stands at one moment.
 *
 * @param total records the demo publishes
 * @param published records the broker acknowledged so far
 * @param committed records kup has committed (applied or dead-lettered, offsets stored)
 * @param lag records on the topic the group has not committed yet
 * @param metrics the service's counters at the same moment
 * @param elapsedNanos time since publishing started
 */
public record Progress(
    long total, long published, long committed, long lag, MetricsScrape.Snapshot metrics,
    long elapsedNanos) {

  /** Whether every record is published and committed. */
  public boolean done() {
    return committed >= total;
  }
}
