package dev.kup.bench.measure;

/**
 * One process over its life: a pid may be reused, a pid with its start time is not.
 *
 * @param pid the process id
 * @param startTicks its {@code starttime}
 */
record ProcKey(long pid, long startTicks) {

  static ProcKey of(ProcStat process) {
    return new ProcKey(process.pid(), process.startTicks());
  }
}
