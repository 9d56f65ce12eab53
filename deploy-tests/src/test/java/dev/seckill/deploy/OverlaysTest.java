package dev.seckill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.deploy.Manifests.Rendered;
import dev.seckill.infra.platform.LocalTokens;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The dev and prod overlays rendered as kubectl apply -k would send them, against every rule. */
class OverlaysTest {

    static Rendered render(String overlay) {
        return Manifests.render(ManifestFilesTest.K8S.resolve("overlays").resolve(overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendersWithoutProblems(String overlay) {
        Rendered r = render(overlay);

        assertThat(r.problems()).isEmpty();
        for (String service : List.of("api-gateway", "seckill-service", "order-consumer")) {
            assertThat(r.find(Deployment.class, service)).as(service + " Deployment").isPresent();
            assertThat(r.find(HorizontalPodAutoscaler.class, service)).as(service + " HPA").isPresent();
            assertThat(r.find(PodDisruptionBudget.class, service)).as(service + " PDB").isPresent();
            assertThat(r.find(NetworkPolicy.class, service)).as(service + " NetworkPolicy").isPresent();
            assertThat(r.find(ConfigMap.class, service)).as(service + " ConfigMap").isPresent();
        }
        assertThat(r.find(Service.class, "api-gateway")).isPresent();
        assertThat(r.find(Service.class, "seckill-service")).isPresent();
        assertThat(r.find(Service.class, "order-consumer")).as("the gateway calls it for payments and histories").isPresent();
        assertThat(r.all(Ingress.class)).extracting(i -> i.getMetadata().getName()).containsExactly("api-gateway");
        String namespace = r.all(Namespace.class).get(0).getMetadata().getName();
        assertThat(r.resources()).filteredOn(res -> !(res instanceof Namespace))
                .allSatisfy(res -> assertThat(res.getMetadata().getNamespace()).as(id(res)).isEqualTo(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesResourcesAndRunsAsNonRoot(String overlay) {
        assertThat(Rules.containers(render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySelectorAndReferenceLeadsSomewhere(String overlay) {
        assertThat(Rules.references(render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesGetEverySettingTheyReadOnThePortsTheyListenOn(String overlay) {
        assertThat(Rules.services(render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsReachableAndSeckillServiceOnlyFromIt(String overlay) {
        assertThat(Rules.networkPolicies(render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesThatExportSpansMayReachTheCollector(String overlay) {
        assertThat(Rules.traceExport(render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noOverlayRunsTheFakePaymentProvider(String overlay) {
        assertThat(Rules.payments(render(overlay))).isEmpty();
    }

    @Test
    void prodExportsSpansAndDevDoesNot() {
        Rendered prod = render("prod");
        Rendered dev = render("dev");

        for (ServiceApp app : ServiceApp.ALL) {
            assertThat(Rules.setting(prod, app, "management.otlp.tracing.endpoint")).as(app.name)
                    .isEqualTo("http://otel-collector.monitoring:4318/v1/traces");
            assertThat(app.properties).as(app.name).doesNotContainKey("management.otlp.tracing.endpoint");
            Container c = dev.get(Deployment.class, app.name).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(Rules.environment(c, dev, new ArrayList<>(), app.name)).as(app.name)
                    .doesNotContainKey("MANAGEMENT_OTLP_TRACING_ENDPOINT");
        }
    }

    @Test
    void devKafkaHasOneBrokerAndTheServicesTopics() {
        assertThat(Rules.kafka(render("dev"), 1)).isEmpty();
    }

    @Test
    void prodKafkaReplicatesEveryTopicThreeTimes() {
        Rendered prod = render("prod");

        assertThat(Rules.kafka(prod, 3)).isEmpty();
        assertThat(Rules.spec(prod.custom("KafkaTopic", "seckill.orders"))).containsEntry("partitions", 12).containsEntry("replicas", 3);
        assertThat(Rules.spec(prod.custom("KafkaTopic", "seckill.orders.dlt")))
                .containsEntry("topicName", "seckill.orders.DLT").containsEntry("replicas", 3);
    }

    @Test
    void devRunsRedisWithAppendOnlyFileSyncedEverySecondAndMySql() {
        Rendered dev = render("dev");

        List<String> args = dev.get(StatefulSet.class, "redis").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(String.join(" ", args)).contains("--appendonly yes").contains("--appendfsync everysec");
        assertThat(dev.get(StatefulSet.class, "mysql").getSpec().getVolumeClaimTemplates()).isNotEmpty();
        assertThat(dev.get(Service.class, "redis").getSpec().getType()).isNull();
    }

    @Test
    void prodUsesExternalRedisAndMySqlJsonLogsAndTheIdentityProvidersKeysAndIssuer() {
        Rendered prod = render("prod");

        assertThat(prod.all(StatefulSet.class)).isEmpty();
        assertThat(prod.get(Service.class, "redis").getSpec().getType()).isEqualTo("ExternalName");
        assertThat(prod.get(Service.class, "mysql").getSpec().getType()).isEqualTo("ExternalName");
        assertThat(prod.get(ConfigMap.class, "seckill-platform").getData())
                .containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .hasEntrySatisfying("SPRING_DATASOURCE_URL", url -> assertThat(url).contains("sslMode=REQUIRED"));
        Map<String, String> gateway = prod.get(ConfigMap.class, "api-gateway").getData();
        assertThat(gateway).containsKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI")
                .doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION")
                .containsEntry("SECKILL_GATEWAY_SECURITY_AUDIENCE", LocalTokens.AUDIENCE)
                .hasEntrySatisfying("SECKILL_GATEWAY_SECURITY_ISSUER", issuer -> assertThat(issuer).isNotEqualTo(LocalTokens.ISSUER));
        assertThat(ServiceApp.named("api-gateway").profiles).containsKey("prod");
        assertThat(prod.get(HorizontalPodAutoscaler.class, "api-gateway").getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void noSecretValueIsInTheManifests() {
        for (String overlay : List.of("dev", "prod")) {
            assertThat(render(overlay).resources()).noneMatch(r -> r.getKind().equals("Secret"));
        }
    }

    @Test
    void everySecretThePodsReadIsOneTheReadmeTellsOpsHowToCreate() throws Exception {
        String readme = java.nio.file.Files.readString(ManifestFilesTest.K8S.resolve("README.md"));

        Rules.EXTERNAL_SECRETS.forEach((name, keys) -> {
            assertThat(readme).contains("create secret generic " + name);
            keys.forEach(key -> assertThat(readme).contains("--from-literal=" + key + "="));
        });
        Rules.EXTERNAL_CONFIG_MAPS.forEach(name -> assertThat(readme).contains("create configmap " + name));
    }

    private static String id(HasMetadata r) {
        return r.getKind() + "/" + r.getMetadata().getName();
    }
}
