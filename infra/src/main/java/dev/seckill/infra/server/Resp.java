package dev.seckill.infra.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** PING over a raw socket in RESP: infra must not need a Redis client on its consumers' classpath. */
final class RedisPing {

    private static final int TIMEOUT_MILLIS = 1000;

    private RedisPing() {
    }

    /** True only for +PONG; a Redis still loading its data answers -LOADING. */
    static boolean pong(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return "+PONG".equals(readLine(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\r' && line.length() < 256) {
            line.append((char) c);
        }
        return line.toString();
    }
}
