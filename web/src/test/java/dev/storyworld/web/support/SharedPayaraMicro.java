package dev.storyworld.web.support;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

import java.util.logging.Logger;

/**
 * The Payara Micro container of arquillian.xml, started once per test JVM (one failsafe execution)
 * instead of once per test class, and still managed by Arquillian.
 *
 * <p>Why this is needed: the Payara Micro adapter (arquillian-payara-micro-managed 3.1) does
 * nothing in {@code start()} and {@code stop()}; it launches the Payara Micro process with the
 * archive in {@code deploy()} and kills it in {@code undeploy()}. Arquillian deploys a class's
 * {@code @Deployment} before the class and undeploys it after it, so every test class paid a
 * server start of 10-15 s. Arquillian's container, however, lives for the whole suite: JUnit 5's
 * ArquillianExtension keeps one Arquillian per test JVM (in the root extension store) and fires
 * "before suite" once and "after suite" when the JVM's tests are done, which sets up the container
 * once and stops it once.
 *
 * <p>So this subclass, registered in place of the adapter's container through
 * META-INF/services, moves the kill from the class to the suite: the first {@code deploy} starts
 * the server as the adapter does (same arquillian.xml options), every later deploy of an archive of
 * the same name (every {@link ServiceIT} deploys {@link Deployments#service()}, ROOT.war, the same
 * packaged WAR) answers the running server's address without starting anything, {@code undeploy}
 * keeps the server for the next class, and {@code stop()} (after the suite) ends it. Test classes
 * still get their base URL through {@code @ArquillianResource} and a fresh user per test, and
 * nothing depends on the order of the classes. An archive of another name is refused: one server
 * holds one application. With {@code randomHttpPort} the port is one the system says is free, not
 * the adapter's draw from 8080-9079, which can meet another server on a shared machine.
 */
public class SharedPayaraMicro extends PayaraMicroDeployableContainer {

    private static final Logger LOG = Logger.getLogger(SharedPayaraMicro.class.getName());

    private PayaraMicroContainerConfiguration configuration;
    private Archive<?> deployed;
    private ProtocolMetaData running;
    private int classesServed;

    @Override
    public void setup(PayaraMicroContainerConfiguration configuration) {
        super.setup(configuration);
        this.configuration = configuration;
    }

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (running == null) {
            if (configuration.isRandomHttpPort()) {
                // The adapter draws a port from 8080-9079 without looking whether another server holds it.
                configuration.setRandomHttpPort(false);
                String options = configuration.getExtraMicroOptions();
                configuration.setExtraMicroOptions((options == null ? "" : options + " ") + "--port " + ExternalProcess.freePort());
            }
            LOG.info("Starting the Payara Micro shared by this JVM's test classes");
            try {
                running = super.deploy(archive);
            } catch (DeploymentException | RuntimeException e) {
                // The adapter leaves the process of a start that timed out or failed running: end it.
                try {
                    super.undeploy(archive);
                } catch (DeploymentException | RuntimeException stopping) {
                    e.addSuppressed(stopping);
                }
                throw e;
            }
            deployed = archive;
        } else if (!deployed.getName().equals(archive.getName())) {
            throw new DeploymentException("The shared Payara Micro runs " + deployed.getName() + "; "
                    + archive.getName() + " needs a server of its own");
        }
        classesServed++;
        return running;
    }

    /** Keeps the server for the next test class; {@link #stop()} ends it after the last. */
    @Override
    public synchronized void undeploy(Archive<?> archive) {
    }

    @Override
    public synchronized void stop() throws LifecycleException {
        if (deployed == null) {
            return;
        }
        LOG.info("Stopping the shared Payara Micro after " + classesServed + " test classes");
        try {
            super.undeploy(deployed);
        } catch (DeploymentException e) {
            throw new LifecycleException("Could not stop the shared Payara Micro", e);
        } finally {
            deployed = null;
            running = null;
        }
    }

    /** Puts {@link SharedPayaraMicro} in the place of the adapter's container. */
    public static final class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class, SharedPayaraMicro.class);
        }
    }
}
