package dev.kup.localkit.stream;

import java.util.SplittableRandom;

/** Draws the row the next update goes to. Implementations are pure functions of the random. */
@FunctionalInterface
public interface RowSampler {

  /** Returns a row id in {@code 1..rows} of the stream's {@link TableRows}. */
  long next(SplittableRandom random);
}
