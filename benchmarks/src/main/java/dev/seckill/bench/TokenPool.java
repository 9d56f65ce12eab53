package dev.seckill.bench;

import dev.seckill.infra.cli.TokenFiles;
import dev.seckill.infra.platform.LocalSecrets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hands out shoppers' tokens for wrk, each shopper once per run: the gateway remembers the tokens it has
 * verified, so a token sent twice would cost it less than a new shopper does. The tokens come from the
 * file {@link TokenFiles} keeps beside the platform's key (signed once, reused by later runs, grown when a
 * run needs more); the first {@code reserved} shoppers are Gatling's, the rest are cut into disjoint slices.
 * A slice is written as one file per wrk thread ({@code <prefix>.<thread>}, one token a line), so a thread
 * reads only its own part at start, and deleted when its phase is over.
 */
final class TokenPool {

    private final LocalSecrets secrets;
    private final Path tokenDir;
    private final Path sliceDir;
    private final int threads;
    private int next;

    TokenPool(LocalSecrets secrets, Path tokenDir, Path sliceDir, int reserved, int threads) {
        this.secrets = secrets;
        this.tokenDir = tokenDir;
        this.sliceDir = sliceDir;
        this.next = reserved;
        this.threads = threads;
    }

    /** The next {@code count} shoppers (at least one per thread), signed first if the file holds too few. */
    Slice take(String name, int count) {
        int size = Math.max(count, threads);
        Path file = TokenFiles.shoppers(secrets, tokenDir, next + size);
        Path prefix = sliceDir.resolve(name + ".tokens");
        List<BufferedWriter> writers = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.US_ASCII)) {
            // Owner-only, like the file the tokens come from.
            Files.createDirectories(sliceDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (int thread = 0; thread < threads; thread++) {
                writers.add(Files.newBufferedWriter(threadFile(prefix, thread), StandardCharsets.US_ASCII));
            }
            Iterator<String> shoppers = lines.filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .skip(next).limit(size).iterator();
            // Contiguous runs per thread: thread t takes the t-th part of the slice.
            for (int i = 0; shoppers.hasNext(); i++) {
                String line = shoppers.next();
                BufferedWriter writer = writers.get((int) ((long) i * threads / size));
                writer.write(line, line.indexOf(',') + 1, line.length() - line.indexOf(',') - 1);
                writer.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut a slice of shoppers' tokens from " + file, e);
        } finally {
            writers.forEach(TokenPool::close);
        }
        next += size;
        return new Slice(prefix, size, threads);
    }

    private static Path threadFile(Path prefix, int thread) {
        return prefix.resolveSibling(prefix.getFileName() + "." + thread);
    }

    private static void close(BufferedWriter writer) {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One phase's shoppers: {@code size} tokens in {@code threads} files named {@code <prefix>.<thread>}. */
    record Slice(Path prefix, int size, int threads) {

        void delete() {
            for (int thread = 0; thread < threads; thread++) {
                try {
                    Files.deleteIfExists(threadFile(prefix, thread));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
