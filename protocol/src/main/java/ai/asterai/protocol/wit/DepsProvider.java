package ai.asterai.protocol.wit;

import ai.asterai.protocol.wit.model.WitPackageName;

/**
 * Supplies the WIT text of a foreign package when a document refers to it, e.g. the registry handing
 * out a package it already stores. Called at most once per package id, only for packages that are
 * actually referenced; the text may itself refer to further packages.
 */
@FunctionalInterface
public interface DepsProvider {
    /** A provider that knows no packages. */
    DepsProvider NONE = id -> null;

    /**
     * Returns the WIT text of package {@code id} (exact name and version), or null when unknown; an
     * unknown package that is referenced ends resolution with a located {@link WitException}.
     */
    String load(WitPackageName id);
}
