package ai.asterai.protocol.component;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded component: its definitions in binary order and, derived from them, its index spaces.
 * Immutable. Read one with {@link Components#read(byte[])} (decode and validate) or
 * {@link ComponentDecoder#decode(byte[])} (decode only).
 */
public final class Component {
    /** One entry of an index space: its position and the definition that put it there. */
    public record Entry(Sort sort, int index, Definition definition) {
    }

    private final byte[] source;
    private final long offset;
    private final List<Definition> definitions;
    private final Map<Sort, List<Entry>> spaces;

    Component(byte[] source, long offset, List<Definition> definitions) {
        this.source = source;
        this.offset = offset;
        this.definitions = List.copyOf(definitions);
        Map<Sort, List<Entry>> s = new EnumMap<>(Sort.class);
        for (Sort sort : Sort.values()) {
            s.put(sort, new ArrayList<>());
        }
        for (Definition d : this.definitions) {
            Sort sort = sortOf(d);
            if (sort == null) {
                continue;
            }
            int n = d instanceof Definition.Start st ? (int) Math.min(st.results(), Integer.MAX_VALUE) : 1;
            List<Entry> list = s.get(sort);
            for (int i = 0; i < n; i++) {
                list.add(new Entry(sort, list.size(), d));
            }
        }
        s.replaceAll((k, v) -> List.copyOf(v));
        this.spaces = Collections.unmodifiableMap(s);
    }

    /** The sort a definition adds an entry to, or null (custom sections). */
    static Sort sortOf(Definition d) {
        if (d instanceof Definition.CoreModule) {
            return Sort.CORE_MODULE;
        } else if (d instanceof Definition.CoreInstantiate || d instanceof Definition.CoreInlineInstance) {
            return Sort.CORE_INSTANCE;
        } else if (d instanceof Definition.CoreTypeDefinition) {
            return Sort.CORE_TYPE;
        } else if (d instanceof Definition.NestedComponent) {
            return Sort.COMPONENT;
        } else if (d instanceof Definition.Instantiate || d instanceof Definition.InlineInstance) {
            return Sort.INSTANCE;
        } else if (d instanceof Definition.AliasDefinition a) {
            return a.alias().sort();
        } else if (d instanceof Definition.TypeDefinition) {
            return Sort.TYPE;
        } else if (d instanceof Definition.CanonLift) {
            return Sort.FUNC;
        } else if (d instanceof Definition.Canon) {
            return Sort.CORE_FUNC; // lower, resource.new/drop/rep
        } else if (d instanceof Definition.Start) {
            return Sort.VALUE;
        } else if (d instanceof Definition.Import i) {
            return i.type().sort();
        } else if (d instanceof Definition.Export e) {
            return e.sort();
        }
        return null; // custom sections
    }

    /** Where this component starts in the outermost binary (0 for the outermost one). */
    public long offset() {
        return offset;
    }

    public List<Definition> definitions() {
        return definitions;
    }

    /** The entries of one index space, in index order. */
    public List<Entry> indexSpace(Sort sort) {
        return spaces.get(sort);
    }

    public List<Definition.Import> imports() {
        return definitions.stream().filter(Definition.Import.class::isInstance).map(Definition.Import.class::cast).toList();
    }

    public List<Definition.Export> exports() {
        return definitions.stream().filter(Definition.Export.class::isInstance).map(Definition.Export.class::cast).toList();
    }

    /** The contents of a custom section of this binary (a read-only view, no copy). */
    public ByteBuffer customBytes(Definition.Custom custom) {
        return ByteBuffer.wrap(source, (int) custom.contentStart(), (int) custom.contentLength()).slice().asReadOnlyBuffer();
    }

    /** The bytes of an embedded core module of this binary (a read-only view, no copy). */
    public ByteBuffer moduleBytes(Definition.CoreModule module) {
        return ByteBuffer.wrap(source, (int) module.start(), (int) module.length()).slice().asReadOnlyBuffer();
    }
}
