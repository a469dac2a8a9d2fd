package dev.storyworld.web;

import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.StreamProxy;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real browser: Debian's Chromium driven through chromedriver, against the
 * packaged service. Every step asserts on the page and on the data behind it, and leaves a
 * screenshot in target/console-screenshots. The browser paths can be moved with
 * -Dstoryworld.it.chromium and -Dstoryworld.it.chromedriver.
 */
class ConsoleIT extends ServiceIT {

    private static final Path SHOTS = Path.of("target/console-screenshots");
    private static final File CHROMIUM = new File(System.getProperty("storyworld.it.chromium", "/usr/bin/chromium"));
    private static final String VERSION_CONFLICTS = "storyworld_version_conflicts_total(?:\\{[^}]*\\})?";
    private static final File CHROMEDRIVER = new File(System.getProperty("storyworld.it.chromedriver", "/usr/bin/chromedriver"));

    /** The browser reaches the service through it, so that a test can hold or cut the page's live streams. */
    private StreamProxy proxy;
    private ChromeDriverService service;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private Path profile;
    private String testName;

    @BeforeEach
    void browser(TestInfo test) throws IOException {
        assertThat(CHROMIUM).as("Chromium, from `apt-get install chromium chromium-driver` (.ci/run installs it)").canRead();
        assertThat(CHROMEDRIVER).as("chromedriver, from `apt-get install chromium chromium-driver` (.ci/run installs it)").canRead();
        testName = test.getTestMethod().orElseThrow().getName();
        proxy = new StreamProxy(base);
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory("console-chromium");
        // The driver's path is given, so Selenium Manager has nothing to look up or download.
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Without the background-networking flags Chromium keeps calling Google, which this closed network refuses.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1100");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() throws IOException {
        try {
            shot("last-" + testName);
            List<String> lines = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
            Files.write(SHOTS.resolve(testName + "-browser.log"), lines);
        } finally {
            driver.quit();
            service.stop();
            proxy.close();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void playsWorldsScenesAndSessionsAndMergesAnotherClientsChange() {
        signIn();
        long world = createAndAdvanceWorld();
        metaViolationsAtTheirPaths();
        long scene = createSceneAndSeeItsGraph();
        long session = startSessionAndWalkTwoChoices(scene, world);
        moveSliderAndSeeTheTier(session);
        mergeAnotherClientsChange(session);
        readableOnAPhone();
    }

    @Test
    void listsWorldsAndSessionsInPages() {
        for (int i = 1; i <= 12; i++) {
            assertThat(api.post(WORLDS, object("name", "World " + i)).as(user).send().status()).isEqualTo(201);
        }
        long scene = api.post(SCENES, object("title", "One room", "entry", "a", "nodes", array(object("key", "a")),
                "edges", array())).as(user).send().id();
        long session = api.post(SESSIONS, object("scene_id", scene)).as(user).send().id();
        signIn();
        waitText("#world-total", "12");
        assertThat(rows("#world-list tbody tr")).hasSize(10);
        driver.findElement(By.id("world-next")).click();
        wait.until(d -> rows("#world-list tbody tr").size() == 2);
        assertThat(rows("#world-list tbody tr").get(1).getText()).contains("World 12");
        assertThat(driver.findElement(By.id("world-next")).isEnabled()).isFalse();
        driver.findElement(By.id("world-prev")).click();
        wait.until(d -> rows("#world-list tbody tr").size() == 10);
        assertThat(text("#world-total")).isEqualTo("12");

        driver.findElement(By.cssSelector("nav a[href='#/sessions']")).click();
        assertThat(visible("#session-list tr[data-session-id='" + session + "']").getText()).contains("#" + scene);
        assertThat(rows("#session-list tbody tr")).hasSize(1);
        assertThat(rows("#start-world option")).hasSize(13);
        shot("09-sessions-list");
    }

    @Test
    void fiftyKeyPressesOnASliderMakeAFewPatchesAndEndAtTheRightValue() {
        long world = api.post(WORLDS, object("name", "Clock")).as(user).send().id();
        assertThat(api.post(WORLDS + "/" + world + "/advance", object("delta_seconds", 90060)).as(user).send().status())
                .isEqualTo(200);
        long scene = api.post(SCENES, object("title", "Room", "entry", "a", "nodes", array(object("key", "a")),
                "edges", array())).as(user).send().id();
        long session = api.post(SESSIONS, object("scene_id", scene, "world_id", world)).as(user).send().id();
        assertThat(api.patch(SESSIONS + "/" + session, object("relationships",
                object("npc:12", object("affinity", 0, "trust", 0, "chemistry", 0, "tension", 0)))).as(user).send().status())
                .isEqualTo(200);
        signIn();
        driver.get(driver.getCurrentUrl().replaceAll("#.*$", "") + "#/sessions/" + session);
        waitText("#session-version", "2");
        // Both times are on the page, each said for what it is.
        assertThat(visible("#session-world-time").getText()).isEqualTo("0 s");
        assertThat(visible("#linked-world-time").getText()).contains("90060 s", "world_time of world #" + world);

        WebElement trust = visible(npc("npc:12") + " input[data-axis='trust']");
        // 50 presses in one go, as a held arrow key repeats them: one WebDriver command, so that a busy
        // machine's round trips to the driver do not stretch the typing over many seconds.
        long start = System.nanoTime();
        trust.sendKeys(Keys.ARROW_RIGHT.toString().repeat(50));
        long typedMillis = (System.nanoTime() - start) / 1_000_000;
        waitText("#sync-state", "saved");
        wait.until(d -> api.get(SESSIONS + "/" + session).as(user).send().json().getJsonObject("relationships")
                .getJsonObject("npc:12").getJsonNumber("trust").intValue() == 50);

        JsonObject stored = api.get(SESSIONS + "/" + session).as(user).send().json();
        int patches = stored.getInt("version") - 2;
        System.out.printf("ConsoleIT: 50 key presses on a slider in %d ms made %d PATCHes%n", typedMillis, patches);
        assertThat(patches).as("PATCHes for 50 key presses (one per pause, at least one a second)").isBetween(1, 4);
        assertThat(trust.getDomProperty("value")).isEqualTo("50");
        waitText("#session-version", Integer.toString(stored.getInt("version")));
        shot("10-slider-coalesced");
    }

    @Test
    void aBlankWorldNameShowsItsViolationAtTheField() {
        signIn();
        WebElement name = visible("#world-name");
        name.sendKeys("   ", Keys.ENTER);

        WebElement violation = visible("#world-create .violation");
        assertThat(violation.getText()).contains("name").contains("must not be blank");
        assertThat(name.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(name.getDomAttribute("aria-describedby")).isEqualTo(violation.getDomAttribute("id"));
        assertThat(js("return document.querySelector('#world-name').nextElementSibling.id"))
                .as("the message is right under the field").isEqualTo(violation.getDomAttribute("id"));
        assertThat(api.get(WORLDS).as(user).send().json().getInt("total")).isZero();
        shot("11-blank-world-name");

        name.clear();
        name.sendKeys("Harbor Town", Keys.ENTER);
        idInHash("worlds");
        assertThat(api.get("favicon.ico").send().status()).as("the favicon").isEqualTo(200);
        assertThat(js("return document.querySelector('link[rel=icon]').href")).asString().endsWith("/console/favicon.svg");
    }

    @Test
    void aTwelveNodeSessionGraphIsReachableByPanAndFitsWhole() {
        List<JsonObject> nodes = new ArrayList<>();
        List<JsonObject> edges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            nodes.add(object("key", "n" + i, "label", "Node " + i));
            if (i > 0) {
                edges.add(object("from", "n" + (i - 1), "to", "n" + i, "choice_label", "on to " + i));
            }
        }
        long scene = api.post(SCENES, object("title", "Long road", "entry", "n0",
                "nodes", array(nodes.toArray()), "edges", array(edges.toArray()))).as(user).send().id();
        long session = api.post(SESSIONS, object("scene_id", scene)).as(user).send().id();
        signIn();
        driver.get(driver.getCurrentUrl().replaceAll("#.*$", "") + "#/sessions/" + session);
        visible("#session-graph svg.graph");
        assertThat(rows("#session-graph g.node")).hasSize(12);

        // At full size every node can be brought into the box by panning: none lies outside what scrolls.
        for (WebElement node : rows("#session-graph g.node rect")) {
            js("arguments[0].scrollIntoView({block: 'nearest', inline: 'nearest'})", node);
            assertThat(insideTheBox(node)).as("node %s reachable by pan", node.findElement(By.xpath("..")).getDomAttribute("data-node-key"))
                    .isTrue();
        }
        // Dragging pans.
        WebElement box = visible("#session-graph");
        js("arguments[0].scrollLeft = 0", box);
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(box).clickAndHold().moveByOffset(-300, 0)
                .release().perform();
        assertThat(((Number) js("return arguments[0].scrollLeft", box)).intValue()).as("scrolled by the drag")
                .isGreaterThan(200);
        shot("12-graph-panned");

        // Fit shows the whole graph at once.
        visible("#session-graph-card button.zoom-fit").click();
        for (WebElement node : rows("#session-graph g.node rect")) {
            assertThat(insideTheBox(node)).as("node fully visible after Fit").isTrue();
        }
        shot("13-graph-fitted");
    }

    @Test
    void aChangeMadeThroughTheApiShowsInTheOpenSessionViewAndAgainAfterItsStreamWasCut() throws Exception {
        long world = api.post(WORLDS, object("name", "Linked")).as(user).send().id();
        long scene = api.post(SCENES, object("title", "Room", "entry", "a", "nodes", array(object("key", "a")),
                "edges", array())).as(user).send().id();
        long session = api.post(SESSIONS, object("scene_id", scene, "world_id", world)).as(user).send().id();
        signIn();
        driver.get(driver.getCurrentUrl().replaceAll("#.*$", "") + "#/sessions/" + session);
        waitText("#session-version", "1");
        waitText("#live-state", "live");
        js("""
                window.notReloaded = true;
                const out = document.querySelector('#live-state');
                window.liveStates = [];
                new MutationObserver(() => window.liveStates.push(out.textContent))
                    .observe(out, {childList: true, characterData: true, subtree: true});""");

        long firstMillis = changeElsewhere(session, "first", 2);
        assertThat(visible("#flags-editor").getDomProperty("value")).contains("\"note\": \"first\"");
        assertThat(text("#events tr:first-child")).contains("session_update");
        // The linked world's clock, moved elsewhere, moves beside the session's own time.
        assertThat(api.post(WORLDS + "/" + world + "/advance", object("delta_seconds", 7200)).as(user).send().status())
                .isEqualTo(200);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("linked-world-time"), "7200 s"));

        assertThat(proxy.cut()).as("stream connections cut").isPositive();
        wait.until(d -> ((List<?>) js("return window.liveStates")).contains("reconnecting…"));
        long secondMillis = changeElsewhere(session, "second", 3);
        waitText("#live-state", "live");
        System.out.printf("ConsoleIT: a change made through the API showed in %d ms; after a cut, in %d ms%n",
                firstMillis, secondMillis);
        assertThat(firstMillis).as("ms from the API's answer to the page").isLessThan(1000);

        assertThat(js("return window.notReloaded")).as("the page was not reloaded").isEqualTo(true);
        assertThat(visible("#flags-editor").getDomProperty("value")).contains("\"note\": \"second\"");
        List<String> sessionStreams = proxy.streamRequests().stream()
                .filter(head -> head.startsWith("GET /api/v1/game/sessions/" + session + "/stream ")).toList();
        assertThat(sessionStreams).as("the session's stream, and its resume after the cut").hasSize(2);
        assertThat(sessionStreams.get(0)).contains("Last-Event-ID: 1", "Authorization: Bearer ");
        assertThat(sessionStreams.get(1)).contains("Last-Event-ID: 2");
        assertThat(rows("#events tr")).extracting(row -> row.getDomAttribute("data-event-id"))
                .as("each event of the log once").hasSize(3).doesNotHaveDuplicates();
        shot("14-live-session");
    }

