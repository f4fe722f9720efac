package dev.kup.consumer.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromQlMetricNamesTest {
  /** Expression, then the metric names it reads ("" for none). */
  static Stream<Arguments> expressions() {
    return Stream.of(
        reads("kup_records_total", "kup_records_total"),
        reads("rate(kup_records_total[1m])", "kup_records_total"),
        reads("sum by (outcome) (rate(kup_records_total{job=\"kup\", outcome=\"applied\"}[5m]))",
            "kup_records_total"),
        reads("sum(rate(a[5m])) by (le, instance)", "a"),
        reads("sum without (instance, pod) (a)", "a"),
        reads("sum BY (le) (a)", "a"),
        reads("histogram_quantile(0.99, sum by (le) "
            + "(rate(batch_update_duration_seconds_bucket{job=\"kup\"}[5m])))",
            "batch_update_duration_seconds_bucket"),
        reads("deriv(sum(kafka_consumer_fetch_manager_records_lag)[10m:])>0",
            "kafka_consumer_fetch_manager_records_lag"),
        reads("max_over_time(kup_circuit_breaker_state[1h:30s]) == 2", "kup_circuit_breaker_state"),
        reads("absent(up{job=\"kup\"} == 1)", "up"),
        reads("a / on(instance) group_left(version, pod) b", "a", "b"),
        reads("a * ignoring (stage) group_right b", "a", "b"),
        reads("a + on() group_left b", "a", "b"),
        reads("a and b or c unless d", "a", "b", "c", "d"),
        reads("a AND b", "a", "b"),
        reads("a > bool 1e3", "a"),
        reads("a offset 5m", "a"),
        reads("increase(a[1h] offset -1h30m)", "a"),
        reads("a @ 1609746000", "a"),
        reads("a @ start() - b @ end()", "a", "b"),
        reads("{__name__=\"kup_retries_total\", job=\"kup\"}", "kup_retries_total"),
        reads("rate({job = 'kup', __name__ = 'a'}[5m])", "a"),
        reads("{\"kup_paused_partitions\", job=\"kup\"}", "kup_paused_partitions"),
        reads("{\"my.label\" = \"x\", \"kup.paused\", \"other.label\"!~\"y\"}", "kup.paused"),
        reads("a{outcome=\"rate\", reason=~\"sum|by\", le!=\"+Inf\", stage!~\"x\"}", "a"),
        reads("a{by=\"x\", on=\"y\"}", "a"),
        reads("a{reason=\"say \\\"b\\\" here\"}", "a"),
        reads("a{reason=`raw \\ string`}", "a"),
        reads("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\")", "up"),
        reads("count_values(\"le\", a)", "a"),
        reads("topk(5, a) or bottomk(3, b)", "a", "b"),
        reads("quantile(0.9, a)", "a"),
        reads("clamp_min(a, 0.5) * -b + .5 - 0x1F / 1e-3 + 2E+2", "a", "b"),
        reads("a > Inf or b < -inf or c != NaN", "a", "b", "c"),
        reads("a atan2 b", "a", "b"),
        reads("job:kup_records:rate5m", "job:kup_records:rate5m"),
        reads("sort_desc(sum by (table) (rate(a[5m])))", "a"),
        reads("rate (a [5m])", "a"),
        reads("rate(a{instance=~\"$instance\"}[$__rate_interval])", "a"),
        reads("a{instance=~\"${instance:regex}\"} / $scale * ${factor}", "a"),
        reads("rate(a[[[interval]]])", "a"),
        reads("a # b is a comment\n+ c", "a", "c"),
        reads("vector(1) + time() - scalar(a)", "a"),
        reads("1 + 2 * 3", ""),
        reads("sum(a)\n  /\n  sum(b)", "a", "b"));
  }

  private static Arguments reads(String promQl, String... names) {
    return Arguments.of(promQl, names.length == 1 && names[0].isEmpty() ? new String[0] : names);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expressions")
  void findsExactlyTheMetricNamesAnExpressionReads(String promQl, String[] names) {
    assertThat(PromQlMetricNames.extract(promQl)).containsExactlyInAnyOrderElementsOf(
        Arrays.asList(names));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{__name__=~\"kup_.*\"}", "a or {__name__!=\"b\", job=\"kup\"}"})
  void refusesMetricNamesChosenByPattern(String promQl) {
    assertThatThrownBy(() -> PromQlMetricNames.extract(promQl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("__name__");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a{job=\"kup\"", "rate(a[5m", "a{job=\"kup}", "a{job}", "\"open"})
  void refusesUnterminatedExpressions(String promQl) {
    assertThatThrownBy(() -> PromQlMetricNames.extract(promQl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(promQl);
  }
}
