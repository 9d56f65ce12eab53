package dev.seckill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.deploy.Manifests.Rendered;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alert rules, the scrape configuration and the dashboard agree with the services, Kafka and the runbook. */
class MonitoringTest {

    private static final Path MONITORING = ManifestFilesTest.K8S.resolve("monitoring");
    private static final Path RUNBOOK = ServiceApp.projectRoot().resolve("docs/operations.md");
    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*[{\\[]");

    private final Rendered monitoring = Manifests.render(MONITORING);

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> alerts() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Object group : (List<Object>) Rules.spec(monitoring.custom("PrometheusRule", "seckill")).get("groups")) {
            alerts.addAll((List<Map<String, Object>>) ((Map<String, Object>) group).get("rules"));
        }
        return alerts;
    }

    private JsonNode dashboard() throws Exception {
        String json = monitoring.get(ConfigMap.class, "seckill-grafana-dashboard").getData().get("seckill-flash-sale.json");
        return new ObjectMapper().readTree(json);
    }

    private static Set<String> metrics(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** GitHub's anchors for the headings of a Markdown file. */
    private static Set<String> anchors(Path markdown) throws Exception {
        Set<String> anchors = new HashSet<>();
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    @Test
    void rendersWithoutProblems() {
        assertThat(monitoring.problems()).isEmpty();
        assertThat(monitoring.get(ConfigMap.class, "seckill-grafana-dashboard").getMetadata().getLabels())
                .containsEntry("grafana_dashboard", "1");
    }

    @Test
    void theFailureModesHaveAlertsAndEveryAlertHasARunbookSection() throws Exception {
        Set<String> anchors = anchors(RUNBOOK);
        List<String> exprs = new ArrayList<>();
        for (Map<String, Object> alert : alerts()) {
            String name = String.valueOf(alert.get("alert"));
            @SuppressWarnings("unchecked") Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
            @SuppressWarnings("unchecked") Map<String, Object> labels = (Map<String, Object>) alert.get("labels");
            assertThat(labels.get("severity")).as(name).isIn("critical", "warning");
            assertThat(annotations.get("summary")).as(name).isNotNull();
            String runbook = String.valueOf(annotations.get("runbook"));
            assertThat(runbook).as(name).startsWith("docs/operations.md#");
            assertThat(anchors).as(name + " runbook section").contains(runbook.substring(runbook.indexOf('#') + 1));
            exprs.add(String.valueOf(alert.get("expr")));
        }
        assertThat(exprs).as("breaker open").anySatisfy(e -> assertThat(e).contains("resilience4j_circuitbreaker_state").contains("open"));
        assertThat(exprs).as("outbox").anySatisfy(e -> assertThat(e).contains("seckill_purchases_total{outcome=\"accepted\"}"));
        assertThat(exprs).as("consumer lag").anySatisfy(e -> assertThat(e).contains("kafka_consumergroup_lag{consumergroup=\"order-consumer\""));
        assertThat(exprs).as("dead letters").anySatisfy(e -> assertThat(e).contains("topic=\"seckill.orders.DLT\""));
    }

    @Test
    void theDashboardShowsAFlashSale() throws Exception {
        JsonNode dashboard = dashboard();
        List<String> titles = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            titles.add(panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as(panel.path("title").asText()).contains("namespace=\"$namespace\"");
            }
        }
        assertThat(titles).contains("Purchases by outcome", "Stock left per sale", "Outbox depth per sale",
                "Consumer lag (orders waiting in Kafka)", "DB write latency (order batches)", "Circuit breakers", "Dead-letter topic");
    }

    @Test
    void everyMetricTheRulesAndTheDashboardUseIsInTheRunbooksCatalogue() throws Exception {
        Set<String> used = new TreeSet<>();
        alerts().forEach(a -> used.addAll(metrics(String.valueOf(a.get("expr")))));
        for (JsonNode panel : dashboard().path("panels")) {
            panel.path("targets").forEach(t -> used.addAll(metrics(t.path("expr").asText())));
        }
        String runbook = Files.readString(RUNBOOK);

        assertThat(used).contains("seckill_purchases_total", "resilience4j_circuitbreaker_state", "kafka_consumergroup_lag");
        assertThat(used).allSatisfy(metric -> assertThat(runbook).as(metric)
                .contains("`" + metric.replaceFirst("_(bucket|count|sum)$", "")));
    }

    @Test
    void prometheusScrapesAPortEveryServiceHasAndPublishes() {
        Rendered dev = OverlaysTest.render("dev");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) Rules.spec(monitoring.custom("PodMonitor", "seckill-services"))
                .get("podMetricsEndpoints");
        String port = String.valueOf(endpoints.get(0).get("port"));
        assertThat(endpoints.get(0).get("path")).isEqualTo("/actuator/prometheus");
        for (ServiceApp app : ServiceApp.ALL) {
            Container c = dev.get(Deployment.class, app.name).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getPorts()).as(app.name).anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));
            assertThat(String.valueOf(app.properties.get("management.endpoints.web.exposure.include"))).as(app.name).contains("prometheus");
            assertThat(app.properties.get("management.metrics.tags.application")).as(app.name + " tags its metrics").isNotNull();
        }
    }

    @Test
    void theKafkaExporterWatchesTheGroupsTheAlertsAskAbout() {
        GenericKubernetesResource kafka = OverlaysTest.render("prod").custom("Kafka", "seckill");
        @SuppressWarnings("unchecked")
        Map<String, Object> exporter = (Map<String, Object>) Rules.spec(kafka).get("kafkaExporter");
        Pattern groups = Pattern.compile(String.valueOf(exporter.get("groupRegex")));
        Pattern topics = Pattern.compile(String.valueOf(exporter.get("topicRegex")));

        assertThat(groups.matcher("order-consumer").matches()).isTrue();
        assertThat(groups.matcher("seckill-dlt-replay").matches()).isTrue();
        assertThat(topics.matcher("seckill.orders").matches()).isTrue();
        assertThat(topics.matcher("seckill.orders.DLT").matches()).isTrue();
    }
}