    @Test
    void anAdvanceMadeThroughTheApiShowsInTheOpenWorldView() throws Exception {
        long world = api.post(WORLDS, object("name", "Clock")).as(user).send().id();
        signIn();
        driver.get(driver.getCurrentUrl().replaceAll("#.*$", "") + "#/worlds/" + world);
        waitText("#world-time", "0");
        waitText("#live-state", "live");

        assertThat(api.post(WORLDS + "/" + world + "/advance", object("delta_seconds", 3600)).as(user).send().status())
                .isEqualTo(200);
        long answered = System.nanoTime();
        new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(10))
                .until(ExpectedConditions.textToBe(By.cssSelector("#world-time"), "3600"));
        long millis = (System.nanoTime() - answered) / 1_000_000;
        System.out.printf("ConsoleIT: an advance made through the API showed in %d ms%n", millis);
        assertThat(millis).isLessThan(1000);
        waitText("#world-clock", "Week 0, Monday 01:00:00");

        assertThat(api.post(WORLDS + "/" + world + "/scheduler/pause", object()).as(user).send().status()).isEqualTo(200);
        waitText("#scheduler-state", "paused");
        assertThat(api.delete(WORLDS + "/" + world).as(user).send().status()).isEqualTo(204);
        waitText("#live-state", "The world was deleted.");
        shot("15-live-world");
    }

    /** Another client sets the flag {@code note}; the milliseconds until the open page shows {@code version}. */
    private long changeElsewhere(long session, String note, int version) {
        var answer = api.patch(SESSIONS + "/" + session, object("flags", object("note", note))).as(user).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        long answered = System.nanoTime();
        new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(10))
                .until(ExpectedConditions.textToBe(By.cssSelector("#session-version"), Integer.toString(version)));
        return (System.nanoTime() - answered) / 1_000_000;
    }

    /** Whether the element's box lies wholly within the graph box's visible area. */
    private boolean insideTheBox(WebElement element) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript("""
                const r = arguments[0].getBoundingClientRect();
                const box = document.querySelector('#session-graph');
                const b = box.getBoundingClientRect();
                const right = b.left + box.clientLeft + box.clientWidth, bottom = b.top + box.clientTop + box.clientHeight;
                return r.left >= b.left - 0.5 && r.top >= b.top - 0.5 && r.right <= right + 0.5 && r.bottom <= bottom + 0.5;""",
                element);
    }

    private void signIn() {
        driver.get(proxy.uri() + "console");
        assertThat(driver.getCurrentUrl()).endsWith("/console/");
        WebElement userId = visible("#signin-user");
        userId.sendKeys(Long.toString(user), Keys.ENTER);
        waitText("#signed-in-user", "User " + user);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h2"), "Worlds"));
        assertThat(js("return sessionStorage.getItem('storyworld.console.token')")).isNotNull();
        shot("01-signed-in");
    }

    private long createAndAdvanceWorld() {
        visible("#world-name").sendKeys("Harbor Town", Keys.ENTER);
        long world = idInHash("worlds");
        waitText("#world-time", "0");
        WebElement hour = driver.findElement(By.cssSelector("button.advance[data-delta='3600']"));
        hour.click();
        waitText("#world-time", "3600");
        hour.click();
        waitText("#world-time", "7200");
        waitText("#world-clock", "Week 0, Monday 02:00:00");
        // Each click carried its own Idempotency-Key: both advanced.
        assertThat(api.get("api/v1/game/worlds/" + world).as(user).send().json().getJsonNumber("world_time").doubleValue())
                .isEqualTo(7200.0);
        waitText("#scheduler-state", "running");
        visible("#scheduler-pause").click();
        waitText("#scheduler-state", "paused");
        shot("02-world-advanced");
        return world;
    }

    private void metaViolationsAtTheirPaths() {
        WebElement editor = visible("#meta-editor");
        editor.clear();
        editor.sendKeys("{\"relationship_schemas\": {\"default\": [{\"id\": \"low\", \"min\": 0, \"max\": 50},"
                + " {\"id\": \"high\", \"min\": 40, \"max\": 120}]}}");
        driver.findElement(By.id("meta-save")).click();
        visible("#meta-violations");
        List<String> paths = rows("#meta-violations code.path").stream().map(WebElement::getText).toList();
        assertThat(paths).contains("meta.relationship_schemas.default[1].max");
        String error = visible("#error").getText();
        assertThat(error).contains("400 invalid_world_schemas");
        assertThat(error).containsPattern("request id [0-9a-f-]{36}");
        shot("03-meta-violations");
    }

    private long createSceneAndSeeItsGraph() {
        driver.findElement(By.cssSelector("nav a[href='#/scenes']")).click();
        assertThat(visible("#scene-editor").getDomProperty("value")).contains("\"entry\": \"pier\"");
        driver.findElement(By.id("scene-create")).click();
        long scene = idInHash("scenes");
        visible("#scene-graph svg.graph");
        assertThat(rows("#scene-graph g.node")).hasSize(4);
        assertThat(rows("#scene-graph g.edge")).hasSize(5);
        assertThat(rows("#scene-graph g.node.entry")).singleElement()
                .extracting(node -> node.getDomAttribute("data-node-key")).isEqualTo("pier");
        assertThat(rows("#scene-graph g.edge text").stream().map(WebElement::getText))
                .contains("Follow the smell of fish", "Have a drink", "Sleep it off on the pier");
        shot("04-scene-graph");
        return scene;
    }

    private long startSessionAndWalkTwoChoices(long scene, long world) {
        new Select(visible("#start-world")).selectByValue(Long.toString(world));
        driver.findElement(By.id("start-session")).click();
        long session = idInHash("sessions");
        waitText("#session-version", "1");
        waitText("#session-node", "On the pier");
        assertThat(rows("#choices button.choice")).hasSize(2);
        choose("Follow the smell of fish");
        waitText("#session-node", "The fish market");
        waitText("#session-version", "2");
        choose("Have a drink");
        waitText("#session-node", "The Salty Gull");
        waitText("#session-version", "3");
        assertThat(rows("#session-graph g.node.current")).singleElement()
                .extracting(node -> node.getDomAttribute("data-node-key")).isEqualTo("tavern");
        wait.until(d -> rows("#events tr").size() == 3);
        assertThat(rows("#events tr").get(0).getText()).contains("advance");
        JsonObject stored = api.get("api/v1/game/sessions/" + session).as(user).send().json();
        assertThat(stored.getInt("version")).isEqualTo(3);
        assertThat(stored.getJsonNumber("world_id").longValue()).isEqualTo(world);
        JsonObject storedScene = api.get("api/v1/game/scenes/" + scene).as(user).send().json();
        long tavern = storedScene.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("key").equals("tavern")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        assertThat(stored.getJsonNumber("current_node_id").longValue()).isEqualTo(tavern);
        shot("05-session-walked");
        return session;
    }

    private void moveSliderAndSeeTheTier(long session) {
        visible("#npc-id").sendKeys("12", Keys.ENTER);
        waitText("#session-version", "4");
        waitText(npc("npc:12") + " .tier", "stranger");
        // The keyboard moves the slider: End puts affinity at 100.
        visible(npc("npc:12") + " input[data-axis='affinity']").sendKeys(Keys.END);
        waitText("#session-version", "5");
        waitText(npc("npc:12") + " .tier", "lover");
        JsonObject stored = api.get("api/v1/game/sessions/" + session).as(user).send().json();
        JsonObject npc12 = stored.getJsonObject("relationships").getJsonObject("npc:12");
        assertThat(npc12.getJsonNumber("affinity").doubleValue()).isEqualTo(100.0);
        assertThat(npc12.getString("tierId")).isEqualTo("lover");
        String intimacy = npc12.get("intimacyLevelId") instanceof JsonString level ? level.getString() : "—";
        assertThat(text(npc("npc:12") + " .intimacy")).isEqualTo(intimacy);
        shot("06-relationship-tier");
    }

    /**
     * Another client changes the session after the console read it: the console's next write is
     * stale (409), so it merges its change into the problem's current_session and writes again. The
     * page must end on the merged state and never show a version older than one it showed.
     */
    private void mergeAnotherClientsChange(long session) {
        js("""
                const out = document.querySelector('#session-version');
                window.versionsShown = [out.textContent];
                new MutationObserver(() => window.versionsShown.push(out.textContent))
                    .observe(out, {childList: true, characterData: true, subtree: true});""");
        long conflictsBefore = api.counter(VERSION_CONFLICTS);
        // Live updates would show the other client's change before the slider moves, and no write would
        // conflict: the page's stream is held until the merge is done, as on a congested network.
        proxy.hold();
        var other = api.patch(SESSIONS + "/" + session, object("expected_version", 5,
                "flags", object("fromOtherTab", "yes"),
                "relationships", object("npc:12", object("affinity", 100, "trust", 0, "chemistry", 0, "tension", 0),
                        "npc:7", object("affinity", 35)))).as(user).send();
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(text("#session-version")).isEqualTo("5");

        visible(npc("npc:12") + " input[data-axis='trust']").sendKeys(Keys.END);

        waitText("#session-version", "7");
        String note = visible("#merge-note").getText();
        assertThat(note).contains("saved version 6", "trust of npc:12 → 100", "saved as version 7");
        assertThat(visible("#flags-editor").getDomProperty("value")).contains("\"fromOtherTab\": \"yes\"");
        waitText(npc("npc:7") + " .tier", "friend");
        assertThat(visible(npc("npc:7") + " input[data-axis='affinity']").getDomProperty("value")).isEqualTo("35");
        assertThat(visible(npc("npc:12") + " input[data-axis='trust']").getDomProperty("value")).isEqualTo("100");
        assertThat(visible(npc("npc:12") + " input[data-axis='affinity']").getDomProperty("value")).isEqualTo("100");
        assertThat(text("#sync-state")).isEqualTo("saved");

        @SuppressWarnings("unchecked")
        List<String> shown = new ArrayList<>((List<String>) js("return window.versionsShown"));
        assertThat(shown).as("versions the page showed").isSortedAccordingTo(Comparator.comparingInt(Integer::parseInt));
        assertThat(shown).first().isEqualTo("5");
        assertThat(shown).last().isEqualTo("7");

        JsonObject stored = api.get("api/v1/game/sessions/" + session).as(user).send().json();
        assertThat(stored.getInt("version")).isEqualTo(7);
        assertThat(stored.getJsonObject("flags").getString("fromOtherTab")).isEqualTo("yes");
        JsonObject relationships = stored.getJsonObject("relationships");
        assertThat(relationships.getJsonObject("npc:12").getJsonNumber("trust").doubleValue()).isEqualTo(100.0);
        assertThat(relationships.getJsonObject("npc:12").getJsonNumber("affinity").doubleValue()).isEqualTo(100.0);
        assertThat(relationships.getJsonObject("npc:7").getJsonNumber("affinity").doubleValue()).isEqualTo(35.0);
        assertThat(api.counter(VERSION_CONFLICTS)).isGreaterThan(conflictsBefore);

        // The held stream brings versions 6 and 7, which the page already passed: it stays at 7.
        proxy.release();
        assertThat(api.patch(SESSIONS + "/" + session, object("world_time", 60)).as(user).send().status()).isEqualTo(200);
        waitText("#session-version", "8");
        @SuppressWarnings("unchecked")
        List<String> afterRelease = new ArrayList<>((List<String>) js("return window.versionsShown"));
        assertThat(afterRelease).isSortedAccordingTo(Comparator.comparingInt(Integer::parseInt)).last().isEqualTo("8");
        shot("07-conflict-merged");
    }

    private void readableOnAPhone() {
        driver.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> ((Number) js("return window.innerWidth")).intValue() <= 390);
        assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                .as("page width at 390 px: nothing sticks out sideways")
                .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue());
        shot("08-phone-width");
    }

    private void choose(String label) {
        rows("#choices button.choice").stream().filter(b -> b.getText().startsWith(label)).findFirst().orElseThrow().click();
    }

    private static String npc(String key) {
        return "fieldset.npc[data-npc='" + key + "']";
    }

    private long idInHash(String kind) {
        Pattern pattern = Pattern.compile("#/" + kind + "/(\\d+)$");
        wait.until(d -> pattern.matcher(d.getCurrentUrl()).find());
        Matcher matcher = pattern.matcher(driver.getCurrentUrl());
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void waitText(String css, String expected) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .withMessage(() -> css + " should read \"" + expected + "\"; error box: " + driver.findElement(By.id("error")).getText())
                .until(ExpectedConditions.textToBe(By.cssSelector(css), expected));
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private List<WebElement> rows(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private void shot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
