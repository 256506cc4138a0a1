package ai.asterai.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;

/**
 * Picks up edits to agent.toml while the agent runs: the file's modification time is checked every
 * second (portable, no inotify limits), and a changed, valid file is applied with {@link Agent#reload}.
 * An invalid edit is reported and ignored until the file is fixed.
 */
public final class AgentWatcher implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    private AgentWatcher(Path file, Agent agent, Consumer<String> report) {
        this.thread = new Thread(() -> watch(file, agent, report), "agent.toml watcher");
        this.thread.setDaemon(true);
    }

    public static AgentWatcher start(Path file, Agent agent, Consumer<String> report) {
        AgentWatcher w = new AgentWatcher(file, agent, report);
        w.thread.start();
        return w;
    }

    private void watch(Path file, Agent agent, Consumer<String> report) {
        FileTime seen = modified(file);
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            FileTime now = modified(file);
            if (now == null || now.equals(seen)) {
                continue;
            }
            seen = now;
            try {
                for (String change : agent.reload(AgentFile.load(file))) {
                    report.accept(change);
                }
            } catch (RuntimeException e) {
                report.accept("not applied: " + e.getMessage());
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
