package ai.asterai.protocol.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComponentDecoderTest {

    @Test
    void decodesEveryDefinitionIntoItsIndexSpace() {
        Component c = ComponentDecoder.decode(Fixtures.LIFT);
        assertEquals(1, c.indexSpace(Sort.CORE_MODULE).size());
        assertEquals(1, c.indexSpace(Sort.CORE_INSTANCE).size());
        assertEquals(1, c.indexSpace(Sort.CORE_FUNC).size(), "the aliased core export");
        assertEquals(2, c.indexSpace(Sort.FUNC).size(), "the lift and its export");
        assertEquals(2, c.indexSpace(Sort.TYPE).size());
        assertInstanceOf(ComponentType.Resource.class,
                ((Definition.TypeDefinition) c.indexSpace(Sort.TYPE).get(0).definition()).type());
        ComponentType.Func ft = (ComponentType.Func) ((Definition.TypeDefinition) c.indexSpace(Sort.TYPE).get(1).definition()).type();
        assertEquals(List.of(new ComponentType.Param("x", ComponentType.Primitive.U32)), ft.params());
        assertEquals(Optional.of(ComponentType.Primitive.U32), ft.result());
        Definition.CanonLift lift = (Definition.CanonLift) c.indexSpace(Sort.FUNC).get(0).definition();
        assertEquals(0, lift.coreFunc());
        assertEquals(1, lift.typeIndex());
        Definition.Export e = c.exports().get(0);
        assertEquals("f", e.name().name());
        assertEquals(Sort.FUNC, e.sort());

        Definition.CoreModule m = (Definition.CoreModule) c.indexSpace(Sort.CORE_MODULE).get(0).definition();
        ByteBuffer module = c.moduleBytes(m);
        byte[] header = new byte[8];
        module.get(header);
        assertEquals("[0, 97, 115, 109, 1, 0, 0, 0]", Arrays.toString(header));
        assertEquals(List.of("f", "mem", "realloc"), m.info().exports().stream().map(CoreModuleInfo.Export::name).toList());
        assertEquals(List.of(0L, 1L), m.info().functionTypes());
        assertTrue(c.definitions().stream().anyMatch(d -> d instanceof Definition.Custom cu && cu.name().equals("component-name")));
    }

    @Test
    void everyTruncationInsideASectionIsMalformedWithAnOffsetInside() {
        java.util.Set<Integer> boundaries = sectionEnds(Fixtures.LIFT);
        for (int cut = 0; cut < Fixtures.LIFT.length; cut++) {
            byte[] b = Arrays.copyOf(Fixtures.LIFT, cut);
            if (boundaries.contains(cut)) {
                ComponentDecoder.decode(b); // a prefix of whole sections is a component
                continue;
            }
            MalformedComponentException e = assertThrows(MalformedComponentException.class, () -> ComponentDecoder.decode(b));
            assertTrue(e.offset() >= 0 && e.offset() <= cut, e.getMessage());
        }
    }

    /** Offsets where a top-level section ends (and the preamble's end). */
    static java.util.Set<Integer> sectionEnds(byte[] b) {
        java.util.Set<Integer> ends = new java.util.HashSet<>();
        int p = 8;
        ends.add(p);
        while (p < b.length) {
            p++; // id
            long size = 0;
            int shift = 0;
            int x;
            do {
                x = b[p++] & 0xff;
                size |= (long) (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            p += (int) size;
            ends.add(p);
        }
        return ends;
    }

    @Test
    void refusesCoreModulesAndOtherVersions() {
        byte[] core = {0, 'a', 's', 'm', 1, 0, 0, 0};
        assertTrue(assertThrows(MalformedComponentException.class, () -> ComponentDecoder.decode(core))
                .reason().contains("core module"));
        byte[] v12 = {0, 'a', 's', 'm', 0x0c, 0, 1, 0};
        assertEquals(4, assertThrows(MalformedComponentException.class, () -> ComponentDecoder.decode(v12)).offset());
    }

    @Test
    void aCountLargerThanTheBytesIsRefusedBeforeAllocating() {
        // type section of 6 bytes declaring 2^32-1 types
        byte[] b = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        MalformedComponentException e = assertThrows(MalformedComponentException.class, () -> ComponentDecoder.decode(b));
        assertEquals(10, e.offset());
    }

    @Test
    void theNameSectionNamesIndexSpaceEntries() {
        ComponentNames names = ComponentNames.of(ComponentDecoder.decode(Fixtures.LIFT));
        assertEquals(Optional.of("m"), names.name(Sort.CORE_MODULE, 0));
        assertEquals(Optional.of("i"), names.name(Sort.CORE_INSTANCE, 0));
        assertEquals(Optional.of("f"), names.name(Sort.FUNC, 0));
        assertEquals(Optional.of("r"), names.name(Sort.TYPE, 0));
        // advisory: garbage reads as no names
        assertEquals(ComponentNames.NONE, ComponentNames.read(new byte[] {1, 5, 0, 0x7f}, ai.asterai.protocol.wasm.WasmLimits.DEFAULT));
    }

    @Test
    void nestingIsBounded() {
        byte[] inner = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
        for (int depth = 1; depth <= 40; depth++) {
            byte[] size = ComponentFuzzTest.leb(inner.length);
            byte[] outer = new byte[8 + 1 + size.length + inner.length];
            System.arraycopy(inner, 0, outer, 0, 8);
            outer[8] = 4; // component section
            System.arraycopy(size, 0, outer, 9, size.length);
            System.arraycopy(inner, 0, outer, 9 + size.length, inner.length);
            inner = outer;
            byte[] b = inner;
            if (depth <= 32) {
                Components.read(b);
            } else {
                assertTrue(assertThrows(MalformedComponentException.class, () -> ComponentDecoder.decode(b))
                        .reason().contains("nested deeper than the limit of 32"));
            }
        }
    }

    @Test
    void gatedFeaturesAreRefusedByName() {
        // type section: one (stream u8)
        byte[] stream = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 3, 1, 0x66, 0x01};
        assertTrue(assertThrows(MalformedComponentException.class, () -> ComponentDecoder.decode(stream))
                .reason().startsWith("the stream type is not supported"));
        // value section
        byte[] value = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 12, 1, 0};
        assertEquals(8, assertThrows(MalformedComponentException.class, () -> ComponentDecoder.decode(value)).offset());
    }
}
