package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole service, in process, against the real broker and PostgreSQL. */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class EndToEndIT {
  private static KafkaBroker broker;
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void setUp(KafkaBroker kafka, TestDatabase database) {
    broker = kafka;
    db = database;
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  @Test
  void appliesTenThousandUpdatesOverSixPartitionsExactlyAndCommitsToTheLogEnd() {
    AccountsModel model = new AccountsModel(1_000, 42);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "e2e-10k");
    broker.createTopic(env.topic(), 6);
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publishRandomUpdates(model, 10_000);
    }

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
      assertThat(service.failure()).isEmpty();
    }

    assertThat(model.differences(dsl)).isEmpty();
    assertThat(broker.readAll(env.deadLetterTopic())).isEmpty();
    assertThat(broker.committedOffsets(env.groupId(), env.topic()))
        .isEqualTo(broker.endOffsets(env.topic()));
    assertThat(storedOffsets(env)).isEqualTo(broker.endOffsets(env.topic()).values().stream()
        .mapToLong(Long::longValue).sum());
  }

  @Test
  void commitsToKafkaAtMostTenTimesASecondHoweverFastBatchesCommit() {
    AccountsModel model = new AccountsModel(1_000, 11);
    AccountsModel.createTable(dsl, model.rows());
    // small batches: a hundred or more database commits a second
    ServiceEnv env = new ServiceEnv(broker, db, "e2e-kafka-commits").with("KUP_BATCH_MAX_RECORDS", "25");
    broker.createTopic(env.topic(), 3);
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publishRandomUpdates(model, 6_000);
    }

    long started = System.nanoTime();
    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
      double seconds = (System.nanoTime() - started) / 1e9;
      ScrapedMetrics m = ScrapedMetrics.scrape(service.service().httpPort());

      assertThat(m.sum("batch_update_total")).as("database commits").isGreaterThanOrEqualTo(240);
      assertThat(m.sum("kup_kafka_commit_duration_seconds_count")).as("Kafka commits in %.1f s", seconds)
          .isPositive().isLessThanOrEqualTo(seconds * 10 + 2);
    }
    assertThat(model.differences(dsl)).isEmpty();
  }

  @Test
  void appliesSameRowSequencesInOrderWithinAndAcrossBatches() {
    AccountsModel model = new AccountsModel(5, 7);
    AccountsModel.createTable(dsl, model.rows());
    // small batches: a row's chain spans many batches, and repeats inside each one
    ServiceEnv env = new ServiceEnv(broker, db, "e2e-hot-rows").with("KUP_BATCH_MAX_RECORDS", "7");
    broker.createTopic(env.topic(), 2);
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publishRandomUpdates(model, 500);
    }

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
    }

    assertThat(model.differences(dsl)).isEmpty();
    assertThat(model.version(1) + model.version(2) + model.version(3) + model.version(4)
        + model.version(5)).isEqualTo(500 + 5 * AccountsModel.INITIAL_VERSION);
    assertThat(broker.readAll(env.deadLetterTopic())).isEmpty();
  }

  @Test
  void catchesKafkaUpWithTheDatabaseWhenAProcessDiedBetweenTheTwoCommits() {
    AccountsModel model = new AccountsModel(10);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "e2e-catch-up");
    broker.createTopic(env.topic(), 1);
    List<UpdateRecord> updates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      updates.add(model.nextUpdate());
    }
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publish(updates);
    }
    // as if a previous process committed all 20 to the database and died before Kafka's commit
    new dev.kup.pipeline.commit.JooqOffsetStore(dsl).createIfMissing();
    dsl.execute("INSERT INTO kup_offsets VALUES (?, ?, 0, 20, now())", env.groupId(), env.topic());

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofSeconds(30));
    }

    assertThat(dsl.fetchValue("SELECT max(version) FROM accounts")).as("nothing re-applied").isEqualTo(1L);
  }

  private static long storedOffsets(ServiceEnv env) {
    return dsl.fetchValue("SELECT sum(next_offset) FROM kup_offsets WHERE group_id = ? AND topic = ?",
        env.groupId(), env.topic()) instanceof Number n ? n.longValue() : -1;
  }
}
