package dev.seckill.infra.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks binaries from jars. Everything is written under a temporary name and moved into place
 * atomically, so concurrent JVMs (parallel test modules) never see a half-written binary.
 */
final class Unpack {

    private Unpack() {
    }

    /** Unpacks one entry to {@code target} and makes it executable, unless it is already there. */
    static Path executable(Path jar, String entryName, Path target) throws IOException {
        if (Files.isExecutable(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new IOException(jar + " has no entry " + entryName);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, tmp);
            }
            tmp.toFile().setExecutable(true, false);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Unpacks every entry below {@code prefix} into the directory {@code target}, unless that directory
     * exists (it only ever appears complete). Entries matching {@code executable} get the execute bit.
     */
    static Path tree(Path jar, String prefix, Path target, Predicate<String> executable) throws IOException {
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (!entry.getName().startsWith(prefix) || entry.getName().length() == prefix.length()) {
                        continue;
                    }
                    String relative = entry.getName().substring(prefix.length());
                    Path out = tmp.resolve(relative).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("entry escapes the target directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                    if (executable.test(relative)) {
                        out.toFile().setExecutable(true, false);
                    }
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                // Another JVM finished first; its copy is as good as ours.
            }
            return target;
        } finally {
            deleteTree(tmp);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
