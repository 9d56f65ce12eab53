package dev.seckill.deploy;

import dev.seckill.deploy.Manifests.Rendered;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every rendered overlay must keep. Each returns its violations, so a test can show that a
 * rule fails on a manifest that breaks it, not only that it passes on the good ones.
 */
final class Rules {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";

    /** Alternative ways to tell the gateway where the token signing keys are: any one will do. */
    static final List<Set<String>> ALTERNATIVES = List.of(Set.of(
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"));

    /** Secrets (and the one ConfigMap) ops create by hand, as k8s/README.md says; never in the repository. */
    static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
            "seckill-db", Set.of("username", "password", "root-password"),
            "seckill-internal-token", Set.of("token"),
            "seckill-payment", Set.of("api-key"));
    static final Set<String> EXTERNAL_CONFIG_MAPS = Set.of("seckill-jwt-public-key");

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|CREDENTIAL|PRIVATE_KEY|API_KEY).*");
    private static final Pattern SLEEP = Pattern.compile("sleep\\s+(\\d+)");
    /** The service that takes the payments. */
    private static final String PAYMENTS = "order-consumer";

    private Rules() {
    }

    /** A variable's value in a container: a literal, or where it comes from. */
    record EnvValue(String literal, String secret, String key, String origin) {
    }

    // ---- every container

