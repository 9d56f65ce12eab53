package dev.seckill.seckill.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.seckill.contract.OrderId;
import dev.seckill.seckill.OrderRowsTestBase;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** Every admin action, taken or refused, leaves a line naming the admin and the sale and a count by outcome. */
class AdminAuditIntegrationTest extends OrderRowsTestBase {

    private static final Map<String, String> ALICE = Map.of("X-User-Id", "ops-alice");

    @Autowired
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureAuditLines() {
        lines.start();
        auditLogger().addAppender(lines);
    }

    @AfterEach
    void stopCapturing() {
        auditLogger().detachAppender(lines);
    }

    @Test
    void aSaleCreatedAndClosedIsCountedAndLoggedWithItsAdmin() {
        double created = count("create", "success");
        double closed = count("close", "success");

        long saleId = createSale(5, 1);
        ApiResponse close = api.postJson("/api/admin/sales/" + saleId + "/close", ALICE, "");

        assertThat(close.status()).as(close.toString()).isEqualTo(200);
        awaitCount("create", "success", created + 1);
        awaitCount("close", "success", closed + 1);
        assertThat(lines()).contains(
                Map.of("action", "create", "admin", "ops", "saleId", saleId, "outcome", "success", "status", 201),
                Map.of("action", "close", "admin", "ops-alice", "saleId", saleId, "outcome", "success", "status", 200));
    }

    @Test
    void refusedActionsAreCountedAndLoggedAsRefused() {
        long saleId = createSale(5, 1);
        Instant now = Instant.now();
        insertRow(OrderId.next(saleId, Clock.systemUTC()), "buyer", 1, "12.50", "CREATED", now, now.plus(Duration.ofMinutes(15)));
        double unknownClosed = count("close", "refused");
        double repairs = count("repair", "refused");
        double creates = count("create", "refused");

        ApiResponse unknown = api.postJson("/api/admin/sales/987654321/close", ALICE, "");
        ApiResponse moving = api.postJson("/api/admin/sales/" + saleId + "/reconciliation/repair", ALICE, "");
        ApiResponse backwards = api.postJson("/api/admin/sales", ALICE, """
                {"skuId":"SKU-3","title":"Ends before it starts","price":1.00,"stock":5,
                 "startAt":"%s","endAt":"%s","perUserLimit":1}""".formatted(now, now.minusSeconds(60)));
        ApiResponse anonymous = api.postJson("/api/admin/sales/" + saleId + "/close", Map.of(), "");

        assertThat(unknown.isProblem(404, "sale-not-found")).as(unknown.toString()).isTrue();
        assertThat(moving.isProblem(409, "sale-not-quiescent")).as(moving.toString()).isTrue();
        assertThat(backwards.isProblem(400, "invalid-request")).as(backwards.toString()).isTrue();
        assertThat(anonymous.isProblem(400, "invalid-request")).as(anonymous.toString()).isTrue();
        awaitCount("close", "refused", unknownClosed + 2);
        awaitCount("repair", "refused", repairs + 1);
        awaitCount("create", "refused", creates + 1);
        assertThat(lines()).contains(
                Map.of("action", "close", "admin", "ops-alice", "saleId", 987654321L, "outcome", "refused", "status", 404),
                Map.of("action", "repair", "admin", "ops-alice", "saleId", saleId, "outcome", "refused", "status", 409),
                Map.of("action", "create", "admin", "ops-alice", "outcome", "refused", "status", 400),
                Map.of("action", "close", "saleId", saleId, "outcome", "refused", "status", 400));
        assertThat(api.get("/api/sales/" + saleId, Map.of()).text("state")).as("the anonymous close changed nothing")
                .isEqualTo("OPEN");
    }

    private static Logger auditLogger() {
        return (Logger) LoggerFactory.getLogger(AdminAudit.class);
    }

    private double count(String action, String outcome) {
        Counter counter = meters.find("seckill.admin.actions").tags("action", action, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The line is written before the count, so once the count is there the line is too. */
    private void awaitCount(String action, String outcome, double expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count(action, outcome) >= expected);
        assertThat(count(action, outcome)).isEqualTo(expected);
    }

    /** Each audit line's key-value pairs. */
    private List<Map<String, Object>> lines() {
        return lines.list.stream().map(line -> {
            Map<String, Object> pairs = new LinkedHashMap<>();
            line.getKeyValuePairs().forEach(pair -> pairs.put(pair.key, pair.value));
            return pairs;
        }).toList();
    }
}
