/**
 * {@code kup dlq ls|show|stats} and {@code kup replay}: a letter as an operator reads it ({@link
 * dev.kup.cli.deadletter.DeadLetterView}), the reader of a dead-letter topic for looking ({@link
 * dev.kup.cli.deadletter.DeadLetterTopicReader}), the filters the commands share, and the
 * replayer. {@link dev.kup.cli.deadletter.DeadLetterCounts} is what {@code kup status} reports of
 * the dead letters, read by the same reader.
 */
package dev.kup.cli.deadletter;
