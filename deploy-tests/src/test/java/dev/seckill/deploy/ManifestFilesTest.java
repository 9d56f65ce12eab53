package dev.seckill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every YAML file under k8s/ on its own (bases, overlays, patches, monitoring), every kustomization rendered, and files broken on purpose. */
class ManifestFilesTest {

    static final Path K8S = ServiceApp.projectRoot().resolve("k8s");
    static final Path BROKEN = ServiceApp.projectRoot().resolve("deploy-tests/src/test/resources/broken");

    @Test
    void everyFileParsesIntoKnownFieldsOnly() {
        assertThat(Manifests.checkFiles(K8S)).isEmpty();
    }

    @Test
    void aMisspelledFieldFailsWhereverItIs() {
        List<String> problems = Manifests.checkFiles(BROKEN.resolve("replicaz"));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("spec: unknown field(s) [replicaz]"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("containers[0]: unknown field(s) [imagePullPolicey]"));
    }

    @Test
    void everyKustomizationRendersWithoutProblems() throws Exception {
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(K8S)) {
            kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent).sorted().toList();
        }

        assertThat(kustomizations).extracting(dir -> K8S.relativize(dir).toString())
                .contains("base", "overlays/dev", "overlays/prod", "monitoring");
        for (Path dir : kustomizations) {
            assertThat(Manifests.render(dir).problems()).as(dir.toString()).isEmpty();
        }
    }

    @Test
    void misspelledFieldsInOverlayPatchesFailBothAsFilesAndRendered() {
        Path overlay = BROKEN.resolve("overlay-typos");

        assertThat(Manifests.checkFiles(overlay))
                .anySatisfy(p -> assertThat(p).contains("HorizontalPodAutoscaler/api-gateway").contains("unknown field(s) [minReplicaz]"))
                .anySatisfy(p -> assertThat(p).contains("KafkaTopic/seckill.orders").contains("unknown field partitons"));
        assertThat(Manifests.render(overlay).problems())
                .anySatisfy(p -> assertThat(p).contains("HorizontalPodAutoscaler/api-gateway").contains("unknown field(s) [minReplicaz]"))
                .anySatisfy(p -> assertThat(p).contains("KafkaTopic/seckill.orders").contains("unknown field partitons"));
    }

    @Test
    void aPatchForAResourceTheBaseLacksFails() {
        assertThat(Manifests.render(BROKEN.resolve("patch-without-target")).problems())
                .anySatisfy(p -> assertThat(p).contains("kubectl kustomize failed")
                        .contains("no resource matches strategic merge patch").contains("not-in-the-base"));
    }

    @Test
    void aMisspelledKustomizationKeyFails() {
        assertThat(Manifests.render(BROKEN.resolve("kustomization-typo")).problems())
                .anySatisfy(p -> assertThat(p).contains("kubectl kustomize failed").containsPattern("unknown field \\\\?\"resource\\\\?\""));
    }

    @Test
    void anUnknownKindAndAnInvalidNameFail() {
        List<String> problems = new ArrayList<>();
        var doc = new java.util.LinkedHashMap<String, Object>();
        doc.put("apiVersion", "apps/v1");
        doc.put("kind", "Deploymnet");
        doc.put("metadata", new java.util.LinkedHashMap<>(java.util.Map.of("name", "Seckill_Orders")));

        Manifests.typed(doc, "inline", problems);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("unknown kind apps/v1 Deploymnet"))
                .anySatisfy(p -> assertThat(p).contains("metadata.name Seckill_Orders is not a valid Kubernetes name"));
    }

    @Test
    void aConfigMapValueThatIsNotAStringFails() {
        List<String> problems = new ArrayList<>();
        var doc = new java.util.LinkedHashMap<String, Object>();
        doc.put("apiVersion", "v1");
        doc.put("kind", "ConfigMap");
        doc.put("metadata", new java.util.LinkedHashMap<>(java.util.Map.of("name", "numbers")));
        doc.put("data", new java.util.LinkedHashMap<>(java.util.Map.of("SECKILL_OUTBOX_PARTITIONS", 12)));

        Manifests.typed(doc, "inline", problems);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("data.SECKILL_OUTBOX_PARTITIONS must be a string"));
    }
}
