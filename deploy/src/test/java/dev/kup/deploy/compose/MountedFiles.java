package dev.kup.deploy.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A service's bind mounts laid out under a local directory as the container sees them: the host
 * file mounted at {@code /etc/prometheus/prometheus.yml} is copied to {@code
 * <dir>/etc/prometheus/prometheus.yml}. So a tool run on the copy resolves relative paths (rule
 * files, for one) exactly as it would in the container.
 */
final class MountedFiles {
  private MountedFiles() {}

  /** Copies every bind mount of {@code service} under {@code dir} and returns {@code dir}. */
  static Path layOut(ComposeFile compose, String service, Path dir) {
    for (ComposeFile.BindMount mount : compose.bindMounts(service)) {
      copy(mount.source(), inside(dir, mount.target()));
    }
    return dir;
  }

  /** Where the container path {@code target} lies under {@code dir}. */
  static Path inside(Path dir, String target) {
    return dir.resolve(target.replaceFirst("^/+", ""));
  }

  private static void copy(Path source, Path destination) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path to = destination.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + destination, e);
    }
  }
}
