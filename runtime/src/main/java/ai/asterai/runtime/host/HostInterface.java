package ai.asterai.runtime.host;

import ai.asterai.runtime.abi.ImportAdapter;
import ai.asterai.runtime.abi.WitSignature;
import java.util.Map;

/** One interface of the host API: its functions' signatures and their Java implementations. */
public interface HostInterface {
    /** {@code ns:pkg/iface@version}. */
    String id();

    /** Function name to signature. */
    Map<String, WitSignature> signatures();

    /** The implementation of {@code function} for the component described by {@code ctx}. */
    ImportAdapter.Implementation bind(String function, HostContext ctx);
}
