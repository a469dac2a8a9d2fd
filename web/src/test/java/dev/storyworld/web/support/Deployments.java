package dev.storyworld.web.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The real packaged WAR, deployed as ROOT.war so that Payara Micro serves it at the root context. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive service() {
        TestKeys.serverKey();
        // Payara Micro unpacks its runtime under java.io.tmpdir, which arquillian.xml points here.
        new File("target/micro-tmp").mkdirs();
        File war = new File(System.getProperty("storyworld.it.war"));
        return ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war));
    }
}
