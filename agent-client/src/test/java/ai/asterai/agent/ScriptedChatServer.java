package ai.asterai.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local OpenAI-compatible Chat Completions endpoint that plays a scripted model: asked about
 * "calc" it calls the calculator tool, about "docs" the docs tool (both: two calls at once); given
 * tool results it answers with them. It records every request so tests check what the LLM received.
 */
final class ScriptedChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private int calls;

    ScriptedChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
        requests.add(req);
        authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        String finish;
        JsonNode msgs = req.path("messages");
        JsonNode last = msgs.get(msgs.size() - 1);
        if ("tool".equals(last.path("role").asText())) {
            StringBuilder answer = new StringBuilder("Answer:");
            for (int i = msgs.size() - 1; i >= 0 && "tool".equals(msgs.get(i).path("role").asText()); i--) {
                answer.append(' ').append(msgs.get(i).path("content").asText());
            }
            message.put("content", answer.toString());
            finish = "stop";
        } else {
            String q = last.path("content").asText();
            ArrayNode toolCalls = JSON.createArrayNode();
            if (q.contains("calc")) {
                toolCalls.add(call("calculator", "{\"expression\":\"2*(3+4)\"}"));
            }
            if (q.contains("batch")) {
                toolCalls.add(call("calc-batch", "{\"expressions\":[\"6*7\",\"1/0\"]}"));
            }
            if (q.contains("docs")) {
                toolCalls.add(call("docs", "{\"query\":\"sandbox permissions\",\"limit\":1}"));
            }
            if (toolCalls.isEmpty()) {
                message.put("content", "I can only do calc and docs.");
                finish = "stop";
            } else {
                message.putNull("content");
                message.set("tool_calls", toolCalls);
                finish = "tool_calls";
            }
        }
        ObjectNode resp = JSON.createObjectNode().put("id", "chatcmpl-" + requests.size()).put("object", "chat.completion")
                .put("model", req.path("model").asText());
        resp.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
        byte[] body = JSON.writeValueAsBytes(resp);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private ObjectNode call(String name, String args) {
        ObjectNode c = JSON.createObjectNode().put("id", "call_" + (++calls)).put("type", "function");
        c.putObject("function").put("name", name).put("arguments", args);
        return c;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
