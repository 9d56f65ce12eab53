package dev.seckill.infra.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aFreePortIsFreeAndNotHandedOutTwice() {
        int first = Ports.freePort();
        int second = Ports.freePort();

        assertThat(Ports.isFree(first)).isTrue();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aListeningPortIsNeitherFreeNorClosed() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();

            assertThat(Ports.isFree(port)).isFalse();
            assertThat(Ports.isOpen("127.0.0.1", port)).isTrue();
            Ports.awaitOpen("127.0.0.1", port, Duration.ofSeconds(1));
        }
    }

    @Test
    void onlyIpLiteralsOfTheLoopbackNetworkAreLoopback() {
        assertThat(Ports.isLoopback("127.0.0.1")).isTrue();
        assertThat(Ports.isLoopback("127.0.0.3")).isTrue();
        assertThat(Ports.isLoopback("localhost")).isFalse();
        assertThat(Ports.isLoopback("10.0.0.1")).isFalse();
        assertThat(Ports.isLoopback("127.0.0.256")).isFalse();
    }

    @Test
    void waitingForAClosedPortTimesOutWithTheAddressInTheMessage() {
        int port = Ports.freePort();

        assertThatThrownBy(() -> Ports.awaitOpen("127.0.0.1", port, Duration.ofMillis(200)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }
}
