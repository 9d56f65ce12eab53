package dev.seckill.infra.cli;

import dev.seckill.infra.platform.LocalSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Tokens for load runs, signed by the platform's local key before a run starts (signing 40,000 RSA
 * tokens takes longer than the sale they are for) and kept beside the key, owner-readable only.
 * A file of shoppers is reused while its tokens have hours left and the key has not changed; shopper
 * ids repeat across runs, which is fine because every run opens new sales.
 */
public final class TokenFiles {

    /** Long enough for the longest run; these tokens are only ever accepted by a local gateway. */
    private static final Duration LIFETIME = Duration.ofHours(24);
    private static final Duration REUSE_WHILE_LEFT = Duration.ofHours(12);

    private TokenFiles() {
    }

    /** A file of {@code userId,token} lines for at least {@code count} distinct shoppers {@code load-shopper-<i>}. */
    public static Path shoppers(LocalSecrets secrets, Path dir, int count) {
        Path file = dir.resolve("shoppers-" + fingerprint(secrets) + ".csv");
        try {
            if (Files.isRegularFile(file)
                    && Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(LIFETIME.minus(REUSE_WHILE_LEFT)))
                    && lineCount(file) >= count) {
                return file;
            }
            var tokens = secrets.tokens();
            Instant issuedAt = Instant.now();
            long started = System.nanoTime();
            // Signing is CPU-bound: all cores, in order, so that shopper i is always line i.
            String lines = IntStream.range(0, count).parallel()
                    .mapToObj(i -> "load-shopper-" + i + "," + tokens.sign("load-shopper-" + i, List.of(), issuedAt, LIFETIME))
                    .collect(Collectors.joining("\n", "", "\n"));
            writeOwnerOnly(file, lines);
            System.out.printf("Signed %,d shoppers' tokens in %.1f s (kept for later runs in %s)%n", count,
                    (System.nanoTime() - started) / 1e9, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the shoppers' tokens to " + file, e);
        }
    }

    /** A file holding one admin token, made afresh. */
    public static Path admin(LocalSecrets secrets, Path dir) {
        Path file = dir.resolve("admin.token");
        try {
            writeOwnerOnly(file, secrets.tokens().sign("load-admin", List.of("admin"), Instant.now(), LIFETIME) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static long lineCount(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }

    /** Changes when the key pair does, so tokens of an old key are never reused. */
    private static String fingerprint(LocalSecrets secrets) {
        try {
            byte[] key = Files.readAllBytes(secrets.publicKeyFile());
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(partial, content, StandardCharsets.US_ASCII);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
