package dev.kup.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** This machine's {@code /proc}: the only code of the benchmark's samplers that reads it. */
public final class LinuxProc implements ProcSource {

  private static final Path PROC = Path.of("/proc");

  private final ClockTicks ticks;

  public LinuxProc(ClockTicks ticks) {
    this.ticks = ticks;
  }

  /** Asks the kernel for its clock ticks ({@link ClockTicks#query()}). */
  public static LinuxProc query() throws IOException, InterruptedException {
    return new LinuxProc(ClockTicks.query());
  }

  @Override
  public ClockTicks ticks() {
    return ticks;
  }

  @Override
  public MachineTicks machine() throws IOException {
    return MachineTicks.parse(Files.readString(PROC.resolve("stat")));
  }

  @Override
  public List<Long> pids() throws IOException {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC,
        entry -> Character.isDigit(entry.getFileName().toString().charAt(0)))) {
      entries.forEach(entry -> pids.add(Long.parseLong(entry.getFileName().toString())));
    }
    return pids;
  }

  @Override
  public Optional<ProcStat> stat(long pid) {
    try {
      return Optional.of(ProcStat.parse(read(pid, "stat")));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty(); // exited between the listing and the read
    }
  }

  @Override
  public String cmdline(long pid) {
    try {
      return read(pid, "cmdline");
    } catch (IOException gone) {
      return "";
    }
  }

  @Override
  public Optional<ProcSnapshot> snapshot(long pid) {
    try {
      return Optional.of(ProcSnapshot.parse(read(pid, "stat"), read(pid, "status")));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  private static String read(long pid, String file) throws IOException {
    return new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve(file)),
        StandardCharsets.UTF_8);
  }
}
