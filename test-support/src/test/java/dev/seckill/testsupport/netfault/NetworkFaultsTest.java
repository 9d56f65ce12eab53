package dev.seckill.testsupport.netfault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seckill.infra.server.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault on real TCP connections between this JVM and servers on loopback addresses of their own. */
class NetworkFaultsTest {

    private NetworkFaults faults;
    private LineServer server;
    private LineServer neighbour;

    @BeforeEach
    void open() throws IOException {
        faults = NetworkFaults.open();
        server = new LineServer("127.0.0.5");
        neighbour = new LineServer("127.0.0.6");
    }

    @AfterEach
    void close() throws IOException {
        faults.close();
        server.close();
        neighbour.close();
    }

    @Test
    void aCutLinkTakesNoConnectionUntilHealedAndLeavesOtherAddressesAlone() {
        assertThat(Ports.isOpen(server.host(), server.port())).isTrue();

        faults.cut(server.host(), server.port());

        assertThat(Ports.isOpen(server.host(), server.port())).isFalse();
        assertThat(faults.droppedPackets()).isPositive();
        assertThat(Ports.isOpen(neighbour.host(), neighbour.port())).isTrue();
        faults.heal();
        assertThat(Ports.isOpen(server.host(), server.port())).isTrue();
    }

    @Test
    void aOneWayCutLetsTheRequestInAndLosesTheAnswerUntilHealed() throws Exception {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(server.host(), server.port()), 1000);
            faults.cutOneWay(server.host(), server.port());

            assertAnswerLostUntilHealed(client);
        }
    }

    @Test
    void droppedAnswersLeaveNewConnectionsOpeningAndLoseWhatTheServerSays() throws Exception {
        faults.dropAnswers(server.host(), server.port());

        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(server.host(), server.port()), 1000);
            assertAnswerLostUntilHealed(client);
        }
    }

    /** The request arrives, its answer does not until the heal; then TCP retransmits it on its own. */
    private void assertAnswerLostUntilHealed(Socket client) throws Exception {
        BufferedReader answers = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        client.getOutputStream().write("buy\n".getBytes(StandardCharsets.UTF_8));

        assertThat(server.received().poll(5, TimeUnit.SECONDS)).isEqualTo("buy");
        client.setSoTimeout(500);
        assertThatThrownBy(answers::readLine).isInstanceOf(SocketTimeoutException.class);
        assertThat(faults.droppedPackets()).isPositive();
        faults.heal();
        client.setSoTimeout(15_000);
        assertThat(answers.readLine()).isEqualTo("ok buy");
    }

    @Test
    void lossDropsSomePacketsAndLetsOthersThrough() {
        faults.lose(server.host(), server.port(), 30);

        // A connection needs its SYN and SYN-ACK through within the timeout, which is shorter than TCP's
        // first retransmission (1 s): with 30 % loss, about half of forty attempts fail, all or none almost never.
        int connected = 0;
        int attempts = 40;
        for (int i = 0; i < attempts; i++) {
            if (connects(server, 300)) {
                connected++;
            }
        }

        assertThat(connected).isBetween(1, attempts - 1);
        assertThat(faults.droppedPackets()).isPositive();
    }

    @Test
    void closingRemovesTheTableAndItsRules() {
        faults.cut(server.host(), server.port());

        faults.close();

        assertThat(Nft.command("list", "table", "inet", faults.table()).ok()).isFalse();
        assertThat(Ports.isOpen(server.host(), server.port())).isTrue();
    }

    @Test
    void onlyIpv4LiteralsGoIntoARule() {
        assertThatThrownBy(() -> faults.cut("127.0.0.5; flush ruleset", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean connects(LineServer server, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
