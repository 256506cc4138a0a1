package ai.asterai.registry.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.registry.testing.RegistryProcess;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input suite against the packaged registry on PostgreSQL and S3 (S3Proxy), as a
 * process. The embedded build gets the same suite from .ci/smoke-embedded.sh.
 */
class HostileInputIT {
    @Test
    void theRegistryOnPostgresAndS3SurvivesHostileInput() throws Exception {
        try (RegistryProcess registry = RegistryProcess.start()) {
            HostileInputSuite.Report report = new HostileInputSuite(registry.url(), registry.adminToken()).run();
            System.out.println("hostile input suite (PostgreSQL + S3): " + report);
            report.violations().forEach(v -> System.out.println("  violation: " + v));
            assertTrue(report.distinct() >= 1000, "distinct bad requests: " + report.distinct());
            assertEquals(0, report.count5xx(), "5xx answers");
            assertTrue(report.violations().isEmpty(), report.violations().size() + " violations, first: "
                    + report.violations().stream().limit(10).toList());
            assertTrue(report.releasesChecked() >= 4);
            String log = Files.readString(registry.log());
            assertTrue(!log.contains("OutOfMemoryError") && !log.contains("StackOverflowError"), "the registry's log shows a JVM error");
        }
    }
}
