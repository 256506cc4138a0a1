package ai.asterai.protocol.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmBinaryTest {
    private static final long HUGE = 256L << 20;

    private static MalformedWasmException refused(byte[] wasm) {
        return assertThrows(MalformedWasmException.class, () -> WasmBinary.check(wasm));
    }

    @Test
    void everyRealModuleOfTheProjectPasses() throws IOException {
        List<Path> modules = WasmBytes.realModules();
        assertTrue(modules.size() >= 10, "expected the examples' modules, found " + modules);
        for (Path p : modules) {
            assertEquals(WasmBinary.Kind.CORE_MODULE, WasmBinary.check(Files.readAllBytes(p)), p.toString());
            assertEquals(WasmBinary.Kind.CORE_MODULE, WasmBinary.check(p, WasmLimits.DEFAULT), p.toString());
        }
    }

    @Test
    void everyComponentBinaryOfTheProjectPasses() throws IOException {
        List<Path> components = WasmBytes.realComponents();
        assertTrue(components.size() >= 4, "expected examples/components' binaries, found " + components);
        for (Path p : components) {
            assertEquals(WasmBinary.Kind.COMPONENT, WasmBinary.check(p, WasmLimits.DEFAULT), p.toString());
        }
    }

    @Test
    void aComponentWithNestedModulesAndComponentsPasses() throws IOException {
        byte[] core = Files.readAllBytes(WasmBytes.realModules().get(0));
        byte[] inner = WasmBytes.component().section(1, core).bytes();
        byte[] outer = WasmBytes.component()
                .section(0, WasmBytes.payload().name("component-type").raw(1, 2, 3).bytes())
                .section(1, core)
                .section(4, inner)
                .section(7, new byte[] {1, 2, 3, 4})
                .bytes();
        assertEquals(WasmBinary.Kind.COMPONENT, WasmBinary.check(outer));
    }

    // --- the 16–22 byte uploads that declared a huge length and stopped the registry (issue #11)

    @Test
    void aCustomSectionNameDeclaringHundredsOfMebibytesIsRefusedWithItsOffset() {
        // 8-byte header, section id 0, size 5, name length 256 MiB: 22 bytes in all
        byte[] wasm = WasmBytes.module().raw(0).u(5).u(HUGE).bytes();
        assertTrue(wasm.length <= 22);
        MalformedWasmException e = refused(wasm);
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().contains("longer than the limit"), e.getMessage());
    }

    @Test
    void aSectionLongerThanTheBinaryIsRefused() {
        MalformedWasmException e = refused(WasmBytes.module().raw(1).u(HUGE).bytes());
        assertEquals(9, e.offset());
        assertTrue(e.reason().contains("only 0 follow"), e.reason());
    }

    @Test
    void aDataSegmentDeclaringAHugeLengthIsRefused() {
        byte[] data = WasmBytes.payload().u(1).u(1).u(HUGE).bytes(); // one passive segment, 256 MiB
        MalformedWasmException e = refused(WasmBytes.module().section(11, data).bytes());
        assertTrue(e.reason().contains("data segment declares"), e.reason());
    }

    @Test
    void hugeImportAndExportNamesAreRefused() {
        refused(WasmBytes.module().section(2, WasmBytes.payload().u(1).u(HUGE).bytes()).bytes());
        refused(WasmBytes.module().section(7, WasmBytes.payload().u(1).u(HUGE).bytes()).bytes());
        // within the limit but longer than what is there
        MalformedWasmException e = refused(WasmBytes.module().section(7, WasmBytes.payload().u(1).u(5000).raw(0, 0, 0, 0).bytes()).bytes());
        assertTrue(e.reason().contains("only 4 follow"), e.reason());
    }

    @Test
    void hugeCountsAreRefused() {
        // a type with 2^32-1 parameters
        refused(WasmBytes.module().section(1, WasmBytes.payload().u(1).raw(0x60).u(0xffffffffL).bytes()).bytes());
        // 2^32-1 types, elements, functions, globals
        for (int id : new int[] {1, 3, 6, 9, 10, 11}) {
            MalformedWasmException e = refused(WasmBytes.module().section(id, WasmBytes.payload().u(0xffffffffL).bytes()).bytes());
            assertTrue(e.reason().contains("limit") || e.reason().contains("follow"), e.reason());
        }
        // a count under the limit but bigger than the bytes present
        MalformedWasmException e = refused(WasmBytes.module().section(3, WasmBytes.payload().u(900_000).bytes()).bytes());
        assertTrue(e.reason().contains("declared but only"), e.reason());
    }

    @Test
    void hugeLocalCountsAndBrTablesAreRefused() {
        byte[] types = WasmBytes.payload().u(1).raw(0x60, 0, 0).bytes();
        byte[] funcs = WasmBytes.payload().u(1).u(0).bytes();
        byte[] body = WasmBytes.payload().u(2).u(0xffffffffL).raw(0x7f).u(0xffffffffL).raw(0x7f).raw(0x0b).bytes();
        byte[] code = WasmBytes.payload().u(1).u(body.length).raw(body).bytes();
        MalformedWasmException e = refused(WasmBytes.module().section(1, types).section(3, funcs).section(10, code).bytes());
        assertTrue(e.reason().contains("locals"), e.reason());

        byte[] brTable = WasmBytes.payload().u(0).raw(0x41, 0, 0x0e).u(0xfffffffL).raw(0x0b).bytes();
        byte[] code2 = WasmBytes.payload().u(1).u(brTable.length).raw(brTable).bytes();
        e = refused(WasmBytes.module().section(1, types).section(3, funcs).section(10, code2).bytes());
        assertTrue(e.reason().contains("br_table"), e.reason());
    }

    @Test
    void aNameSectionWithAHugeMapIsRefused() {
        byte[] names = WasmBytes.payload().name("name").raw(1).u(5).u(0xfffffffL).bytes();
        refused(WasmBytes.module().section(0, names).bytes());
    }

    @Test
    void aMissingOrTrailingByteIsRefused() {
        refused(new byte[0]);
        refused(new byte[] {0, 0x61, 0x73});
        refused(new byte[] {1, 2, 3, 4, 1, 0, 0, 0});
        MalformedWasmException e = refused(new byte[] {0, 0x61, 0x73, 0x6d, 2, 0, 0, 0});
        assertTrue(e.reason().contains("unsupported binary version"), e.reason());
        // a section that declares more than its contents use
        byte[] type = WasmBytes.payload().u(0).raw(0).bytes();
        e = refused(WasmBytes.module().section(1, type).bytes());
        assertTrue(e.reason().contains("more bytes than its contents use"), e.reason());
    }

    @Test
    void sectionsOutOfOrderAndUnknownOpcodesAreRefused() {
        byte[] empty = WasmBytes.payload().u(0).bytes();
        refused(WasmBytes.module().section(3, empty).section(1, empty).bytes());
        refused(WasmBytes.module().section(1, empty).section(1, empty).bytes());
        byte[] types = WasmBytes.payload().u(1).raw(0x60, 0, 0).bytes();
        byte[] funcs = WasmBytes.payload().u(1).u(0).bytes();
        byte[] body = WasmBytes.payload().u(0).raw(0xff, 0x0b).bytes();
        byte[] code = WasmBytes.payload().u(1).u(body.length).raw(body).bytes();
        MalformedWasmException e = refused(WasmBytes.module().section(1, types).section(3, funcs).section(10, code).bytes());
        assertTrue(e.reason().contains("unknown opcode 0xff"), e.reason());
    }

    @Test
    void nestingIsBounded() {
        // components inside components, past the limit
        byte[] c = WasmBytes.component().bytes();
        for (int i = 0; i < WasmLimits.DEFAULT.maxComponentDepth() + 2; i++) {
            c = WasmBytes.component().section(4, c).bytes();
        }
        byte[] deep = c;
        MalformedWasmException e = refused(deep);
        assertTrue(e.reason().contains("nested"), e.reason());
        // blocks inside one function
        WasmBytes body = WasmBytes.payload().u(0);
        for (int i = 0; i < 20_000; i++) {
            body.raw(0x02, 0x40);
        }
        byte[] b = body.raw(0x0b).bytes();
        byte[] types = WasmBytes.payload().u(1).raw(0x60, 0, 0).bytes();
        byte[] funcs = WasmBytes.payload().u(1).u(0).bytes();
        byte[] code = WasmBytes.payload().u(1).u(b.length).raw(b).bytes();
        e = refused(WasmBytes.module().section(1, types).section(3, funcs).section(10, code).bytes());
        assertTrue(e.reason().contains("nested deeper"), e.reason());
    }

    @Test
    void aFileIsCheckedStreamingAndATruncatedFileIsRefused(@TempDir Path dir) throws IOException {
        byte[] real = Files.readAllBytes(WasmBytes.realModules().get(1));
        Path f = dir.resolve("m.wasm");
        Files.write(f, java.util.Arrays.copyOf(real, real.length / 2));
        assertThrows(MalformedWasmException.class, () -> WasmBinary.check(f, WasmLimits.DEFAULT));
        Files.write(f, real);
        assertEquals(WasmBinary.Kind.CORE_MODULE, WasmBinary.check(f, WasmLimits.DEFAULT.withMaxBytes(real.length)));
        assertThrows(MalformedWasmException.class, () -> WasmBinary.check(f, WasmLimits.DEFAULT.withMaxBytes(real.length - 1)));
    }

    @Test
    void limitsAreEnforcedAsConfigured() throws IOException {
        byte[] real = Files.readAllBytes(WasmBytes.realModules().get(1));
        MalformedWasmException e = assertThrows(MalformedWasmException.class,
                () -> WasmBinary.check(real, WasmLimits.DEFAULT.withMaxInstructions(100)));
        assertTrue(e.reason().contains("instructions"), e.reason());
    }

    @Test
    void sniffTellsTheKindFromTheHeader() {
        assertEquals(WasmBinary.Kind.COMPONENT, WasmBinary.sniff(WasmBytes.COMPONENT_HEADER));
        assertEquals(WasmBinary.Kind.CORE_MODULE, WasmBinary.sniff(WasmBytes.MODULE_HEADER));
        assertEquals(null, WasmBinary.sniff(new byte[] {1, 2}));
        assertFalse(WasmBinary.sniff(new byte[8]) != null);
    }
}
