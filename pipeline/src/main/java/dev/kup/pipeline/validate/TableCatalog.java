package dev.kup.pipeline.validate;

import java.util.Optional;

/** Answers which tables may be written and what they look like. Thread-safe. */
public interface TableCatalog {
  /** The allow-listed table of that exact name, or empty when it is not allow-listed. */
  Optional<TableSchema> table(String name);
}
