package dev.storyworld.web.platform;

import dev.storyworld.web.StoryworldApplication;
import dev.storyworld.web.security.DevTokensResource;
import dev.storyworld.web.security.TokenKeys;
import jakarta.ws.rs.ApplicationPath;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The {@code mp.openapi.filter} of the document at {@code /openapi}: property names as the wire
 * carries them ({@link SnakeCaseSchemas}), and, with dev tokens off, no trace of their endpoint,
 * which then does not exist.
 */
public class ApiDocument implements OASFilter {

    private final SnakeCaseSchemas snakeCase = new SnakeCaseSchemas();

    @Override
    public Schema filterSchema(Schema schema) {
        return snakeCase.filterSchema(schema);
    }

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (TokenKeys.current().devTokensEnabled()) {
            return;
        }
        String api = StoryworldApplication.class.getAnnotation(ApplicationPath.class).value();
        document.getPaths().removePathItem(api + "/" + DevTokensResource.PATH);
        document.getComponents().removeSchema(DevTokensResource.DevTokenRequest.class.getSimpleName());
        document.getComponents().removeSchema(DevTokensResource.DevToken.class.getSimpleName());
    }
}
