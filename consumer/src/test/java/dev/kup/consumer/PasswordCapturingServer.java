package dev.kup.consumer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of a PostgreSQL server to learn which password a client sends: it refuses SSL and
 * GSS encryption, asks for the password in clear text (protocol 3.0, AuthenticationCleartextPassword),
 * records it and answers {@code 28P01 password authentication failed}. The real test server
 * trusts every local connection and never asks, so only this shows what the client would send.
 * Serves connections one after the other on a daemon thread until closed; thread-safe.
 */
final class PasswordCapturingServer implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_ENCRYPTION_REQUEST = 80877104;
  private static final int CLEARTEXT_PASSWORD = 3;

  private final ServerSocket socket;
  private final List<String> passwords = new CopyOnWriteArrayList<>();

  PasswordCapturingServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::serve, "password-capturing-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The passwords received so far, in order. */
  List<String> passwords() {
    return List.copyOf(passwords);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        passwords.add(askPassword(new DataInputStream(client.getInputStream()),
            new DataOutputStream(client.getOutputStream())));
      } catch (IOException e) {
        // the client gave up or the server closed; serve the next one
      }
    }
  }

  private static String askPassword(DataInputStream in, DataOutputStream out) throws IOException {
    while (true) { // SSLRequest and GSSENCRequest come before the startup message, if at all
      int length = in.readInt();
      int code = in.readInt();
      if (code != SSL_REQUEST && code != GSS_ENCRYPTION_REQUEST) {
        in.readNBytes(length - 8); // the startup message's parameters: user, database, ...
        break;
      }
      out.writeByte('N');
      out.flush();
    }
    out.writeByte('R');
    out.writeInt(8);
    out.writeInt(CLEARTEXT_PASSWORD);
    out.flush();
    if (in.readByte() != 'p') {
      throw new IOException("expected a PasswordMessage");
    }
    byte[] body = in.readNBytes(in.readInt() - 4);
    String password = new String(body, 0, body.length - 1, StandardCharsets.UTF_8); // NUL-ended
    refuse(out);
    return password;
  }

  private static void refuse(DataOutputStream out) throws IOException {
    byte[] fields = ("SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed\0\0")
        .getBytes(StandardCharsets.UTF_8);
    out.writeByte('E');
    out.writeInt(4 + fields.length);
    out.write(fields);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
