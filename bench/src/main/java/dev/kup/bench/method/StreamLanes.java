package dev.kup.bench.method;

import dev.kup.bench.kafka.BenchTopics;
import dev.kup.bench.kafka.Partitioning;
import dev.kup.localkit.stream.UpdateStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * A stream split by the Kafka partition of each key, as a consumer group would split it: one lane
 * per connection, so a row's chain stays on one connection, in order. Immutable once split.
 *
 * @param stream the updates
 * @param positions per lane, the positions in {@code stream} of its updates, in order
 */
public record StreamLanes(UpdateStream stream, List<int[]> positions) {

  public StreamLanes {
    positions = List.copyOf(positions);
  }

  /** Update positions per lane, in stream order: partition p goes to lane p % lanes. */
  public static StreamLanes split(UpdateStream stream, int lanes) {
    int[] laneOfPartition = IntStream.range(0, BenchTopics.PARTITIONS).map(p -> p % lanes)
        .toArray();
    List<IntStream.Builder> builders = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      builders.add(IntStream.builder());
    }
    for (int i = 0; i < stream.size(); i++) {
      int partition = Partitioning.partitionOf(stream.id(i), BenchTopics.PARTITIONS);
      builders.get(laneOfPartition[partition]).add(i);
    }
    return new StreamLanes(stream, builders.stream().map(b -> b.build().toArray()).toList());
  }

  /**
   * Runs {@code work} on every lane at once, each in a thread of its own, and adds up what they
   * return; the first failure is rethrown.
   */
  public long runEach(LaneWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(positions.size());
    try {
      List<Future<Long>> running = new ArrayList<>();
      for (int[] lane : positions) {
        running.add(pool.submit(() -> work.run(stream, lane)));
      }
      long sum = 0;
      for (Future<Long> lane : running) {
        sum += join(lane);
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long join(Future<Long> lane) throws Exception {
    try {
      return lane.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** What runs on one lane, on its own thread. */
  @FunctionalInterface
  public interface LaneWork {
    /**
     * @param stream the whole stream
     * @param lane the positions of this lane's updates, in order
     */
    long run(UpdateStream stream, int[] lane) throws Exception;
  }
}
