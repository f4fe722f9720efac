package dev.kup.pipeline.apply;

/** The default PostgreSQL stack: hot-row coalescing over isolated unnest writes. */
class CoalescingUnnestApplierIT extends ApplierContractIT {
  @Override
  BatchApplier applier() {
    return new CoalescingApplier(isolating(new JooqBatchApplier(new UnnestUpdateWriter())));
  }
}
