package ai.asterai.runtime.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreNamesTest {
    @Test
    void bothNamingSchemes() {
        assertEquals("a:b/c@0.1", CoreNames.shortened("a:b/c@0.1.0"));
        assertEquals("a:b/c@1", CoreNames.shortened("a:b/c@1.2.3"));
        assertEquals("a:b/c@0.0.3", CoreNames.shortened("a:b/c@0.0.3"));
        assertEquals("a:b/c@1.0.0-rc.1", CoreNames.shortened("a:b/c@1.0.0-rc.1"));
        Set<String> classic = Set.of("a:b/c@0.1.0#f", "cabi_post_a:b/c@0.1.0#f", "cabi_realloc", "memory", "_initialize", "g");
        assertEquals(new CoreNames.ExportBinding("a:b/c@0.1.0#f", "cabi_post_a:b/c@0.1.0#f"), CoreNames.findExport(classic, "a:b/c@0.1.0", "f"));
        assertEquals(new CoreNames.ExportBinding("g", null), CoreNames.findExport(classic, null, "g"));
        assertEquals("cabi_realloc", CoreNames.realloc(classic));
        Set<String> newer = Set.of("cm32p2|a:b/c@0.1|f", "cm32p2|a:b/c@0.1|f_post", "cm32p2||g", "cm32p2_realloc", "cm32p2_memory", "cm32p2_initialize");
        assertEquals(new CoreNames.ExportBinding("cm32p2|a:b/c@0.1|f", "cm32p2|a:b/c@0.1|f_post"), CoreNames.findExport(newer, "a:b/c@0.1.0", "f"));
        assertEquals(new CoreNames.ExportBinding("cm32p2||g", null), CoreNames.findExport(newer, null, "g"));
        assertEquals("cm32p2_initialize", CoreNames.initialize(newer));
        assertNull(CoreNames.findExport(newer, "a:b/c@0.1.0", "missing"));
        assertEquals("a:b/c@0.1", CoreNames.importInterface("cm32p2|a:b/c@0.1"));
        assertEquals("a:b/c@0.1.0", CoreNames.importInterface("a:b/c@0.1.0"));
        assertNull(CoreNames.importInterface("env"));
    }
}
