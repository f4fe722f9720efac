package dev.kup.router;

/**
 * A Debezium change event as the JSON converter writes it, bare or in its schema envelope. Rows
 * are given as JSON text; the source is PostgreSQL's (db, schema, table, lsn) unless told.
 */
final class ChangeEvent {
  private static final String SCHEMA = """
      {"type":"struct","fields":[{"type":"struct","fields":[],"optional":true,"field":"before"},\
      {"type":"struct","fields":[],"optional":true,"field":"after"},\
      {"type":"struct","fields":[],"optional":false,"field":"source"},\
      {"type":"string","optional":false,"field":"op"},\
      {"type":"int64","optional":true,"field":"ts_ms"}],\
      "optional":false,"name":"shop.public.orders.Envelope"}""";

  private final String op;
  private String before = "null";
  private String after = "null";
  private String source;
  private long tsMs = 1_764_158_400_000L;

  private ChangeEvent(String op, String table) {
    this.op = op;
    this.source = postgres(table, 24_023_128L);
  }

  static ChangeEvent create(String table, String after) {
    return new ChangeEvent("c", table).after(after);
  }

  static ChangeEvent update(String table, String before, String after) {
    return new ChangeEvent("u", table).before(before).after(after);
  }

  static ChangeEvent read(String table, String after) {
    return new ChangeEvent("r", table).after(after);
  }

  static ChangeEvent delete(String table, String before) {
    return new ChangeEvent("d", table).before(before);
  }

  static ChangeEvent op(String op, String table) {
    return new ChangeEvent(op, table);
  }

  ChangeEvent before(String row) {
    this.before = row;
    return this;
  }

  ChangeEvent after(String row) {
    this.after = row;
    return this;
  }

  ChangeEvent lsn(long lsn) {
    this.source = source.replaceFirst("\"lsn\":\\d+", "\"lsn\":" + lsn);
    return this;
  }

  ChangeEvent tsMs(long millis) {
    this.tsMs = millis;
    return this;
  }

  /** Replaces the whole {@code source} object. */
  ChangeEvent source(String sourceJson) {
    this.source = sourceJson;
    return this;
  }

  String bare() {
    return "{\"before\":" + before + ",\"after\":" + after + ",\"source\":" + source
        + ",\"op\":\"" + op + "\",\"ts_ms\":" + tsMs + ",\"transaction\":null}";
  }

  String enveloped() {
    return "{\"schema\":" + SCHEMA + ",\"payload\":" + bare() + "}";
  }

  static String postgres(String table, long lsn) {
    return "{\"version\":\"3.0.0.Final\",\"connector\":\"postgresql\",\"name\":\"shop\","
        + "\"ts_ms\":1764158399000,\"snapshot\":\"false\",\"db\":\"shop\",\"schema\":\"public\","
        + "\"table\":\"" + table + "\",\"txId\":771,\"lsn\":" + lsn + ",\"xmin\":null}";
  }

  static String mysql(String db, String table) {
    return "{\"version\":\"3.0.0.Final\",\"connector\":\"mysql\",\"name\":\"shop\","
        + "\"ts_ms\":1764158399000,\"db\":\"" + db + "\",\"table\":\"" + table + "\","
        + "\"server_id\":223344,\"file\":\"mysql-bin.000003\",\"pos\":484}";
  }
}
