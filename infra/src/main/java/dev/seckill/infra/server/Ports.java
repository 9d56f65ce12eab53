package dev.seckill.infra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** TCP port helpers. Everything here is about the loopback interface, where the local servers listen. */
public final class Ports {

    /** Where the local servers listen unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Duration POLL_PAUSE = Duration.ofMillis(50);
    /** The kernel may hand the same ephemeral port out twice in a row once it is closed again. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    /** Whether a server could bind this port on 127.0.0.1 now. */
    public static boolean isFree(int port) {
        return isFree(LOOPBACK, port);
    }

    /** Whether a server could bind this port on this address now. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Java sets SO_REUSEADDR on Linux; like the servers, so TIME_WAIT leftovers don't count as taken.
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether this is an IP literal of the loopback network. On Linux all of 127.0.0.0/8 is on {@code lo},
     * so servers on 127.0.0.2, 127.0.0.3 ... are separate hosts as far as a packet filter can tell.
     */
    public static boolean isLoopback(String host) {
        if (!host.matches("127(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** A port that is free now and that this JVM has not handed out before. */
    public static synchronized int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on the loopback interface", e);
            }
        }
        throw new IllegalStateException("no fresh free port after 100 attempts");
    }

    /** Whether something accepts TCP connections on host:port. */
    public static boolean isOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until host:port accepts connections. */
    public static void awaitOpen(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isOpen(host, port)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(host + ":" + port + " did not accept connections within " + timeout);
            }
            Pause.of(POLL_PAUSE);
        }
    }
}
