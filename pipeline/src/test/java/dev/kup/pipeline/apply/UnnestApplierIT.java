package dev.kup.pipeline.apply;

/** The PostgreSQL fast path: one UPDATE … FROM unnest(arrays) per group. */
class UnnestApplierIT extends ApplierContractIT {
  @Override
  BatchApplier applier() {
    return isolating(new JooqBatchApplier(new UnnestUpdateWriter()));
  }
}
