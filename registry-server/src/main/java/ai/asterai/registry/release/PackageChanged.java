package ai.asterai.registry.release;

/**
 * Fired synchronously, inside the transaction, when a package's set of visible releases changes
 * (publish, yank, unyank), so derived data such as the search projection commits with it or not at all.
 */
public record PackageChanged(long packageId) {
}
