package ai.asterai.agent;

import ai.asterai.agent.failure.AgentException;
import ai.asterai.agent.failure.SlotException;
import ai.asterai.runtime.failure.ComponentException;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.failure.NoSuchFunction;
import ai.asterai.runtime.host.ComponentDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The agent loop: the conversation and the tool list go to the LLM component; tool calls it asks
 * for go to the tool components; their results go back, until the LLM answers or the round limit is
 * reached. Every capability is a sandboxed component, and each can be swapped while the agent runs.
 *
 * <p>The agent's components also find each other through {@code asterai:host/components} (the
 * agent is attached to the runtime as a {@link ComponentDirectory}); a component still reaches only
 * those it declared and the user granted, and a call goes to the slot's current version.
 */
public final class Agent implements AutoCloseable, ComponentDirectory {
    static final String COMPLETE = "chat#complete";
    static final String DESCRIBE = "tool#describe";
    static final String CALL = "tool#call";
    static final String TOOL_INTERFACE = "asterai:agent/tool";
    static final String LLM_INTERFACE = "asterai:llm/chat";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComponentRuntime runtime;
    private final ComponentResolver resolver;
    private final ConversationStore conversation;
    private final Consumer<String> notes;
    private volatile AgentSpec spec;
    private ComponentSlot llm;
    private final Map<String, ComponentSlot> tools = new LinkedHashMap<>();
    private final Map<String, ToolInfo> toolInfo = new LinkedHashMap<>();

