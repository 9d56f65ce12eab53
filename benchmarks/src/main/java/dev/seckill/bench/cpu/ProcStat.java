package dev.seckill.bench.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time the kernel has charged to a process, from {@code /proc/<pid>/stat}: user and system time of the
 * process and of its children it has waited for, in clock ticks. What a process costs, whatever it is
 * written in and however many threads it runs.
 */
public final class ProcStat {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on, read once anyway. */
    public static final long TICKS_PER_SECOND = ticksPerSecond();

    /** Positions in the fields after the command's closing parenthesis: utime is the stat file's 14th field. */
    private static final int UTIME = 11;
    private static final int CSTIME = 14;

    private ProcStat() {
    }

    /** utime + stime + cutime + cstime of {@code pid}; empty when the process is gone. */
    public static OptionalLong ticks(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"), UTIME);
    }

    /**
     * cutime + cstime of this JVM: the CPU of every child it started and that has exited since, such as a wrk
     * run. A child's time is added here when it is reaped, so the difference across one child's life is its cost.
     */
    public static long reapedChildrenTicks() {
        return read(Path.of("/proc/self/stat"), CSTIME - 1).orElse(0);
    }

    public static double millis(long ticks) {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    private static OptionalLong read(Path stat, int firstField) {
        try {
            String text = Files.readString(stat);
            // The command name may hold spaces and parentheses; the fields start after its last ')'.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            long sum = 0;
            for (int i = firstField; i <= CSTIME; i++) {
                sum += Long.parseLong(fields[i]);
            }
            return OptionalLong.of(sum);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read CPU times from " + stat + ": " + e.getMessage(), e);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
