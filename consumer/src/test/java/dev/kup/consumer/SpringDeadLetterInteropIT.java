package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterOrigin;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.util.backoff.FixedBackOff;

/**
 * kup's dead letters as Spring Kafka itself reads and writes them, on the real broker and
 * database: the kup service dead-letters records of a {@code LogAppendTime} topic; a Spring
 * {@code @KafkaListener} reads kup's letters taking the origin as Spring's typed {@code @Header}
 * parameters (Spring's own byte[]-to-number conversion), and Spring's {@code
 * DeadLetterPublishingRecoverer}, dead-lettering the same records, writes the origin headers with
 * the same bytes as kup.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class SpringDeadLetterInteropIT {
  private static final List<String> ORIGIN_HEADERS = List.of(
      KafkaHeaders.DLT_ORIGINAL_TOPIC,
      KafkaHeaders.DLT_ORIGINAL_PARTITION,
      KafkaHeaders.DLT_ORIGINAL_OFFSET,
      KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
      KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE);
  private static final Duration AT_MOST = Duration.ofMinutes(2);

  /** The origin of a letter as Spring's listener received it. */
  record SpringView(String topic, int partition, long offset, long timestamp, String type) {}

  /** The topics the Spring side reads and writes; a bean, so listeners name them in SpEL. */
  record Topics(String bootstrapServers, String source, String kupLetters, String springLetters) {}

  @Test
  void springReadsKupsLettersAndWritesTheSameOriginBytesForTheSameRecords(
      KafkaBroker broker, TestDatabase db) {
    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    AccountsModel model = new AccountsModel(10);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "spring-interop");
    createLogAppendTimeTopic(broker, env.topic(), 2);
    Topics topics = new Topics(broker.bootstrapServers(), env.topic(), env.deadLetterTopic(),
        env.topic() + ".spring-dlt");
    broker.createTopic(topics.springLetters(), 2);
    List<RecordMetadata> poison = publishGoodAndPoison(broker, env.topic(), model);

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), AT_MOST);
      assertThat(service.failure()).isEmpty();
    }
    List<ConsumerRecord<byte[], byte[]>> kupLetters = broker.readAll(env.deadLetterTopic());
    assertThat(kupLetters).hasSize(poison.size());

    DeadLetterReader reader = new DeadLetterReader();
    try (AnnotationConfigApplicationContext spring = springSide(topics, reader)) {
      await().atMost(AT_MOST).until(() -> reader.handled() >= kupLetters.size());
      assertThat(reader.unreadable).as("letters Spring could not read").isEmpty();
      assertThat(reader.views).containsExactlyInAnyOrderElementsOf(
          poison.stream().map(SpringDeadLetterInteropIT::expectedView).toList());

      long published = broker.endOffsets(env.topic()).values().stream().mapToLong(o -> o).sum();
      await().atMost(AT_MOST).pollInterval(Duration.ofSeconds(1))
          .until(() -> broker.readAll(topics.springLetters()).size() >= published);
    }
    assertSameOriginBytes(kupLetters, broker.readAll(topics.springLetters()));
  }

  private static SpringView expectedView(RecordMetadata at) {
    return new SpringView(at.topic(), at.partition(), at.offset(), at.timestamp(), "LogAppendTime");
  }

  /** Every kup letter's origin headers, byte for byte those of Spring's letter of its record. */
  private static void assertSameOriginBytes(
      List<ConsumerRecord<byte[], byte[]>> kupLetters,
      List<ConsumerRecord<byte[], byte[]>> springLetters) {
    Map<DeadLetterOrigin, ConsumerRecord<byte[], byte[]>> springByOrigin = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> letter : springLetters) {
      springByOrigin.put(DeadLetterOrigin.of(letter.headers()).orElseThrow(), letter);
    }
    for (ConsumerRecord<byte[], byte[]> kup : kupLetters) {
      DeadLetterOrigin origin = DeadLetterOrigin.of(kup.headers()).orElseThrow();
      ConsumerRecord<byte[], byte[]> spring = springByOrigin.get(origin);
      assertThat(spring).as("Spring's letter of %s", origin.where()).isNotNull();
      for (String name : ORIGIN_HEADERS) {
        assertThat(value(kup, name)).as("%s of %s", name, origin.where())
            .isEqualTo(value(spring, name));
      }
    }
  }

  private static byte[] value(ConsumerRecord<byte[], byte[]> letter, String name) {
    org.apache.kafka.common.header.Header header = letter.headers().lastHeader(name);
    return header == null ? null : header.value();
  }

  /** Good updates and one poison record per stage, over both partitions; the poison's metadata. */
  private static List<RecordMetadata> publishGoodAndPoison(
      KafkaBroker broker, String topic, AccountsModel model) {
    List<RecordMetadata> poison = new ArrayList<>();
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), topic)) {
      p.publishTo(0, model.updateOf(1, 5, "a"));
      poison.add(p.publishRaw("accounts:2", "{\"table\":\"accounts\",\"key\":{\"id\":2"));
      poison.add(p.publishTo(1,
          UpdateRecord.update("users", Map.of("id", 1L), 1).set("name", "x")));
      p.publishTo(1, model.updateOf(3, 2, "b"));
      poison.add(p.publishTo(0, UpdateRecord.update("accounts", Map.of("id", 4L), 1)
          .set("balance", new BigDecimal("-5"))));
      poison.add(p.publishTo(1,
          UpdateRecord.update("accounts", Map.of("id", 5L), 0).set("status", "stale")));
      p.publishTo(0, model.updateOf(6, 1, "c"));
    }
    return poison;
  }

  /** The broker stamps each record with its append time, so the type is not the default. */
  private static void createLogAppendTimeTopic(KafkaBroker broker, String name, int partitions) {
    NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(Map.of(
        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(topic)).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) { // as broker.createTopic, take it
        throw new IllegalStateException("could not create " + name, e);
      }
    }
    broker.createTopic(name, partitions); // exists: waits for its partitions' leaders
  }

  private static AnnotationConfigApplicationContext springSide(
      Topics topics, DeadLetterReader reader) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean("topics", Topics.class, () -> topics);
    context.registerBean(DeadLetterReader.class, () -> reader);
    context.register(SpringSide.class, SpringRefusesEverything.class);
    context.refresh();
    return context;
  }

  /**
   * A Spring application reading kup's dead-letter topic as Spring documents it: the origin as
   * typed {@code @Header} parameters, converted from the header bytes by Spring's listener
   * infrastructure. A letter Spring cannot convert lands in {@link #unreadable}.
   */
  public static final class DeadLetterReader {
    final List<SpringView> views = new CopyOnWriteArrayList<>();
    final List<String> unreadable = new CopyOnWriteArrayList<>();

    @KafkaListener(id = "spring-reads-kup-letters", topics = "#{@topics.kupLetters()}")
    public void read(
        @Header(KafkaHeaders.DLT_ORIGINAL_TOPIC) String topic,
        @Header(KafkaHeaders.DLT_ORIGINAL_PARTITION) int partition,
        @Header(KafkaHeaders.DLT_ORIGINAL_OFFSET) long offset,
        @Header(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP) long timestamp,
        @Header(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE) String timestampType) {
      views.add(new SpringView(topic, partition, offset, timestamp, timestampType));
    }

    int handled() {
      return views.size() + unreadable.size();
    }
  }

  /** A Spring listener that fails every record of the source topic, so Spring dead-letters it. */
  public static final class SpringRefusesEverything {
    @KafkaListener(id = "spring-refuses-everything", topics = "#{@topics.source()}",
        containerFactory = "deadLetteringFactory")
    public void refuse(ConsumerRecord<byte[], byte[]> record) {
      throw new IllegalStateException("refused " + record.topic() + "/" + record.partition()
          + "/" + record.offset());
    }
  }

  /** Spring's side: consumer and producer factories and two listener container factories. */
  @Configuration(proxyBeanMethods = false)
  @EnableKafka
  static class SpringSide {
    @Bean
    ConsumerFactory<byte[], byte[]> consumerFactory(Topics topics) {
      return new DefaultKafkaConsumerFactory<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    @Bean
    ProducerFactory<byte[], byte[]> producerFactory(Topics topics) {
      return new DefaultKafkaProducerFactory<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @Bean
    KafkaTemplate<byte[], byte[]> kafkaTemplate(ProducerFactory<byte[], byte[]> producers) {
      return new KafkaTemplate<>(producers);
    }

    /** For the reader: a letter it cannot convert is noted once, not retried. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> kafkaListenerContainerFactory(
        ConsumerFactory<byte[], byte[]> consumers, DeadLetterReader reader) {
      ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory =
          new ConcurrentKafkaListenerContainerFactory<>();
      factory.setConsumerFactory(consumers);
      factory.setCommonErrorHandler(new DefaultErrorHandler(
          (letter, e) -> reader.unreadable.add("letter at offset " + letter.offset() + ": "
              + NestedExceptionUtils.getMostSpecificCause(e)), new FixedBackOff(0, 0)));
      return factory;
    }

    /** For the refusing listener: Spring's own dead-lettering, at the first failure. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> deadLetteringFactory(
        ConsumerFactory<byte[], byte[]> consumers, KafkaTemplate<byte[], byte[]> template,
        Topics topics) {
      ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory =
          new ConcurrentKafkaListenerContainerFactory<>();
      factory.setConsumerFactory(consumers);
      DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
          (record, e) -> new TopicPartition(topics.springLetters(), -1));
      factory.setCommonErrorHandler(new DefaultErrorHandler(recoverer, new FixedBackOff(0, 0)));
      return factory;
    }
  }
}
