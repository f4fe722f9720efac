package dev.kup.pipeline.apply;

/** The portable strategy: jOOQ batches of bound statements. */
class JdbcBatchApplierIT extends ApplierContractIT {
  @Override
  BatchApplier applier() {
    return isolating(new JooqBatchApplier());
  }
}
