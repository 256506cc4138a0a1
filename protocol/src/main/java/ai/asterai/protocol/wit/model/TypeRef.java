package ai.asterai.protocol.wit.model;

/** A reference to a named type: its owner and its name there. Resolve it with {@link ResolvedWit#typeDef}. */
public record TypeRef(TypeOwner owner, String name) {
    @Override
    public String toString() {
        return owner + "." + name;
    }
}
