package dev.seckill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seckill.infra.cli.Gatling;

/** What one Gatling run left: its exit status and report, the shoppers' tally, Gatling's statistics. */
record Spike(Gatling.Run run, JsonNode summary, JsonNode stats) {

    long accepted() {
        return summary.path("accepted").asLong();
    }

    long saleId() {
        return summary.path("saleIds").path(0).asLong();
    }

    /** Requests sent only once one of Gatling's bounded connections was free: their wait is not in Gatling's times. */
    long connectionWaits() {
        return summary.path("connectionWaits").asLong();
    }

    long maxConnections() {
        return summary.path("maxConnections").asLong();
    }

    /** 202 answers per second, from the first to the last. */
    double acceptedPerSecond() {
        long span = summary.path("lastAcceptedAtMs").asLong() - summary.path("firstAcceptedAtMs").asLong();
        return span <= 0 ? 0 : accepted() / (span / 1000.0);
    }

    /** Answers of any kind to the purchase per second, from the first to the last. */
    double answersPerSecond() {
        long span = summary.path("lastAnswerAtMs").asLong() - summary.path("firstAnswerAtMs").asLong();
        long answers = accepted();
        for (JsonNode count : summary.path("otherAnswers")) {
            answers += count.asLong();
        }
        return span <= 0 ? 0 : answers / (span / 1000.0);
    }

    /** Requests of every kind the shoppers sent: purchases and looks at their orders. */
    long requests() {
        return stats.path("stats").path("numberOfRequests").path("total").asLong();
    }

    /** No answer within Gatling's request timeout, a 5xx, a 429. */
    long failedRequests() {
        return stats.path("stats").path("numberOfRequests").path("ko").asLong();
    }

    /** Percentile {@code index} (1 = p50, 2 = p75, 3 = p95, 4 = p99, Gatling's defaults) of a request, in ms; -1 if none. */
    long percentile(String request, int index) {
        JsonNode node = find(stats, request);
        return node == null ? -1 : node.path("stats").path("percentiles" + index).path("total").asLong();
    }

    private static JsonNode find(JsonNode group, String request) {
        for (JsonNode child : group.path("contents")) {
            if ("REQUEST".equals(child.path("type").asText()) && request.equals(child.path("name").asText())) {
                return child;
            }
            JsonNode inner = find(child, request);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }
}
