package ai.asterai.protocol.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.asterai.protocol.wit.WitPrinter;
import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitType;
import ai.asterai.protocol.wit.model.WorldItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentWorldTest {

    @Test
    void theWorldComesFromTheBinarysTypes() {
        ComponentWorld w = ComponentWorld.of(ComponentDecoder.decode(Fixtures.RICH));
        System.out.println(WitPrinter.print(w.toWit()));

        WorldItem.InterfaceItem log = assertInstanceOf(WorldItem.InterfaceItem.class, w.world().imports().get(0));
        assertEquals("wasi:logging/log@0.1.0", log.key());
        WitInterface iface = w.interfaces().get("wasi:logging/log@0.1.0");
        assertEquals("log", iface.name());
        assertInstanceOf(TypeDef.EnumDef.class, iface.types().get(0).kind());
        WitFunction logf = iface.functions().get(0);
        assertEquals(List.of("level", "msg"), logf.params().stream().map(WitFunction.Param::name).toList());
        assertEquals("level", ((WitType.Named) logf.params().get(0).type()).ref().name());
        assertEquals(WitType.Primitive.STRING, logf.params().get(1).type());

        List<String> exports = w.world().exports().stream().map(WorldItem::key).toList();
        assertEquals(List.of("point", "shape", "perm", "counter", "area", "[constructor]counter",
                "[method]counter.get", "greet", "inner"), exports);
        TypeDef shape = ((WorldItem.TypeItem) w.world().exports().get(1)).type();
        TypeDef.VariantDef v = assertInstanceOf(TypeDef.VariantDef.class, shape.kind());
        WitType.ListType polys = assertInstanceOf(WitType.ListType.class, v.cases().get(2).type());
        assertEquals("point", ((WitType.Named) polys.element()).ref().name());
        assertNull(v.cases().get(1).type());

        WitFunction ctor = ((WorldItem.FunctionItem) w.world().exports().get(5)).function();
        assertEquals(FunctionKind.CONSTRUCTOR, ctor.kind());
        assertNull(ctor.result(), "own<counter> is implicit");
        WitFunction get = ((WorldItem.FunctionItem) w.world().exports().get(6)).function();
        assertEquals(FunctionKind.METHOD, get.kind());
        assertEquals("get", get.name());
        assertEquals(List.of(), get.params(), "self is implicit");

        // the nested instance's function uses the parent's types it was instantiated with
        WorldItem.InlineInterfaceItem inner = (WorldItem.InlineInterfaceItem) w.world().exports().get(8);
        WitFunction g = inner.iface().functions().get(0);
        assertEquals("point", ((WitType.Named) g.params().get(0).type()).ref().name());
        assertEquals("perm", ((WitType.Named) g.result()).ref().name());
        assertEquals(List.of(), w.unrepresentable());
    }
}
