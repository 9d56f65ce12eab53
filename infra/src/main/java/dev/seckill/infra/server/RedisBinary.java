package dev.seckill.infra.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Which redis-server to run: one on the PATH, else the real binary shipped in the embedded-redis jar. */
final class RedisBinary {

    private RedisBinary() {
    }

    static Path locate(Path dir) throws IOException {
        Optional<Path> installed = Executables.onPath("redis-server");
        if (installed.isPresent()) {
            return installed.get();
        }
        Path jar = ServerLibs.jar(ServerLibs.locate(), "embedded-redis");
        return Unpack.executable(jar, resourceName(System.getProperty("os.name"), System.getProperty("os.arch")),
                dir.resolve("bin").resolve("redis-server"));
    }

    /** The binaries embedded-redis 1.4.x ships, by platform. */
    static String resourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux") && x64) {
            return "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("linux") && arm64) {
            return "redis-server-6.2.7-linux-arm64";
        }
        if (os.contains("mac") && x64) {
            return "redis-server-6.2.6-v5-darwin-amd64";
        }
        if (os.contains("mac") && arm64) {
            return "redis-server-6.2.6-v5-darwin-arm64";
        }
        throw new IllegalStateException("no bundled redis-server for " + osName + "/" + osArch
                + "; install Redis so that redis-server is on the PATH");
    }
}
