/**
 * {@code kup publish}: JSON lines read byte for byte, checked against the update-record contract
 * ({@link dev.kup.cli.publish.LineCheck}) and sent unchanged by an idempotent producer ({@link
 * dev.kup.cli.publish.Publisher}, which the demo uses too).
 */
package dev.kup.cli.publish;
