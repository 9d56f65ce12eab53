package dev.seckill.testsupport.netfault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seckill.infra.server.LocalRedis;
import dev.seckill.infra.server.Ports;
import dev.seckill.testsupport.netfault.TcpProxy.Direction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The proxy in front of a real Redis, timed around real round trips (inline commands, one line each way). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpProxyTest {

    private LocalRedis redis;
    private TcpProxy proxy;

    @BeforeAll
    void start() {
        redis = new LocalRedis(Path.of("target", "tcp-proxy-redis-" + ProcessHandle.current().pid()).toAbsolutePath(),
                Ports.freePort());
        redis.start();
        proxy = TcpProxy.start("127.0.0.1", redis.host(), redis.port());
    }

    @AfterAll
    void stop() {
        proxy.close();
        redis.stop();
    }

    @BeforeEach
    void healed() {
        proxy.heal();
    }

    @Test
    void latencyDelaysEachDirectionByAtLeastItsSetting() throws IOException {
        try (Client client = new Client(proxy)) {
            assertThat(client.call("PING")).isEqualTo("+PONG");

            proxy.latency(Direction.DOWNSTREAM, Duration.ofMillis(300));
            assertThat(client.timed("PING")).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            proxy.latency(Direction.DOWNSTREAM, Duration.ZERO);
            proxy.latency(Direction.UPSTREAM, Duration.ofMillis(200));
            assertThat(client.timed("PING")).isGreaterThanOrEqualTo(Duration.ofMillis(200));

            proxy.heal();
            assertThat(client.timed("PING")).isLessThan(Duration.ofMillis(200));
        }
    }

    @Test
    void aDelayedStreamKeepsItsOrder() throws IOException {
        try (Client client = new Client(proxy)) {
            client.call("DEL proxy-order");
            proxy.latency(Direction.UPSTREAM, Duration.ofMillis(150));
            client.send("RPUSH proxy-order first");
            proxy.latency(Direction.UPSTREAM, Duration.ZERO);
            client.send("RPUSH proxy-order second");

            assertThat(client.read()).isEqualTo(":1");
            assertThat(client.read()).isEqualTo(":2");
            assertThat(client.call("LRANGE proxy-order 0 -1")).isEqualTo("*2");
            assertThat(client.read()).isEqualTo("$5");
            assertThat(client.read()).isEqualTo("first");
        }
    }

    @Test
    void aSwallowedAnswerIsLostWhileTheRequestIsApplied() throws IOException {
        try (Client client = new Client(proxy); Client direct = new Client(redis.host(), redis.port())) {
            direct.call("DEL proxy-swallowed");
            proxy.swallow(Direction.DOWNSTREAM);

            client.send("INCR proxy-swallowed");

            assertThatThrownBy(() -> client.read(Duration.ofMillis(500))).isInstanceOf(SocketTimeoutException.class);
            assertThat(direct.call("GET proxy-swallowed")).isEqualTo("$1");
            assertThat(direct.read()).isEqualTo("1");
        }
    }

    /** One connection speaking Redis' inline protocol. */
    private static final class Client implements AutoCloseable {

        private final Socket socket = new Socket();
        private final BufferedReader in;

        Client(TcpProxy proxy) throws IOException {
            this(proxy.host(), proxy.port());
        }

        Client(String host, int port) throws IOException {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setTcpNoDelay(true);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        void send(String command) throws IOException {
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        String read() throws IOException {
            return read(Duration.ofSeconds(10));
        }

        String read(Duration timeout) throws IOException {
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            return in.readLine();
        }

        String call(String command) throws IOException {
            send(command);
            return read();
        }

        Duration timed(String command) throws IOException {
            long started = System.nanoTime();
            assertThat(call(command)).isEqualTo("+PONG");
            return Duration.ofNanos(System.nanoTime() - started);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
