package ai.asterai.client.cli;

import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.witness.RegistryLogSource;
import ai.asterai.client.witness.Witness;
import ai.asterai.client.witness.WitnessState;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.tlog.Cosigner;
import ai.asterai.protocol.tlog.NoteVerifier;
import ai.asterai.protocol.tlog.TlogFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "witness", description = "Witness a registry's transparency log: check that its checkpoint grew consistently from the one"
        + " cosigned last time, then cosign it (C2SP cosignature/v1) and send the cosignature to the registry. Refuses a rollback or fork (exit 2).")
final class LogWitnessCommand extends BaseCommand {
    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    @Option(names = "--log-key", required = true, paramLabel = "VERIFIER_KEY",
            description = "The log's verifier key (<origin>+<hash>+<key>), obtained out of band: a witness never trusts the served one")
    String logKey;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The witness's name, e.g. witness.example.com/w1")
    String name;

    @Option(names = "--key-file", required = true, paramLabel = "FILE",
            description = "The witness's Ed25519 key (ed25519-private:...); generated (mode 0600) if the file does not exist")
    String keyFile;

    @Option(names = "--state", paramLabel = "FILE",
            description = "The last checkpoint cosigned (default: ~/.asterai/witness/<hash of the log key>.checkpoint)")
    String stateFile;

    @Option(names = "--every", paramLabel = "SECONDS", description = "Keep following the log, witnessing every SECONDS (default: once)")
    Integer every;

    record Result(String registry, String origin, long size, String root, long previousSize, String witnessKey, long timestamp) {
    }

    @Override
    protected int run() throws Exception {
        NoteVerifier log;
        try {
            log = NoteVerifier.parse(logKey);
        } catch (TlogFormatException e) {
            throw new UserException("--log-key: " + e.getMessage());
        }
        if (every != null && (every < 1 || every > 86_400)) {
            throw new UserException("--every takes 1 to 86400 seconds");
        }
        Cosigner cosigner;
        try {
            cosigner = new Cosigner(name, key(ctx.resolve(keyFile)));
        } catch (TlogFormatException e) {
            throw new UserException("--name: " + e.getMessage());
        }
        Path state = stateFile != null ? ctx.resolve(stateFile) : ctx.home().trust().resolveSibling("witness")
                .resolve(Digest.of(log.text().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32) + ".checkpoint");
        RegistryClient client = ctx.registry(registry.url);
        Witness witness = new Witness(log, cosigner, new WitnessState(state), Clock.systemUTC());
        while (true) {
            Witness.Result r = witness.witness(new RegistryLogSource(client));
            if (json.enabled) {
                ctx.printJson(new Result(client.url().value(), r.checkpoint().origin(), r.checkpoint().size(), r.checkpoint().root().base64(),
                        r.previousSize(), cosigner.verifier().text(), r.cosignature().timestamp()));
            } else {
                ctx.out().println("Cosigned " + r.checkpoint().origin() + " at " + r.checkpoint().size() + " entries (previously "
                        + r.previousSize() + ") as " + cosigner.verifier().text());
            }
            if (every == null) {
                return ExitCodes.OK;
            }
            Thread.sleep(every * 1000L);
        }
    }

    private SigningKey key(Path file) throws IOException {
        if (!Files.exists(file)) {
            SigningKey generated = SigningKey.generate();
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // no POSIX permissions on this file system
            }
            Files.writeString(file, generated.encode() + "\n", StandardCharsets.UTF_8);
            ctx.err().println("Generated the witness key " + file);
            return generated;
        }
        if (Files.size(file) > 1024) {
            throw new UserException(file + " is not a witness key file (ed25519-private:...)");
        }
        try {
            return SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (InvalidInputException e) {
            throw new UserException(file + ": " + e.getMessage());
        }
    }
}