    /** Resolves, verifies and instantiates every component of {@code spec}; fails before answering anything. */
    public Agent(AgentSpec spec, ComponentRuntime runtime, ComponentResolver resolver, Consumer<String> notes) {
        this.spec = spec;
        this.runtime = runtime;
        this.resolver = resolver;
        this.notes = notes;
        this.conversation = new ConversationStore(spec.stateDir());
        if (conversation.skipped() > 0) {
            notes.accept("skipped " + conversation.skipped() + " unreadable line(s) of " + conversation.file());
        }
        try {
            llm = ComponentSlot.open("llm", spec.llm(), runtime, resolver.resolve(spec.llm()), Agent::checkLlm);
            for (ComponentSpec t : spec.tools().values()) {
                openTool(t);
            }
            runtime.attach(this);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Loads a tool and puts it in place; a slot it replaces is closed after its calls finish. */
    private void openTool(ComponentSpec t) {
        Resolved r = resolver.resolve(t);
        ToolInfo[] info = new ToolInfo[1];
        ComponentSlot slot = ComponentSlot.open(t.slot(), t, runtime, r, c -> info[0] = describe(t.slot(), c));
        ComponentSlot replaced;
        synchronized (this) {
            replaced = tools.put(t.slot(), slot);
            toolInfo.put(t.slot(), info[0]);
        }
        if (replaced != null) {
            replaced.close();
        }
    }

    /** Asks a tool component about itself, after checking that it is one (see {@link #requireExports}). */
    static ToolInfo describe(String slot, LoadedComponent c) {
        requireExports(c, "tool slot '" + slot + "'", TOOL_INTERFACE, "an agent tool", DESCRIBE, CALL);
        JsonNode d = c.call(DESCRIBE, JSON.createArrayNode());
        return new ToolInfo(d.path("name").asText(), d.path("description").asText(), d.path("parameters-schema").asText("{}"));
    }

    /** Checks that the LLM slot's component is one (see {@link #requireExports}). */
    static LoadedComponent checkLlm(LoadedComponent c) {
        requireExports(c, "llm slot", LLM_INTERFACE, "an LLM", COMPLETE);
        return c;
    }

    /**
     * Naming a component in a slot whose interface it does not export is the user's mistake, not a
     * defect: say so plainly (the runtime's NoSuchFunction would read as an internal error).
     */
    private static void requireExports(LoadedComponent c, String slot, String iface, String role, String... functions) {
        List<String> names = Stream.of(functions).map(f -> f.substring(f.indexOf('#') + 1)).toList();
        for (String name : names) {
            boolean found = c.functions().stream().anyMatch(f -> f.name().equals(name) && f.interfaceId() != null
                    && (f.interfaceId().equals(iface) || f.interfaceId().startsWith(iface + "@")));
            if (!found) {
                List<String> exported = c.functions().stream().map(ExportedFunction::key).toList();
                throw new SlotException(slot, slot + ": " + c.name() + "@" + c.version() + " is not " + role + ": it does not export "
                        + iface + " (" + String.join(", ", names) + ")"
                        + (exported.isEmpty() ? "" : "; it exports " + String.join(", ", exported)));
            }
        }
    }

    public List<ChatMessage> history() {
        return conversation.messages();
    }

    public void resetConversation() {
        conversation.clear();
    }

    /** Slot name to the release it runs now. */
    public synchronized Map<String, String> components() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("llm", llm.resolved().reference());
        tools.forEach((k, v) -> m.put(k, v.resolved().reference()));
        return m;
    }

    /** Answers one user message, running tools as the LLM asks; the exchange is saved as it happens. */
    public String ask(String question) {
        Objects.requireNonNull(question, "question");
        conversation.append(ChatMessage.user(question));
        AgentSpec s = spec;
        String last = "";
        for (int round = 0; round < s.maxToolRounds(); round++) {
            ChatMessage reply = complete(s);
            conversation.append(reply);
            last = reply.content();
            if (reply.toolCalls().isEmpty()) {
                return reply.content();
            }
            for (ChatMessage.ToolCall call : reply.toolCalls()) {
                conversation.append(ChatMessage.tool(call.id(), runTool(call)));
            }
        }
        String stop = "(stopped after " + s.maxToolRounds() + " tool rounds, the limit in agent.toml)";
        notes.accept(stop);
        return last.isBlank() ? stop : last;
    }

    private ChatMessage complete(AgentSpec s) {
        ObjectNode req = JSON.createObjectNode();
        req.put("model", s.model());
        ArrayNode messages = req.putArray("messages");
        if (s.system() != null && !s.system().isBlank()) {
            messages.add(JSON.valueToTree(ChatMessage.system(s.system())));
        }
        for (ChatMessage m : conversation.messages()) {
            messages.add(JSON.valueToTree(m));
        }
        ArrayNode defs = req.putArray("tools");
        synchronized (this) {
            toolInfo.forEach((slot, info) -> defs.addObject().put("name", slot).put("description", info.description())
                    .put("parameters-schema", info.parametersSchema()));
        }
        if (s.maxOutputTokens() != null) {
            req.put("max-tokens", s.maxOutputTokens());
        }
        if (s.temperature() != null) {
            req.put("temperature", s.temperature());
        }
        ArrayNode args = JSON.createArrayNode().add(req);
        JsonNode result;
        ComponentSlot slot;
        synchronized (this) {
            slot = llm;
        }
        try {
            result = slot.call(COMPLETE, args).result();
        } catch (SwapRolledBack e) {
            notes.accept(e.getMessage());
            throw new AgentException("the LLM component failed: " + e.getCause().getMessage(), e);
        } catch (ComponentException e) {
            throw new AgentException("the LLM component failed: " + e.getMessage(), e);
        }
        if (result.has("err")) {
            JsonNode err = result.get("err");
            throw new AgentException("the LLM refused: " + err.path("tag").asText("error") + ": " + err.path("value").asText(""));
        }
        JsonNode msg = result.path("ok").path("message");
        List<ChatMessage.ToolCall> calls = new ArrayList<>();
        for (JsonNode c : msg.path("tool-calls")) {
            calls.add(new ChatMessage.ToolCall(c.path("id").asText(), c.path("name").asText(), c.path("arguments-json").asText("{}")));
        }
        return new ChatMessage("assistant", msg.path("content").asText(""), calls, null);
    }

    /** Runs one tool call; whatever happens becomes the text the LLM reads, so it can recover. */
    private String runTool(ChatMessage.ToolCall call) {
        ComponentSlot slot;
        synchronized (this) {
            slot = tools.get(call.name());
        }
        if (slot == null) {
            return "error: there is no tool named '" + call.name() + "'";
        }
        try {
            JsonNode r = slot.call(CALL, JSON.createArrayNode().add(call.argumentsJson())).result();
            if (r.has("ok")) {
                return r.get("ok").asText();
            }
            return "error: " + r.path("err").asText();
        } catch (SwapRolledBack e) {
            notes.accept(e.getMessage());
            return "error: the tool failed (" + e.getCause().getMessage() + ")";
        } catch (ComponentException e) {
            return "error: the tool failed (" + e.getMessage() + ")";
        }
    }

    /**
     * Swaps a slot to another release (another version, or another component with the same
     * interface). Pulled, verified and instantiated before the switch; on failure nothing changes.
     */
    public String swap(String slotName, String reference) {
        ComponentResolver.checkReference(reference);
        ComponentSlot slot;
        synchronized (this) {
            slot = "llm".equals(slotName) ? llm : tools.get(slotName);
        }
        if (slot == null) {
            throw new SlotException(slotName, "no component slot named '" + slotName + "' (slots: " + components().keySet() + ")");
        }
        Resolved next = resolver.fetch(reference);
        String before = slot.resolved().reference();
        if (slot == llm) {
            slot.swap(next, Agent::checkLlm);
        } else {
            ToolInfo[] info = new ToolInfo[1];
            slot.swap(next, c -> info[0] = describe(slotName, c));
            synchronized (this) {
                toolInfo.put(slotName, info[0]);
            }
        }
        return slotName + ": " + before + " -> " + next.reference();
    }

    /**
     * Applies an edited agent.toml: changed slots are resolved and swapped (each verified and
     * instantiated first), new tools loaded, removed ones closed; model settings take effect on the
     * next question. A slot that fails to load keeps its old version and the failure is reported.
     */
    public List<String> reload(AgentSpec next) {
        List<String> changes = new ArrayList<>();
        AgentSpec before = spec;
        if (!next.llm().equals(before.llm())) {
            changes.add(reloadSlot(llm, next.llm()));
        }
        for (ComponentSpec t : next.tools().values()) {
            ComponentSlot existing;
            synchronized (this) {
                existing = tools.get(t.slot());
            }
            if (existing == null) {
                try {
                    openTool(t);
                    changes.add(t.slot() + ": added " + tools.get(t.slot()).resolved().reference());
                } catch (RuntimeException e) {
                    changes.add(t.slot() + ": could not be added: " + e.getMessage());
                }
            } else if (!existing.spec().equals(t)) {
                changes.add(reloadSlot(existing, t));
            }
        }
        synchronized (this) {
            for (String name : List.copyOf(tools.keySet())) {
                if (!next.tools().containsKey(name)) {
                    tools.remove(name).close();
                    toolInfo.remove(name);
                    changes.add(name + ": removed");
                }
            }
        }
        spec = next;
        return changes;
    }

    private String reloadSlot(ComponentSlot slot, ComponentSpec next) {
        try {
            Resolved r = resolver.resolve(next);
            if (r.digest().equals(slot.resolved().digest()) && next.grants().equals(slot.spec().grants())) {
                slot.respec(next);
                return slot.name() + ": unchanged (" + r.reference() + ")";
            }
            if (!next.grants().equals(slot.spec().grants())) {
                // grants are part of the instance: a new slot carries them; the old one stays until it loads
                if (slot == llm) {
                    ComponentSlot fresh = ComponentSlot.open("llm", next, runtime, r, Agent::checkLlm);
                    synchronized (this) {
                        llm = fresh;
                    }
                    slot.close();
                } else {
                    openTool(next);
                }
                return slot.name() + ": reloaded with new grants (" + r.reference() + ")";
            }
            String done = swap(slot.name(), ComponentResolver.exact(r.reference()));
            slot.respec(next);
            return done;
        } catch (RuntimeException e) {
            return slot.name() + ": kept " + slot.resolved().reference() + "; the new version did not load: " + e.getMessage();
        }
    }

    @Override
    public synchronized void close() {
        runtime.attach(ComponentDirectory.EMPTY);
        if (llm != null) {
            llm.close();
        }
        tools.values().forEach(ComponentSlot::close);
        tools.clear();
    }

    // ---------------------------------------------------------------- ComponentDirectory

    /** The slots whose current version is the package {@code component} (normally one). */
    private synchronized List<ComponentSlot> slotsRunning(String component) {
        List<ComponentSlot> found = new ArrayList<>();
        if (llm != null && llm.component().name().equals(component)) {
            found.add(llm);
        }
        for (ComponentSlot t : tools.values()) {
            if (t.component().name().equals(component)) {
                found.add(t);
            }
        }
        return found;
    }

    @Override
    public Optional<ComponentInfo> find(String component) {
        List<ComponentSlot> slots = slotsRunning(component);
        if (slots.isEmpty()) {
            return Optional.empty();
        }
        LoadedComponent c = slots.get(0).component();
        return Optional.of(new ComponentInfo(c.name(), c.version(), List.copyOf(new LinkedHashSet<>(c.world().exportedInterfaces()))));
    }

    @Override
    public JsonNode call(String caller, String component, String function, JsonNode args) {
        List<ComponentSlot> slots = slotsRunning(component);
        if (slots.isEmpty()) {
            throw new NoSuchFunction(component, function, "no such component is loaded in this agent");
        }
        if (slots.size() > 1) {
            throw new NoSuchFunction(component, function, component + " runs in " + slots.size() + " slots of this agent ("
                    + String.join(", ", slots.stream().map(ComponentSlot::name).toList()) + "), so a call by package name is ambiguous");
        }
        return slots.get(0).call(function, args).result();
    }
}
