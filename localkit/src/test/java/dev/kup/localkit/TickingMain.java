package dev.kup.localkit;

import java.util.concurrent.locks.LockSupport;

/** Child process of {@link JvmProcessIT}: prints "ARG n" every 50 ms, up to KUP_TICK_LIMIT. */
public final class TickingMain {

  private TickingMain() {}

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    long limit = Long.parseLong(System.getenv().getOrDefault("KUP_TICK_LIMIT", "1000000"));
    for (long n = 1; n <= limit; n++) {
      System.out.println(args[0] + " " + n);
      LockSupport.parkNanos(50_000_000L);
    }
  }
}
