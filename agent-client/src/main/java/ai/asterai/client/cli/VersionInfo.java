package ai.asterai.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven stamped into {@code version.properties}; read only for {@code --version} and the User-Agent. */
public final class VersionInfo implements CommandLine.IVersionProvider {
    private static String cached;

    public static synchronized String version() {
        if (cached == null) {
            Properties p = new Properties();
            try (InputStream in = VersionInfo.class.getResourceAsStream("/ai/asterai/client/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException ignored) {
                // fall through to "unknown"
            }
            String v = p.getProperty("version", "unknown");
            cached = v.startsWith("${") ? "unknown" : v;
        }
        return cached;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"asterai " + version() + " (Java " + Runtime.version().feature() + ")"};
    }
}
