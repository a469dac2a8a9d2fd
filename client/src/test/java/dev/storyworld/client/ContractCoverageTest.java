package dev.storyworld.client;

import dev.storyworld.generated.api.ScenesApi;
import dev.storyworld.generated.api.SessionsApi;
import dev.storyworld.generated.api.WorldsApi;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import static dev.storyworld.client.StubServer.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written client against the committed contract (docs/openapi.yaml): it sends exactly the
 * authenticated operations the document describes, no more and no fewer. The build also has openapi-generator make
 * a client of the same document, which this test compiles against.
 */
class ContractCoverageTest {

    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations() throws IOException {
        try (InputStream yaml = Files.newInputStream(Path.of("../docs/openapi.yaml"))) {
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>)
                    new Yaml().<Map<String, Object>>load(yaml).get("paths");
            Set<String> operations = new TreeSet<>();
            // Public operations (security: [{}], the readiness probe) are for operators, not API clients.
            paths.forEach((path, item) -> item.forEach((method, operation) -> {
                if (!method.equals("parameters") && !((Map<String, Object>) operation).containsKey("security")) {
                    operations.add(method.toUpperCase() + " " + path);
                }
            }));
            return operations;
        }
    }

    /** Every call of the client, each sent once to a stub that refuses it (only the request matters). */
    private static List<Function<StoryworldClient, CompletableFuture<?>>> everyCall() {
        return List.of(
                c -> c.worlds().listAsync(10), c -> c.worlds().createAsync("w", null), c -> c.worlds().getAsync(1),
                c -> c.worlds().putMetaAsync(1, JsonValue.EMPTY_JSON_OBJECT),
                c -> c.worlds().mergeMetaAsync(1, JsonValue.EMPTY_JSON_OBJECT), c -> c.worlds().deleteAsync(1),
                c -> c.worlds().advanceAsync(1, 5), c -> c.worlds().schedulerConfigAsync(1),
                c -> c.worlds().putSchedulerConfigAsync(1, JsonValue.EMPTY_JSON_OBJECT),
                c -> c.worlds().pauseAsync(1), c -> c.worlds().resumeAsync(1), c -> c.worlds().schemaReportAsync(1),
                c -> c.scenes().createAsync(SceneDraft.titled("s").node("a", "A").build()), c -> c.scenes().getAsync(1),
                c -> c.scenes().deleteAsync(1),
                c -> c.sessions().createAsync(1, null, null), c -> c.sessions().getAsync(1),
                c -> c.sessions().listAsync(10, null), c -> c.sessions().eventsAsync(1, 10, null),
                c -> c.sessions().advanceAsync(1, 1), c -> c.sessions().patchAsync(1, SessionChange.worldTime(5), 1L),
                c -> c.sessions().deleteAsync(1),
                c -> c.sessions().watch(1, null, news -> { }).ended(), c -> c.worlds().watch(1, news -> { }).ended());
    }

    @Test
    void theClientSendsExactlyTheDocumentedOperations() throws Exception {
        Set<String> sent = new TreeSet<>();
        try (StubServer stub = new StubServer(problem(404, "not_found"));
             StoryworldClient client = StoryworldClient.builder(stub.uri()).token(() -> "t").build()) {
            for (Function<StoryworldClient, CompletableFuture<?>> call : everyCall()) {
                try {
                    call.apply(client).join();
                } catch (CompletionException refused) {
                    assertThat(refused.getCause()).isInstanceOf(StoryworldException.class);
                }
            }
            // Only the client's requests: on a shared machine a stray probe (a load balancer's health
            // check of a port that was another server's) can reach the stub's port too.
            stub.received().stream().filter(request -> "Bearer t".equals(request.header("Authorization")))
                    .forEach(request -> sent.add(request.method() + " "
                    + request.path().replaceAll("\\?.*", "").replaceAll("/[0-9]+(?=/|$)", "/{id}")));
        }
        assertThat(sent).isEqualTo(documentedOperations());
    }

    @Test
    void aGeneratedClientOfTheDocumentHasEveryOperation() {
        long generated = Set.of(WorldsApi.class, ScenesApi.class, SessionsApi.class).stream()
                .flatMap(api -> java.util.Arrays.stream(api.getDeclaredMethods()))
                .filter(method -> java.lang.reflect.Modifier.isPublic(method.getModifiers()))
                .map(java.lang.reflect.Method::getName)
                .filter(name -> !name.endsWith("WithHttpInfo") && !name.endsWith("Async"))
                .distinct().count();
        assertThat(generated).isGreaterThanOrEqualTo(23);
    }
}
