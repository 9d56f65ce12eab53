package dev.seckill.consumer.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.seckill.contract.OrderPlaced;
import dev.seckill.testsupport.OrderEvents;

/**
 * The consumer continues the trace each order event carries in its {@code traceparent} header (the
 * purchase request's, put there by seckill-service's relay): the order is written in a span of that
 * trace, and its log lines carry that trace id and the order id, sampled or not.
 */
class OrderTracingIntegrationTest extends RealServersTestBase {

    @Autowired
    private InMemorySpanExporter spans;
    @Autowired
    private SdkTracerProvider tracerProvider;

    @Test
    void eachOrderIsWrittenOrDeadLetteredInASpanOfItsPurchaseTrace() {
        long saleId = newSaleId();
        List<OrderPlaced> orders = OrderEvents.orders(saleId, 2);
        OrderPlaced good = orders.get(0);
        OrderPlaced poison = withQuantity(orders.get(1), 0);
        TraceParent goodPurchase = TraceParent.random(true);
        TraceParent poisonPurchase = TraceParent.random(true);

        events.send(good, goodPurchase.headers());
        events.send(poison, poisonPurchase.headers());

        // A batch that also held the poison record may have failed this order once before writing it.
        SpanData written = await().atMost(PATIENCE).until(() -> spans(goodPurchase, OrderTraces.WRITE).stream()
                .filter(span -> span.getStatus().getStatusCode() != StatusCode.ERROR).findFirst(), found -> found.isPresent())
                .orElseThrow();
        assertThat(written.getParentSpanId()).isEqualTo(goodPurchase.spanId());
        assertThat(written.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(written.getAttributes().get(AttributeKey.stringKey(OrderTraces.ORDER_ID_TAG))).isEqualTo(good.orderId());
        assertThat(statuses(List.of(good))).containsExactly("CREATED");

        SpanData deadLetter = await().atMost(PATIENCE).until(() -> spans(poisonPurchase, OrderTraces.DEAD_LETTER),
                found -> !found.isEmpty()).get(0);
        assertThat(deadLetter.getParentSpanId()).isEqualTo(poisonPurchase.spanId());
        assertThat(deadLetter.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(spans(poisonPurchase, OrderTraces.WRITE)).isNotEmpty().allSatisfy(refused -> {
            assertThat(refused.getParentSpanId()).isEqualTo(poisonPurchase.spanId());
            assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        });
    }

    @Test
    void anOrdersLogLinesCarryItsTraceIdAndOrderIdEvenWhenTheTraceIsNotSampled() {
        long saleId = newSaleId();
        List<OrderPlaced> orders = OrderEvents.orders(saleId, 2);
        OrderPlaced good = orders.get(0);
        OrderPlaced poison = withQuantity(orders.get(1), 0);
        TraceParent goodPurchase = TraceParent.random(false);
        TraceParent poisonPurchase = TraceParent.random(false);

        try (CapturedLogs logs = CapturedLogs.of(Level.DEBUG, OrderListener.class, FailedOrders.class)) {
            events.send(good, goodPurchase.headers());
            events.send(poison, poisonPurchase.headers());

            await().atMost(PATIENCE).until(() -> logs.ofOrder(good.orderId()).stream()
                    .anyMatch(line -> line.message().startsWith("Order CREATED")));
            assertThat(logs.ofOrder(good.orderId())).allSatisfy(line ->
                    assertThat(line.mdc()).containsEntry("traceId", goodPurchase.traceId()).containsKey("spanId"));

            // The listener's line, then FailedOrders' line from the error handler.
            await().atMost(PATIENCE).until(() -> logs.ofOrder(poison.orderId()).size() >= 2);
            assertThat(logs.ofOrder(poison.orderId())).allSatisfy(line ->
                    assertThat(line.mdc()).containsEntry("traceId", poisonPurchase.traceId()));
            assertThat(logs.ofOrder(poison.orderId())).anyMatch(line -> line.message().startsWith("Dead-lettering"));
        }

        // The purchases' sampling decision holds here too: nothing of these traces is exported.
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(spans(goodPurchase, OrderTraces.WRITE)).isEmpty();
        assertThat(spans(poisonPurchase, OrderTraces.DEAD_LETTER)).isEmpty();
    }

    private List<SpanData> spans(TraceParent trace, String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(trace.traceId()) && span.getName().equals(name))
                .toList();
    }

    private static OrderPlaced withQuantity(OrderPlaced order, int quantity) {
        return new OrderPlaced(order.orderId(), order.saleId(), order.userId(), quantity, order.unitPrice(), order.placedAt());
    }

    /** A purchase request's W3C trace context, as the relay puts it on the order's record. */
    private record TraceParent(String traceId, String spanId, boolean sampled) {

        static TraceParent random(boolean sampled) {
            return new TraceParent(hex(16), hex(8), sampled);
        }

        Map<String, String> headers() {
            return Map.of("traceparent", "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00"));
        }

        private static String hex(int bytes) {
            byte[] random = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(random);
            return HexFormat.of().formatHex(random);
        }
    }
}
