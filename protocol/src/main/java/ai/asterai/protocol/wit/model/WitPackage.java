package ai.asterai.protocol.wit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A resolved package: its named interfaces and its worlds, in dependency order. */
public record WitPackage(WitPackageName name, String docs, List<WitInterface> interfaces, List<WitWorld> worlds) {
    public WitPackage {
        Objects.requireNonNull(name, "name");
        interfaces = List.copyOf(interfaces);
        worlds = List.copyOf(worlds);
    }

    public Optional<WitInterface> findInterface(String interfaceName) {
        return interfaces.stream().filter(i -> interfaceName.equals(i.name())).findFirst();
    }

    public Optional<WitWorld> findWorld(String worldName) {
        return worlds.stream().filter(w -> w.name().equals(worldName)).findFirst();
    }
}
