package dev.seckill.infra.server;

/**
 * The loopback address each local server listens on. Every server on 127.0.0.1 is what bin/seckill and
 * most tests use; an address of its own for each lets a packet filter cut one server's link by address
 * while the others stay up.
 */
public record ServerHosts(String redis, String mariaDb, String kafka) {

    public static final ServerHosts LOOPBACK = new ServerHosts(Ports.LOOPBACK, Ports.LOOPBACK, Ports.LOOPBACK);

    /** Redis on 127.0.0.2, MariaDB on 127.0.0.3, Kafka on 127.0.0.4. */
    public static final ServerHosts APART = new ServerHosts("127.0.0.2", "127.0.0.3", "127.0.0.4");

    public ServerHosts {
        for (String host : new String[] {redis, mariaDb, kafka}) {
            if (host == null || !Ports.isLoopback(host)) {
                throw new IllegalArgumentException(host + " is not a loopback address");
            }
        }
    }
}
