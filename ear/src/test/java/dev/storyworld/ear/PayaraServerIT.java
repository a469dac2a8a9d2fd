package dev.storyworld.ear;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ExternalProcess;
import dev.storyworld.web.support.ReadinessWatch;
import dev.storyworld.web.support.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EAR as an operator deploys it: a domain of the Payara Server that Maven unpacked, started once,
 * with the database settings as environment variables of the server and the dev token settings as
 * {@code asadmin set-config-property}; {@code asadmin deploy} of the EAR, a smoke run of the API,
 * {@code asadmin undeploy}, {@code asadmin stop-domain}, and {@code start-domain} again with the EAR in
 * it. Readiness and the API are polled side by side through each: readiness must never say UP while
 * the API cannot answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {

    private static final String DOMAIN = "storyworld";
    private static final Path PAYARA = Path.of(System.getProperty("storyworld.it.payara"));
    private static final Path DOMAINS = Path.of("target/domains").toAbsolutePath();
    private static final String READINESS = ReadinessWatch.PROBE;
    /** The domain's HTTP listener, closed while the EAR deploys (README: deploying on Payara Server). */
    private static final String HTTP_LISTENER =
            "configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.enabled";

    private static int adminPort;
    private static Api api;
    private static String readiness;
    private static boolean domainUp;

    @BeforeAll
    static void startDomain() throws Exception {
        int portBase = freePortBase();
        adminPort = portBase + 48;
        api = new Api(new URL("http://127.0.0.1:" + (portBase + 80) + "/"));
        readiness = "http://127.0.0.1:" + (portBase + 80) + "/" + READINESS;
        deleteRecursively(DOMAINS);
        asadmin(Duration.ofMinutes(2), "create-domain", "--nopassword", "--portbase", Integer.toString(portBase),
                "--domaindir", DOMAINS.toString(), DOMAIN);
        asadmin(Duration.ofMinutes(3), "start-domain", "--domaindir", DOMAINS.toString(), DOMAIN);
        domainUp = true;
        TestKeys.serverKey();
        remote("set-config-property", "--source", "domain", "--propertyName", "storyworld.dev-tokens.enabled",
                "--propertyValue", "true");
        remote("set-config-property", "--source", "domain", "--propertyName",
                "storyworld.dev-tokens.private-key-location", "--propertyValue", System.getProperty("storyworld.it.key"));
    }

    @AfterAll
    static void stopDomain() {
        if (domainUp) {
            asadmin(Duration.ofMinutes(2), "stop-domain", "--domaindir", DOMAINS.toString(), "--kill", DOMAIN);
        }
    }

    @Test
    @Order(1)
    void deployingTheEarMakesItReadyOnlyOnceTheApiAnswers() {
        // Closed while the EAR deploys: an open listener answers the API's paths with the server's HTML 404.
        remote("set", HTTP_LISTENER + "=false");
        long started = System.nanoTime();
        try (ReadinessWatch watch = ReadinessWatch.start(api)) {
            remote("deploy", System.getProperty("storyworld.it.ear"));
            remote("set", HTTP_LISTENER + "=true");
            long deployed = System.nanoTime();
            awaitReady("readiness UP after the deploy and the listener's opening");
            ExternalProcess.awaitTrue("the watch sees the service ready", Duration.ofSeconds(5), watch::sawReady);
            System.out.printf("PayaraServerIT deploy took %d ms; %s%n", TimeUnit.NANOSECONDS.toMillis(deployed - started),
                    watch.summary("readiness during the deploy"));
            assertThat(watch.lies()).as("readiness UP while the API failed").isEmpty();
            assertThat(watch.uncleanAnswers()).as("API answers during the deploy other than a problem 404/503").isEmpty();
        }
    }

    @Test
    @Order(2)
    void theApiAnswersOnTheServer() {
        Reply token = api.post("api/v1/dev/tokens", "{\"user_id\":" + Api.newUserId() + "}").send();
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        String bearer = token.json().getString("token");

        Reply world = api.post("api/v1/game/worlds", "{\"name\":\"Harbor Town\"}").bearer(bearer).send();
        assertThat(world.status()).as(world.toString()).isEqualTo(201);
        Reply advanced = api.post("api/v1/game/worlds/" + world.id() + "/advance", "{\"delta_seconds\":90}")
                .bearer(bearer).send();
        assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
        assertThat(advanced.json().getJsonNumber("world_time").doubleValue()).isEqualTo(90.0);

        Reply scene = api.post("api/v1/game/scenes", """
                {"title":"harbor","entry":"dock","nodes":[{"key":"dock"},{"key":"tavern"}],
                 "edges":[{"from":"dock","to":"tavern","choice_label":"go in"}]}""").bearer(bearer).send();
        assertThat(scene.status()).as(scene.toString()).isEqualTo(201);
        long edge = scene.json().getJsonArray("edges").getJsonObject(0).getJsonNumber("id").longValueExact();

        Reply session = api.post("api/v1/game/sessions", "{\"scene_id\":" + scene.id() + ",\"world_id\":" + world.id() + "}")
                .bearer(bearer).send();
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        Reply walked = api.post("api/v1/game/sessions/" + session.id() + "/advance", "{\"edge_id\":" + edge + "}")
                .bearer(bearer).send();
        assertThat(walked.status()).as(walked.toString()).isEqualTo(200);
        assertThat(walked.json().getInt("version")).isEqualTo(2);
        Reply patched = api.call("PATCH", "api/v1/game/sessions/" + session.id())
                .json("{\"flags\":{\"met_keeper\":true},\"expected_version\":2}").bearer(bearer).send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"3\"");

        Reply events = api.get("api/v1/game/sessions/" + session.id() + "/events").bearer(bearer).send();
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        assertThat(events.json().getJsonArray("events").stream()
                .map(event -> event.asJsonObject().getString("action")).toList())
                .containsExactly("session_update", "advance", "session_created");

        Reply refused = api.get("api/v1/game/worlds").bearer("not.a.token").send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(api.counter("storyworld_tokens_refused_total\\{[^}]*\\}")).isPositive();
        assertThat(DOMAINS.resolve(DOMAIN + "/logs/server.log")).as("the server log")
                .content().doesNotContain("Exception trying to parse JWT token");

        Reply openApi = api.get("openapi").send();
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/game/worlds");
        for (String readiness : List.of(READINESS, ReadinessWatch.SERVER_HEALTH)) {
            Reply ready = api.get(readiness).send();
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
            assertThat(ready.body()).as(readiness)
                    .contains("\"name\":\"database\",\"status\":\"UP\"", "\"product\":\"PostgreSQL\"");
        }
    }

    @Test
    @Order(3)
    void undeployingTurnsReadinessDownBeforeTheApiStopsAnswering() {
        try (ReadinessWatch watch = ReadinessWatch.start(api)) {
            awaitReady("readiness UP before the undeploy");
            ExternalProcess.awaitTrue("the watch sees the service ready", Duration.ofSeconds(5), watch::sawReady);
            remote("undeploy", "storyworld");
            ExternalProcess.awaitTrue("readiness DOWN after the undeploy", Duration.ofSeconds(5), watch::sawNotReady);
            System.out.println("PayaraServerIT " + watch.summary("readiness during the undeploy"));
            assertThat(watch.lies()).as("readiness UP while the API failed").isEmpty();
        }
        assertThat(api.get(READINESS).send().status()).as("readiness with nothing deployed").isNotEqualTo(200);
    }

    @Test
    @Order(4)
    void stoppingTheDomainTurnsReadinessDownBeforeTheApiStopsAnswering() {
        remote("deploy", System.getProperty("storyworld.it.ear"));
        try (ReadinessWatch watch = ReadinessWatch.start(api)) {
            ExternalProcess.awaitTrue("the watch sees the service ready", Duration.ofSeconds(30), watch::sawReady);
            asadmin(Duration.ofMinutes(2), "stop-domain", "--domaindir", DOMAINS.toString(), DOMAIN);
            domainUp = false;
            System.out.println("PayaraServerIT " + watch.summary("readiness during stop-domain"));
            assertThat(watch.lies()).as("readiness UP while the API failed").isEmpty();
        }
    }

    @Test
    @Order(5)
    void startingTheDomainWithTheEarDeployedAnswersOnlyOnceItCan() {
        try (ReadinessWatch watch = ReadinessWatch.start(api)) {
            asadmin(Duration.ofMinutes(3), "start-domain", "--domaindir", DOMAINS.toString(), DOMAIN);
            domainUp = true;
            awaitReady("readiness UP after start-domain");
            ExternalProcess.awaitTrue("the watch sees the service ready", Duration.ofSeconds(30), watch::sawReady);
            System.out.println("PayaraServerIT " + watch.summary("readiness during start-domain"));
            List<String> unclean = watch.uncleanAnswers();
            System.out.printf("PayaraServerIT start edges: %d API answers polled, %d neither their 200 nor a problem"
                    + " 404/503, the first and the last: %s%n", watch.apiAnswers(), unclean.size(),
                    unclean.isEmpty() ? "none" : unclean.get(0) + " ... " + unclean.get(unclean.size() - 1));
            assertThat(watch.lies()).as("readiness UP while the API failed").isEmpty();
        }
    }

    /**
     * Waits for the service's readiness probe to answer 200, a refused connection counting as not yet: the
     * listener opens asynchronously after {@code asadmin set ...enabled=true} returns, and a slow machine
     * takes seconds. On a timeout the assertion says what the domain reported meanwhile.
     */
    private static void awaitReady(String what) {
        try {
            ExternalProcess.awaitTrue(what, Duration.ofSeconds(90),
                    () -> ExternalProcess.answers200(readiness));
        } catch (AssertionError notReady) {
            remote("get", HTTP_LISTENER);
            throw new AssertionError(notReady.getMessage() + "; target/asadmin.log ends:\n"
                    + ExternalProcess.tail(new File("target/asadmin.log"), 10) + "\nthe server log ends:\n"
                    + ExternalProcess.tail(DOMAINS.resolve(DOMAIN + "/logs/server.log").toFile(), 30), notReady);
        }
    }

    /** A command of the running domain's admin listener. */
    private static void remote(String... command) {
        List<String> full = new ArrayList<>(List.of("--port", Integer.toString(adminPort)));
        full.addAll(List.of(command));
        asadmin(Duration.ofMinutes(3), full.toArray(String[]::new));
    }

    private static void asadmin(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of(PAYARA.resolve("bin/asadmin").toString()));
        command.addAll(List.of(arguments));
        ExternalProcess.run(command, new File("target/asadmin.log"), timeout);
    }

    /**
     * A port base whose domain ports (admin +48, HTTP +80 and +81, IIOP, JMS, JMX, ...) are all free and
     * below the ephemeral range, like {@link ExternalProcess#freePort}'s: the HTTP listener closes and opens
     * again during the test, and an ephemeral port may be taken meanwhile by an outgoing connection.
     */
    private static int freePortBase() {
        int[] offsets = {9, 37, 38, 39, 48, 66, 76, 80, 81, 86};
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(150, ExternalProcess.EPHEMERAL_LOW / 100 - 1) * 100;
            if (IntStream.of(offsets).allMatch(offset -> ExternalProcess.isFree(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base for a Payara domain");
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
