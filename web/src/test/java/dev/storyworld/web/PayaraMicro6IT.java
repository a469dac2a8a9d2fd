package dev.storyworld.web;

import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServedOpenApi;
import dev.storyworld.web.support.ServiceIT;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;

import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same WAR on the Payara 6 line: Payara Micro 6.2025.10 on Java 17 (failsafe execution
 * {@code micro6}, which points arquillian.xml's {@code microJar} at it and runs this JVM on Java 17),
 * while every other test runs it on Payara Micro 7 and Java 25. A smoke of what an operator of that
 * line relies on: a dev token, a world, an advance, readiness, the OpenAPI document, the counters.
 */
class PayaraMicro6IT extends ServiceIT {

    @Test
    void runsOnTheLinePayara6AndJava17() {
        assertThat(Runtime.version().feature()).as("this JVM, and so the server's").isEqualTo(17);
        Reply live = api.get("health/live").send();
        assertThat(live.status()).isEqualTo(200);
    }

    @Test
    void aDevTokenCreatesAWorldAndAdvancesIt() {
        Reply minted = api.post("api/v1/dev/tokens", object("user_id", user)).send();
        assertThat(minted.status()).as(minted.toString()).isEqualTo(200);
        String token = minted.json().getString("token");

        Reply created = api.post(WORLDS, object("name", "Legacy line")).bearer(token).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Reply advanced = api.post(WORLDS + "/" + created.id() + "/advance", object("delta_seconds", 90))
                .bearer(token).send();
        assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
        assertThat(advanced.json().getJsonNumber("world_time").doubleValue()).isEqualTo(90.0);
        assertThat(api.get(WORLDS + "/" + created.id()).bearer(token).send().json()
                .getJsonNumber("world_time").doubleValue()).isEqualTo(90.0);
        assertProblem(api.get(WORLDS).send(), 401, "unauthorized");
    }

    @Test
    void readinessAnswersWithItsChecks() {
        Reply ready = api.get("api/v1/ready").send();
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.body()).contains("database");
    }

    @Test
    void theServedOpenApiDocumentIsTheCommittedOneAsPayara6ServesIt() throws Exception {
        Reply served = api.get("openapi").send();
        assertThat(served.status()).isEqualTo(200);
        Object document = new Yaml().load(served.body());
        assertThat(document).as("/openapi against docs/openapi.yaml")
                .isEqualTo(ServedOpenApi.asPayara6Serves(OpenApiContractTest.document()));
    }

    @Test
    void metricsServeTheStoryworldCounters() {
        String metrics = api.get("metrics").send().body();
        for (String counter : List.of("storyworld_tokens_refused_total", "storyworld_version_conflicts_total",
                "storyworld_world_advance_batches_total", "storyworld_rate_limited_total")) {
            assertThat(metrics).as(counter).containsPattern("(?m)^" + counter + "\\{[^}]*\\} [0-9.]+$");
        }
    }
}
