package dev.seckill.infra.cli;

import dev.seckill.infra.platform.LocalSecrets;
import dev.seckill.infra.platform.LocalTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Tokens for load runs, signed by the platform's local key before a run starts (signing 40,000 RSA
 * tokens takes longer than the sale they are for) and kept beside the key, owner-readable only.
 * A file of shoppers is reused while its tokens have hours left and neither the key nor the claims the
 * gateway expects have changed, and grows when a run needs more shoppers than it holds: only the
 * missing ones are signed. Shopper ids repeat across runs, which is fine because every run opens new
 * sales.
 *
 * <p>The file's first line is {@code # issued-at=<epoch seconds>}, the issue time of all its tokens; then
 * one {@code userId,token} line per shopper, shopper {@code i} on line {@code i}.
 */
public final class TokenFiles {

    /** Long enough for the longest run; these tokens are only ever accepted by a local gateway. */
    private static final Duration LIFETIME = Duration.ofHours(24);
    private static final Duration REUSE_WHILE_LEFT = Duration.ofHours(12);
    private static final String ISSUED_AT = "# issued-at=";
    private static final int SIGNING_CHUNK = 10_000;

    private TokenFiles() {
    }

    /** A file of {@code userId,token} lines for at least {@code count} distinct shoppers {@code load-shopper-<i>}. */
    public static Path shoppers(LocalSecrets secrets, Path dir, int count) {
        Path file = dir.resolve("shoppers-" + fingerprint(secrets) + ".csv");
        try {
            Optional<Instant> reusable = reusableIssue(file);
            int have = reusable.isPresent() ? shopperLines(file) : 0;
            if (have >= count) {
                return file;
            }
            Instant issuedAt = reusable.orElseGet(Instant::now);
            System.out.printf("Signing %,d shoppers' tokens (about a millisecond of CPU each)...%n", count - have);
            long started = System.nanoTime();
            Path partial = file.resolveSibling(file.getFileName() + ".tmp");
            Files.createDirectories(dir);
            if (have > 0) {
                Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.writeString(partial, ISSUED_AT + issuedAt.getEpochSecond() + "\n", StandardCharsets.US_ASCII);
            }
            appendSigned(partial, secrets, issuedAt, have, count);
            ownerOnly(partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf("Signed %,d shoppers' tokens in %.1f s (%,d in all, kept for later runs in %s)%n", count - have,
                    (System.nanoTime() - started) / 1e9, count, file);
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

    /**
     * Signing is CPU-bound: all cores, collected in order, so that shopper i is always line i; written in chunks,
     * so that hundreds of thousands of tokens never sit in memory at once.
     */
    private static void appendSigned(Path file, LocalSecrets secrets, Instant issuedAt, int from, int to) throws IOException {
        var tokens = secrets.tokens();
        for (int chunk = from; chunk < to; chunk += SIGNING_CHUNK) {
            String lines = IntStream.range(chunk, Math.min(to, chunk + SIGNING_CHUNK)).parallel()
                    .mapToObj(i -> "load-shopper-" + i + "," + tokens.sign("load-shopper-" + i, List.of(), issuedAt, LIFETIME))
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(file, lines, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        }
    }

    /** When the file's tokens were issued, if it exists in this format and they have long enough left. */
    private static Optional<Instant> reusableIssue(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String first = reader.readLine();
            if (first == null || !first.startsWith(ISSUED_AT)) {
                return Optional.empty();
            }
            Instant issuedAt = Instant.ofEpochSecond(Long.parseLong(first.substring(ISSUED_AT.length()).trim()));
            return issuedAt.plus(LIFETIME).minus(REUSE_WHILE_LEFT).isAfter(Instant.now()) ? Optional.of(issuedAt) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int shopperLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.US_ASCII)) {
            return (int) lines.filter(line -> !line.isBlank() && !line.startsWith("#")).count();
        }
    }

    /**
     * Changes when the key pair does, or the issuer and audience the local gateway expects, so tokens it
     * would refuse (an old key's, or those signed before tokens carried an audience) are never reused.
     */
    private static String fingerprint(LocalSecrets secrets) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(secrets.publicKeyFile()));
            digest.update((LocalTokens.ISSUER + "\n" + LocalTokens.AUDIENCE).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
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
        ownerOnly(partial);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
