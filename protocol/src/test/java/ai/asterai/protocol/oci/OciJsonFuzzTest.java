package ai.asterai.protocol.oci;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.release.PackageKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates real OCI documents (a release's manifests, config and referrers index) and checks that each
 * parser accepts the result or refuses it with {@link InvalidInputException}: never another exception.
 * The seed is fixed so a failure reproduces; the count of cases is printed (docs/security.md).
 */
class OciJsonFuzzTest {
    private static final long SEED = 0x0c1_f022L;

    @Test
    void mutatedDocumentsAreAcceptedOrRefusedCleanly() {
        ReleaseArtifacts a = ReleaseArtifacts.build(OciJsonTest.facts(PackageKind.COMPONENT));
        List<byte[]> seeds = List.of(a.componentJson(), a.signatureReferrerJson(), a.witReferrerJson(), a.config(),
                new OciIndex(a.referrers()).toJson());
        byte[] tokens = "{}[]\":,0123456789-.eE+ truefalsenull\\u".getBytes();
        SplittableRandom rnd = new SplittableRandom(SEED);
        long cases = 0;
        long refused = 0;
        for (byte[] seed : seeds) {
            for (int cut = 0; cut < seed.length; cut++) {
                refused += run(Arrays.copyOf(seed, cut));
                cases++;
            }
            for (int i = 0; i < 4000; i++) {
                byte[] m = seed.clone();
                int edits = 1 + rnd.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = rnd.nextInt(m.length);
                    m[at] = rnd.nextBoolean() ? tokens[rnd.nextInt(tokens.length)] : (byte) rnd.nextInt(256);
                }
                refused += run(m);
                cases++;
            }
        }
        System.out.printf("oci json fuzz: %d cases, %d refused, %d accepted, 0 crashes%n", cases, refused, cases - refused);
        assertTrue(cases > 20_000, "cases: " + cases);
    }

    /** 1 when every parser refused it, else 0; any exception other than InvalidInputException fails the test. */
    private static int run(byte[] doc) {
        int refusals = 0;
        List<Runnable> parsers = new ArrayList<>();
        parsers.add(() -> OciManifest.parse(doc));
        parsers.add(() -> OciIndex.parse(doc));
        parsers.add(() -> WasmConfig.parse(doc));
        for (Runnable p : parsers) {
            try {
                p.run();
            } catch (InvalidInputException e) {
                refusals++;
            }
        }
        return refusals == parsers.size() ? 1 : 0;
    }
}
