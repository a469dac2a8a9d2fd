package dev.storyworld.web.support;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A black-box test class against the packaged WAR on its own Payara Micro (one start per class),
 * with a fresh user for every test so that tests never see each other's data.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ServiceIT {

    @Deployment(testable = false)
    public static WebArchive service() {
        return Deployments.service();
    }

    @ArquillianResource
    protected URL base;

    protected Api api;
    protected long user;

    @BeforeEach
    void newUser() {
        api = new Api(base);
        user = Api.newUserId();
    }

    protected static void assertProblem(Api.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().getInt("status")).isEqualTo(status);
        assertThat(reply.json().getString("title")).isNotBlank();
        assertThat(reply.json().getString("detail")).isNotBlank();
        assertThat(reply.error()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
