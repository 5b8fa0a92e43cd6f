package com.cspguard.it;

import com.cspguard.testdata.TransferRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.testdata.SubscriptionEvents.event;
import static com.cspguard.it.ItRecords.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them), in Europe/Berlin: the act-first counts
 * and the tab title, the sections in their order showing only what needs attention until asked,
 * deadlines as "act by" in the browser's zone on the last day to act (grace and repurchase one
 * line), names instead of ids, the keyboard, a second tab of the same session, a phone-width
 * screen without horizontal scrolling, the tenant page as a worklist, honest freshness across a
 * restart of the service, no Content-Security-Policy violation, and axe-core's accessibility check.
 * Leaves screenshots in {@code target/ops-page.png} and {@code target/ops-page-phone.png}.
 */
@EnabledIf(value = "browserInstalled", disabledReason = "the browser test needs Debian's chromium and chromium-driver"
        + " (/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver")
class OpsPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** On an instance field: a broker and service of its own for each test (one restarts it). */
    @RegisterExtension
    final GuardIntegration it = GuardIntegration.service("guard-page")
            .settings(Map.of("guard.ops.view-interval", "300ms", "guard.ops.deadline-interval", "1s"));
    private static final String PARTNER = UUID.randomUUID().toString();
    private static final String BERLIN = "Europe/Berlin";
    private KafkaTestSupport kafka;
    private GuardInstance guard;
    private ChromeDriver browser;
    private Path profile;
    private WebDriverWait wait;

    /** The text of the element {@code css} selects, once it is there. */
    private String text(String css) {
        return wait.until(b -> b.findElement(By.cssSelector(css)).getText());
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private String state() {
        return browser.findElement(By.id("freshness")).getAttribute("data-state");
    }

    private String count(String id) {
        return browser.findElement(By.cssSelector("#" + id + " .n")).getText();
    }

    /** Two more refreshes of the page have happened (each rewrites the "refreshed" time). */
    private void twoRefreshes() {
        for (int i = 0; i < 2; i++) {
            String before = browser.findElement(By.id("freshness")).getText();
            wait.until(b -> !b.findElement(By.id("freshness")).getText().equals(before));
        }
    }

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void start() throws IOException {
        profile = Files.createTempDirectory("guard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1500", "--lang=en-GB");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        // the driver named explicitly: Selenium Manager never looks for (or downloads) one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        berlin();
    }

    /** The browser's zone for the current tab: where a deadline at 00:00 UTC is 01:00 the next day. */
    private void berlin() {
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", BERLIN));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static ObjectNode held(String tenant, String subscription, String status, String customer, String offer) {
        ObjectNode e = event(tenant, subscription, status, Instant.now());
        e.put("partnerTenantId", PARTNER);
        e.put("customerName", customer);
        ((ObjectNode) e.get("subscription")).put("offerName", offer);
        return e;
    }

    private static ObjectNode duplicate(String tenant, String transferId, int subscriptions) {
        return TransferRequests.of(tenant).transferId(transferId).duplicate().from(PARTNER)
                .to(UUID.randomUUID().toString()).by("u-1", "SALES_AGENT").lineItems(subscriptions).json();
    }

    private static ObjectNode ending(String tenant, String id, String status, LocalDate lastDay, String customer, String offer) {
        ObjectNode e = held(tenant, id, status, customer, offer);
        ((ObjectNode) e.get("subscription")).put("autoRenewEnabled", false).put("commitmentEndDate", lastDay.toString());
        return e;
    }

    @Test
    void thePageSaysWhatToActOnFirstAndWhenAndStaysHonestAcrossARestart() throws IOException {
        String big = "big-" + UUID.randomUUID();
        String full = "full-" + UUID.randomUUID();
        String lapsing = "lapsing-" + UUID.randomUUID();
        String ending = "ending-" + UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < 160; i++) {
            kafka.send("subscription-events", big, held(big, "s" + i, "active", "Fabrikam Big GmbH", "Microsoft 365 E3").toString());
        }
        for (int i = 0; i < 295; i++) {
            kafka.send("subscription-events", full, held(full, "f" + i, "active", "Northwind Full AG", "Microsoft 365 E3").toString());
        }
        // expired, term ended 19 days ago: grace ends in 4 days, repurchase deadline in 11 (one line, act by the latter)
        kafka.send("subscription-events", lapsing, ending(lapsing, "lapsed-1", "expired", today.minusDays(20),
                "Lapsing Litware SA", "Dynamics 365 Sales").toString());
        // expired, term ended 27 days ago: repurchase deadline in 3 days at 00:00 UTC, 01:00 in Berlin
        kafka.send("subscription-events", lapsing, ending(lapsing, "lapsed-2", "expired", today.minusDays(28),
                "Lapsing Litware SA", "Power BI Pro").toString());
        // autorenew off, term ends in 9 days at 00:00 UTC: the reminder fires in 2 days, act by the end of term
        kafka.send("subscription-events", ending, ending(ending, "ends-1", "active", today.plusDays(8),
                "Tailspin Toys", "Visio Plan 2").toString());
        kafka.send("transfer-requests", big, duplicate(big, "t-blocked", 150).toString());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(guard.get("/transfers?decision=BLOCKED").body()).contains("t-blocked");
            JsonNode deadlines = json(guard.get("/deadlines").body());
            assertThat(deadlines.get("items")).hasSize(4);
            assertThat(json(guard.get("/tenants/" + big).body()).get("countedSubscriptions").asInt()).isEqualTo(160);
            assertThat(json(guard.get("/tenants/" + full).body()).get("countedSubscriptions").asInt()).isEqualTo(295);
            assertThat(json(guard.get("/tenants").body()).get("complete").asBoolean()).isTrue();
        });
        // the tenant's own answer names the customer and the offers too
        JsonNode named = json(guard.get("/tenants/" + lapsing).body());
        assertThat(named.get("customerName").asText()).isEqualTo("Lapsing Litware SA");
        assertThat(named.get("subscriptions").findValuesAsText("offerName")).containsExactlyInAnyOrder("Dynamics 365 Sales", "Power BI Pro");

        // ---- signing in: a labelled box, Enter submits; who is signed in
        browser.get("http://localhost:" + guard.port + "/ui");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        WebElement tokenBox = wait.until(b -> {
            WebElement box = b.findElement(By.id("token"));
            return box.isDisplayed() ? box : null;
        });
        assertThat(browser.findElement(By.cssSelector("label[for='token']")).getText()).isEqualTo("Bearer token");
        tokenBox.sendKeys(TestTokens.admin() + Keys.ENTER);
        assertThat(text("#who")).contains("it-admin").contains("admin, every tenant");
        wait.until(b -> "live".equals(state()));
        assertThat(text("#freshness")).startsWith("Up to date").contains(BERLIN);

        // ---- act first: the counts, echoed in the tab title
        wait.until(b -> "1".equals(count("count-blocked")));
        assertThat(count("count-due")).as("repurchase deadlines within 72 h").isEqualTo("1");
        assertThat(count("count-near-max")).as("tenants within 10 of 300").isEqualTo("1");
        assertThat(count("count-above")).as("tenants above 150").isEqualTo("2");
        assertThat(browser.getTitle()).contains("1 blocked").contains("1 due < 72 h").contains("1 near max").contains("2 > 150");

        // ---- sections in the order blocked transfers, deadlines, tenants
        assertThat(js("const y = (id) => document.getElementById(id).getBoundingClientRect().top;"
                + " return y('blocked') < y('deadlines') && y('deadlines') < y('tenants');")).isEqualTo(true);

        // ---- the blocked transfer, with the customer's name
        String transfer = "tr[data-transfer='t-blocked']";
        assertThat(text(transfer + " .decision")).isEqualTo("blocked");
        assertThat(text(transfer + " .findings")).contains("TENANT_LIMIT_EXCEEDED").contains("310");
        assertThat(text(transfer + " .remediation")).isNotBlank();
        assertThat(text(transfer + " a.tenant-link")).isEqualTo("Fabrikam Big GmbH");
        assertThat(browser.findElement(By.cssSelector(transfer + " a.tenant-link")).getAttribute("title")).contains(big);

        // ---- deadlines: by default only what is due within 7 days; act by in Berlin, on the last day to act
        String soon = "div.day[data-day='" + today.plusDays(2) + "'] div.tenant-group[data-tenant='" + lapsing + "'] li[data-subscription='lapsed-2']";
        String line = text(soon);
        assertThat(line).contains("repurchase deadline").contains("Power BI Pro").contains("act by in ");
        WebElement actBy = browser.findElement(By.cssSelector(soon + " .act-by time"));
        assertThat(actBy.getAttribute("datetime")).isEqualTo(today.plusDays(3) + "T00:00:00.000Z");
        assertThat(actBy.getText()).as("01:00 in Berlin").contains("01:00");
        assertThat(actBy.getAttribute("title")).isEqualTo(today.plusDays(3) + " 00:00 UTC");
        assertThat(text(soon + " .details")).contains("term ended").contains("expired");
        assertThat(text("#deadlines-summary")).contains(BERLIN);
        assertThat(text("div.tenant-group[data-tenant='" + lapsing + "'] h4")).contains("Lapsing Litware SA");
        assertThat(browser.findElements(By.cssSelector("li[data-subscription='lapsed-1']"))).as("due in 11 days").isEmpty();
        assertThat(browser.findElements(By.cssSelector("li[data-subscription='ends-1']"))).as("term ends in 9 days").isEmpty();

        // everything: grace and repurchase folded into one line; a term ending dated by its real end
        browser.findElement(By.id("show-all")).click();
        wait.until(b -> !b.findElements(By.cssSelector("li[data-subscription='lapsed-1']")).isEmpty());
        List<WebElement> lapsed1 = browser.findElements(By.cssSelector("li[data-subscription='lapsed-1']"));
        assertThat(lapsed1).as("one line per subscription").hasSize(1);
        assertThat(lapsed1.get(0).getText()).contains("grace period ends in").contains("Dynamics 365 Sales");
        assertThat(lapsed1.get(0).findElement(By.xpath("ancestor::div[@class='day']")).getAttribute("data-day"))
                .isEqualTo(today.plusDays(10).toString());
        String term = "div.day[data-day='" + today.plusDays(8) + "'] li[data-subscription='ends-1'][data-kind='term']";
        assertThat(text(term)).contains("term ends").contains("Visio Plan 2").contains("autorenew off");
        assertThat(browser.findElement(By.cssSelector(term + " .act-by time")).getAttribute("datetime"))
                .as("act by the end of term, not the reminder").isEqualTo(today.plusDays(9) + "T00:00:00.000Z");
        // search narrows every section
        browser.findElement(By.id("search")).sendKeys("Tailspin");
        wait.until(b -> b.findElements(By.cssSelector("li[data-subscription='lapsed-1']")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("li[data-subscription='ends-1']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector(transfer))).isEmpty();
        new Select(browser.findElement(By.id("kind"))).selectByValue("repurchase");
        wait.until(b -> b.findElements(By.cssSelector("li[data-subscription='ends-1']")).isEmpty());
        new Select(browser.findElement(By.id("kind"))).selectByValue("");
        browser.findElement(By.id("search")).clear();
        browser.findElement(By.id("search")).sendKeys(Keys.SPACE, Keys.BACK_SPACE);
        browser.findElement(By.id("show-all")).click();
        wait.until(b -> !b.findElements(By.cssSelector(transfer)).isEmpty());

        // ---- tenants: nearest the maximum first, the bar says its numbers in text
        String fullRow = "#tenant-table tr[data-tenant='" + full + "']";
        assertThat(text("#tenant-table tbody tr:first-child a.tenant-link")).isEqualTo("Northwind Full AG");
        assertThat(text(fullRow + " .room")).isEqualTo("5");
        assertThat(text(fullRow + " .bar-text")).contains("295 of 300").contains("5 to the maximum").contains("145 above 150");
        String bigRow = "#tenant-table tr[data-tenant='" + big + "']";
        assertThat(text(bigRow + " .counted")).isEqualTo("160");

        // ---- unchanged tables are not redrawn; a changed one keeps the focus where it was
        js("window.transfersTable = document.getElementById('transfers'); window.notReloaded = true;");
        twoRefreshes();
        assertThat(js("return window.transfersTable.isConnected;")).as("unchanged, not redrawn").isEqualTo(true);
        js("document.querySelector(arguments[0]).focus();", bigRow + " a.tenant-link");
        js("window.tenantTable = document.getElementById('tenant-table');");
        kafka.send("subscription-events", big, held(big, "s160", "active", "Fabrikam Big GmbH", "Microsoft 365 E3").toString());
        wait.until(b -> "161".equals(b.findElement(By.cssSelector(bigRow + " .counted")).getText()));
        assertThat(js("return window.tenantTable.isConnected;")).as("changed, redrawn").isEqualTo(false);
        assertThat(js("return document.activeElement.getAttribute('data-key');")).isEqualTo("tenant:" + big);
        assertThat(js("return window.notReloaded === true;")).isEqualTo(true);

        Path shot = Path.of("target", "ops-page.png");
        Files.createDirectories(shot.getParent());
        js("window.scrollTo(0, 0); document.activeElement.blur();");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

        // ---- accessibility of the overview
        assertNoSeriousAccessibilityViolation("overview");

        // ---- keyboard: the first Tab reaches the skip link, Enter moves to the blocked transfers, the next Tab to the first one
        browser.navigate().refresh();
        wait.until(b -> "live".equals(state()) && !b.findElements(By.cssSelector(transfer)).isEmpty());
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(js("return document.activeElement.textContent;")).isEqualTo("Skip to blocked transfers");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(js("return document.activeElement.id;")).isEqualTo("blocked");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(js("return document.activeElement.getAttribute('data-key');")).isEqualTo("tenant:" + big);

        // ---- a second tab of the same browser session is signed in without asking again
        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get("http://localhost:" + guard.port + "/ui");
        assertThat(text("#who")).contains("it-admin");
        wait.until(b -> !b.findElements(By.cssSelector(transfer)).isEmpty());
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
        browser.close();
        browser.switchTo().window(first);

        // ---- a phone: 390 px, no horizontal scrolling, the blocked transfer on the first screen's width
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        browser.navigate().refresh();
        wait.until(b -> "live".equals(state()) && !b.findElements(By.cssSelector(transfer)).isEmpty());
        assertThat(((Number) js("return window.innerWidth;")).intValue()).isEqualTo(390);
        assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue()).as("no horizontal scroll").isLessThanOrEqualTo(390);
        assertThat(((Number) js("return document.querySelector(arguments[0]).getBoundingClientRect().right;", transfer)).doubleValue())
                .isLessThanOrEqualTo(390);
        Files.write(Path.of("target", "ops-page-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertNoSeriousAccessibilityViolation("overview on a phone");
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

        // ---- the tenant page: a worklist, open transfers first, subscriptions sortable, filterable and paged
        browser.navigate().to("http://localhost:" + guard.port + "/ui#tenant/" + lapsing);
        wait.until(b -> b.findElement(By.id("tenant-title")).getText().contains("Lapsing Litware SA"));
        assertThat(text("#tenant-title")).contains(lapsing);
        assertThat(text("#subscriptions tr[data-subscription='lapsed-2']")).contains("Power BI Pro").contains("expired: repurchase");
        assertThat(text("#t-subscriptions-summary")).startsWith("2 of 2 subscriptions need action");
        assertThat(text("#status-counts")).contains("2 expired");
        browser.navigate().to("http://localhost:" + guard.port + "/ui#tenant/" + big);
        wait.until(b -> b.findElement(By.id("tenant-title")).getText().contains("Fabrikam Big GmbH"));
        assertThat(text("#tenant-transfers tr[data-transfer='t-blocked']")).contains("blocked").contains("TENANT_LIMIT_EXCEEDED");
        assertThat(js("const y = (id) => document.getElementById(id).getBoundingClientRect().top;"
                + " return y('t-transfers') < y('t-subscriptions');")).isEqualTo(true);
        assertThat(text("#status-counts")).contains("161 active");
        browser.findElement(By.id("t-all")).click();
        wait.until(b -> b.findElement(By.id("t-page")).getText().equals("page 1 of 7"));
        assertThat(browser.findElements(By.cssSelector("#subscriptions tbody tr"))).hasSize(25);
        browser.findElement(By.id("t-next")).click();
        wait.until(b -> b.findElement(By.id("t-page")).getText().equals("page 2 of 7"));
        browser.findElement(By.cssSelector("button[data-sort='status']")).click();
        wait.until(b -> "ascending".equals(b.findElement(By.cssSelector("button[data-sort='status']"))
                .findElement(By.xpath("..")).getAttribute("aria-sort")));
        browser.findElement(By.id("t-search")).sendKeys("s159");
        wait.until(b -> b.findElements(By.cssSelector("#subscriptions tbody tr")).size() == 1);
        assertThat(text("#subscriptions tbody tr")).contains("s159");
        // timers folded by type: one line per type with its count
        List<WebElement> types = wait.until(b -> {
            List<WebElement> t = b.findElements(By.cssSelector("#timers details"));
            return t.isEmpty() ? null : t;
        });
        assertThat(types.size()).isBetween(1, 4);
        assertThat(types.get(0).getText()).contains("pending");
        js("window.subscriptionsTable = document.getElementById('subscriptions');");
        twoRefreshes();
        assertThat(js("return window.subscriptionsTable.isConnected;")).as("unchanged, not redrawn").isEqualTo(true);
        assertNoSeriousAccessibilityViolation("tenant page");
        // the worklist on a phone: cards, no horizontal scrolling
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        wait.until(b -> ((Number) js("return window.innerWidth;")).intValue() == 390);
        assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue()).as("no horizontal scroll").isLessThanOrEqualTo(390);
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

        // an unknown tenant: a plain message, none of the previous tenant's data under it
        browser.navigate().to("http://localhost:" + guard.port + "/ui#tenant/nobody-" + UUID.randomUUID());
        wait.until(b -> b.findElement(By.id("tenant-missing")).isDisplayed());
        assertThat(text("#tenant-missing")).contains("no tenant");
        assertThat(browser.findElements(By.cssSelector("#subscriptions tr[data-subscription]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#tenant-transfers"))).isEmpty();
        assertThat(text("#tenant-title")).doesNotContain("Fabrikam");

        // ---- the service stops: the data stays, greyed, saying since when; it restarts: loading until every view is back
        browser.navigate().to("http://localhost:" + guard.port + "/ui#");
        wait.until(b -> "live".equals(state()) && !b.findElements(By.cssSelector(transfer)).isEmpty());
        guard.stop();
        wait.until(b -> "stale".equals(state()));
        assertThat(text("#freshness")).contains("since").contains(BERLIN);
        assertThat(js("return document.body.classList.contains('stale');")).isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector(transfer))).as("the last data stays").hasSize(1);
        assertThat(browser.getTitle()).startsWith("(stale)");
        // its first views follow 15 s after it starts: until then its answers are not complete
        guard.restart(Map.of("guard.ops.view-interval", "15s"));
        assertThat(json(guard.get("/tenants").body()).get("complete").asBoolean()).as("no view yet").isFalse();
        wait.until(b -> List.of("loading", "incomplete").contains(state()));
        assertThat(text("#freshness")).containsAnyOf("Loading", "Incomplete");
        assertThat(browser.getTitle()).startsWith("(incomplete)");
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(b -> "live".equals(state()));
        assertThat(count("count-blocked")).isEqualTo("1");
        assertThat(browser.getTitle()).doesNotContain("incomplete").doesNotContain("stale");

        // ---- and nothing the page did was refused by its Content-Security-Policy
        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
        assertThat(refused).isEmpty();
    }

    /** axe-core (vendored from npm into the test resources) run in the page: no serious or critical violation. */
    private void assertNoSeriousAccessibilityViolation(String where) throws IOException {
        String axe;
        try (InputStream in = getClass().getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in).as("axe-core in src/test/resources/axe").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        js(axe);
        Object found = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)})))))"
                        + ".catch(e => done('axe failed: ' + e));");
        assertThat(String.valueOf(found)).as("serious or critical accessibility violations on the %s", where).isEqualTo("[]");
    }
}
