package dev.seckill.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kubernetes manifests as typed fabric8 objects: every YAML file under a directory checked on its own
 * (base files and overlay patches alike), and a kustomization rendered by real Kustomize into what it
 * would apply.
 */
final class Manifests {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** One rendered kustomization: what {@code kubectl apply -k dir} would create. */
    record Rendered(Path dir, List<HasMetadata> resources, List<String> problems) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return resources.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
            return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
        }

        <T extends HasMetadata> T get(Class<T> type, String name) {
            return find(type, name).orElseThrow(() -> new AssertionError(dir + ": no " + type.getSimpleName() + " " + name));
        }

        List<GenericKubernetesResource> custom(String kind) {
            return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
        }

        GenericKubernetesResource custom(String kind, String name) {
            return custom(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(dir + ": no " + kind + " " + name));
        }

        List<Deployment> deployments() {
            return all(Deployment.class);
        }

        List<Service> services() {
            return all(Service.class);
        }

        List<ConfigMap> configMaps() {
            return all(ConfigMap.class);
        }

        List<NetworkPolicy> networkPolicies() {
            return all(NetworkPolicy.class);
        }

        List<HorizontalPodAutoscaler> autoscalers() {
            return all(HorizontalPodAutoscaler.class);
        }

        List<PodDisruptionBudget> disruptionBudgets() {
            return all(PodDisruptionBudget.class);
        }

        /** Deployments and StatefulSets by name, with their pod templates. */
        Map<String, PodTemplateSpec> workloads() {
            Map<String, PodTemplateSpec> workloads = new LinkedHashMap<>();
            all(Deployment.class).forEach(d -> workloads.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
            all(StatefulSet.class).forEach(s -> workloads.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
            return workloads;
        }
    }

    private Manifests() {
    }

    /** Renders the kustomization in {@code dir}; problems collect Kustomize's errors and warnings, unknown fields, unknown kinds. */
    static Rendered render(Path dir) {
        List<String> problems = new ArrayList<>();
        List<HasMetadata> resources = new ArrayList<>();
        Kustomize.Output built = Kustomize.build(dir);
        if (built.exitCode() != 0) {
            problems.add(dir + ": kubectl kustomize failed (exit " + built.exitCode() + "): " + built.errors().strip());
        } else {
            // A warning is most often a field Kustomize has deprecated: fixed now, not when it is removed.
            if (!built.errors().isBlank()) {
                problems.add(dir + ": kubectl kustomize warned: " + built.errors().strip());
            }
            for (Map<String, Object> doc : documents(yaml().loadAll(built.out()))) {
                HasMetadata typed = typed(doc, dir.toString(), problems);
                if (typed != null) {
                    resources.add(typed);
                }
            }
        }
        return new Rendered(dir, resources, problems);
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Iterable<Object> loaded) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : loaded) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    /** Every YAML document in every file under {@code dir}, each parsed and checked on its own. */
    static List<String> checkFiles(Path dir) {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                List<Map<String, Object>> docs;
                try (var in = Files.newBufferedReader(file)) {
                    docs = documents(yaml().loadAll(in));
                } catch (RuntimeException e) {
                    problems.add(file + ": not YAML: " + e.getMessage());
                    continue;
                }
                for (Map<String, Object> doc : docs) {
                    // Kustomize rejects any field it does not know when it renders the kustomization.
                    if (!"Kustomization".equals(doc.get("kind"))) {
                        typed(doc, file.toString(), problems);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** One document as fabric8's typed model, with every field it did not know reported. */
    static HasMetadata typed(Map<String, Object> doc, String where, List<String> problems) {
        String label = where + " " + doc.get("kind") + "/" + (doc.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null);
        HasMetadata resource;
        try {
            Object parsed = SERIALIZATION.unmarshal(JSON.writeValueAsString(doc));
            resource = parsed instanceof KubernetesList list ? list.getItems().get(0) : (HasMetadata) parsed;
        } catch (JsonProcessingException | RuntimeException e) {
            problems.add(label + ": does not parse: " + e.getMessage());
            return null;
        }
        Strict.unknownFields(resource, label, problems);
        String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
        if (name == null || !DNS_SUBDOMAIN.matcher(name).matches() || name.length() > 253) {
            problems.add(label + ": metadata.name " + name + " is not a valid Kubernetes name");
        }
        if (resource instanceof GenericKubernetesResource generic) {
            String apiVersion = String.valueOf(doc.get("apiVersion"));
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            if (!Schemas.CUSTOM_GROUPS.contains(group)) {
                problems.add(label + ": unknown kind " + doc.get("apiVersion") + " " + doc.get("kind"));
            } else {
                Map<String, Object> content = new LinkedHashMap<>(generic.getAdditionalProperties());
                Schemas.check(generic.getKind(), content, label, problems);
            }
        }
        if ("ConfigMap".equals(doc.get("kind")) && doc.get("data") instanceof Map<?, ?> data) {
            data.forEach((key, value) -> {
                if (value != null && !(value instanceof String)) {
                    problems.add(label + ": data." + key + " must be a string (quote it), not " + value.getClass().getSimpleName());
                }
            });
        }
        return resource;
    }
}