    static List<String> containers(Rendered r) {
        List<String> problems = new ArrayList<>();
        r.workloads().forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            for (Container c : pod.getContainers()) {
                String where = workload + "/" + c.getName();
                var resources = c.getResources();
                for (String kind : List.of("cpu", "memory")) {
                    if (resources == null || resources.getRequests() == null || resources.getRequests().get(kind) == null) {
                        problems.add(where + ": no " + kind + " request");
                    }
                    if (resources == null || resources.getLimits() == null || resources.getLimits().get(kind) == null) {
                        problems.add(where + ": no " + kind + " limit");
                    }
                }
                if (resources != null && resources.getRequests() != null && resources.getLimits() != null
                        && resources.getRequests().get("memory") != null && resources.getLimits().get("memory") != null
                        && Quantity.getAmountInBytes(resources.getLimits().get("memory"))
                        .compareTo(Quantity.getAmountInBytes(resources.getRequests().get("memory"))) < 0) {
                    problems.add(where + ": memory limit below its request");
                }
                if (c.getLivenessProbe() == null) {
                    problems.add(where + ": no liveness probe");
                }
                if (c.getReadinessProbe() == null) {
                    problems.add(where + ": no readiness probe");
                }
                SecurityContext security = c.getSecurityContext();
                Boolean nonRoot = security != null && security.getRunAsNonRoot() != null ? security.getRunAsNonRoot()
                        : podSecurity == null ? null : podSecurity.getRunAsNonRoot();
                Long user = security != null && security.getRunAsUser() != null ? security.getRunAsUser()
                        : podSecurity == null ? null : podSecurity.getRunAsUser();
                if (!Boolean.TRUE.equals(nonRoot)) {
                    problems.add(where + ": runAsNonRoot is not true");
                }
                if (user == null || user == 0) {
                    problems.add(where + ": runAsUser is " + user + " (needs a non-zero uid)");
                }
                if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    problems.add(where + ": allowPrivilegeEscalation is not false");
                }
                if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                    problems.add(where + ": readOnlyRootFilesystem is not true");
                }
                if (security == null || security.getCapabilities() == null
                        || !Objects.requireNonNullElse(security.getCapabilities().getDrop(), List.of()).contains("ALL")) {
                    problems.add(where + ": capabilities are not dropped (drop: [ALL])");
                }
                String image = Objects.requireNonNullElse(c.getImage(), "");
                if (!image.matches(".+:[^:/]+$") || image.endsWith(":latest")) {
                    problems.add(where + ": image " + image + " has no fixed tag");
                }
            }
        });
        return problems;
    }

    // ---- selectors and references

    static List<String> references(Rendered r) {
        List<String> problems = new ArrayList<>();
        Map<String, PodTemplateSpec> workloads = r.workloads();
        for (Service service : r.services()) {
            String where = "Service " + service.getMetadata().getName();
            if ("ExternalName".equals(service.getSpec().getType())) {
                if (service.getSpec().getExternalName() == null) {
                    problems.add(where + ": ExternalName without externalName");
                }
                continue;
            }
            Map<String, String> selector = service.getSpec().getSelector();
            List<PodTemplateSpec> selected = workloads.values().stream().filter(t -> matches(selector, t)).toList();
            if (selector == null || selector.isEmpty() || selected.isEmpty()) {
                problems.add(where + ": selector " + selector + " matches no Deployment or StatefulSet");
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                for (PodTemplateSpec template : selected) {
                    if (containerPort(template, target).isEmpty()) {
                        problems.add(where + ": targetPort " + portText(target) + " is no container port of the pods it selects");
                    }
                }
            }
        }
        for (Deployment deployment : r.deployments()) {
            if (!matches(deployment.getSpec().getSelector(), deployment.getSpec().getTemplate())) {
                problems.add("Deployment " + deployment.getMetadata().getName() + ": selector does not match its own pods");
            }
        }
        for (PodDisruptionBudget pdb : r.disruptionBudgets()) {
            if (workloads.values().stream().noneMatch(t -> matches(pdb.getSpec().getSelector(), t))) {
                problems.add("PodDisruptionBudget " + pdb.getMetadata().getName() + ": selects no pods");
            }
        }
        for (HorizontalPodAutoscaler hpa : r.autoscalers()) {
            var target = hpa.getSpec().getScaleTargetRef();
            String where = "HorizontalPodAutoscaler " + hpa.getMetadata().getName();
            if (!"Deployment".equals(target.getKind()) || r.find(Deployment.class, target.getName()).isEmpty()) {
                problems.add(where + ": scales " + target.getKind() + " " + target.getName() + ", which does not exist");
            }
            Integer min = hpa.getSpec().getMinReplicas();
            if (min == null || min < 1 || min > hpa.getSpec().getMaxReplicas()) {
                problems.add(where + ": minReplicas " + min + " must be between 1 and maxReplicas " + hpa.getSpec().getMaxReplicas());
            }
            if (hpa.getSpec().getMetrics() == null || hpa.getSpec().getMetrics().isEmpty()) {
                problems.add(where + ": no metric to scale on");
            }
        }
        for (NetworkPolicy policy : r.networkPolicies()) {
            LabelSelector selector = policy.getSpec().getPodSelector();
            if (workloads.values().stream().noneMatch(t -> matches(selector, t))) {
                problems.add("NetworkPolicy " + policy.getMetadata().getName() + ": selects no pods");
            }
        }
        for (Ingress ingress : r.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                var backend = path.getBackend().getService();
                Optional<Service> service = r.find(Service.class, backend.getName());
                if (service.isEmpty() || service.get().getSpec().getPorts().stream().noneMatch(p ->
                        Objects.equals(p.getName(), backend.getPort().getName())
                                || Objects.equals(p.getPort(), backend.getPort().getNumber()))) {
                    problems.add("Ingress " + ingress.getMetadata().getName() + ": backend " + backend.getName()
                            + " port " + backend.getPort() + " does not exist");
                }
            }));
        }
        // ConfigMaps and Secrets the pods use either come with the manifests or are the documented hand-made ones.
        r.workloads().forEach((workload, template) -> {
            for (Volume volume : Objects.requireNonNullElse(template.getSpec().getVolumes(), List.<Volume>of())) {
                if (volume.getConfigMap() != null && r.find(ConfigMap.class, volume.getConfigMap().getName()).isEmpty()
                        && !EXTERNAL_CONFIG_MAPS.contains(volume.getConfigMap().getName())) {
                    problems.add(workload + ": volume from unknown ConfigMap " + volume.getConfigMap().getName());
                }
                if (volume.getSecret() != null) {
                    problems.add(workload + ": mounts Secret " + volume.getSecret().getSecretName() + "; use secretKeyRef variables");
                }
            }
            for (Container c : template.getSpec().getContainers()) {
                environment(c, r, problems, workload + "/" + c.getName());
            }
        });
        return problems;
    }

    /** The variables of a container, resolving ConfigMaps; problems for references that go nowhere. */
    static Map<String, EnvValue> environment(Container c, Rendered r, List<String> problems, String where) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        for (EnvFromSource from : Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
            if (from.getSecretRef() != null) {
                problems.add(where + ": envFrom Secret " + from.getSecretRef().getName()
                        + " hides which variables it sets; use secretKeyRef per variable");
            }
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Optional<ConfigMap> map = r.find(ConfigMap.class, name);
                if (map.isEmpty()) {
                    problems.add(where + ": envFrom ConfigMap " + name + " does not exist");
                    continue;
                }
                Objects.requireNonNullElse(map.get().getData(), Map.<String, String>of())
                        .forEach((k, v) -> env.put(k, new EnvValue(v, null, null, "ConfigMap " + name)));
            }
        }
        for (EnvVar var : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), new EnvValue(var.getValue(), null, null, "literal"));
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                if (!EXTERNAL_SECRETS.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey())) {
                    problems.add(where + ": " + var.getName() + " reads Secret " + ref.getName() + " key " + ref.getKey()
                            + ", which is not one of the documented Secrets " + EXTERNAL_SECRETS);
                }
                env.put(var.getName(), new EnvValue(null, ref.getName(), ref.getKey(), "Secret " + ref.getName()));
            } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                String value = r.find(ConfigMap.class, ref.getName()).map(ConfigMap::getData).map(d -> d.get(ref.getKey())).orElse(null);
                if (value == null) {
                    problems.add(where + ": " + var.getName() + " reads missing ConfigMap key " + ref.getName() + "/" + ref.getKey());
                }
                env.put(var.getName(), new EnvValue(value, null, null, "ConfigMap " + ref.getName()));
            } else {
                env.put(var.getName(), new EnvValue(null, null, null, "field"));
            }
        }
        return env;
    }

    // ---- the three services against their own configuration

    /**
     * The variables a service needs from its deployment, derived from the service: what the local
     * launcher gives it and it reads (or what the launcher gives only some services, such as their
     * secrets), the placeholders of its application.yml without a default, the settings whose default
     * is an address on this machine, and the settings its records require.
     */
    static Set<String> requiredVariables(ServiceApp app) {
        Map<String, Set<String>> launcherServices = new LinkedHashMap<>();
        for (ServiceApp other : ServiceApp.ALL) {
            other.launcherEnvironment().keySet().forEach(v -> launcherServices.computeIfAbsent(v, k -> new java.util.HashSet<>()).add(other.name));
        }
        Set<String> required = new java.util.LinkedHashSet<>();
        app.launcherEnvironment().keySet().stream()
                .filter(v -> app.reads(v) || launcherServices.get(v).size() < ServiceApp.ALL.size())
                .filter(v -> !v.equals("SERVER_PORT"))
                .forEach(required::add);
        required.addAll(app.placeholdersWithoutDefault());
        app.loopbackDefaults().forEach(p -> required.add(envName(p)));
        app.settings.stream().filter(ServiceApp.Setting::required).forEach(s -> required.add(envName(s.property())));
        // One spelling per variable (SPRING_KAFKA_BOOTSTRAP_SERVERS and ..._BOOTSTRAPSERVERS are the same to Spring).
        Map<String, String> byCanonical = new LinkedHashMap<>();
        required.forEach(v -> byCanonical.putIfAbsent(ServiceApp.canonicalEnv(v), v));
        return new java.util.LinkedHashSet<>(byCanonical.values());
    }

    private static String envName(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", "");
    }

    static List<String> services(Rendered r) {
        List<String> problems = new ArrayList<>();
        for (ServiceApp app : ServiceApp.ALL) {
            Optional<Deployment> deployment = r.find(Deployment.class, app.name);
            if (deployment.isEmpty()) {
                problems.add(app.name + ": no Deployment");
                continue;
            }
            PodSpec pod = deployment.get().getSpec().getTemplate().getSpec();
            Optional<Container> found = pod.getContainers().stream().filter(c -> c.getName().equals(app.name)).findFirst();
            if (found.isEmpty()) {
                problems.add(app.name + ": no container named " + app.name);
                continue;
            }
            Container c = found.get();
            String where = app.name;
            Map<String, EnvValue> env = environment(c, r, new ArrayList<>(), where);

            // Every variable the service reads that has no usable default is set.
            Set<String> required = requiredVariables(app);
            for (String variable : required) {
                Set<String> options = ALTERNATIVES.stream().filter(a -> a.contains(variable)).findFirst().orElse(Set.of(variable));
                boolean set = env.keySet().stream().anyMatch(name -> options.stream()
                        .anyMatch(o -> ServiceApp.canonicalEnv(o).equals(ServiceApp.canonicalEnv(name))));
                if (!set) {
                    problems.add(where + ": " + variable + " is read by the service but not set"
                            + (options.size() > 1 ? " (nor any of " + options + ")" : ""));
                }
            }
            // Every variable set is one the service (or Spring, or the JVM) reads: a typo is not silently ignored.
            env.forEach((name, value) -> {
                if (!KnownProperties.isKnown(name, app)) {
                    problems.add(where + ": " + name + " (from " + value.origin() + ") is read by nothing");
                }
                if (SECRET_NAME.matcher(name).matches() && value.secret() == null) {
                    problems.add(where + ": " + name + " looks secret but comes from " + value.origin() + ", not a Secret");
                }
            });

            // Ports agree with the service's own configuration.
            int serverPort = intValue(env, "SERVER_PORT").orElse(app.serverPort());
            Optional<Integer> managementPort = intValue(env, "MANAGEMENT_SERVER_PORT").or(app::managementPort);
            checkPort(c, "http", serverPort, where, problems);
            String probePort = "http";
            if (managementPort.isPresent()) {
                checkPort(c, "management", managementPort.get(), where, problems);
                probePort = "management";
                r.find(Service.class, app.name).ifPresent(s -> s.getSpec().getPorts().forEach(p -> {
                    if (portMatches(c, p.getTargetPort(), "management")) {
                        problems.add(where + ": its Service exposes the management port");
                    }
                }));
            }
            checkProbe(c.getLivenessProbe(), LIVENESS, c, probePort, where + " liveness", problems);
            checkProbe(c.getReadinessProbe(), READINESS, c, probePort, where + " readiness", problems);
            if (c.getStartupProbe() != null) {
                checkProbe(c.getStartupProbe(), LIVENESS, c, probePort, where + " startup", problems);
            }
            if (!"true".equals(String.valueOf(app.properties.get("management.endpoint.health.probes.enabled")))) {
                problems.add(where + ": application.yml does not enable management.endpoint.health.probes");
            }
            for (String group : List.of("liveness", "readiness")) {
                if (app.properties.get("management.endpoint.health.group." + group + ".include") == null) {
                    problems.add(where + ": application.yml defines no health group " + group);
                }
            }

            // Graceful termination outlasts the preStop pause plus the service's own graceful shutdown.
            if (!"graceful".equals(app.properties.get("server.shutdown"))) {
                problems.add(where + ": application.yml has no server.shutdown: graceful");
            }
            long preStop = preStopSleep(c);
            Duration needed = app.shutdownTimeout().plusSeconds(preStop);
            Long grace = pod.getTerminationGracePeriodSeconds();
            if (grace == null || grace <= needed.toSeconds()) {
                problems.add(where + ": terminationGracePeriodSeconds " + grace + " is not longer than preStop " + preStop
                        + " s + shutdown " + app.shutdownTimeout().toSeconds() + " s");
            }

            // Read-only root: /tmp must be a writable emptyDir.
            boolean tmp = Objects.requireNonNullElse(c.getVolumeMounts(), List.<io.fabric8.kubernetes.api.model.VolumeMount>of())
                    .stream().anyMatch(m -> m.getMountPath().equals("/tmp") && pod.getVolumes().stream()
                            .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
            if (!tmp) {
                problems.add(where + ": /tmp is not an emptyDir (the JVM and Tomcat write there)");
            }
            addresses(app, env, r, where, problems);
        }
        // No ConfigMap carries a secret.
        for (ConfigMap map : r.configMaps()) {
            Objects.requireNonNullElse(map.getData(), Map.<String, String>of()).keySet().stream()
                    .filter(k -> SECRET_NAME.matcher(k).matches())
                    .forEach(k -> problems.add("ConfigMap " + map.getMetadata().getName() + ": " + k + " belongs in a Secret"));
        }
        return problems;
    }

    /** The addresses a service is given lead to something these manifests define. */
    private static void addresses(ServiceApp app, Map<String, EnvValue> env, Rendered r, String where, List<String> problems) {
        for (String upstream : List.of("SECKILL_GATEWAY_SECKILL_SERVICE_URL", "SECKILL_GATEWAY_ORDER_CONSUMER_URL")) {
            literal(env, upstream).ifPresent(url -> {
                URI uri = URI.create(url);
                serviceAt(r, uri.getHost(), uri.getPort(), where + " " + upstream, problems);
            });
        }
        literal(env, "SPRING_DATA_REDIS_HOST").ifPresent(host -> serviceAt(r, host,
                intValue(env, "SPRING_DATA_REDIS_PORT").orElse(6379), where + " SPRING_DATA_REDIS_HOST", problems));
        literal(env, "SPRING_DATASOURCE_URL").ifPresent(url -> {
            Matcher m = Pattern.compile("jdbc:mysql://([^:/]+):(\\d+)/.*").matcher(url);
            if (!m.matches()) {
                problems.add(where + ": SPRING_DATASOURCE_URL " + url + " is not jdbc:mysql://host:port/db");
            } else {
                serviceAt(r, m.group(1), Integer.parseInt(m.group(2)), where + " SPRING_DATASOURCE_URL", problems);
            }
        });
        literal(env, "SPRING_KAFKA_BOOTSTRAP_SERVERS").ifPresent(servers -> {
            for (String server : servers.split(",")) {
                String host = server.substring(0, server.lastIndexOf(':'));
                int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
                boolean found = r.custom("Kafka").stream().anyMatch(k -> host.equals(k.getMetadata().getName() + "-kafka-bootstrap")
                        && listenerPorts(k).contains(port));
                if (!found) {
                    problems.add(where + ": SPRING_KAFKA_BOOTSTRAP_SERVERS " + server + " is no listener of a Strimzi Kafka here");
                }
            }
        });
    }

    private static void serviceAt(Rendered r, String host, int port, String where, List<String> problems) {
        Optional<Service> service = r.find(Service.class, host);
        if (service.isEmpty()) {
            problems.add(where + ": no Service " + host);
        } else if (!"ExternalName".equals(service.get().getSpec().getType())
                && service.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort() == port)) {
            problems.add(where + ": Service " + host + " has no port " + port);
        }
    }

    // ---- network policies

    static List<String> networkPolicies(Rendered r) {
        List<String> problems = new ArrayList<>();
        Map<String, PodTemplateSpec> workloads = r.workloads();
        for (ServiceApp app : ServiceApp.ALL) {
            PodTemplateSpec pods = workloads.get(app.name);
            if (pods == null) {
                continue;
            }
            Container c = pods.getSpec().getContainers().get(0);
            List<NetworkPolicy> policies = r.networkPolicies().stream()
                    .filter(p -> matches(p.getSpec().getPodSelector(), pods)).toList();
            for (String type : List.of("Ingress", "Egress")) {
                if (policies.stream().noneMatch(p -> Objects.requireNonNullElse(p.getSpec().getPolicyTypes(), List.of()).contains(type))) {
                    problems.add(app.name + ": no NetworkPolicy isolates its " + type.toLowerCase());
                }
            }
            List<NetworkPolicyIngressRule> rules = policies.stream()
                    .flatMap(p -> Objects.requireNonNullElse(p.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of()).stream()).toList();
            boolean gateway = app.name.equals("api-gateway");
            boolean openHttp = false;
            for (NetworkPolicyIngressRule rule : rules) {
                boolean http = admits(rule, c, "http");
                boolean management = admits(rule, c, "management");
                boolean fromEverywhere = rule.getFrom() == null || rule.getFrom().isEmpty();
                openHttp |= http && fromEverywhere;
                if (management && !fromMonitoringOnly(rule)) {
                    problems.add(app.name + ": its management port is open to more than the monitoring namespace");
                }
                if (!http) {
                    continue;
                }
                // The services behind the gateway take calls from the gateway only.
                boolean onlyGateway = !fromEverywhere && rule.getFrom().stream().allMatch(peer ->
                        peer.getNamespaceSelector() == null && peer.getIpBlock() == null && peer.getPodSelector() != null
                                && selectsOnly(peer.getPodSelector(), workloads, "api-gateway"));
                if (!gateway && !onlyGateway) {
                    problems.add(app.name + ": its HTTP port is reachable from more than the gateway");
                }
            }
            if (gateway && !openHttp) {
                problems.add("api-gateway: its HTTP port is not reachable from outside");
            }
        }
        return problems;
    }

    /**
     * Nothing fake is deployed: order-consumer, which takes the payments, charges through the payment
     * service over HTTPS, with its credential from a Secret, never through the provider that approves
     * every payment.
     */
    static List<String> payments(Rendered r) {
        List<String> problems = new ArrayList<>();
        PodTemplateSpec pods = r.workloads().get(PAYMENTS);
        if (pods == null) {
            return List.of(PAYMENTS + ": no workload");
        }
        Map<String, EnvValue> env = environment(pods.getSpec().getContainers().get(0), r, new ArrayList<>(), PAYMENTS);
        Optional<String> provider = literal(env, "SECKILL_PAYMENT_PROVIDER");
        if (!provider.map("http"::equalsIgnoreCase).orElse(false)) {
            problems.add(PAYMENTS + ": SECKILL_PAYMENT_PROVIDER is " + provider.orElse("not set") + "; deployments charge through 'http'");
        }
        Optional<String> url = literal(env, "SECKILL_PAYMENT_HTTP_URL");
        if (url.map(u -> !u.startsWith("https://") || URI.create(u).getHost() == null).orElse(true)) {
            problems.add(PAYMENTS + ": SECKILL_PAYMENT_HTTP_URL is " + url.orElse("not set") + "; it must be an https address");
        }
        EnvValue key = env.get("SECKILL_PAYMENT_HTTP_API_KEY");
        if (key == null || key.secret() == null) {
            problems.add(PAYMENTS + ": SECKILL_PAYMENT_HTTP_API_KEY does not come from a Secret");
        }
        return problems;
    }

    /**
     * A service that exports spans may reach the collector it is given: a NetworkPolicy that isolates its
     * egress would drop every export, and the service only logs that it failed.
     */
    static List<String> traceExport(Rendered r) {
        List<String> problems = new ArrayList<>();
        Map<String, PodTemplateSpec> workloads = r.workloads();
        for (ServiceApp app : ServiceApp.ALL) {
            PodTemplateSpec pods = workloads.get(app.name);
            if (pods == null) {
                continue;
            }
            Container c = pods.getSpec().getContainers().get(0);
            Optional<String> endpoint = literal(environment(c, r, new ArrayList<>(), app.name), "MANAGEMENT_OTLP_TRACING_ENDPOINT");
            if (endpoint.isEmpty()) {
                continue;
            }
            URI uri = URI.create(endpoint.get());
            if (uri.getHost() == null || uri.getPort() < 0) {
                problems.add(app.name + ": MANAGEMENT_OTLP_TRACING_ENDPOINT " + uri + " names no host and port");
                continue;
            }
            // <service>.<namespace>[.svc...]; a bare name is a Service of the pods' own namespace.
            String[] labels = uri.getHost().split("\\.");
            String namespace = labels.length > 1 ? labels[1] : null;
            List<NetworkPolicy> isolating = r.networkPolicies().stream()
                    .filter(p -> matches(p.getSpec().getPodSelector(), pods))
                    .filter(p -> Objects.requireNonNullElse(p.getSpec().getPolicyTypes(), List.of()).contains("Egress"))
                    .toList();
            boolean admitted = isolating.isEmpty() || isolating.stream()
                    .flatMap(p -> Objects.requireNonNullElse(p.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of()).stream())
                    .anyMatch(rule -> admitsPort(rule.getPorts(), uri.getPort()) && admitsNamespace(rule.getTo(), namespace));
            if (!admitted) {
                problems.add(app.name + ": its NetworkPolicies do not let it reach the trace collector " + uri.getHost() + ":" + uri.getPort());
            }
        }
        return problems;
    }

    private static boolean admitsPort(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() == null
                || (p.getPort().getIntVal() != null && p.getPort().getIntVal() <= port
                        && port <= Objects.requireNonNullElse(p.getEndPort(), p.getPort().getIntVal())));
    }

    private static boolean admitsNamespace(List<NetworkPolicyPeer> peers, String namespace) {
        return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> {
            if (peer.getIpBlock() != null) {
                return true;
            }
            LabelSelector selector = peer.getNamespaceSelector();
            if (selector == null) {
                return namespace == null;
            }
            Map<String, String> labels = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
            boolean anyNamespace = labels.isEmpty() && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
            return anyNamespace || (namespace != null && namespace.equals(labels.get("kubernetes.io/metadata.name")));
        });
    }

    private static boolean fromMonitoringOnly(NetworkPolicyIngressRule rule) {
        return rule.getFrom() != null && !rule.getFrom().isEmpty() && rule.getFrom().stream().allMatch(peer ->
                peer.getIpBlock() == null && peer.getPodSelector() == null && peer.getNamespaceSelector() != null
                        && "monitoring".equals(Objects.requireNonNullElse(peer.getNamespaceSelector().getMatchLabels(), Map.of())
                        .get("kubernetes.io/metadata.name")));
    }

    private static boolean admits(NetworkPolicyIngressRule rule, Container c, String portName) {
        if (c.getPorts().stream().noneMatch(p -> portName.equals(p.getName()))) {
            return false;
        }
        return rule.getPorts() == null || rule.getPorts().isEmpty()
                || rule.getPorts().stream().map(NetworkPolicyPort::getPort).anyMatch(p -> p == null || portMatches(c, p, portName));
    }

    private static boolean selectsOnly(LabelSelector selector, Map<String, PodTemplateSpec> workloads, String name) {
        List<String> selected = workloads.entrySet().stream().filter(e -> matches(selector, e.getValue())).map(Map.Entry::getKey).toList();
        return selected.equals(List.of(name));
    }

    // ---- Kafka

    static List<String> kafka(Rendered r, int minimumReplication) {
        List<String> problems = new ArrayList<>();
        List<GenericKubernetesResource> clusters = r.custom("Kafka");
        if (clusters.size() != 1) {
            problems.add("expected one Strimzi Kafka, found " + clusters.size());
            return problems;
        }
        GenericKubernetesResource kafka = clusters.get(0);
        String cluster = kafka.getMetadata().getName();
        int brokers = r.custom("KafkaNodePool").stream()
                .filter(p -> cluster.equals(Objects.requireNonNullElse(p.getMetadata().getLabels(), Map.of()).get("strimzi.io/cluster")))
                .filter(p -> ((List<?>) spec(p).get("roles")).contains("broker"))
                .mapToInt(p -> ((Number) spec(p).get("replicas")).intValue()).sum();
        if (brokers < minimumReplication) {
            problems.add("Kafka " + cluster + ": " + brokers + " brokers, fewer than replication " + minimumReplication);
        }
        Map<String, Object> config = config(kafka);
        for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
            int value = ((Number) config.getOrDefault(key, 1)).intValue();
            if (value < minimumReplication || value > brokers) {
                problems.add("Kafka " + cluster + ": " + key + " " + value + " (needs " + minimumReplication + ".." + brokers + ")");
            }
        }

        // Topics: what the services use, as they are configured here.
        Map<String, GenericKubernetesResource> topics = new LinkedHashMap<>();
        for (GenericKubernetesResource topic : r.custom("KafkaTopic")) {
            if (!cluster.equals(Objects.requireNonNullElse(topic.getMetadata().getLabels(), Map.of()).get("strimzi.io/cluster"))) {
                problems.add("KafkaTopic " + topic.getMetadata().getName() + ": not labelled for cluster " + cluster);
            }
            Object topicName = spec(topic).getOrDefault("topicName", topic.getMetadata().getName());
            topics.put(String.valueOf(topicName), topic);
        }
        ServiceApp consumer = ServiceApp.named("order-consumer");
        ServiceApp seckill = ServiceApp.named("seckill-service");
        String ordersTopic = setting(r, consumer, "seckill.consumer.topic");
        String deadLetterTopic = setting(r, consumer, "seckill.consumer.dead-letter-topic");
        int partitions = Integer.parseInt(setting(r, consumer, "seckill.consumer.partitions"));
        String outboxTopic = setting(r, seckill, "seckill.outbox.topic");
        if (!ordersTopic.equals(outboxTopic)) {
            problems.add("seckill-service writes to " + outboxTopic + " but order-consumer reads " + ordersTopic);
        }
        if (!setting(r, seckill, "seckill.outbox.partitions").equals(String.valueOf(partitions))) {
            problems.add("seckill-service and order-consumer disagree on the partitions of " + ordersTopic);
        }
        for (String name : List.of(ordersTopic, deadLetterTopic)) {
            GenericKubernetesResource topic = topics.get(name);
            if (topic == null) {
                problems.add("no KafkaTopic for " + name);
                continue;
            }
            int topicPartitions = ((Number) spec(topic).get("partitions")).intValue();
            int replicas = ((Number) spec(topic).get("replicas")).intValue();
            if (topicPartitions != partitions) {
                problems.add("KafkaTopic " + name + ": " + topicPartitions + " partitions, the services expect " + partitions);
            }
            if (replicas < minimumReplication || replicas > brokers) {
                problems.add("KafkaTopic " + name + ": replication " + replicas + " (needs " + minimumReplication + ".." + brokers + ")");
            }
            Object minIsr = topicConfig(topic).getOrDefault("min.insync.replicas", config.getOrDefault("min.insync.replicas", 1));
            int isr = ((Number) minIsr).intValue();
            if (replicas > 1 && (isr < 2 || isr >= replicas)) {
                problems.add("KafkaTopic " + name + ": min.insync.replicas " + isr + " with replication " + replicas
                        + " (acks=all must survive one broker down and still mean two copies)");
            }
        }
        for (String[] replicasSetting : new String[][] {{"seckill-service", "seckill.outbox.replicas"}, {"order-consumer", "seckill.consumer.replicas"}}) {
            int value = Integer.parseInt(setting(r, ServiceApp.named(replicasSetting[0]), replicasSetting[1]));
            if (value < minimumReplication || value > brokers) {
                problems.add(replicasSetting[0] + ": " + replicasSetting[1] + " " + value + " (needs " + minimumReplication + ".." + brokers + ")");
            }
        }
        // More consumers than partitions only adds idle ones.
        r.find(HorizontalPodAutoscaler.class, "order-consumer").ifPresent(hpa -> {
            if (hpa.getSpec().getMaxReplicas() > partitions) {
                problems.add("order-consumer: HPA maxReplicas " + hpa.getSpec().getMaxReplicas() + " exceeds " + partitions + " partitions");
            }
        });
        return problems;
    }

    /** A setting's value for a service as deployed: its container's variable, else application.yml, else the record's default. */
    static String setting(Rendered r, ServiceApp app, String property) {
        Container c = r.get(Deployment.class, app.name).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvValue> env = environment(c, r, new ArrayList<>(), app.name);
        String canonical = ServiceApp.canonicalProperty(property);
        return env.entrySet().stream().filter(e -> ServiceApp.canonicalEnv(e.getKey()).equals(canonical))
                .map(e -> e.getValue().literal()).filter(Objects::nonNull).findFirst()
                .or(() -> Optional.ofNullable(app.properties.get(property)).map(String::valueOf))
                .or(() -> app.setting(property).map(ServiceApp.Setting::defaultValue))
                .orElseThrow(() -> new AssertionError(app.name + " has no setting " + property));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().getOrDefault("spec", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(GenericKubernetesResource kafka) {
        return (Map<String, Object>) ((Map<String, Object>) spec(kafka).get("kafka")).getOrDefault("config", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> topicConfig(GenericKubernetesResource topic) {
        return (Map<String, Object>) spec(topic).getOrDefault("config", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> listenerPorts(GenericKubernetesResource kafka) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) spec(kafka).get("kafka")).get("listeners")).stream()
                .map(l -> ((Number) l.get("port")).intValue()).toList();
    }

    // ---- helpers

    static boolean matches(Map<String, String> selector, PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    static boolean matches(LabelSelector selector, PodTemplateSpec template) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new IllegalStateException("matchExpressions are not modelled by these rules");
        }
        return matches(selector.getMatchLabels(), template);
    }

    private static Optional<ContainerPort> containerPort(PodTemplateSpec template, IntOrString port) {
        return template.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> port.getStrVal() != null ? port.getStrVal().equals(p.getName()) : port.getIntVal().equals(p.getContainerPort()))
                .findFirst();
    }

    private static boolean portMatches(Container c, IntOrString port, String name) {
        if (port == null) {
            return true;
        }
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).anyMatch(p ->
                port.getStrVal() != null ? port.getStrVal().equals(p.getName()) : port.getIntVal().equals(p.getContainerPort()));
    }

    private static String portText(IntOrString port) {
        return port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    private static void checkPort(Container c, String name, int expected, String where, List<String> problems) {
        Optional<ContainerPort> port = c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst();
        if (port.isEmpty()) {
            problems.add(where + ": no container port named " + name + " (the service listens on " + expected + ")");
        } else if (port.get().getContainerPort() != expected) {
            problems.add(where + ": container port " + name + " is " + port.get().getContainerPort() + ", the service listens on " + expected);
        }
    }

    private static void checkProbe(Probe probe, String path, Container c, String portName, String where, List<String> problems) {
        if (probe == null) {
            problems.add(where + ": missing");
            return;
        }
        if (probe.getHttpGet() == null) {
            problems.add(where + ": not an HTTP probe of " + path);
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + ": probes " + probe.getHttpGet().getPath() + ", not " + path);
        }
        if (!portMatches(c, probe.getHttpGet().getPort(), portName)) {
            problems.add(where + ": probes port " + portText(probe.getHttpGet().getPort()) + ", not the " + portName + " port");
        }
    }

    private static long preStopSleep(Container c) {
        if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
            return 0;
        }
        var preStop = c.getLifecycle().getPreStop();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        if (preStop.getExec() != null) {
            Matcher m = SLEEP.matcher(String.join(" ", preStop.getExec().getCommand()));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }

    private static Optional<String> literal(Map<String, EnvValue> env, String name) {
        return Optional.ofNullable(env.get(name)).map(EnvValue::literal);
    }

    private static Optional<Integer> intValue(Map<String, EnvValue> env, String name) {
        return literal(env, name).map(Integer::parseInt);
    }
}
