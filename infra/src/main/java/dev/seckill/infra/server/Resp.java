package dev.seckill.infra.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A Redis command over a raw socket in RESP: health checks and forming a cluster need only a
 * handful of commands, and infra must not put a Redis client on its consumers' classpath.
 */
final class Resp {

    private static final int TIMEOUT_MILLIS = 2000;

    private Resp() {
    }

    /** True only for +PONG; a Redis still loading its data answers -LOADING. */
    static boolean pong(String host, int port) {
        try {
            return "PONG".equals(call(host, port, "PING"));
        } catch (UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * Sends one command and returns the reply as text: a simple or bulk string, or an integer.
     *
     * @throws IllegalStateException when Redis answers with an error
     * @throws UncheckedIOException when it cannot be reached
     */
    static String call(String host, int port, String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not answer", e);
        }
    }

    static byte[] encode(String... args) {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(arg).append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        if (line.isEmpty()) {
            throw new IOException("empty reply");
        }
        String rest = line.substring(1);
        return switch (line.charAt(0)) {
            case '+', ':' -> rest;
            case '-' -> throw new IllegalStateException(rest);
            case '$' -> readBulk(in, Integer.parseInt(rest));
            default -> throw new IOException("unexpected reply " + line);
        };
    }

    private static String readBulk(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] body = in.readNBytes(length + 2);
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\r') {
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }
}
