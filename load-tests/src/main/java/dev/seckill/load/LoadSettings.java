package dev.seckill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a simulation is told through system properties ({@code -Dload.users=40000}); bin/seckill load
 * and bin/seckill bench set them from their options. Every request loop is bounded by these numbers.
 */
final class LoadSettings {

    private LoadSettings() {
    }

    /** The gateway, e.g. {@code http://127.0.0.1:8080}. */
    static String baseUrl() {
        return string("load.baseUrl", "http://127.0.0.1:8080");
    }

    static int integer(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    static Duration seconds(String name, long fallback) {
        return Duration.ofMillis(Math.round(1000 * doubleValue(name, fallback)));
    }

    static Duration millis(String name, long fallback) {
        return Duration.ofMillis(integer(name, (int) fallback));
    }

    static double doubleValue(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
    }

    static String string(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** p99 bound of the simulation's main request, in milliseconds. */
    static int p99Millis(int fallback) {
        return integer("load.p99", fallback);
    }

    /** The admin's token, from the file named by {@code load.adminTokenFile}. */
    static String adminToken() {
        return read(required("load.adminTokenFile")).trim();
    }

    static Path required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + name + " is required (bin/seckill load sets it)");
        }
        return Path.of(value.trim());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
