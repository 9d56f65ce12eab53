package dev.seckill.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the fields a typed Kubernetes model did not know. fabric8's deserializer never fails on an
 * unknown field: it keeps it in the nearest object's {@code getAdditionalProperties()} (so
 * {@code replicaz: 3} in a Deployment lands in its {@code DeploymentSpec}). This walks the whole object
 * graph and reports every such field with its path; Kubernetes would reject or silently drop it.
 *
 * <p>Custom resources (Strimzi, Prometheus Operator) come back as {@link GenericKubernetesResource},
 * whose content is all "additional"; {@link Schemas} checks those.
 */
final class Strict {

    private Strict() {
    }

    static void unknownFields(HasMetadata resource, String where, List<String> problems) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (resource instanceof GenericKubernetesResource generic) {
            walk(generic.getMetadata(), where + " metadata", problems, seen);
            return;
        }
        walk(resource, where, problems, seen);
    }

    private static void walk(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> walk(entry, path + "." + key, problems, seen));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                walk(element, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.fabric8.kubernetes.api.model") || type.isEnum() || !seen.add(value)) {
            return;
        }
        for (Method getter : type.getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !isGetter(getter.getName())) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue; // a computed getter (e.g. Quantity's numerical amount) that does not apply
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            walk(child, path + "." + property(getter.getName()), problems, seen);
        }
    }

    private static boolean isGetter(String name) {
        return name.startsWith("get") && name.length() > 3 || name.startsWith("is") && name.length() > 2;
    }

    private static String property(String getter) {
        String bare = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }
}
