package dev.seckill.deploy;

import dev.seckill.infra.platform.Platform;
import dev.seckill.infra.platform.ServiceProcess;
import dev.seckill.infra.server.LocalServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * What one service reads from its environment, taken from the service itself rather than written down
 * a second time: its application.yml (every property, the placeholders, the addresses that default to
 * this machine), its {@code @ConfigurationProperties} records (their defaults and required values), and
 * the environment the local launcher ({@link Platform#environmentFor}) gives it.
 */
final class ServiceApp {

    /** The three services: name, the packages their settings live in (web-support's where they use it). */
    static final List<ServiceApp> ALL = List.of(
            new ServiceApp("api-gateway", List.of("dev.seckill.gateway", "dev.seckill.web")),
            new ServiceApp("seckill-service", List.of("dev.seckill.seckill", "dev.seckill.web")),
            new ServiceApp("order-consumer", List.of("dev.seckill.consumer", "dev.seckill.web")));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");
    private static Map<String, Map<String, String>> launcherEnvironment;

    final String name;
    final List<String> packages;
    /** Properties of the default profile, flattened (server.port -> 8081). */
    final Map<String, Object> properties = new LinkedHashMap<>();
    /** Properties of the other profiles' documents, by profile. */
    final Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();
    /** Settings the service binds through its @ConfigurationProperties records. */
    final List<Setting> settings = new ArrayList<>();

    /** One bound setting: its property name, its default (null if none) and whether it must be given. */
    record Setting(String property, String defaultValue, boolean required) {
    }

    private ServiceApp(String name, List<String> packages) {
        this.name = name;
        this.packages = packages;
        readApplicationYaml();
        scanConfigurationProperties();
    }

    static ServiceApp named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("seckill.project.root", "..")).toAbsolutePath().normalize();
    }

    Path applicationYaml() {
        return projectRoot().resolve(name).resolve("src/main/resources/application.yml");
    }

    // ---- application.yml

    @SuppressWarnings("unchecked")
    private void readApplicationYaml() {
        try (InputStream in = Files.newInputStream(applicationYaml())) {
            for (Object doc : Manifests.yaml().loadAll(in)) {
                Map<String, Object> flat = new LinkedHashMap<>();
                flatten("", doc, flat);
                Object profile = flat.remove("spring.config.activate.on-profile");
                if (profile == null) {
                    properties.putAll(flat);
                } else {
                    profiles.computeIfAbsent(String.valueOf(profile), p -> new LinkedHashMap<>()).putAll(flat);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof List<?> list && list.stream().anyMatch(e -> e instanceof Map<?, ?>)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
        } else {
            out.put(prefix, value);
        }
    }

    /** Environment variables named by a placeholder without a default, e.g. {@code ${SOME_TOKEN}}. */
    Set<String> placeholdersWithoutDefault() {
        Set<String> names = new LinkedHashSet<>();
        for (Object value : allProperties().values()) {
            Matcher m = PLACEHOLDER.matcher(String.valueOf(value));
            while (m.find()) {
                if (m.group(2) == null && !m.group(1).contains(".")) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Properties whose value (in application.yml or a record's default) points at this machine. */
    Set<String> loopbackDefaults() {
        Set<String> names = new LinkedHashSet<>();
        properties.forEach((property, value) -> {
            if (isLoopback(value)) {
                names.add(property);
            }
        });
        for (Setting setting : settings) {
            if (isLoopback(setting.defaultValue()) && !properties.containsKey(setting.property())) {
                names.add(setting.property());
            }
        }
        return names;
    }

    private static boolean isLoopback(Object value) {
        String text = String.valueOf(value);
        return text.contains("127.0.0.1") || text.contains("localhost");
    }

    Map<String, Object> allProperties() {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        profiles.values().forEach(all::putAll);
        return all;
    }

    int serverPort() {
        return Integer.parseInt(String.valueOf(properties.getOrDefault("server.port", 8080)));
    }

    Optional<Integer> managementPort() {
        return Optional.ofNullable(properties.get("management.server.port")).map(p -> Integer.parseInt(String.valueOf(p)));
    }

    /** spring.lifecycle.timeout-per-shutdown-phase, Spring Boot's 30 s when unset. */
    Duration shutdownTimeout() {
        Object value = properties.get("spring.lifecycle.timeout-per-shutdown-phase");
        return value == null ? Duration.ofSeconds(30) : DurationStyle.detectAndParse(String.valueOf(value));
    }

    // ---- @ConfigurationProperties

    private void scanConfigurationProperties() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (String pkg : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                bind(prefix, type);
            }
        }
    }

    private void bind(String prefix, Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type + ": only records are modelled; add JavaBean support to ServiceApp");
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        Annotation[][] annotations = canonical.getParameterAnnotations();
        for (int i = 0; i < components.length; i++) {
            String property = prefix + "." + kebab(components[i].getName());
            String defaultValue = null;
            boolean notEmpty = false;
            for (Annotation a : annotations[i]) {
                if (a instanceof DefaultValue d) {
                    defaultValue = String.join(",", d.value());
                }
                String simple = a.annotationType().getSimpleName();
                notEmpty |= simple.equals("NotBlank") || simple.equals("NotNull") || simple.equals("NotEmpty");
            }
            Class<?> componentType = components[i].getType();
            if (componentType.isRecord() && componentType.getName().startsWith("dev.seckill.")) {
                bind(property, componentType);
            } else {
                settings.add(new Setting(property, defaultValue, notEmpty && defaultValue == null));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    Optional<Setting> setting(String property) {
        return settings.stream().filter(s -> s.property().equals(property)).findFirst();
    }

    // ---- the local launcher

    /** The variables bin/seckill's Platform starts this service with (addresses, secrets). */
    Map<String, String> launcherEnvironment() {
        return launcherEnvironments().get(name);
    }

    private static synchronized Map<String, Map<String, String>> launcherEnvironments() {
        if (launcherEnvironment == null) {
            try {
                Path runDir = Files.createTempDirectory("deploy-tests-platform");
                // Nothing is started: the servers only say where they would listen.
                Platform platform = Platform.onFreePorts(new LocalServers(runDir, 16379, 13306, 19092, 19093),
                        projectRoot(), runDir);
                Map<String, Map<String, String>> environments = new LinkedHashMap<>();
                for (ServiceProcess service : platform.services()) {
                    environments.put(service.spec().name(), platform.environmentFor(service));
                }
                launcherEnvironment = environments;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return launcherEnvironment;
    }

    // ---- relaxed binding

    /** The form Spring's relaxed binding compares an environment variable in: SPRING_DATA_REDIS_HOST -> SPRINGDATAREDISHOST. */
    static String canonicalEnv(String variable) {
        return variable.replace("_", "").toUpperCase(Locale.ROOT);
    }

    /** The same form for a property name: spring.kafka.bootstrap-servers -> SPRINGKAFKABOOTSTRAPSERVERS. */
    static String canonicalProperty(String property) {
        return property.replaceAll("[.\\-\\[\\]]", "").toUpperCase(Locale.ROOT);
    }

    /** Whether this service reads the property this variable sets (application.yml or a settings record). */
    boolean reads(String variable) {
        String canonical = canonicalEnv(variable);
        return allProperties().keySet().stream().anyMatch(p -> canonicalProperty(p).equals(canonical))
                || settings.stream().anyMatch(s -> canonicalProperty(s.property()).equals(canonical));
    }

    @Override
    public String toString() {
        return name;
    }
}
