package ai.asterai.runtime.host;

import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.protocol.wit.model.WitPackageName;
import java.util.Map;

/**
 * The WIT packages of the host API, as published in the repository's {@code wit/} folder (a test
 * checks these copies byte for byte against it). They give the host interfaces their types, and they
 * serve as dependencies when a component's own WIT refers to them.
 */
public final class HostWitText {
    private HostWitText() {
    }

    /** wit/host/components.wit */
    public static final String HOST = """
        /// Host API that the Asterai runtime offers to every component.
        package asterai:host@0.1.0;
        
        /// Find and call other components installed in the same runtime.
        ///
        /// A component may only see and call the components it declared in the
        /// `components` list of its `asterai.toml` and that the user granted.
        interface components {
            /// One component the caller is allowed to call.
            record component-info {
                /// Package name, `namespace:name`, e.g. `asterai:calculator`.
                name: string,
                /// Semantic version of the installed component, e.g. `0.1.0`.
                version: string,
                /// Fully qualified names of the interfaces it exports,
                /// e.g. `asterai:agent/tool@0.1.0`.
                interfaces: list<string>,
            }
        
            /// Lists the components the caller declared and the user granted.
            %list: func() -> list<component-info>;
        
            /// Calls `function` of `component` (`namespace:name`) with `args-json`,
            /// the arguments as a JSON array in parameter order, and returns the
            /// function's result as JSON text.
            ///
            /// `function` is `interface#func`, e.g. `asterai:agent/tool@0.1.0#call`,
            /// or a plain world-level function name. Returns `err` with a message if
            /// the component was not declared or not granted, does not exist, has no
            /// such function, the arguments do not fit, or the call trapped.
            call: func(component: string, function: string, args-json: string) -> result<string, string>;
        }
        """;

    /** wit/http/outgoing.wit */
    public static final String HTTP = """
        /// Outgoing HTTP requests made by the host on behalf of a component.
        package asterai:http@0.1.0;
        
        /// Send HTTP requests. The host allows only the hosts (`scheme://host:port`)
        /// listed in the component's `asterai.toml` and granted by the user.
        interface outgoing {
            /// An HTTP request.
            record request {
                /// Method, e.g. `GET` or `POST`.
                method: string,
                /// Absolute `http` or `https` URL.
                url: string,
                /// Header names and values, in order; names may repeat.
                headers: list<tuple<string, string>>,
                /// Request body, if any.
                body: option<list<u8>>,
                /// Time limit for the whole exchange in milliseconds; the host
                /// applies its own default and maximum.
                timeout-ms: option<u32>,
            }
        
            /// An HTTP response, whatever its status.
            record response {
                /// Status code, e.g. 200.
                status: u16,
                /// Header names (lower case) and values, in order.
                headers: list<tuple<string, string>>,
                /// Full response body.
                body: list<u8>,
            }
        
            /// Why no response was received.
            variant error {
                /// The host or scheme was not granted to this component; says which.
                denied(string),
                /// The URL could not be parsed or is not `http`/`https`; says why.
                invalid-url(string),
                /// The time limit ran out.
                timeout,
                /// The response body exceeded the host's size limit.
                too-large,
                /// Any other failure (DNS, connection, TLS, protocol); says what.
                failed(string),
            }
        
            /// Sends `req` and waits for the full response.
            send: func(req: request) -> result<response, error>;
        }
        """;

    /** wit/log/logger.wit */
    public static final String LOG = """
        /// Structured logging into the host's log.
        package asterai:log@0.1.0;
        
        /// Write log records tagged with the calling component's name.
        interface logger {
            /// Severity of a log record, from most to least verbose.
            enum level {
                /// Very detailed tracing.
                trace,
                /// Debugging details.
                debug,
                /// Normal operation.
                info,
                /// Something unexpected but handled.
                warn,
                /// A failure.
                error,
            }
        
            /// Writes one record with `message` and extra key-value `fields`.
            /// The host may drop records below its configured level.
            log: func(level: level, message: string, fields: list<tuple<string, string>>);
        }
        """;

