package ai.asterai.client.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.VersionRange;
import org.junit.jupiter.api.Test;

class PackageRefTest {
    @Test
    void parsesNamesWithAndWithoutRequirements() {
        assertSame(VersionRange.ANY, PackageRef.parse("acme:x").range());
        assertTrue(PackageRef.parse("acme:x@1.2.3").range().isExact());
        assertEquals("^1.2", PackageRef.parse("acme:x@^1.2").range().toString());
        assertEquals("acme:x@~1.2.3", PackageRef.parse("acme:x@~1.2.3").toString());
        assertEquals("acme:x", PackageRef.parse("acme:x@*").toString());
    }

    @Test
    void refusesMalformedReferences() {
        for (String bad : new String[] {"", "acme", "acme:", "acme:x@", "acme:x@@1", "acme:x@1.2.3.4", "a:b:c@1"}) {
            assertThrows(InvalidInputException.class, () -> PackageRef.parse(bad), bad);
        }
    }
}
