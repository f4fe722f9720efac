package dev.kup.cli.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so each line can be sent exactly as it was
 * written. A line ends at {@code \n}; a {@code \r} before it is part of the line ending, and so is
 * a UTF-8 byte-order mark at the very start of the stream. Not thread-safe; does not close the
 * stream.
 */
final class JsonLineReader {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final InputStream in;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
  private int number;
  private boolean ended;

  /**
   * @param in the input; pass a buffered stream, as it is read byte by byte
   */
  JsonLineReader(InputStream in) {
    this.in = in;
  }

  /** One line of input; {@code number} counts from 1 and includes blank lines. */
  record Line(int number, byte[] bytes) {
    /** True when the line holds only JSON whitespace (or nothing). */
    boolean isBlank() {
      for (byte b : bytes) {
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return true;
    }
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    if (ended) {
      return null;
    }
    buffer.reset();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      buffer.write(b);
    }
    if (b == -1) {
      ended = true;
      if (buffer.size() == 0) {
        return null;
      }
    }
    number++;
    return new Line(number, content(buffer.toByteArray()));
  }

  private byte[] content(byte[] line) {
    int from = number == 1 && startsWithBom(line) ? UTF8_BOM.length : 0;
    int to = line.length > from && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
    return from == 0 && to == line.length ? line : Arrays.copyOfRange(line, from, to);
  }

  private static boolean startsWithBom(byte[] line) {
    return line.length >= UTF8_BOM.length
        && line[0] == UTF8_BOM[0]
        && line[1] == UTF8_BOM[1]
        && line[2] == UTF8_BOM[2];
  }
}
