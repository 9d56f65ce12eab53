package dev.seckill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What the shoppers of one run were told, counted as the answers arrive: accepted purchases with the
 * time of the first and the last, every other answer by status, and when the first and last answer came. Written as JSON to the file named
 * by {@code load.summary} when the run ends, for bin/seckill bench; Gatling's own statistics cannot
 * tell a 202 from a 409 once both are expected answers.
 */
final class Tally {

    private final LongAdder accepted = new LongAdder();
    private final AtomicLong firstAcceptedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAcceptedAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong firstAnswerAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAnswerAt = new AtomicLong(Long.MIN_VALUE);
    private final Map<Integer, LongAdder> others = new ConcurrentHashMap<>();
    private final LongAdder connectionWaits = new LongAdder();

    void answered(int status) {
        long at = System.currentTimeMillis();
        firstAnswerAt.accumulateAndGet(at, Math::min);
        lastAnswerAt.accumulateAndGet(at, Math::max);
        if (status == 202) {
            accepted.increment();
            firstAcceptedAt.accumulateAndGet(at, Math::min);
            lastAcceptedAt.accumulateAndGet(at, Math::max);
        } else {
            others.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
    }

    /** A request waited for the {@link ConnectionBudget} before it was sent: its response time leaves that out. */
    void waitedForConnection() {
        connectionWaits.increment();
    }

    long accepted() {
        return accepted.sum();
    }

    /** Prints the tally and writes it where {@code load.summary} says, if anywhere. */
    void report(String simulation, List<Long> saleIds, long stock, long shoppers) {
        Map<Integer, Long> byStatus = new TreeMap<>(others.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
        long acceptedCount = accepted();
        System.out.printf("%n%s: %,d shoppers, stock %,d, accepted %,d, other answers %s, %,d requests waited for one of %,d connections%s%n",
                simulation, shoppers, stock, acceptedCount, byStatus, connectionWaits.sum(), ConnectionBudget.max(),
                stock > 0 && acceptedCount > stock ? "  OVERSOLD" : "");
        String file = System.getProperty("load.summary");
        if (file == null || file.isBlank()) {
            return;
        }
        String json = """
                {"simulation":"%s","saleIds":%s,"stock":%d,"shoppers":%d,"accepted":%d,\
                "firstAcceptedAtMs":%d,"lastAcceptedAtMs":%d,"firstAnswerAtMs":%d,"lastAnswerAtMs":%d,"otherAnswers":{%s},\
                "connectionWaits":%d,"maxConnections":%d}
                """.formatted(simulation, saleIds, stock, shoppers, acceptedCount,
                acceptedCount == 0 ? 0 : firstAcceptedAt.get(), acceptedCount == 0 ? 0 : lastAcceptedAt.get(),
                shoppers == 0 || lastAnswerAt.get() < 0 ? 0 : firstAnswerAt.get(), Math.max(0, lastAnswerAt.get()),
                byStatus.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(",")),
                connectionWaits.sum(), ConnectionBudget.max());
        try {
            Path path = Path.of(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
