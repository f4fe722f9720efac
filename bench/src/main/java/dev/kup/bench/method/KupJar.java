package dev.kup.bench.method;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The consumer jar under test, copied once at the start of a run so that every kup phase runs the
 * same build even when the working tree's jar is rebuilt meanwhile (a build rewrites {@code
 * consumer/target/kup-consumer.jar} in place).
 *
 * @param path the copy the phases run
 * @param source the jar it was copied from
 * @param modified the source's modification time
 * @param sha256 hex digest of the copy
 */
public record KupJar(Path path, Path source, Instant modified, String sha256) {

  /**
   * Copies {@code source} to {@code copy} and checks that the copy is a whole jar.
   *
   * @throws NoSuchFileException when the source is missing, saying how to build it
   * @throws ZipException when it is not a complete jar (e.g. caught mid-rebuild)
   */
  public static KupJar snapshot(Path source, Path copy) throws IOException {
    if (!Files.isRegularFile(source)) {
      throw new NoSuchFileException(source + " (build it: ./mvnw -pl consumer -am package)");
    }
    Instant modified = Files.getLastModifiedTime(source).toInstant();
    Files.createDirectories(copy.toAbsolutePath().getParent());
    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    try (ZipFile jar = new ZipFile(copy.toFile())) {
      if (jar.getEntry("META-INF/MANIFEST.MF") == null) {
        throw new ZipException(source + " has no manifest");
      }
    }
    return new KupJar(copy, source, modified, sha256(copy));
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
