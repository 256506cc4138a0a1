package ai.asterai.protocol.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComponentValidatorTest {

    @Test
    void aComponentUsingEveryKindOfDefinitionValidates() {
        Component c = Components.read(Fixtures.RICH);
        assertEquals(1, c.imports().size());
        assertEquals(java.util.List.of("point", "shape", "perm", "counter", "area", "[constructor]counter",
                "[method]counter.get", "greet", "inner"), c.exports().stream().map(e -> e.name().name()).toList());
        assertEquals(3, c.indexSpace(Sort.CORE_MODULE).size());
        assertEquals(1, c.indexSpace(Sort.COMPONENT).size());
        assertTrue(c.indexSpace(Sort.CORE_FUNC).stream().anyMatch(e -> e.definition() instanceof Definition.CanonLower));
    }

    @Test
    void typeChainsTooDeepForTheStackAreRefusedNotCrashed() {
        // type 0 = u8, type i = option<type i-1> for 60,000 types, then export the last one
        java.io.ByteArrayOutputStream types = new java.io.ByteArrayOutputStream();
        int n = 60_000;
        types.writeBytes(ComponentFuzzTest.leb(n));
        types.write(0x7d);
        for (int i = 1; i < n; i++) {
            types.write(0x6b);
            types.writeBytes(sleb(i - 1)); // a valtype's index is a non-negative s33
        }
        java.io.ByteArrayOutputStream export = new java.io.ByteArrayOutputStream();
        export.writeBytes(new byte[] {1, 0, 1, 't', 3});
        export.writeBytes(ComponentFuzzTest.leb(n - 1));
        export.write(0);
        java.io.ByteArrayOutputStream c = new java.io.ByteArrayOutputStream();
        c.writeBytes(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7});
        c.writeBytes(ComponentFuzzTest.leb(types.size()));
        c.writeBytes(types.toByteArray());
        c.write(11);
        c.writeBytes(ComponentFuzzTest.leb(export.size()));
        c.writeBytes(export.toByteArray());
        byte[] bytes = c.toByteArray();
        long start = System.nanoTime();
        String outcome = "accepted";
        try {
            Components.read(bytes);
        } catch (InvalidComponentException e) {
            assertTrue(e.reason().contains("too deeply"), e.getMessage());
            outcome = e.getMessage();
        }
        System.out.println("60,000-type option chain: " + outcome);
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "a 60,000-type chain takes seconds at most");
    }

    static byte[] sleb(long value) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        while (true) {
            int x = (int) (value & 0x7f);
            value >>= 7;
            boolean done = value == 0 && (x & 0x40) == 0;
            b.write(done ? x : x | 0x80);
            if (done) {
                return b.toByteArray();
            }
        }
    }
}
