package dev.storyworld.web.http;

import dev.storyworld.common.Violation;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyPolicyTest {

    record Node(String key, JsonObject meta) {
    }

    record Graph(String title, JsonObject meta, List<Node> nodes, JsonValue sceneId, Double weight, Long assetId,
                 Integer cooldown, Boolean loopable) {
    }

    private static List<Violation> check(String json) throws BodyPolicy.Malformed {
        return BodyPolicy.check(json.getBytes(StandardCharsets.UTF_8), Graph.class);
    }

    private static List<String> fields(String json) throws BodyPolicy.Malformed {
        return check(json).stream().map(Violation::field).toList();
    }

    @Test
    void aBodyOfKnownFieldsAndClientDocumentsPasses() throws Exception {
        assertThat(check("""
                {"title":"T","meta":{"anyKey":{"deep":[1,2.5,-3e10,"é😀"]},"camelCase":null},
                 "nodes":[{"key":"a","meta":{"x":true}}],"scene_id":7,"weight":0.0}""")).isEmpty();
    }

    @Test
    void unknownFieldsAreRefusedOneByOneWhereTheShapeIsFixed() throws Exception {
        assertThat(fields("{\"title\":\"T\",\"expectedVersion\":3,\"colour\":1}"))
                .containsExactly("expectedVersion", "colour");
        assertThat(fields("{\"nodes\":[{\"key\":\"a\"},{\"key\":\"b\",\"lable\":\"x\"}]}"))
                .containsExactly("nodes[1].lable");
        assertThat(fields("{\"meta\":{\"lable\":1},\"scene_id\":{\"any\":1}}")).isEmpty();
    }

    @Test
    void aFieldTwiceIsRefused() throws Exception {
        assertThat(check("{\"title\":\"a\",\"title\":\"b\"}"))
                .containsExactly(new Violation("title", "appears more than once"));
        assertThat(fields("{\"meta\":{\"k\":1,\"k\":2}}")).containsExactly("meta.k");
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedInValuesAndKeys() throws Exception {
        assertThat(fields("{\"title\":\"a\\u0000b\"}")).containsExactly("title");
        assertThat(fields("{\"meta\":{\"k\\u0000\":1}}")).containsExactly("meta.k\u0000");
        assertThat(fields("{\"nodes\":[{\"key\":\"\\ud800\"}]}")).containsExactly("nodes[0].key");
        assertThat(fields("{\"meta\":{\"x\":[\"ok\",\"\\udc00x\"]}}")).containsExactly("meta.x[1]");
        assertThat(fields("{\"title\":\"\\ud83d\\ude00\"}")).isEmpty();
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(BodyPolicy.check(body, Graph.class)).containsExactly(new Violation("body", "must be valid UTF-8"));
    }

    @Test
    void nestingIsBoundedAndADeepBodyStopsTheWalk() throws Exception {
        String deep = "{\"scene_id\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        List<Violation> violations = check(deep);
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).message()).contains("deeper than 32");
    }

    @Test
    void thirtyTwoLevelsPass() throws Exception {
        // The body itself is the first level, meta's object the second.
        String levels = "{\"meta\":" + "{\"a\":".repeat(31) + "1" + "}".repeat(31) + "}";
        assertThat(check(levels)).isEmpty();
        String tooDeep = "{\"meta\":" + "{\"a\":".repeat(32) + "1" + "}".repeat(32) + "}";
        assertThat(check(tooDeep)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999", "-1e400", "1e-400", "123456789012345678901234567890123456789012345678901234567890"
            + "12345678901234567890123456789012345678901"})
    void numbersOutsideTheRangeOfADoubleOrTooLongAreRefused(String number) throws Exception {
        assertThat(fields("{\"weight\":" + number + "}")).containsExactly("weight");
        assertThat(fields("{\"meta\":{\"n\":[" + number + "]}}")).containsExactly("meta.n[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0e-999", "1.7976931348623157e308", "4.9e-324", "31536000"})
    void numbersADoubleHoldsPass(String number) throws Exception {
        assertThat(check("{\"weight\":" + number + "}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[1]", "\"x\"", "42", "{\"title\":", "{} {}", "{}x", "\uFEFF{}",
            "{\"a\":NaN}", "{\"a\":Infinity}", "{'a':1}", "{\"a\":1,}"})
    void anythingButOneJsonObjectIsMalformed(String body) {
        assertThatThrownBy(() -> check(body)).isInstanceOf(BodyPolicy.Malformed.class);
    }

    @Test
    void aBodyWithThousandsOfFaultsGetsABoundedAnswer() throws Exception {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 5000; i++) {
            body.append("\"f").append(i).append("\":1,");
        }
        body.append("\"title\":\"t\"}");
        assertThat(check(body.toString())).hasSize(BodyPolicy.MAX_VIOLATIONS);
    }

    @Test
    void everyFieldTakesItsOwnJsonTypeAndTheFaultIsNamed() throws Exception {
        assertThat(check("{\"title\":7,\"weight\":\"7\",\"asset_id\":1.5,\"cooldown\":3000000000,\"loopable\":\"yes\","
                + "\"meta\":[],\"nodes\":{},\"scene_id\":[1]}")).containsExactly(
                new Violation("title", "must be a string"), new Violation("weight", "must be a number"),
                new Violation("asset_id", "must be an integer"), new Violation("cooldown", "must be an integer of 32 bits"),
                new Violation("loopable", "must be true or false"), new Violation("meta", "must be an object"),
                new Violation("nodes", "must be an array"));
        assertThat(fields("{\"nodes\":[{\"key\":true},5]}")).containsExactly("nodes[0].key", "nodes[1]");
        assertThat(check("{\"title\":null,\"asset_id\":1.0,\"cooldown\":-7,\"weight\":3,\"meta\":null}")).isEmpty();
    }
}
