package dev.kup.consumer.hostile;

/** One row of the suite's tables, by table and primary key. */
record RowRef(String table, long id) {
  @Override
  public String toString() {
    return table + "#" + id;
  }
}
