package dev.seckill.testsupport.netfault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A real TCP server for the fault tests: answers each line it reads with {@code ok <line>} and keeps what it read. */
final class LineServer implements AutoCloseable {

    private final ServerSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    LineServer(String host) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(host, 0), 200);
        Thread acceptor = new Thread(this::acceptAll, "line-server-" + host);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return socket.getInetAddress().getHostAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** What clients sent, in arrival order. */
    BlockingQueue<String> received() {
        return received;
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread handler = new Thread(() -> answer(client), "line-server-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = client.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
                out.write(("ok " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
