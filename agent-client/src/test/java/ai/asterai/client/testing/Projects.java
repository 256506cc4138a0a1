package ai.asterai.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small asterai projects (asterai.toml, WIT, a tiny wasm module) for tests. */
public final class Projects {
    /** The smallest valid WebAssembly module: magic and version 1. */
    public static final byte[] EMPTY_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private Projects() {
    }

    public static Path component(Path dir, String name, String version) {
        return component(dir, name, version, EMPTY_MODULE);
    }

    public static Path component(Path dir, String name, String version, byte[] wasm) {
        String pkgName = name.substring(name.indexOf(':') + 1);
        try {
            Files.createDirectories(dir.resolve("wit"));
            Files.writeString(dir.resolve("asterai.toml"), String.join("\n",
                    "[package]",
                    "name = \"" + name + "\"",
                    "version = \"" + version + "\"",
                    "kind = \"component\"",
                    "description = \"A test component\"",
                    "keywords = [\"test\"]",
                    "license = \"Apache-2.0\"",
                    "world = \"" + name + "/main@" + version + "\"",
                    "wasm = \"" + pkgName + ".wasm\"",
                    "wit = \"wit\"",
                    "",
                    "[permissions]",
                    "files = [{ guest = \"/data\", access = \"rw\" }]",
                    "hosts = [\"https://api.example.com:443\"]",
                    "env = [\"API_KEY\"]",
                    "memory = 16777216",
                    "time-ms = 5000",
                    "components = []",
                    ""));
            Files.writeString(dir.resolve("wit").resolve(pkgName + ".wit"), String.join("\n",
                    "package " + name + "@" + version + ";",
                    "",
                    "interface api {",
                    "    greet: func(who: string) -> string;",
                    "}",
                    "",
                    "world main {",
                    "    export api;",
                    "}",
                    ""));
            Files.write(dir.resolve(pkgName + ".wasm"), wasm);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path iface(Path dir, String name, String version) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("asterai.toml"), String.join("\n",
                    "[package]",
                    "name = \"" + name + "\"",
                    "version = \"" + version + "\"",
                    "kind = \"interface\"",
                    "description = \"Shared types\"",
                    "wit = \"types.wit\"",
                    ""));
            Files.writeString(dir.resolve("types.wit"), "package " + name + "@" + version + ";\n\ninterface types {\n    type id = u64;\n}\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
