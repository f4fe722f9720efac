package dev.kup.consumer.hostile;

import dev.kup.consumer.hostile.HostileScenario.Sent;
import dev.kup.consumer.hostile.Outcome.DeadLettered;
import dev.kup.consumer.hostile.Outcome.Verdict;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.assertj.core.api.SoftAssertions;

/**
 * Checks a scenario's end state against its plan, every failure described by the name of the
 * case it breaks: each hostile record dead-lettered exactly once with its verdict, no other record
 * dead-lettered, and every row exactly as the test computed it.
 */
final class ScenarioVerdicts {
  private final SoftAssertions softly;
  private final List<Sent> sent;

  ScenarioVerdicts(SoftAssertions softly, List<Sent> sent) {
    this.softly = softly;
    this.sent = sent;
  }

  void checkDeadLetters(List<ConsumerRecord<byte[], byte[]>> dlq) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> byOrigin = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> letter : dlq) {
      String origin = DeadLetterOrigin.of(letter.headers())
          .map(o -> o.partition() + "@" + o.offset()).orElse("no origin");
      byOrigin.computeIfAbsent(origin, o -> new ArrayList<>()).add(letter);
    }
    for (Sent s : sent) {
      List<ConsumerRecord<byte[], byte[]>> letters = byOrigin.remove(s.origin());
      if (s.planned().outcome() instanceof DeadLettered expected) {
        checkLetters(s, expected, letters == null ? List.of() : letters);
      } else {
        softly.assertThat(letters).as("[%s] must apply, but was dead-lettered: %s",
            name(s), letters == null ? "" : describe(letters.get(0))).isNull();
      }
    }
    softly.assertThat(byOrigin).as("dead letters of records the test never sent").isEmpty();
  }

  private void checkLetters(Sent s, DeadLettered expected, List<ConsumerRecord<byte[], byte[]>> letters) {
    softly.assertThat(letters.size())
        .as("[%s] number of dead letters of its record (%s); expected one %s", name(s), s.origin(),
            expected.verdicts())
        .isEqualTo(1);
    if (letters.isEmpty()) {
      return;
    }
    ConsumerRecord<byte[], byte[]> letter = letters.get(0);
    Verdict verdict = new Verdict(header(letter, DeadLetterHeaders.REASON),
        header(letter, DeadLetterHeaders.STAGE));
    String message = String.valueOf(header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE));
    String trace = String.valueOf(header(letter, DeadLetterHeaders.EXCEPTION_STACKTRACE));
    softly.assertThat(verdict).as("[%s] reason@stage of its dead letter: %s", name(s),
        describe(letter)).isIn(expected.verdicts());
    checkValue(s, expected, letter);
    for (String mention : expected.mentions()) {
      softly.assertThat(message).as("[%s] its dead letter's message names %s", name(s), mention)
          .containsIgnoringCase(mention);
    }
    for (String secret : expected.secrets()) {
      softly.assertThat(message).as("[%s] its dead letter's message leaks '%s'", name(s), secret)
          .doesNotContain(secret);
      softly.assertThat(trace).as("[%s] its dead letter's stack trace leaks '%s'", name(s), secret)
          .doesNotContain(secret);
    }
  }

  private void checkValue(Sent s, DeadLettered expected, ConsumerRecord<byte[], byte[]> letter) {
    if (expected.valueOmitted()) {
      softly.assertThat(letter.value()).as("[%s] its dead letter's value", name(s)).isNull();
      softly.assertThat(letter.headers().lastHeader(DeadLettered.VALUE_OMITTED))
          .as("[%s] its dead letter's header %s", name(s), DeadLettered.VALUE_OMITTED).isNotNull();
    } else {
      softly.assertThat(letter.value()).as("[%s] its dead letter's value is the record's", name(s))
          .isEqualTo(s.planned().value());
    }
  }

  /** Every row as the test computed it; a row a hostile case aimed at must be as it was. */
  void checkRows(ExpectedRows expected, Map<RowRef, Map<String, String>> actual) {
    Map<RowRef, TreeSet<String>> aimedAt = new LinkedHashMap<>();
    for (Sent s : sent) {
      aimedAt.computeIfAbsent(s.planned().target(), r -> new TreeSet<>()).add(name(s));
    }
    expected.all().forEach((ref, row) -> softly.assertThat(actual.get(ref))
        .as("[%s] row %s", String.join(", ", aimedAt.getOrDefault(ref, new TreeSet<>())), ref)
        .isEqualTo(row));
  }

  private static String name(Sent s) {
    return s.planned().name() == null ? "valid update" : s.planned().name();
  }

  private static String describe(ConsumerRecord<byte[], byte[]> letter) {
    return header(letter, DeadLetterHeaders.REASON) + "@" + header(letter, DeadLetterHeaders.STAGE)
        + " sqlstate=" + header(letter, DeadLetterHeaders.SQLSTATE) + ": "
        + abbreviate(header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE));
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
