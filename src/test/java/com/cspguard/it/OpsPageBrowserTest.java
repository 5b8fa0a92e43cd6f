package com.cspguard.it;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static com.cspguard.it.ServiceIntegrationTest.event;
import static com.cspguard.it.ServiceIntegrationTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operations page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them): after a set of events it shows the
 * tenant over 150, the repurchase deadline within 14 days and the blocked transfer with the right
 * numbers, and a later event without reloading. Leaves a screenshot in {@code target/ops-page.png}.
 */
class OpsPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PARTNER = UUID.randomUUID().toString();
    private KafkaTestSupport kafka;
    private GuardInstance guard;
    private WebDriver browser;
    private Path profile;
    private WebDriverWait wait;

    /** The text of the element {@code css} selects, once it is there. */
    private String text(String css) {
        return wait.until(b -> b.findElement(By.cssSelector(css)).getText());
    }

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " apt-get install -y chromium chromium-driver");
        kafka = new KafkaTestSupport();
        guard = new GuardInstance(kafka.bootstrap(), "guard-page", kafka.dir.resolve("page"),
                Map.of("guard.ops.view-interval", "300ms", "guard.ops.deadline-interval", "1s")).start();
        profile = Files.createTempDirectory("guard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1500");
        // the driver named explicitly: Selenium Manager never looks for (or downloads) one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (guard != null) {
            guard.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static ObjectNode held(String tenant, String subscription, String status) {
        ObjectNode e = event(tenant, subscription, status, Instant.now());
        e.put("partnerTenantId", PARTNER);
        return e;
    }

    private static ObjectNode duplicate(String tenant, String transferId, int subscriptions) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("transferId", transferId);
        r.put("requestedAt", Instant.now().toString());
        r.put("customerTenantId", tenant);
        r.put("method", "DUPLICATE");
        r.put("sourcePartnerTenantId", PARTNER);
        r.put("targetPartnerTenantId", UUID.randomUUID().toString());
        r.put("targetPartnerCountryCode", "DE");
        r.putObject("requestedBy").put("userId", "u-1").put("role", "SALES_AGENT");
        ArrayNode items = r.putArray("lineItems");
        for (int i = 0; i < subscriptions; i++) {
            items.addObject().put("subscriptionId", "s" + i);
        }
        return r;
    }

    @Test
    void thePageShowsWhatNeedsAttentionAndFollowsNewEvents() throws IOException {
        String big = "big-" + UUID.randomUUID();
        String lapsing = "lapsing-" + UUID.randomUUID();
        for (int i = 0; i < 160; i++) {
            kafka.send("subscription-events", big, held(big, "s" + i, "active").toString());
        }
        // expired, its term ended 19 days ago: the repurchase deadline (30 days after) is in 11 days
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).minusDays(20);
        ObjectNode expired = held(lapsing, "lapsed-1", "expired");
        ((ObjectNode) expired.get("subscription")).put("autoRenewEnabled", false).put("commitmentEndDate", lastDay.toString());
        kafka.send("subscription-events", lapsing, expired.toString());
        kafka.send("transfer-requests", big, duplicate(big, "t-blocked", 150).toString());
        String repurchaseDay = lastDay.plusDays(1 + 30).toString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(guard.get("/transfers?decision=BLOCKED").body()).contains("t-blocked");
            assertThat(guard.get("/deadlines").body()).contains("REPURCHASE_DEADLINE");
            assertThat(json(guard.get("/tenants/" + big).body()).get("countedSubscriptions").asInt()).isEqualTo(160);
        });

        browser.get("http://localhost:" + guard.port + "/ui");
        browser.findElement(By.id("token")).sendKeys(TestTokens.admin());
        browser.findElement(By.id("use-token")).click();
        // the page redraws its lists at every refresh: every look is retried when it caught an element being replaced
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        String bigRow = "tr[data-tenant='" + big + "']";
        assertThat(text(bigRow + " .counted")).isEqualTo("160");
        assertThat(text(bigRow + " .headroom")).isEqualTo("-10");
        String barClass = wait.until(b -> b.findElement(By.cssSelector(bigRow + " .fill")).getAttribute("class"));
        assertThat(barClass).contains("over150");
        String firstTenant = wait.until(b -> b.findElement(By.cssSelector("#tenants tbody tr")).getAttribute("data-tenant"));
        assertThat(firstTenant).as("least headroom first").isEqualTo(big);

        assertThat(text("div.day[data-day='" + repurchaseDay + "'] li[data-deadline='REPURCHASE_DEADLINE'][data-tenant='"
                + lapsing + "']")).contains("lapsed-1");

        String transfer = "tr[data-transfer='t-blocked']";
        assertThat(text(transfer + " .decision")).isEqualTo("BLOCKED");
        assertThat(text(transfer + " .findings")).contains("TENANT_LIMIT_EXCEEDED").contains("310");
        assertThat(text(transfer + " .remediation")).isNotBlank();
        assertThat(text("#refreshed")).startsWith("refreshed");

        // one more subscription: the page shows it without being reloaded
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        kafka.send("subscription-events", big, held(big, "s160", "active").toString());
        wait.until(b -> "161".equals(b.findElement(By.cssSelector(bigRow + " .counted")).getText()));
        assertThat(text(bigRow + " .headroom")).isEqualTo("-11");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);

        Path shot = Path.of("target", "ops-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isPositive();

        // the tenant's own page: its subscriptions, its timers and its transfer's decision
        wait.until(b -> {
            b.findElement(By.cssSelector("tr[data-tenant='" + lapsing + "'] a.tenant-link")).click();
            return true;
        });
        assertThat(text("#subscriptions tr[data-subscription='lapsed-1']")).contains("expired").contains(lastDay.toString()).contains("off");
        wait.until(b -> b.findElement(By.id("timers")).getText().contains("REPURCHASE_DEADLINE"));
        browser.navigate().to("http://localhost:" + guard.port + "/ui#tenant/" + big);
        assertThat(text("#tenant-transfers tr[data-transfer='t-blocked']")).contains("BLOCKED").contains("TENANT_LIMIT_EXCEEDED").contains("r1 BLOCKED");
        wait.until(b -> b.findElement(By.id("tenant-summary")).getText().startsWith("161 counted subscriptions"));
    }
}
