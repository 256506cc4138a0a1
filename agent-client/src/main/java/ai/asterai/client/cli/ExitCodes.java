package ai.asterai.client.cli;

import ai.asterai.agent.failure.AgentException;
import ai.asterai.agent.failure.AgentFileException;
import ai.asterai.agent.failure.ChatCommandException;
import ai.asterai.agent.failure.SlotException;
import ai.asterai.client.failure.ClientException;
import ai.asterai.client.failure.KeyStoreException;
import ai.asterai.client.failure.NetworkException;
import ai.asterai.client.failure.NotCachedException;
import ai.asterai.client.failure.NotLoggedInException;
import ai.asterai.client.failure.OciRegistryException;
import ai.asterai.client.failure.RegistryException;
import ai.asterai.client.failure.TrustFileException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.runtime.failure.ComponentException;
import ai.asterai.protocol.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import picocli.CommandLine;

/**
 * The one place where failures become exit codes and messages (documented in docs/cli.md):
 * 0 ok, 1 user error, 2 verification failure, 3 network or registry unavailable. The libraries throw
 * typed failures with their context; what a person should run next is added here.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int VERIFICATION_FAILED = 2;
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }

    public static int of(Throwable t) {
        if (t instanceof VerificationException) {
            return VERIFICATION_FAILED;
        }
        if (t instanceof NetworkException || t instanceof NotCachedException) {
            return UNAVAILABLE;
        }
        if (t instanceof RegistryException r) {
            return r.isTransient() ? UNAVAILABLE : USER_ERROR;
        }
        return USER_ERROR;
    }

    /** One line for stderr, after {@code error: }. */
    public static String message(Throwable t) {
        if (t instanceof RegistryException r) {
            return RegistryClient.oneLine(r.getMessage()) + " (HTTP " + r.status() + hint(r) + ")";
        }
        if (t instanceof UserException || t instanceof ClientException || t instanceof InvalidInputException
                || t instanceof AgentFileException || t instanceof SlotException || t instanceof ChatCommandException) {
            // our own messages: one line, never cut (they end with the way out)
            return RegistryClient.oneLine(String.valueOf(t.getMessage()) + wayOut(t), 4000);
        }
        if (t instanceof CommandLine.ParameterException p) {
            return firstLine(p.getMessage()) + " (see '" + p.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
        }
        if (t instanceof ComponentException c) {
            // a component that fails, traps or does not fit (as asterai run reports it): not a defect of asterai
            return RegistryClient.oneLine(String.valueOf(c.getMessage()), 4000) + " [" + c.kind() + "]";
        }
        if (t instanceof AgentException a) {
            return RegistryClient.oneLine(String.valueOf(a.getMessage()), 4000);
        }
        if (t instanceof UncheckedIOException u) {
            return io(u.getCause());
        }
        if (t instanceof IOException io) {
            return io(io);
        }
        return "internal error: " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + RegistryClient.oneLine(t.getMessage()))
                + " (set ASTERAI_DEBUG=1 for details)";
    }

    /** The command to run next, for the failures whose remedy is one. */
    static String wayOut(Throwable t) {
        if (t instanceof NotLoggedInException n) {
            return "; run: asterai login --registry " + n.registry() + " --token <token>";
        }
        if (t instanceof VerificationException v) {
            return switch (v.remedy()) {
                case RESET_TRUST -> " If you trust the new keys, run: asterai trust reset " + v.namespace();
                case VERIFY_ONLINE -> "; run without --offline to verify it against the registry's keys";
                case NONE -> "";
            };
        }
        if (t instanceof NotCachedException n) {
            return n.missing() == NotCachedException.Missing.PART ? "; run without --offline to download it again"
                    : "; run without --offline to download it";
        }
        if (t instanceof TrustFileException f) {
            return "; remove it with: asterai trust reset " + f.namespace();
        }
        if (t instanceof KeyStoreException k) {
            return switch (k.problem()) {
                case ALREADY_EXISTS -> "; choose another --name";
                case READABLE_BY_OTHERS -> "; run: chmod 600 " + k.file();
                case NOT_FOUND -> "; create one with: asterai keygen --name " + k.keyName();
                case INVALID_NAME, NOT_A_KEY -> "";
            };
        }
        return "";
    }

    private static String hint(RegistryException r) {
        if (r instanceof OciRegistryException o) {
            return switch (o.status()) {
                case 401 -> "; put credentials for " + o.authority() + " in ~/.docker/config.json ($DOCKER_CONFIG), or log in to it with asterai login";
                case 403 -> "; those credentials may not do this";
                case 429, 503 -> "; try again later";
                default -> "";
            };
        }
        return switch (r.status()) {
            case 401 -> "; log in again: asterai login --registry " + registryOf(r.url()) + " --token <token>";
            case 403 -> "; the token lacks the scope or namespace for this";
            case 429, 503 -> "; try again later";
            default -> "";
        };
    }

    private static String registryOf(String url) {
        int v1 = url == null ? -1 : url.indexOf("/v1/");
        return v1 < 0 ? "<url>" : url.substring(0, v1);
    }

    private static String io(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof FileSystemException f) {
            return "cannot use " + f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
        }
        return "I/O error: " + RegistryClient.oneLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid arguments";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
