package dev.storyworld.web;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests (deploy/kubernetes) against the service's contract, offline: every file of
 * the kustomization parses and is there; the Deployment probes readiness on {@code /api/v1/ready} and
 * liveness on {@code /health/live}, sleeps in preStop, and gives a stop more time than the preStop
 * sleep plus the drain it configures; the disruption budget and the autoscaler aim at that Deployment
 * and leave room for a drain.
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("..", "deploy", "kubernetes");
    /** What Payara Micro needs beyond the drain to stop after SIGTERM (the grace sleep is the drain's). */
    private static final int SERVER_STOP_SECONDS = 10;

    @Test
    void theDeploymentProbesTheContractsEndpointsAndOutlastsItsDrain() throws IOException {
        Map<String, Object> deployment = resource("Deployment");
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = list(pod, "containers").get(0);
        Object port = list(container, "ports").get(0).get("name");

        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/api/v1/ready").containsEntry("port", port);
        assertThat(map(map(container, "startupProbe"), "httpGet")).containsEntry("path", "/api/v1/ready");
        assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/health/live").containsEntry("port", port);
        assertThat(String.join(" ", strings(container, "command"))).contains("--port " + containerPort(container));

        List<String> preStop = strings(map(map(map(container, "lifecycle"), "preStop"), "exec"), "command");
        assertThat(preStop.get(0)).isEqualTo("sleep");
        int preStopSeconds = Integer.parseInt(preStop.get(1));
        assertThat(preStopSeconds).as("preStop sleep, s").isGreaterThanOrEqualTo(3);
        int drain = drainSeconds();
        assertThat((Integer) pod.get("terminationGracePeriodSeconds")).as("terminationGracePeriodSeconds")
                .isGreaterThanOrEqualTo(preStopSeconds + drain + SERVER_STOP_SECONDS);

        Map<String, Object> rolling = map(map(map(deployment, "spec"), "strategy"), "rollingUpdate");
        assertThat(rolling).containsEntry("maxUnavailable", 0);
    }

    @Test
    void theBudgetAndTheAutoscalerAimAtTheDeploymentAndLeaveRoomForADrain() throws IOException {
        Map<String, Object> deployment = resource("Deployment");
        Map<String, Object> labels = map(map(map(map(deployment, "spec"), "template"), "metadata"), "labels");
        assertThat(map(map(deployment, "spec"), "selector")).containsEntry("matchLabels", labels);

        Map<String, Object> budget = resource("PodDisruptionBudget");
        assertThat(map(map(budget, "spec"), "selector")).containsEntry("matchLabels", labels);
        assertThat(map(budget, "spec")).containsEntry("maxUnavailable", 1);

        Map<String, Object> autoscaler = map(resource("HorizontalPodAutoscaler"), "spec");
        assertThat(map(autoscaler, "scaleTargetRef")).containsEntry("kind", "Deployment")
                .containsEntry("name", map(deployment, "metadata").get("name"));
        assertThat((Integer) autoscaler.get("minReplicas")).as("a disruption leaves at least two").isGreaterThanOrEqualTo(3);
        assertThat((Integer) autoscaler.get("maxReplicas")).isGreaterThanOrEqualTo((Integer) autoscaler.get("minReplicas"));

        Map<String, Object> service = map(resource("Service"), "spec");
        assertThat(service).containsEntry("selector", labels);
    }

    /** The drain the Deployment configures (its ConfigMap), else the service's default. */
    private static int drainSeconds() throws IOException {
        Object configured = map(resource("ConfigMap"), "data").get("STORYWORLD_SHUTDOWN_DRAIN_SECONDS");
        if (configured != null) {
            return Integer.parseInt(configured.toString());
        }
        Properties defaults = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        }
        return Integer.parseInt(defaults.getProperty("storyworld.shutdown.drain-seconds"));
    }

    private static int containerPort(Map<String, Object> container) {
        return (Integer) list(container, "ports").get(0).get("containerPort");
    }

    /** The one resource of that kind among the kustomization's files, each of which must exist and parse. */
    private static Map<String, Object> resource(String kind) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> document : documents()) {
            if (kind.equals(document.get("kind"))) {
                found.add(document);
            }
        }
        assertThat(found).as(kind + " resources").hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> documents() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(DIR.resolve("kustomization.yaml")));
        assertThat(kustomization).containsEntry("kind", "Kustomization");
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object file : (List<?>) kustomization.get("resources")) {
            Path path = DIR.resolve(file.toString());
            assertThat(path).as("a resource of the kustomization").exists();
            for (Object document : new Yaml().loadAll(Files.readString(path))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> resource = (Map<String, Object>) document;
                assertThat(resource).as(path.toString()).containsKeys("apiVersion", "kind", "metadata");
                documents.add(resource);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return (List<Map<String, Object>>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return (List<String>) parent.get(key);
    }
}