    /** wit/agent/agent.wit */
    public static final String AGENT = """
        /// Interfaces that make a component usable by an AI agent.
        package asterai:agent@0.1.0;
        
        /// A tool an agent's model can call.
        interface tool {
            /// How the tool presents itself to a model.
            record tool-info {
                /// Short unique name, e.g. `calculator`.
                name: string,
                /// What the tool does and when to use it.
                description: string,
                /// JSON Schema text of the arguments object `call` accepts.
                parameters-schema: string,
            }
        
            /// Describes the tool.
            describe: func() -> tool-info;
        
            /// Runs the tool with a JSON object matching `parameters-schema`;
            /// returns its output text (usually JSON) or an error message.
            call: func(arguments-json: string) -> result<string, string>;
        }
        
        /// Key-value memory an agent keeps across conversations.
        interface memory {
            /// Stores `value` under `key`, replacing any earlier value;
            /// `err` says why it could not (bad key, storage failure).
            store: func(key: string, value: string) -> result<_, string>;
        
            /// Returns the value stored under `key`, if any.
            recall: func(key: string) -> option<string>;
        
            /// Lists all stored keys, sorted.
            list-keys: func() -> list<string>;
        
            /// Removes `key`; returns whether it existed.
            forget: func(key: string) -> bool;
        }
        
        /// A component that is a tool.
        world tool-component {
            /// Logging.
            import asterai:log/logger@0.1.0;
            /// The tool.
            export tool;
        }
        
        /// A component that is an agent memory, also usable as a tool.
        world memory-component {
            /// Logging.
            import asterai:log/logger@0.1.0;
            /// The memory.
            export memory;
            /// The memory as a tool.
            export tool;
        }
        """;

    /** wit/llm/chat.wit */
    public static final String LLM = """
        /// Chat completion with large language models.
        package asterai:llm@0.1.0;
        
        /// Provider-neutral chat completion with tool calling.
        interface chat {
            /// Who wrote a message.
            enum role {
                /// Instructions that set up the conversation.
                system,
                /// The human user.
                user,
                /// The model.
                assistant,
                /// The output of a tool the model asked to call.
                tool,
            }
        
            /// A call of a tool requested by the model.
            record tool-call {
                /// Identifier chosen by the provider; tool results refer to it.
                id: string,
                /// Name of the tool to call.
                name: string,
                /// Arguments as a JSON object text.
                arguments-json: string,
            }
        
            /// One message of a conversation.
            record message {
                /// Author of the message.
                role: role,
                /// Text content; may be empty for an assistant message with tool calls.
                content: string,
                /// Tool calls requested by the assistant; empty for other roles.
                tool-calls: list<tool-call>,
                /// For a `tool` message: the `id` of the tool call it answers.
                tool-call-id: option<string>,
            }
        
            /// A tool the model may call.
            record tool-definition {
                /// Unique tool name.
                name: string,
                /// What the tool does, for the model.
                description: string,
                /// JSON Schema text of the arguments object.
                parameters-schema: string,
            }
        
            /// A request for the next assistant message.
            record chat-request {
                /// Provider model name, e.g. `gpt-4o-mini`.
                model: string,
                /// Conversation so far, oldest first.
                messages: list<message>,
                /// Tools the model may call; may be empty.
                tools: list<tool-definition>,
                /// Maximum tokens to generate; provider default if none.
                max-tokens: option<u32>,
                /// Sampling temperature; provider default if none.
                temperature: option<f32>,
            }
        
            /// Why the model stopped.
            enum finish-reason {
                /// It finished its message.
                stop,
                /// It hit the token limit.
                length,
                /// It wants the tools in `message.tool-calls` to be called.
                tool-calls,
                /// The provider filtered the content.
                content-filter,
                /// Any other reason.
                other,
            }
        
            /// The model's answer.
            record chat-response {
                /// The new assistant message.
                message: message,
                /// Why generation stopped.
                finish-reason: finish-reason,
            }
        
            /// Why no answer was produced.
            variant error {
                /// The request was malformed or refused by the provider; says why.
                invalid-request(string),
                /// Credentials were missing or rejected; says which.
                unauthorized(string),
                /// The provider is rate limiting; says when to retry if known.
                rate-limited(string),
                /// The provider failed or could not be reached; says what happened.
                provider(string),
                /// The provider's answer could not be understood; says why.
                bad-response(string),
            }
        
            /// Asks the model for the next message of the conversation.
            complete: func(req: chat-request) -> result<chat-response, error>;
        }
        
        /// A component that provides chat completion by calling a provider's HTTP API.
        world llm {
            /// Outgoing HTTP to reach the provider.
            import asterai:http/outgoing@0.1.0;
            /// Logging.
            import asterai:log/logger@0.1.0;
            /// Chat completion.
            export chat;
        }
        """;

    /** Package id (e.g. {@code asterai:http@0.1.0}) to its WIT text. */
    public static final Map<String, String> BY_PACKAGE = Map.of(
            "asterai:host@0.1.0", HOST,
            "asterai:http@0.1.0", HTTP,
            "asterai:log@0.1.0", LOG,
            "asterai:agent@0.1.0", AGENT,
            "asterai:llm@0.1.0", LLM);

    /** Serves the host packages, then asks {@code next} for anything else. */
    public static DepsProvider provider(DepsProvider next) {
        return (WitPackageName id) -> {
            String text = BY_PACKAGE.get(id.toString());
            return text != null ? text : next.load(id);
        };
    }
}
