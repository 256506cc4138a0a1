package ai.asterai.runtime.abi;

/** A core WebAssembly function: flat values in, flat values out (see {@link CoreType} for encoding). */
@FunctionalInterface
public interface CoreFunction {
    long[] call(long... args);
}
