/**
 * What a run of kup on one machine needs, shared by the demo, the benchmark and the test kit:
 * a single-node Kafka started as a child JVM ({@link dev.kup.localkit.ChildProcessKafkaBroker},
 * behind the {@link dev.kup.localkit.KafkaBroker} interface the tests use), child JVMs to start,
 * signal and read the log of ({@link dev.kup.localkit.JvmProcess}), one parser of the
 * Prometheus text format ({@link dev.kup.localkit.PrometheusText}), and the one generator of
 * update streams ({@link dev.kup.localkit.stream}). It carries no JUnit and no
 * Testcontainers, so the demo and the benchmark can run with it; the test kit adds the JUnit
 * extensions and the databases on top. The service itself never depends on it.
 */
package dev.kup.localkit;
