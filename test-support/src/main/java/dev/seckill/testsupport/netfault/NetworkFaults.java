package dev.seckill.testsupport.netfault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Network faults between processes on this machine, made with nftables in a table of this JVM's own
 * ({@code inet seckill_faults_<pid>_<n>}), so nothing else's rules are touched. Every rule matches a
 * loopback address and a TCP port: start each server on an address of its own (127.0.0.2, ...) to cut
 * one link while the others stay up. Rules drop in the output hook, which every packet on {@code lo}
 * passes once.
 *
 * <p>The table goes on {@link #close()} and, should the test JVM end first, from a shutdown hook; tables
 * left by a JVM that was killed are removed the next time one is opened.
 */
public final class NetworkFaults implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NetworkFaults.class.getName());
    private static final String TABLE_PREFIX = "seckill_faults_";
    private static final Pattern OWN_TABLE = Pattern.compile("table inet (" + TABLE_PREFIX + "(\\d+)_\\d+)");
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+)");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String table;
    private final Thread removeAtExit;
    private boolean closed;

    private NetworkFaults(String table) {
        this.table = table;
        this.removeAtExit = new Thread(this::removeTable, "network-faults-cleanup");
    }

    /**
     * A new, empty rule table. Where nftables cannot be changed (not Linux, no {@code nft}, not root) the
     * calling test is skipped with the reason, which is logged too: a skipped fault test must be visible.
     */
    public static NetworkFaults open() {
        String unavailable = unavailableReason();
        if (unavailable != null) {
            LOG.log(System.Logger.Level.WARNING, "network fault tests skipped: {0}", unavailable);
            Assumptions.abort("network faults unavailable: " + unavailable);
        }
        removeTablesOfDeadJvms();
        NetworkFaults faults = new NetworkFaults(TABLE_PREFIX + ProcessHandle.current().pid() + "_"
                + SEQUENCE.incrementAndGet());
        Nft.require("""
                table inet %1$s {
                    chain output { type filter hook output priority filter; policy accept; }
                }
                """.formatted(faults.table));
        Runtime.getRuntime().addShutdownHook(faults.removeAtExit);
        LOG.log(System.Logger.Level.INFO, "network faults: nftables table inet {0} ready", faults.table);
        return faults;
    }

    /** Why faults cannot be made here, or {@code null} when they can. */
    static String unavailableReason() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return "nftables needs Linux, this is " + System.getProperty("os.name");
        }
        Nft.Result version = Nft.command("--version");
        if (!version.ok()) {
            return "nft is not installed (package nftables): " + version.output();
        }
        String probe = TABLE_PREFIX + "probe_" + ProcessHandle.current().pid();
        Nft.Result created = Nft.script("add table inet " + probe + "\ndelete table inet " + probe + "\n");
        if (!created.ok()) {
            return "nft cannot change the rule set (it needs root or CAP_NET_ADMIN): " + created.output();
        }
        return null;
    }

    public String table() {
        return table;
    }

    /** Drops every packet to and from {@code address:port}: connections hang, new ones time out. */
    public void cut(String address, int port) {
        add(toServer(address, port) + " counter drop", fromServer(address, port) + " counter drop");
    }

    /**
     * Drops only what the server at {@code address:port} sends: requests arrive and are handled, their
     * answers are lost (and so are new connections, whose SYN-ACK is an answer too).
     */
    public void cutOneWay(String address, int port) {
        add(fromServer(address, port) + " counter drop");
    }

    /**
     * Drops only the answers of the server at {@code address:port}, its segments that carry data (PSH):
     * handshakes and acknowledgements pass, so new connections open and every request arrives and is
     * handled, and no answer comes back. Unlike {@link #cutOneWay}, this keeps losing answers for as long
     * as clients keep asking, not only those of requests already on open connections.
     */
    public void dropAnswers(String address, int port) {
        add(fromServer(address, port) + " tcp flags & psh == psh counter drop");
    }

    /** Drops {@code percent} of the packets each way, at random; TCP retransmits, so this is slowness and stalls. */
    public void lose(String address, int port, int percent) {
        if (percent < 1 || percent > 99) {
            throw new IllegalArgumentException("loss of " + percent + " %: use cut for 100 %");
        }
        String lost = " numgen random mod 100 < " + percent + " counter drop";
        add(toServer(address, port) + lost, fromServer(address, port) + lost);
    }

    /** Removes every fault; connections that survived resume as TCP retransmits. */
    public void heal() {
        Nft.require("flush chain inet " + table + " output\n");
    }

    /** Packets the current rules dropped: the proof that a fault took effect. */
    public long droppedPackets() {
        Nft.Result listed = Nft.command("list", "chain", "inet", table, "output");
        if (!listed.ok()) {
            throw new IllegalStateException("cannot list table " + table + ": " + listed.output());
        }
        long dropped = 0;
        Matcher counter = COUNTER.matcher(listed.output());
        while (counter.find()) {
            dropped += Long.parseLong(counter.group(1));
        }
        return dropped;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeTable();
        try {
            Runtime.getRuntime().removeShutdownHook(removeAtExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook removes nothing that is still there.
        }
    }

    private void add(String... rules) {
        StringBuilder script = new StringBuilder();
        for (String rule : rules) {
            script.append("add rule inet ").append(table).append(" output ").append(rule).append('\n');
        }
        Nft.require(script.toString());
        LOG.log(System.Logger.Level.INFO, "network faults: {0}", String.join("; ", rules));
    }

    private static String toServer(String address, int port) {
        return "ip daddr " + ipv4(address) + " tcp dport " + port;
    }

    private static String fromServer(String address, int port) {
        return "ip saddr " + ipv4(address) + " tcp sport " + port;
    }

    /** Rules are text for nft: only a plain IPv4 literal may go into one. */
    private static String ipv4(String address) {
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException(address + " is not an IPv4 address");
        }
        return address;
    }

    private void removeTable() {
        Nft.Result result = Nft.command("delete", "table", "inet", table);
        if (!result.ok() && !result.output().contains("No such file or directory")) {
            LOG.log(System.Logger.Level.WARNING, "could not remove nftables table {0}: {1}", table, result.output());
        }
    }

    private static void removeTablesOfDeadJvms() {
        Nft.Result tables = Nft.command("list", "tables", "inet");
        List<String> stale = new ArrayList<>();
        Matcher own = OWN_TABLE.matcher(tables.output());
        while (own.find()) {
            if (ProcessHandle.of(Long.parseLong(own.group(2))).isEmpty()) {
                stale.add(own.group(1));
            }
        }
        for (String table : stale) {
            Nft.command("delete", "table", "inet", table);
            LOG.log(System.Logger.Level.INFO, "network faults: removed table {0} of a JVM that is gone", table);
        }
    }
}
