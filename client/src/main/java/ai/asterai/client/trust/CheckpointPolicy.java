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
public record CheckpointPolicy(List<CosignerKey> witnesses, int required, java.time.Duration maxAge) {
    /** Far more than any deployment names; bounds the file and the work per checkpoint. */
    public static final int MAX_WITNESSES = 32;
    private static final int MAX_FILE_BYTES = 64 * 1024;
    public static final CheckpointPolicy NONE = new CheckpointPolicy(List.of(), 0);

    public CheckpointPolicy(List<CosignerKey> witnesses, int required) {
        this(witnesses, required, null);
    }

    /**
     * {@code maxAge}, when set, bounds how old the checkpoint may be: checkpoints carry no time of their
     * own (the registry signs one per tree size), so the newest valid cosignature by a configured witness
     * must be at most that old; witnesses re-cosign an unchanged tree each round, so a log that merely
     * went quiet stays fresh while one frozen for a victim does not.
     */
    public CheckpointPolicy {
        witnesses = List.copyOf(witnesses);
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAgeSeconds must be positive");
        }
        if (maxAge != null && witnesses.isEmpty()) {
            throw new IllegalArgumentException("maxAgeSeconds needs witnesses: a checkpoint's time comes from their cosignatures");
        }
        if (witnesses.size() > MAX_WITNESSES) {
            throw new IllegalArgumentException("at most " + MAX_WITNESSES + " witness keys");
        }
        if (required < 0 || required > witnesses.size()) {
            throw new IllegalArgumentException("cannot require " + required + " cosignatures from " + witnesses.size() + " witness keys");
        }
    }

    record FileForm(@JsonProperty("required") Integer required, @JsonProperty("witnesses") List<String> witnesses,
                    @JsonProperty("maxAgeSeconds") Long maxAgeSeconds) {
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
            CheckpointPolicy p = of(f == null || f.witnesses() == null ? List.of() : f.witnesses(), f == null || f.required() == null ? 0 : f.required());
            return f == null || f.maxAgeSeconds() == null ? p
                    : new CheckpointPolicy(p.witnesses(), p.required(), java.time.Duration.ofSeconds(f.maxAgeSeconds()));
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
        return check(note, subject, java.time.Instant.now());
    }

    /** {@link #check} at {@code now}: also refuses a checkpoint whose newest witness cosignature is older than {@link #maxAge}. */
    public List<CosignerKey> check(SignedNote note, String subject, java.time.Instant now) {
        List<CosignerKey> found = cosigners(note, subject);
        if (found.size() < required) {
            throw new VerificationException(subject, "the checkpoint has " + found.size() + " valid cosignature" + (found.size() == 1 ? "" : "s")
                    + " from the configured witnesses, " + required + " required");
        }
        if (maxAge != null) {
            long newest = -1;
            for (CosignerKey w : found) {
                for (NoteSignature s : note.signatures()) {
                    if (w.matches(s)) {
                        try {
                            newest = Math.max(newest, ai.asterai.protocol.tlog.Cosignature.of(s).timestamp());
                        } catch (TlogFormatException e) {
                            throw new VerificationException(subject, "the checkpoint's cosignature by witness " + w.name() + " does not verify: " + e.getMessage());
                        }
                    }
                }
            }
            if (newest < 0) {
                throw new VerificationException(subject, "the checkpoint carries no cosignature from the configured witnesses, so its age is"
                        + " unknown; at most " + maxAge.toSeconds() + " s is allowed");
            }
            if (newest < now.getEpochSecond() - maxAge.toSeconds()) {
                throw new VerificationException(subject, "the checkpoint's newest witness cosignature is from "
                        + java.time.Instant.ofEpochSecond(newest) + ", older than the allowed " + maxAge.toSeconds()
                        + " s: the registry may be showing a frozen log");
            }
        }
        return found;
    }
}
