package dev.kup.bench.method;

import dev.kup.bench.data.BenchDatabase;
import java.sql.SQLException;

/** Opens a baseline's database writer; the loop that receives it closes it. */
@FunctionalInterface
public interface PollApplierFactory {
  PollApplier open(BenchDatabase database) throws SQLException;
}
