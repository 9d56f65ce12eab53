package dev.seckill.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields this project's custom resources may have. fabric8 has no typed model for Strimzi's
 * Kafka, KafkaNodePool and KafkaTopic or the Prometheus Operator's resources, so their content would
 * pass unchecked; these trees, taken from the CRDs' schemas for the parts we use, catch a misspelled
 * field ({@code partitons}, {@code replicaz}). A subtree marked {@link #ANY} is free-form (broker
 * config, labels, a nested Kubernetes template).
 */
final class Schemas {

    /** Any content below this key. */
    static final Object ANY = new Object();

    /** A list whose elements follow the given schema (a Map, or ANY for scalars). */
    record ListOf(Object element) {
    }

    private Schemas() {
    }


    static final Map<String, Map<String, Object>> BY_KIND = Map.of(
            "Kafka", Map.of("spec", Map.of(
                    "kafka", Map.ofEntries(
                            Map.entry("version", ANY), Map.entry("metadataVersion", ANY),
                            Map.entry("listeners", new ListOf(Map.of(
                                    "name", ANY, "port", ANY, "type", ANY, "tls", ANY, "authentication", ANY,
                                    "configuration", ANY, "networkPolicyPeers", ANY))),
                            Map.entry("config", ANY), Map.entry("authorization", ANY), Map.entry("rack", ANY),
                            Map.entry("metricsConfig", ANY), Map.entry("logging", ANY), Map.entry("resources", ANY),
                            Map.entry("jvmOptions", ANY), Map.entry("template", ANY), Map.entry("image", ANY)),
                    "entityOperator", Map.of("topicOperator", ANY, "userOperator", ANY, "template", ANY),
                    "kafkaExporter", Map.of("topicRegex", ANY, "groupRegex", ANY, "topicExcludeRegex", ANY,
                            "groupExcludeRegex", ANY, "resources", ANY, "logging", ANY, "template", ANY,
                            "showAllOffsets", ANY, "livenessProbe", ANY, "readinessProbe", ANY),
                    "cruiseControl", ANY, "clusterCa", ANY, "clientsCa", ANY, "maintenanceTimeWindows", ANY)),
            "KafkaNodePool", Map.of("spec", Map.of(
                    "replicas", ANY,
                    "roles", new ListOf(ANY),
                    "storage", Map.of("type", ANY, "size", ANY, "class", ANY, "deleteClaim", ANY,
                            "volumes", new ListOf(Map.of("id", ANY, "type", ANY, "size", ANY, "class", ANY,
                                    "deleteClaim", ANY, "kraftMetadata", ANY, "selector", ANY))),
                    "resources", ANY, "jvmOptions", ANY, "template", ANY)),
            "KafkaTopic", Map.of("spec", Map.of("topicName", ANY, "partitions", ANY, "replicas", ANY, "config", ANY)),
            "PrometheusRule", Map.of("spec", Map.of("groups", new ListOf(Map.of(
                    "name", ANY, "interval", ANY,
                    "rules", new ListOf(Map.of("alert", ANY, "record", ANY, "expr", ANY, "for", ANY,
                            "keep_firing_for", ANY, "labels", ANY, "annotations", ANY)))))),
            "PodMonitor", Map.of("spec", Map.of(
                    "selector", ANY, "namespaceSelector", ANY, "jobLabel", ANY, "podTargetLabels", ANY,
                    "podMetricsEndpoints", new ListOf(Map.of("port", ANY, "path", ANY, "interval", ANY,
                            "scrapeTimeout", ANY, "scheme", ANY, "authorization", ANY, "relabelings", ANY,
                            "metricRelabelings", ANY, "honorLabels", ANY)))));

    /** Groups whose resources are custom: checked here rather than by fabric8's typed models. */
    static final Set<String> CUSTOM_GROUPS = Set.of("kafka.strimzi.io", "monitoring.coreos.com");

    /** Checks the content of a resource (everything but apiVersion, kind and metadata) against its kind's schema. */
    static void check(String kind, Map<String, Object> content, String where, List<String> problems) {
        Map<String, Object> schema = BY_KIND.get(kind);
        if (schema == null) {
            problems.add(where + ": no schema for custom kind " + kind);
            return;
        }
        check(schema, content, where, problems);
    }

    @SuppressWarnings("unchecked")
    private static void check(Object schema, Object value, String path, List<String> problems) {
        if (schema == ANY || value == null) {
            return;
        }
        if (schema instanceof ListOf listOf) {
            if (!(value instanceof List<?> list)) {
                problems.add(path + ": expected a list");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                check(listOf.element(), list.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        Map<String, Object> fields = (Map<String, Object>) schema;
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": expected an object");
            return;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!fields.containsKey(key)) {
                problems.add(path + ": unknown field " + key + " (known: " + fields.keySet().stream().sorted().toList() + ")");
                continue;
            }
            check(fields.get(key), entry.getValue(), path + "." + key, problems);
        }
    }
}
