package io.reembed.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Debian's headless Chromium through its own chromedriver, given explicitly so that nothing is
 * downloaded. If the browser cannot start, the test fails and says why: it is never skipped.
 */
final class Chromium implements AutoCloseable {

    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    final WebDriver driver;
    private final Path profile;
    private final Path screenshots;

    Chromium(Path screenshots) throws IOException {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            throw new IllegalStateException("The end-to-end tests need Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver "
                    + "(.ci/run does it).");
        }
        this.screenshots = screenshots;
        Files.createDirectories(screenshots);
        this.profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Chromium did not start: " + e.getMessage(), e);
        }
    }

    /** A wait that reads through htmx's swaps: an element replaced mid-read is read again. */
    FluentWait<WebDriver> waiting(Duration timeout) {
        return new FluentWait<>(driver).withTimeout(timeout).pollingEvery(Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class);
    }

    /** An element's text as shown, trimmed. */
    static String text(WebDriver driver, By by) {
        return driver.findElement(by).getText().trim();
    }

    /**
     * Clicks the element with this id. An htmx swap or a live update may replace the part it is in
     * between finding it and clicking it (a person's press waits for the release; a driver's find and
     * click are two steps): then it is found again.
     */
    static void click(WebDriver browser, String id) {
        for (int tries = 1; ; tries++) {
            try {
                browser.findElement(By.id(id)).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (tries == 5) {
                    throw e;
                }
            }
        }
    }

    void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
