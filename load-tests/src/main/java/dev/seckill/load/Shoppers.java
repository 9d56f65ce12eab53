package dev.seckill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Distinct shoppers with real tokens, signed beforehand by the platform's key: a file of
 * {@code userId,token} lines named by {@code load.tokens}. Signing 40,000 RSA tokens takes longer than
 * the sale itself, so it is not part of the measured run; shoppers sign in before a sale opens anyway.
 * {@code load.firstShopper} (0) skips that many lines, so that two runs against one gateway can use
 * different shoppers: the gateway remembers the tokens it has verified.
 */
final class Shoppers {

    private Shoppers() {
    }

    /** {@code count} shoppers from {@code load.firstShopper} on, as feeder records with {@code userId} and {@code token}. */
    static List<Map<String, Object>> first(int count) {
        Path file = LoadSettings.required("load.tokens");
        int skip = LoadSettings.integer("load.firstShopper", 0);
        List<Map<String, Object>> records = new ArrayList<>(count);
        try (Stream<String> lines = Files.lines(file)) {
            lines.filter(line -> !line.isBlank() && !line.startsWith("#")).skip(skip).limit(count).forEach(line -> {
                int comma = line.indexOf(',');
                records.add(Map.of("userId", line.substring(0, comma), "token", line.substring(comma + 1).trim()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shoppers' tokens from " + file, e);
        }
        if (records.size() < count) {
            throw new IllegalArgumentException(file + " holds " + records.size() + " shoppers from the " + skip
                    + "th on, " + count + " are needed");
        }
        return records;
    }
}
