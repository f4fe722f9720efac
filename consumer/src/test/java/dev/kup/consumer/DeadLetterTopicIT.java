package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.consumer.config.ConfigException;
import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dead-letter topic exists before kup sends anything to it: created at start with the update
 * topic's partition count, or, with {@code KUP_CREATE_TOPICS=false}, required, so that no producer
 * ever auto-creates it with the broker's default of one partition.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class DeadLetterTopicIT {

  @Test
  void aMissingDeadLetterTopicIsAConfigurationErrorWhenKupMayNotCreateIt(
      KafkaBroker broker, TestDatabase db) throws Exception {
    AccountsModel.createTable(DSL.using(db.dataSource(), SQLDialect.POSTGRES), 1);
    ServiceEnv env = new ServiceEnv(broker, db, "dlq-required").with("KUP_CREATE_TOPICS", "false");
    broker.createTopic(env.topic(), 3);

    assertThatThrownBy(() -> InProcessService.start(env).close())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_DLQ_TOPIC").hasMessageContaining(env.deadLetterTopic())
        .hasMessageContaining("KUP_CREATE_TOPICS=true");
    assertThat(topics(broker)).doesNotContain(env.deadLetterTopic());
  }

  @Test
  void aMissingDeadLetterTopicIsCreatedWithTheUpdateTopicsPartitionCount(
      KafkaBroker broker, TestDatabase db) {
    AccountsModel.createTable(DSL.using(db.dataSource(), SQLDialect.POSTGRES), 1);
    ServiceEnv env = new ServiceEnv(broker, db, "dlq-created");
    broker.createTopic(env.topic(), 3);

    InProcessService.start(env).close();

    assertThat(broker.endOffsets(env.deadLetterTopic())).hasSize(3);
  }

  private static Set<String> topics(KafkaBroker broker) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(
        java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      return admin.listTopics().names().get();
    }
  }
}
