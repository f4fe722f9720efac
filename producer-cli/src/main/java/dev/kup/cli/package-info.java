/**
 * The {@code kup} command: its composition root ({@link dev.kup.cli.KupCommand}, which alone knows
 * every command), what a command may touch of the outside world ({@link
 * dev.kup.cli.CommandContext}), and what the command families share: the Kafka connection options
 * ({@link dev.kup.cli.KafkaConnection}, {@link dev.kup.cli.ProducerProperties}), the producer
 * factory, and the one way to write a time or a duration ({@link dev.kup.cli.TimeBound}). Each
 * family lives in a package of its own ({@code publish}, {@code deadletter}, {@code status}) that
 * stands on this one; the only type one family takes from another is {@link
 * dev.kup.cli.deadletter.DeadLetterCounts}, which {@code kup status} reports (ArchUnit, {@code
 * ArchitectureTest}).
 */
package dev.kup.cli;
