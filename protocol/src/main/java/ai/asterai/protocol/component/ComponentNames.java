package ai.asterai.protocol.component;

import ai.asterai.protocol.wasm.BoundedInput;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmLimits;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code component-name} custom section: the component's name and names for entries of its index
 * spaces (for messages and debugging). As the spec requires, an invalid section is not an error: it
 * reads as no names.
 */
public record ComponentNames(Optional<String> component, Map<Sort, Map<Long, String>> names) {
    public ComponentNames {
        Map<Sort, Map<Long, String>> copy = new EnumMap<>(Sort.class);
        names.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        names = Collections.unmodifiableMap(copy);
    }

    public static final ComponentNames NONE = new ComponentNames(Optional.empty(), Map.of());

    /** The name of entry {@code index} of {@code sort}, if the section gives one. */
    public Optional<String> name(Sort sort, long index) {
        return Optional.ofNullable(names.getOrDefault(sort, Map.of()).get(index));
    }

    /** Reads the component's (first) {@code component-name} section, or {@link #NONE}. */
    public static ComponentNames of(Component c) {
        for (Definition d : c.definitions()) {
            if (d instanceof Definition.Custom custom && custom.name().equals("component-name")) {
                ByteBuffer view = c.customBytes(custom);
                byte[] bytes = new byte[view.remaining()];
                view.get(bytes);
                return read(bytes, WasmLimits.DEFAULT);
            }
        }
        return NONE;
    }

    static ComponentNames read(byte[] contents, WasmLimits limits) {
        BoundedInput in = BoundedInput.of(contents);
        Optional<String> component = Optional.empty();
        Map<Sort, Map<Long, String>> names = new EnumMap<>(Sort.class);
        long entries = 0;
        try {
            while (!in.atEnd()) {
                int id = in.u8();
                long size = in.length("name subsection");
                in.push(size);
                if (id == 0) {
                    component = Optional.of(in.name("component name", limits.maxNameBytes()));
                } else if (id == 1) {
                    Sort sort = sort(in);
                    int n = in.count("names", limits.maxNameEntries() - entries, 2);
                    entries += n;
                    Map<Long, String> map = names.computeIfAbsent(sort, k -> new LinkedHashMap<>());
                    for (int i = 0; i < n; i++) {
                        long index = in.u32();
                        map.put(index, in.name("name", limits.maxNameBytes()));
                    }
                } else {
                    in.skip(in.remaining());
                }
                in.pop("name subsection");
            }
        } catch (MalformedWasmException e) {
            return NONE; // names are advisory: an invalid section is ignored, not an error
        }
        return new ComponentNames(component, names);
    }

    private static Sort sort(BoundedInput in) {
        int b = in.u8();
        Sort sort = b == 0x00 ? Sort.core(in.u8()) : Sort.component(b);
        if (sort == null) {
            throw in.error(b == 0x00 ? "unknown core sort in the name section" : "unknown sort in the name section");
        }
        return sort;
    }
}
