package ai.asterai.runtime.engine;

import ai.asterai.runtime.abi.WitSignature;

/**
 * A function a component exports.
 *
 * @param key         how callers name it: {@code ns:pkg/iface@ver#func}, {@code inline-iface#func}, or
 *                    {@code func} for a world-level export
 * @param interfaceId the exported interface ({@code ns:pkg/iface@ver} or an inline interface's name),
 *                    or null for a world-level function
 */
public record ExportedFunction(String key, String interfaceId, String name, WitSignature signature) {
}
