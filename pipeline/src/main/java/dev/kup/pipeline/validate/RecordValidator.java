package dev.kup.pipeline.validate;

import dev.kup.pipeline.validate.Validation.Accepted;
import dev.kup.pipeline.validate.Validation.Refused;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a decoded record against the allow-list and the catalog and converts its values: the
 * only way from record text to names and values used in SQL. Thread-safe.
 */
public final class RecordValidator {
  private final TableCatalog catalog;
  private final ColumnValueConverter converter;

  public RecordValidator(TableCatalog catalog, ColumnValueConverter converter) {
    this.catalog = catalog;
    this.converter = converter;
  }

  /**
   * @param record the decoded record
   * @param kafkaKey the Kafka record key as text, or null when the record had none
   */
  public Validation validate(UpdateRecord record, String kafkaKey) {
    Optional<TableSchema> table = catalog.table(record.table());
    if (table.isEmpty()) {
      return new Refused(
          DeadLetterReason.UNKNOWN_TABLE,
          "table '" + record.table() + "' is not allow-listed");
    }
    String expectedKey = record.kafkaKey();
    if (!expectedKey.equals(kafkaKey)) {
      return new Refused(
          DeadLetterReason.KEY_MISMATCH,
          "Kafka key " + (kafkaKey == null ? "is missing" : "'" + kafkaKey + "' differs")
              + "; the contract requires '" + expectedKey + "'");
    }
    try {
      RowChange change = toChange(record, table.get());
      Optional<String> outOfRange = versionOutOfRange(record, table.get());
      return outOfRange.isPresent()
          ? new Validation.NeverMatches(table.get(), outOfRange.get()) : new Accepted(change);
    } catch (RefusedException e) {
      return e.refused;
    }
  }

  /** Why no row of the table can be at the record's version, if none can. */
  private Optional<String> versionOutOfRange(UpdateRecord record, TableSchema table) {
    if (record.version() == null) {
      return Optional.empty();
    }
    try {
      converter.convert(record.version(), table.version());
      return Optional.empty();
    } catch (ValueConversionException e) {
      return Optional.of((table.externalVersions() ? "version " : "expected version ")
          + record.version() + " can never match: " + e.getMessage());
    }
  }

  /**
   * An external-version table takes a record's version as the row's new one, so it must be there
   * and above a row's first; and an increment would add its amount again on every replay.
   */
  private static void checkExternalVersion(UpdateRecord record, TableSchema table)
      throws RefusedException {
    if (record.version() == null || record.version() < 1) {
      throw refuse(DeadLetterReason.SCHEMA_VIOLATION, "table '" + table.name()
          + "' takes external versions: a record must carry the row's version after the change,"
          + " at least 1, got " + (record.version() == null ? "none" : record.version()));
    }
    if (!record.increment().isEmpty()) {
      throw refuse(DeadLetterReason.SCHEMA_VIOLATION, "table '" + table.name()
          + "' takes external versions, where 'increment' is refused: a replayed or reordered"
          + " event would add its amount again; send the new value in 'set'");
    }
  }

  private RowChange toChange(UpdateRecord record, TableSchema table) throws RefusedException {
    List<ColumnValue> key = keyOf(record, table);
    if (table.externalVersions()) {
      checkExternalVersion(record, table);
    }
    Map<ColumnSchema, String> named = new HashMap<>();
    List<ColumnValue> set = new ArrayList<>();
    for (Map.Entry<String, Object> e : record.set().entrySet()) {
      set.add(convert(onlyOnce(named, writableColumn(table, e.getKey()), e.getKey()), e.getValue()));
    }
    List<ColumnValue> increments = new ArrayList<>();
    for (Map.Entry<String, Number> e : record.increment().entrySet()) {
      ColumnSchema column = onlyOnce(named, writableColumn(table, e.getKey()), e.getKey());
      if (!column.isNumeric()) {
        throw refuse(DeadLetterReason.TYPE_MISMATCH,
            "column '" + column.name() + "' of type " + column.type().getTypeName()
                + " cannot be incremented");
      }
      increments.add(convert(column, e.getValue()));
    }
    long version = record.version() == null ? 0L : record.version();
    return new RowChange(table, record.op(), key, set, increments, version);
  }

