package dev.seckill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.deploy.Manifests.Rendered;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule fails on a manifest that breaks it: the rules are not vacuous. */
class RulesCatchMistakesTest {

    private final Rendered dev = OverlaysTest.render("dev");

    private Container container(String deployment) {
        return dev.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theRequiredVariablesComeFromTheServicesThemselves() {
        assertThat(Rules.requiredVariables(ServiceApp.named("api-gateway"))).contains(
                "SECKILL_INTERNAL_TOKEN", "SECKILL_GATEWAY_SECKILL_SERVICE_URL", "SECKILL_GATEWAY_ORDER_CONSUMER_URL",
                "SPRING_DATA_REDIS_HOST",
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                "SECKILL_GATEWAY_SECURITY_ISSUER", "SECKILL_GATEWAY_SECURITY_AUDIENCE")
                .doesNotContain("SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(Rules.requiredVariables(ServiceApp.named("seckill-service"))).contains(
                "SECKILL_INTERNAL_TOKEN", "SPRING_DATA_REDIS_HOST", "SPRING_DATASOURCE_URL",
                "SPRING_DATASOURCE_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        // order-consumer answers the gateway's calls about orders (payment, history) since they moved to it.
        assertThat(Rules.requiredVariables(ServiceApp.named("order-consumer"))).contains(
                "SECKILL_INTERNAL_TOKEN", "SPRING_DATA_REDIS_HOST", "SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(KnownProperties.size()).as("Spring Boot's property metadata was found").isGreaterThan(1000);
    }

    @Test
    void aMissingSecretVariableFails() {
        container("seckill-service").getEnv().removeIf(e -> e.getName().equals("SECKILL_INTERNAL_TOKEN"));

        assertThat(Rules.services(dev)).anySatisfy(p -> assertThat(p)
                .isEqualTo("seckill-service: SECKILL_INTERNAL_TOKEN is read by the service but not set"));
    }

    @Test
    void theGatewayWithoutAnyTokenKeyFails() {
        dev.get(ConfigMap.class, "api-gateway").getData().remove("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION");

        assertThat(Rules.services(dev)).anySatisfy(p -> assertThat(p)
                .startsWith("api-gateway: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION is read by the service but not set"));
    }

    @Test
    void aMisspelledVariableFails() {
        container("order-consumer").getEnv().add(new EnvVar("SPRING_DATASOURCE_URLL", "jdbc:mysql://mysql:3306/seckill", null));

        assertThat(Rules.services(dev)).anySatisfy(p -> assertThat(p)
                .isEqualTo("order-consumer: SPRING_DATASOURCE_URLL (from literal) is read by nothing"));
    }

    @Test
    void aPasswordInAConfigMapFails() {
        dev.get(ConfigMap.class, "seckill-platform").getData().put("SPRING_DATASOURCE_PASSWORD", "hunter2");

        assertThat(Rules.services(dev))
                .anySatisfy(p -> assertThat(p).isEqualTo("ConfigMap seckill-platform: SPRING_DATASOURCE_PASSWORD belongs in a Secret"));
    }

    @Test
    void aContainerPortOtherThanTheServersFails() {
        container("seckill-service").getPorts().get(0).setContainerPort(8090);

        assertThat(Rules.services(dev)).anySatisfy(p -> assertThat(p)
                .isEqualTo("seckill-service: container port http is 8090, the service listens on 8081"));
    }

    @Test
    void aProbeOnTheWrongPathFails() {
        container("api-gateway").getReadinessProbe().getHttpGet().setPath("/actuator/health");

        assertThat(Rules.services(dev)).anySatisfy(p -> assertThat(p)
                .isEqualTo("api-gateway readiness: probes /actuator/health, not /actuator/health/readiness"));
    }

    @Test
    void aGracePeriodShorterThanTheShutdownFails() {
        dev.get(Deployment.class, "order-consumer").getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(30L);

        assertThat(Rules.services(dev)).anySatisfy(p -> assertThat(p)
                .isEqualTo("order-consumer: terminationGracePeriodSeconds 30 is not longer than preStop 10 s + shutdown 30 s"));
    }

    @Test
    void aContainerWithoutLimitsOrRunningAsRootFails() {
        container("api-gateway").getResources().setLimits(null);
        container("order-consumer").getSecurityContext().setRunAsUser(0L);
        container("seckill-service").setLivenessProbe(null);

        assertThat(Rules.containers(dev))
                .contains("api-gateway/api-gateway: no cpu limit", "api-gateway/api-gateway: no memory limit",
                        "order-consumer/order-consumer: runAsUser is 0 (needs a non-zero uid)",
                        "seckill-service/seckill-service: no liveness probe");
    }

    @Test
    void aServiceSelectorThatMatchesNoPodsFails() {
        dev.get(Service.class, "seckill-service").getSpec().setSelector(Map.of("app.kubernetes.io/name", "seckill"));

        assertThat(Rules.references(dev))
                .anySatisfy(p -> assertThat(p).startsWith("Service seckill-service: selector {app.kubernetes.io/name=seckill} matches no"));
    }

    @Test
    void anAddressThatLeadsNowhereFails() {
        dev.get(ConfigMap.class, "seckill-platform").getData().put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        dev.get(ConfigMap.class, "api-gateway").getData().put("SECKILL_GATEWAY_SECKILL_SERVICE_URL", "http://seckill-service:8080");
        dev.get(ConfigMap.class, "api-gateway").getData().put("SECKILL_GATEWAY_ORDER_CONSUMER_URL", "http://orders:8082");

        assertThat(Rules.services(dev))
                .anySatisfy(p -> assertThat(p).contains("SPRING_KAFKA_BOOTSTRAP_SERVERS kafka:9092 is no listener"))
                .anySatisfy(p -> assertThat(p).contains("Service seckill-service has no port 8080"))
                .anySatisfy(p -> assertThat(p).contains("SECKILL_GATEWAY_ORDER_CONSUMER_URL: no Service orders"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"seckill-service", "order-consumer"})
    void aServiceBehindTheGatewayOpenToAnyoneFails(String service) {
        NetworkPolicy policy = dev.get(NetworkPolicy.class, service);
        List<NetworkPolicyIngressRule> rules = new ArrayList<>(policy.getSpec().getIngress());
        rules.add(new NetworkPolicyIngressRule(List.of(), List.of()));
        policy.getSpec().setIngress(rules);

        assertThat(Rules.networkPolicies(dev))
                .contains(service + ": its HTTP port is reachable from more than the gateway",
                        service + ": its management port is open to more than the monitoring namespace");
    }

    @Test
    void aTraceCollectorThePoliciesKeepOutFails() {
        dev.get(ConfigMap.class, "seckill-platform").getData()
                .put("MANAGEMENT_OTLP_TRACING_ENDPOINT", "http://otel-collector.monitoring:4318/v1/traces");

        assertThat(Rules.traceExport(dev)).contains(
                "api-gateway: its NetworkPolicies do not let it reach the trace collector otel-collector.monitoring:4318",
                "seckill-service: its NetworkPolicies do not let it reach the trace collector otel-collector.monitoring:4318",
                "order-consumer: its NetworkPolicies do not let it reach the trace collector otel-collector.monitoring:4318");
    }

    @Test
    void theFakePaymentProviderOrAKeyInClearFails() {
        dev.get(ConfigMap.class, "order-consumer").getData().put("SECKILL_PAYMENT_PROVIDER", "fake");
        dev.get(ConfigMap.class, "order-consumer").getData().put("SECKILL_PAYMENT_HTTP_URL", "http://payments.example");
        dev.get(Deployment.class, "order-consumer").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .removeIf(variable -> variable.getName().equals("SECKILL_PAYMENT_HTTP_API_KEY"));

        assertThat(Rules.payments(dev)).containsExactly(
                "order-consumer: SECKILL_PAYMENT_PROVIDER is fake; deployments charge through 'http'",
                "order-consumer: SECKILL_PAYMENT_HTTP_URL is http://payments.example; it must be an https address",
                "order-consumer: SECKILL_PAYMENT_HTTP_API_KEY does not come from a Secret");
    }

    @Test
    void aConsumerWithoutPoliciesFails() {
        dev.resources().removeIf(r -> r instanceof NetworkPolicy && r.getMetadata().getName().equals("order-consumer"));

        assertThat(Rules.networkPolicies(dev)).contains("order-consumer: no NetworkPolicy isolates its ingress");
    }

    @Test
    void topicsThatDisagreeWithTheServicesFail() {
        Rules.spec(dev.custom("KafkaTopic", "seckill.orders.dlt")).put("partitions", 6);
        dev.get(ConfigMap.class, "order-consumer").getData().put("SECKILL_CONSUMER_TOPIC", "orders");

        assertThat(Rules.kafka(dev, 1))
                .contains("KafkaTopic seckill.orders.DLT: 6 partitions, the services expect 12",
                        "seckill-service writes to seckill.orders but order-consumer reads orders",
                        "no KafkaTopic for orders");
    }

    @Test
    void devIsNotGoodEnoughForProductionReplication() {
        assertThat(Rules.kafka(dev, 3))
                .contains("Kafka seckill: 1 brokers, fewer than replication 3",
                        "KafkaTopic seckill.orders: replication 1 (needs 3..1)");
    }
}
