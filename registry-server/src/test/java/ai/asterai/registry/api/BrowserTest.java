package ai.asterai.registry.api;

import static ai.asterai.registry.api.SearchFixtures.component;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's path through the pages in real headless Chromium (Debian's chromium + chromium-driver,
 * installed by .ci/ensure-chromium.sh): type a query and see instant results, move into them with
 * the keyboard, open a package, read what it does and asks for, copy the pull command, visit the
 * namespace. Screenshots go to target/screenshots/. Skips, saying why, only when Chromium is absent.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");
    static WebDriver driver;
    static Path profile;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver) and .ci/ensure-chromium.sh could not"
                        + " install it (needs root and Debian's packages): the browser test is skipped");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1000));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void searchOpenAPackageAndReadIt() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        String w = SearchFixtures.word();
        String wit = "/// Current conditions and forecasts.\ninterface forecast {\n  record reading { celsius: f32, summary: string }\n"
                + "  /// The weather now at a place.\n  now: func(place: string) -> result<reading, string>;\n}\n\n";
        component(p, "weather", "0.9.0", "Weather " + w, List.of("weather"), WebPagesTest.permissions(), wit, "export forecast;");
        component(p, "weather", "1.0.0", "Current weather and forecasts for any place <b>" + w + "</b>",
                List.of("weather", "forecast", "tool"), WebPagesTest.permissions(), wit, "export forecast;",
                "export version: func() -> string;");
        SearchFixtures.yank(p, "weather", "0.9.0");
        component(p, "weather-alerts", "0.3.1", "Severe weather alerts " + w, List.of("weather", "alerts"));
        component(p, "umbrella", "2.1.0", "Tells you to take an umbrella, using a " + w + " forecast", List.of("fun"));

        String base = root.toString().replaceAll("/$", "");
        driver.get(base + "/");
        assertEquals("Asterai registry", driver.getTitle());
        WebElement box = driver.findElement(By.id("q"));
        assertEquals("Search components by name, description, keyword or WIT interface",
                driver.findElement(By.cssSelector("label[for=q]")).getText());

        // type: results arrive without pressing Enter
        box.sendKeys("weather " + w);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.textToBe(By.id("result-count"), "2 results"));
        List<String> names = driver.findElements(By.cssSelector("#results .hit-name")).stream().map(WebElement::getText).toList();
        assertEquals(List.of(ns + ":weather", ns + ":weather-alerts"), names, "name matches, exact-ish name first");
        WebElement first = driver.findElement(By.cssSelector("#results .hit"));
        assertTrue(first.getText().contains("Current weather and forecasts for any place <b>" + w + "</b>"),
                "markup in a description is shown as text: " + first.getText());
        assertTrue(first.getText().contains("1.0.0"), first.getText());
        assertTrue(driver.getCurrentUrl().contains("q=weather"), "the URL follows the query: " + driver.getCurrentUrl());
        shot("search");

        // keyboard: ↓ moves into the results, Enter opens the package
        box.sendKeys(Keys.ARROW_DOWN);
        WebElement focused = driver.switchTo().activeElement();
        assertEquals(ns + ":weather", focused.getText());
        focused.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.titleContains(ns + ":weather@1.0.0"));

        assertEquals(ns + ":weather", driver.findElement(By.tagName("h1")).getText());
        assertEquals("asterai pull " + ns + ":weather@1.0.0", driver.findElement(By.id("pull-command")).getText());
        String exports = driver.findElement(By.cssSelector("ul[aria-label=Exports]")).getText();
        assertTrue(exports.contains("test:weather/forecast@1.0.0") && exports.contains("func:version"), exports);
        String witText = driver.findElement(By.cssSelector("pre.wit")).getText();
        assertTrue(witText.contains("now: func(place: string) -> result<reading, string>;"), witText);
        String perms = driver.findElement(By.cssSelector("table.perm")).getText();
        assertTrue(perms.contains("https://api.example.com:443") && perms.contains("/data (read-write)")
                && perms.contains("API_KEY"), perms);
        // badges are upper-cased by CSS, and getText returns what is seen
        String versions = driver.findElement(By.cssSelector("table.versions")).getText().toLowerCase(java.util.Locale.ROOT);
        assertTrue(versions.contains("0.9.0") && versions.contains("yanked") && versions.contains("latest"), versions);
        String side = driver.findElement(By.cssSelector("aside.pkg-side")).getText();
        assertTrue(side.contains(p.key().publicKey().keyId()) && side.contains("active key") && side.contains("sha256:"), side);

        driver.findElement(By.cssSelector("button[data-copy]")).click();
        wait.until(d -> !d.findElement(By.id("copy-status")).getText().isEmpty());
        String copied = driver.findElement(By.id("copy-status")).getText();
        assertTrue(copied.equals("Copied: asterai pull " + ns + ":weather@1.0.0")
                || copied.startsWith("Select the command"), copied);
        shot("package");

        // a yanked version is marked on its own page
        driver.findElement(By.linkText("0.9.0")).click();
        wait.until(ExpectedConditions.titleContains("@0.9.0"));
        assertTrue(driver.findElement(By.cssSelector(".warn")).getText().contains("yanked"));

        // the namespace lists its packages and keys
        driver.findElement(By.cssSelector("nav.crumbs")).findElement(By.linkText(ns)).click();
        wait.until(ExpectedConditions.titleContains(ns));
        String nsText = driver.findElement(By.tagName("main")).getText();
        assertTrue(nsText.contains(ns + ":weather") && nsText.contains(ns + ":umbrella") && nsText.contains("3 packages"), nsText);
        shot("namespace");

        // without JavaScript's help the form still works: the server renders results for ?q=
        driver.get(base + "/?q=umbrella%20" + w);
        assertEquals(List.of(ns + ":umbrella"), driver.findElements(By.cssSelector("#results .hit-name")).stream()
                .map(WebElement::getText).toList());
    }

    /** The whole page, not only the viewport, through the DevTools protocol. */
    @SuppressWarnings("unchecked")
    static void shot(String name) throws IOException {
        ChromeDriver chrome = (ChromeDriver) driver;
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 6000);
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
