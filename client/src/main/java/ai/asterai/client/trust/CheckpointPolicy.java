package ai.asterai.client.trust;

import ai.asterai.client.failure.ConfigException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.protocol.tlog.CosignerKey;
import ai.asterai.protocol.tlog.NoteSignature;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.TlogFormatException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which witnesses must have cosigned a log checkpoint before the client accepts it: at least
 * {@code required} valid C2SP cosignature/v1 signatures, each by a different one of {@code witnesses}.
 * Kept in {@code ~/.asterai/trust/witnesses.toml} ({@code required = 1}, {@code witnesses = ["<vkey>"]});
 * without it nothing is required. Every path that accepts a checkpoint (log verify, pulls) calls
 * {@link #check} after verifying the log's own signature.
 */
public record CheckpointPolicy(List<CosignerKey> witnesses, int required) {
    /** Far more than any deployment names; bounds the file and the work per checkpoint. */
    public static final int MAX_WITNESSES = 32;
    private static final int MAX_FILE_BYTES = 64 * 1024;
    public static final CheckpointPolicy NONE = new CheckpointPolicy(List.of(), 0);

    public CheckpointPolicy {
        witnesses = List.copyOf(witnesses);
        if (witnesses.size() > MAX_WITNESSES) {
            throw new IllegalArgumentException("at most " + MAX_WITNESSES + " witness keys");
        }
        if (required < 0 || required > witnesses.size()) {
            throw new IllegalArgumentException("cannot require " + required + " cosignatures from " + witnesses.size() + " witness keys");
        }
    }

    record FileForm(@JsonProperty("required") Integer required, @JsonProperty("witnesses") List<String> witnesses) {
    }

    public static Path file(Path trustDir) {
        return trustDir.resolve("witnesses.toml");
    }

    /** The policy in {@code file}, or {@link #NONE} if there is none; a bad file is a {@link ConfigException}. */
    public static CheckpointPolicy load(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigException(file.toString(), file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        FileForm f;
        try {
            f = TomlMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().readValue(bytes, FileForm.class);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), file + " is not valid TOML with 'required' and 'witnesses'");
        }
        try {
            return of(f == null || f.witnesses() == null ? List.of() : f.witnesses(), f == null || f.required() == null ? 0 : f.required());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file.toString(), file + ": " + e.getMessage());
        }
    }

    /** From verifier-key texts; a bad key, a duplicate or an impossible count is an IllegalArgumentException naming it. */
    public static CheckpointPolicy of(List<String> keys, int required) {
        if (keys.size() > MAX_WITNESSES) {
            throw new IllegalArgumentException("at most " + MAX_WITNESSES + " witness keys");
        }
        Set<CosignerKey> parsed = new LinkedHashSet<>();
        for (String k : keys) {
            try {
                if (!parsed.add(CosignerKey.parse(k))) {
                    throw new IllegalArgumentException("witness key " + k + " is listed twice");
                }
            } catch (TlogFormatException e) {
                throw new IllegalArgumentException("witness key '" + k + "': " + e.getMessage());
            }
        }
        return new CheckpointPolicy(new ArrayList<>(parsed), required);
    }

    /**
     * The witnesses whose valid cosignature the note carries. A line by a configured witness that does
     * not verify is refused outright (someone forged or damaged it), not just left uncounted.
     */
    public List<CosignerKey> cosigners(SignedNote note, String subject) {
        List<CosignerKey> found = new ArrayList<>();
        for (CosignerKey w : witnesses) {
            for (NoteSignature s : note.signatures()) {
                if (w.matches(s)) {
                    try {
                        w.verify(note.text(), s);
                    } catch (TlogFormatException e) {
                        throw new VerificationException(subject, "the checkpoint's cosignature by witness " + w.name() + " does not verify: " + e.getMessage());
                    }
                    found.add(w);
                    break;
                }
            }
        }
        return found;
    }

    /** Throws a {@link VerificationException} unless at least {@link #required} configured witnesses cosigned the note. */
    public List<CosignerKey> check(SignedNote note, String subject) {
        List<CosignerKey> found = cosigners(note, subject);
        if (found.size() < required) {
            throw new VerificationException(subject, "the checkpoint has " + found.size() + " valid cosignature" + (found.size() == 1 ? "" : "s")
                    + " from the configured witnesses, " + required + " required");
        }
        return found;
    }
}
