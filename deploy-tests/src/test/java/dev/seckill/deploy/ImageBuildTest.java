package dev.seckill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seckill.deploy.Manifests.Rendered;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Jib configuration (no build here: that needs a registry) agrees with the services and the
 * manifests: the main class is the Spring Boot application, the ports are the ones the pods use, the
 * image's user is the uid the pods run as, and the library modules make no image.
 */
class ImageBuildTest {

    private static Element jib(Path pom) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        var doc = factory.newDocumentBuilder().parse(pom.toFile());
        NodeList artifacts = doc.getElementsByTagName("artifactId");
        for (int i = 0; i < artifacts.getLength(); i++) {
            if (artifacts.item(i).getTextContent().equals("jib-maven-plugin")) {
                return (Element) artifacts.item(i).getParentNode();
            }
        }
        throw new AssertionError(pom + " does not configure jib-maven-plugin");
    }

    private static String text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static List<String> texts(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "seckill-service", "order-consumer"})
    void theImageRunsTheApplicationOnItsPortsAsThePodsUser(String service) throws Exception {
        Path root = ServiceApp.projectRoot();
        Element parent = jib(root.resolve("pom.xml"));
        Element own = jib(root.resolve(service).resolve("pom.xml"));
        Rendered dev = OverlaysTest.render("dev");
        ServiceApp app = ServiceApp.named(service);

        assertThat(text(parent, "skip")).as("libraries make no image").isEqualTo("true");
        assertThat(text(own, "skip")).isEqualTo("false");

        Class<?> main = Class.forName(text(own, "mainClass"));
        assertThat(main.isAnnotationPresent(SpringBootApplication.class)).as(main + " is the Spring Boot application").isTrue();

        String managementPort = dev.get(ConfigMap.class, "seckill-platform").getData().get("MANAGEMENT_SERVER_PORT");
        assertThat(texts(own, "port")).containsExactlyInAnyOrder(String.valueOf(app.serverPort()), managementPort);

        String user = text(parent, "user");
        var pod = dev.get(Deployment.class, service).getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(user).isEqualTo(pod.getRunAsUser() + ":" + pod.getRunAsGroup());

        assertThat(texts(parent, "jvmFlag")).as("heap sized from the container's memory limit")
                .anySatisfy(flag -> assertThat(flag).startsWith("-XX:MaxRAMPercentage="));
        assertThat(texts(parent, "jvmFlag")).noneSatisfy(flag -> assertThat(flag).startsWith("-Xmx"));
    }
}
