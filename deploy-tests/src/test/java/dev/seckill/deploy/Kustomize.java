package dev.seckill.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The part of Kustomize this project uses, so an overlay can be checked as {@code kubectl apply -k}
 * would send it: {@code resources} (files and directories), {@code namespace}, {@code patches} by
 * path (strategic merge: maps merge, a {@code null} deletes, lists of named things merge by name or
 * port, other lists are replaced, lists of custom resources are replaced), {@code images} and
 * {@code configMapGenerator} from files. Anything else in a kustomization.yaml is an error here, so a
 * feature this does not model is never silently skipped.
 */
final class Kustomize {

    /** Kinds that have no namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PriorityClass", "StorageClass");

    /** Built-in groups, whose lists merge by key; custom resources are merged as JSON merge patches. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "autoscaling", "policy",
            "networking.k8s.io", "batch");

    /** Where a source document came from, for messages. */
    record Doc(Path file, Map<String, Object> content) {
    }

    private final List<String> problems;

    Kustomize(List<String> problems) {
        this.problems = problems;
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load(Path file) {
        try (var in = Files.newInputStream(file)) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object doc : yaml().loadAll(in)) {
                if (doc != null) {
                    docs.add((Map<String, Object>) doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resources the kustomization in {@code dir} produces, in order. */
    @SuppressWarnings("unchecked")
    List<Doc> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(dir + ": no kustomization.yaml");
            return List.of();
        }
        Map<String, Object> k = load(file).get(0);
        Map<String, Object> body = new LinkedHashMap<>(k);
        if (!"kustomize.config.k8s.io/v1beta1".equals(body.remove("apiVersion")) || !"Kustomization".equals(body.remove("kind"))) {
            problems.add(file + ": not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        Schemas.check("Kustomization", body, file.toString(), problems);

        List<Doc> out = new ArrayList<>();
        for (Object entry : (List<Object>) k.getOrDefault("resources", List.of())) {
            Path path = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(path)) {
                out.addAll(render(path));
            } else if (Files.isRegularFile(path)) {
                load(path).forEach(doc -> out.add(new Doc(path, doc)));
            } else {
                problems.add(file + ": resource " + entry + " does not exist");
            }
        }
        for (Object generator : (List<Object>) k.getOrDefault("configMapGenerator", List.of())) {
            out.add(new Doc(file, configMap(dir, (Map<String, Object>) generator, file)));
        }
        checkUnique(out);
        for (Object patch : (List<Object>) k.getOrDefault("patches", List.of())) {
            Path path = dir.resolve(String.valueOf(((Map<String, Object>) patch).get("path"))).normalize();
            if (!Files.isRegularFile(path)) {
                problems.add(file + ": patch " + path + " does not exist");
                continue;
            }
            for (Map<String, Object> doc : load(path)) {
                applyPatch(out, doc, path);
            }
        }
        for (Object image : (List<Object>) k.getOrDefault("images", List.of())) {
            setImage(out, (Map<String, Object>) image);
        }
        Object namespace = k.get("namespace");
        if (namespace != null) {
            for (Doc doc : out) {
                if (!CLUSTER_SCOPED.contains(doc.content().get("kind"))) {
                    metadata(doc.content()).put("namespace", namespace);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> configMap(Path dir, Map<String, Object> generator, Path file) {
        Map<String, Object> options = (Map<String, Object>) generator.getOrDefault("options", Map.of());
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            problems.add(file + ": configMapGenerator " + generator.get("name")
                    + " needs options.disableNameSuffixHash: true (the hashed name is not modelled here)");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object entry : (List<Object>) generator.getOrDefault("files", List.of())) {
            String spec = String.valueOf(entry);
            String key = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : Path.of(spec).getFileName().toString();
            Path source = dir.resolve(spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec).normalize();
            try {
                data.put(key, Files.readString(source));
            } catch (IOException e) {
                problems.add(file + ": configMapGenerator file " + source + " cannot be read");
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", generator.get("name"));
        if (options.get("labels") != null) {
            metadata.put("labels", new LinkedHashMap<>((Map<String, Object>) options.get("labels")));
        }
        if (options.get("annotations") != null) {
            metadata.put("annotations", new LinkedHashMap<>((Map<String, Object>) options.get("annotations")));
        }
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", metadata);
        configMap.put("data", data);
        return configMap;
    }

    private void checkUnique(List<Doc> docs) {
        Set<String> ids = new java.util.HashSet<>();
        for (Doc doc : docs) {
            if (!ids.add(id(doc.content()))) {
                problems.add(doc.file() + ": " + id(doc.content()) + " is defined twice");
            }
        }
    }

    private void applyPatch(List<Doc> docs, Map<String, Object> patch, Path file) {
        List<Doc> targets = docs.stream().filter(doc -> id(doc.content()).equals(id(patch))).toList();
        if (targets.size() != 1) {
            problems.add(file + ": patch for " + id(patch) + " matches " + targets.size() + " resources, not 1");
            return;
        }
        merge(targets.get(0).content(), patch, BUILT_IN_GROUPS.contains(group(patch)), file + " " + id(patch), "");
    }

    @SuppressWarnings("unchecked")
    private void merge(Map<String, Object> target, Map<String, Object> patch, boolean strategic, String where, String path) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                problems.add(where + ": directive " + key + " at " + path + " is not supported here");
                continue;
            }
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> && current instanceof Map<?, ?>) {
                merge((Map<String, Object>) current, (Map<String, Object>) value, strategic, where, path + "." + key);
            } else if (strategic && value instanceof List<?> list && current instanceof List<?> existing) {
                target.put(key, mergeList(key, (List<Object>) existing, (List<Object>) list, where, path + "." + key));
            } else {
                target.put(key, deepCopy(value));
            }
        }
    }

    /** Strategic merge of a list: by its merge key where Kubernetes defines one, else replaced. */
    @SuppressWarnings("unchecked")
    private List<Object> mergeList(String key, List<Object> existing, List<Object> patch, String where, String path) {
        String mergeKey = switch (key) {
            case "containers", "initContainers", "env", "volumes", "imagePullSecrets" -> "name";
            case "volumeMounts" -> "mountPath";
            case "ports" -> patch.stream().allMatch(p -> p instanceof Map<?, ?> m && m.containsKey("containerPort"))
                    ? "containerPort" : "port";
            default -> null;
        };
        if (mergeKey == null) {
            return (List<Object>) deepCopy(patch);
        }
        List<Object> merged = new ArrayList<>(existing);
        for (Object element : patch) {
            Map<String, Object> item = (Map<String, Object>) element;
            Object keyValue = item.get(mergeKey);
            Map<String, Object> match = existing.stream()
                    .map(e -> (Map<String, Object>) e)
                    .filter(e -> Objects.equals(e.get(mergeKey), keyValue))
                    .findFirst().orElse(null);
            if (match == null) {
                merged.add(deepCopy(item));
            } else {
                merge(match, item, true, where, path + "[" + mergeKey + "=" + keyValue + "]");
            }
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private void setImage(List<Doc> docs, Map<String, Object> image) {
        String name = String.valueOf(image.get("name"));
        boolean used = false;
        for (Doc doc : docs) {
            Object spec = doc.content().get("spec");
            if (!(spec instanceof Map<?, ?> specMap) || !(specMap.get("template") instanceof Map<?, ?> template)
                    || !(template.get("spec") instanceof Map<?, ?> podSpec)) {
                continue;
            }
            for (String list : List.of("containers", "initContainers")) {
                for (Object c : (List<Object>) ((Map<String, Object>) podSpec).getOrDefault(list, List.of())) {
                    Map<String, Object> container = (Map<String, Object>) c;
                    String ref = String.valueOf(container.get("image"));
                    String bare = ref.replaceFirst("@.*$", "").replaceFirst(":[^:/]+$", "");
                    if (!bare.equals(name)) {
                        continue;
                    }
                    used = true;
                    String newName = image.get("newName") != null ? String.valueOf(image.get("newName")) : bare;
                    String tag = image.get("newTag") != null ? ":" + image.get("newTag")
                            : ref.substring(bare.length());
                    container.put("image", newName + tag);
                }
            }
        }
        if (!used) {
            problems.add("images: " + name + " is used by no container");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> doc) {
        return (Map<String, Object>) doc.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    static String group(Map<String, Object> doc) {
        String apiVersion = String.valueOf(doc.get("apiVersion"));
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    static String id(Map<String, Object> doc) {
        return group(doc) + "/" + doc.get("kind") + "/" + metadata(doc).get("name");
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }
}