  private List<ColumnValue> keyOf(UpdateRecord record, TableSchema table) throws RefusedException {
    List<ColumnSchema> primaryKey = table.primaryKey();
    if (record.key().size() != primaryKey.size()) {
      throw wrongKey(record, table);
    }
    // every name before any value: a key naming a wrong column is INVALID_KEY whatever its values
    Object[] values = new Object[primaryKey.size()]; // key values are never null
    for (Map.Entry<String, Object> e : record.key().entrySet()) {
      int at = table.column(e.getKey()).map(primaryKey::indexOf).orElse(-1);
      if (at < 0 || values[at] != null) {
        throw wrongKey(record, table);
      }
      values[at] = e.getValue();
    }
    ColumnValue[] key = new ColumnValue[values.length];
    for (int i = 0; i < key.length; i++) {
      key[i] = keyValue(primaryKey.get(i), values[i]);
    }
    return List.of(key);
  }

  /**
   * The column, unless the record already named it under another spelling ({@code status} and
   * {@code STATUS}): a statement cannot assign one column twice, and which value was meant is
   * the producer's secret.
   */
  private static ColumnSchema onlyOnce(Map<ColumnSchema, String> named, ColumnSchema column,
      String name) throws RefusedException {
    String earlier = named.putIfAbsent(column, name);
    if (earlier != null) {
      throw refuse(DeadLetterReason.SCHEMA_VIOLATION, "names '" + earlier + "' and '" + name
          + "' both resolve to column '" + column.name() + "'; a record may name a column once");
    }
    return column;
  }

  private static RefusedException wrongKey(UpdateRecord record, TableSchema table) {
    Set<String> expected = new TreeSet<>(table.primaryKey().stream().map(ColumnSchema::name).toList());
    return refuse(DeadLetterReason.INVALID_KEY,
        "key names columns " + new TreeSet<>(record.key().keySet()) + " but the primary key of '"
            + table.name() + "' is " + expected);
  }

  private static ColumnSchema writableColumn(TableSchema table, String name) throws RefusedException {
    ColumnSchema column = table.column(name).orElseThrow(() -> refuse(
        DeadLetterReason.UNKNOWN_COLUMN,
        "table '" + table.name() + "' has no column '" + name + "'"));
    if (column.equals(table.version())) {
      throw refuse(DeadLetterReason.SCHEMA_VIOLATION,
          "column '" + name + "' is the version column; kup advances it, records must not set it");
    }
    if (table.isPrimaryKey(column)) {
      throw refuse(DeadLetterReason.SCHEMA_VIOLATION,
          "column '" + name + "' is part of the primary key and cannot be changed");
    }
    return column;
  }

  /**
   * A key value no row can have (out of the column's range, of another type) identifies no row:
   * it is an invalid key, and binding it could narrow it into the key of another row.
   */
  private ColumnValue keyValue(ColumnSchema column, Object value) throws RefusedException {
    try {
      return new ColumnValue(column, converter.convert(value, column));
    } catch (ValueConversionException e) {
      throw refuse(DeadLetterReason.INVALID_KEY, "key " + e.getMessage());
    }
  }

  private ColumnValue convert(ColumnSchema column, Object value) throws RefusedException {
    try {
      return new ColumnValue(column, converter.convert(value, column));
    } catch (ValueConversionException e) {
      throw refuse(DeadLetterReason.TYPE_MISMATCH, e.getMessage());
    }
  }

  private static RefusedException refuse(DeadLetterReason reason, String message) {
    return new RefusedException(new Refused(reason, message));
  }

  /** Carries a refusal out of the nested checks; never leaves this class. */
  private static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Refused refused;

    RefusedException(Refused refused) {
      super(refused.message(), null, false, false);
      this.refused = refused;
    }
  }
}
