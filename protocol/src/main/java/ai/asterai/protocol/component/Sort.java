package ai.asterai.protocol.component;

/** The index spaces of a component, in the order the runtime lists them. */
public enum Sort {
    CORE_FUNC("core func"), CORE_TABLE("core table"), CORE_MEMORY("core memory"), CORE_GLOBAL("core global"),
    CORE_TAG("core tag"), CORE_TYPE("core type"), CORE_MODULE("core module"), CORE_INSTANCE("core instance"),
    FUNC("func"), VALUE("value"), TYPE("type"), COMPONENT("component"), INSTANCE("instance");

    private final String text;

    Sort(String text) {
        this.text = text;
    }

    /** The core sort a binary encodes as {@code b} (after a 0x00 sort byte, or in a core alias); null if none. */
    static Sort core(int b) {
        return switch (b) {
            case 0x00 -> CORE_FUNC;
            case 0x01 -> CORE_TABLE;
            case 0x02 -> CORE_MEMORY;
            case 0x03 -> CORE_GLOBAL;
            case 0x04 -> CORE_TAG;
            case 0x10 -> CORE_TYPE;
            case 0x11 -> CORE_MODULE;
            case 0x12 -> CORE_INSTANCE;
            default -> null;
        };
    }

    /** The component-level sort a binary encodes as {@code b} (0x00 introduces a core sort instead); null if none. */
    static Sort component(int b) {
        return switch (b) {
            case 0x01 -> FUNC;
            case 0x02 -> VALUE;
            case 0x03 -> TYPE;
            case 0x04 -> COMPONENT;
            case 0x05 -> INSTANCE;
            default -> null;
        };
    }

    public boolean isCore() {
        return ordinal() <= CORE_INSTANCE.ordinal();
    }

    @Override
    public String toString() {
        return text;
    }
}
