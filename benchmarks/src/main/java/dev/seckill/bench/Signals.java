package dev.seckill.bench;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Pausing and resuming a process of the bench's own platform by its pid ({@code kill -STOP} / {@code -CONT}). */
final class Signals {

    private Signals() {
    }

    static void pause(long pid) {
        send("-STOP", pid);
    }

    static void resume(long pid) {
        send("-CONT", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
