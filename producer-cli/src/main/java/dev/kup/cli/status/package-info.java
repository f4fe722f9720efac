/**
 * {@code kup status}: the group's offsets from Kafka and from {@code kup_offsets}, each partition
 * judged by the consumer's own stuck rule ({@link dev.kup.cli.status.StuckRule}), the report as a
 * table or as JSON.
 */
package dev.kup.cli.status;
