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

/**
 * Kubernetes manifests as typed fabric8 objects: every YAML file under a directory checked on its own
 * (base files and overlay patches alike), and a kustomization rendered into what it would apply.
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

    /** Renders the kustomization in {@code dir}; problems collect unknown fields, bad patches, unknown kinds. */
    static Rendered render(Path dir) {
        List<String> problems = new ArrayList<>();
        List<HasMetadata> resources = new ArrayList<>();
        for (Kustomize.Doc doc : new Kustomize(problems).render(dir)) {
            HasMetadata typed = typed(doc.content(), doc.file().toString(), problems);
            if (typed != null) {
                resources.add(typed);
            }
        }
        return new Rendered(dir, resources, problems);
    }

    /** Every YAML document in every file under {@code dir}, each parsed and checked on its own. */
    static List<String> checkFiles(Path dir) {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                List<Map<String, Object>> docs;
                try {
                    docs = Kustomize.load(file);
                } catch (RuntimeException e) {
                    problems.add(file + ": not YAML: " + e.getMessage());
                    continue;
                }
                for (Map<String, Object> doc : docs) {
                    if ("Kustomization".equals(doc.get("kind"))) {
                        Map<String, Object> body = new LinkedHashMap<>(doc);
                        body.remove("apiVersion");
                        body.remove("kind");
                        Schemas.check("Kustomization", body, file.toString(), problems);
                    } else {
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
        String label = where + " " + doc.get("kind") + "/" + Kustomize.metadata(doc).get("name");
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
            String group = Kustomize.group(doc);
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
