package dev.storyworld.web;

import dev.storyworld.common.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The error codes of the code are the contract's: the docs' table and the OpenAPI document's enum. */
class ErrorCodeTest {

    private static Map<String, Integer> inCode() {
        return Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::code, ErrorCode::status, (a, b) -> a, TreeMap::new));
    }

    @Test
    void theErrorTableOfTheDocsListsEveryCodeWithItsStatus() throws IOException {
        String docs = Files.readString(Path.of("../docs/api.md"));
        String table = docs.substring(docs.indexOf("## Errors"), docs.indexOf("## Request bodies"));
        Map<String, Integer> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d{3}) \\| ([^|]+) \\|").matcher(table);
        while (row.find()) {
            Matcher code = Pattern.compile("`([a-z_]+)`").matcher(row.group(2));
            while (code.find()) {
                documented.put(code.group(1), Integer.parseInt(row.group(1)));
            }
        }
        assertThat(documented).isEqualTo(inCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiProblemNamesEveryCode() throws IOException {
        Map<String, Object> problem = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                OpenApiContractTest.document().get("components")).get("schemas")).get("Problem");
        List<String> codes = (List<String>) ((Map<String, Object>) ((Map<String, Object>) problem.get("properties"))
                .get("error")).get("enum");
        assertThat(codes).containsExactlyInAnyOrderElementsOf(inCode().keySet());
    }
}
