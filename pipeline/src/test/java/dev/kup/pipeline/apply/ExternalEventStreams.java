package dev.kup.pipeline.apply;

import dev.kup.schemas.Op;
import dev.kup.schemas.UpdateRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random histories of the rows of an external-version table, delivered as a change-data
 * capture feed may deliver them: every event possibly several times, in any order, cut into
 * batches anywhere. Whatever the delivery, a row must end in the state of its newest event.
 */
final class ExternalEventStreams {
  private ExternalEventStreams() {}

  /**
   * One delivery of the histories of some rows.
   *
   * @param before the rows present before the first batch: id → version (older than its events)
   * @param batches the events, duplicated, shuffled and cut into batches
   * @param after the state each row must end in: id → "status@version", or "absent"
   */
  record Scenario(
      Map<Long, Long> before, List<List<UpdateRecord>> batches, Map<Long, String> after) {
    int events() {
      return batches.stream().mapToInt(List::size).sum();
    }
  }

  /**
   * Each row's history: updates and deletes with increasing versions, whole-row images (every
   * update sets {@code status}, naming the event); a delete may carry the version of the update
   * before it, as a feed whose delete events carry the deleted row's version does.
   */
  static Scenario scenario(Random random, String table, List<Long> ids) {
    Map<Long, Long> before = new LinkedHashMap<>();
    Map<Long, String> after = new LinkedHashMap<>();
    List<UpdateRecord> delivered = new ArrayList<>();
    for (long id : ids) {
      long version = 1 + random.nextInt(3);
      if (random.nextBoolean()) {
        before.put(id, version);
      }
      String end = before.containsKey(id) ? "old@" + version : "absent";
      UpdateRecord previous = null;
      for (int e = 1 + random.nextInt(6); e > 0; e--) {
        boolean delete = random.nextInt(3) == 0;
        boolean sameVersion =
            delete && previous != null && previous.op() != Op.DELETE && random.nextBoolean();
        version += sameVersion ? 0 : 1 + random.nextInt(3);
        Map<String, Long> key = Map.of("id", id);
        String status = "r" + id + "v" + version;
        UpdateRecord event = delete ? UpdateRecord.delete(table, key, version)
            : random.nextBoolean() ? UpdateRecord.update(table, key, version).set("status", status)
            : UpdateRecord.upsert(table, key, version).set("status", status);
        end = delete ? "absent" : status + "@" + version;
        previous = event;
        int copies = random.nextInt(10) < 3 ? 2 + random.nextInt(2) : 1;
        for (int c = 0; c < copies; c++) {
          delivered.add(event);
        }
      }
      after.put(id, end);
    }
    Collections.shuffle(delivered, random);
    return new Scenario(before, split(random, delivered), after);
  }

  private static List<List<UpdateRecord>> split(Random random, List<UpdateRecord> events) {
    List<List<UpdateRecord>> batches = new ArrayList<>();
    for (int from = 0; from < events.size(); ) {
      int to = Math.min(events.size(), from + 1 + random.nextInt(20));
      batches.add(List.copyOf(events.subList(from, to)));
      from = to;
    }
    return batches;
  }
}
