package dev.storyworld.web;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document (docs/openapi.yaml, served as is at /openapi) against the code:
 * every resource method has its operation and no operation lacks a method, every operation names
 * the errors it can answer with the one problem schema, and every array says what it holds.
 */
class OpenApiContractTest {

    private static final List<Class<? extends Annotation>> METHODS = List.of(GET.class, POST.class, PUT.class,
            PATCH.class, DELETE.class);

    @SuppressWarnings("unchecked")
    static Map<String, Object> document() throws IOException {
        try (InputStream yaml = OpenApiContractTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            return new Yaml().load(yaml);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> operations(Map<String, Object> document) {
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
            if (!method.equals("parameters")) {
                operations.put(method.toUpperCase() + " " + path, (Map<String, Object>) op);
            }
        }));
        return operations;
    }

    /** Every JAX-RS resource method of the API, as "METHOD /api/v1/path". The dev token endpoint is development only. */
    private static Set<String> resourceMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> found = new TreeSet<>();
        java.nio.file.Path classes = Paths.get(StoryworldApplication.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            names = files.map(f -> classes.relativize(f).toString()).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - 6).replace('/', '.')).toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, OpenApiContractTest.class.getClassLoader());
            Path root = type.getAnnotation(Path.class);
            if (root == null || type.getSimpleName().equals("DevTokensResource")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                for (Class<? extends Annotation> verb : METHODS) {
                    if (method.isAnnotationPresent(verb)) {
                        Path sub = method.getAnnotation(Path.class);
                        found.add(verb.getSimpleName() + " /api/v1/" + root.value() + (sub == null ? "" : "/" + sub.value()));
                    }
                }
            }
        }
        return found;
    }

    @Test
    void everyResourceMethodHasItsOperationAndNoOther() throws Exception {
        Set<String> resourceMethods = resourceMethods();
        assertThat(resourceMethods).hasSizeGreaterThan(15);
        assertThat(operations(document()).keySet()).isEqualTo(resourceMethods);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsNamedOnceAndDocumentsItsErrors() throws Exception {
        Set<String> ids = new HashSet<>();
        List<String> missing = new ArrayList<>();
        operations(document()).forEach((operation, op) -> {
            assertThat(ids.add((String) op.get("operationId"))).as("operationId of " + operation + " is unique").isTrue();
            assertThat(op.get("tags")).as(operation).isNotNull();
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            // A public operation (security: []) is neither authenticated nor rate limited.
            List<String> expected = new ArrayList<>(op.containsKey("security") ? List.of("400", "503")
                    : List.of("400", "401", "429", "503"));
            if (operation.contains("{id}")) {
                expected.add("404");
            }
            if (op.containsKey("requestBody")) {
                expected.addAll(List.of("413", "415"));
            }
            expected.stream().filter(status -> !responses.containsKey(status))
                    .forEach(status -> missing.add(operation + " " + status));
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(((Map<String, Object>) response).get("$ref")).as(operation + " " + status)
                            .asString().startsWith("#/components/responses/");
                }
            });
        });
        assertThat(missing).as("errors an operation can answer but does not document").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyErrorResponseIsAProblemAndEveryArrayHasItems() throws Exception {
        Map<String, Object> components = (Map<String, Object>) document().get("components");
        ((Map<String, Map<String, Object>>) components.get("responses")).forEach((name, response) -> {
            Map<String, Object> content = (Map<String, Object>) response.get("content");
            if (content != null && content.containsKey("application/problem+json")) {
                assertThat(content.toString()).as(name).contains("#/components/schemas/Problem");
            }
        });
        List<String> arraysWithoutItems = new ArrayList<>();
        walk(components, "components", arraysWithoutItems);
        assertThat(arraysWithoutItems).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object node, String path, List<String> arraysWithoutItems) {
        if (node instanceof Map<?, ?> map) {
            if ("array".equals(map.get("type")) && !map.containsKey("items")) {
                arraysWithoutItems.add(path);
            }
            ((Map<String, Object>) map).forEach((key, value) -> walk(value, path + "." + key, arraysWithoutItems));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, path, arraysWithoutItems));
        }
    }
}
