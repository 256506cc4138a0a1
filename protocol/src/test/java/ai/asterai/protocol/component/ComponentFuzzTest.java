package ai.asterai.protocol.component;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds the decoder and validator truncated, bit-flipped, random and grammar-generated components and
 * checks that each
 * is accepted or refused with {@link MalformedComponentException} / {@link InvalidComponentException}:
 * never another exception. Fixed seed, so a failure reproduces; the case count is printed and kept in
 * docs/components.md.
 */
class ComponentFuzzTest {
    private static final long SEED = 0xc0de_c0de_0d01L;
    /** Cases run: the figure recorded in docs/components.md. */
    static final int MIN_CASES = 60_000;

    private long accepted;
    private long malformed;
    private long invalid;
    private long worldRefused;

    @Test
    void mutatedComponentsAreAcceptedOrRefusedWithATypedError() {
        List<byte[]> seeds = List.of(Fixtures.LIFT, Fixtures.RICH);
        SplittableRandom rnd = new SplittableRandom(SEED);
        long cases = 0;
        for (byte[] seed : seeds) {
            for (int cut = 0; cut < seed.length; cut++) { // every prefix
                run(Arrays.copyOf(seed, cut));
                cases++;
            }
            for (int i = 0; i < 12_000; i++) {
                run(flip(seed, rnd));
                cases++;
            }
            for (int i = 0; i < 6_000; i++) {
                run(mutate(seed, rnd));
                cases++;
            }
            for (int i = 0; i < 3_000; i++) {
                run(replaceSection(seed, rnd));
                cases++;
            }
        }
        for (int i = 0; i < 6_000; i++) { // random sections after a valid preamble
            run(randomSections(rnd));
            cases++;
        }
        for (int i = 0; i < 10_000; i++) { // well-formed components of random definitions: the validator's cases
            run(Grammar.component(rnd));
            cases++;
        }
        for (int i = 0; i < 3_000; i++) { // random bytes after a valid preamble
            byte[] b = new byte[8 + rnd.nextInt(200)];
            rnd.nextBytes(b);
            System.arraycopy(PREAMBLE, 0, b, 0, 8);
            run(b);
            cases++;
        }
        System.out.printf("component fuzz: %d cases, %d accepted (%d without a WIT world), %d malformed, %d invalid, 0 crashes%n",
                cases, accepted, worldRefused, malformed, invalid);
        assertTrue(cases >= MIN_CASES, "cases: " + cases);
        assertTrue(malformed > cases / 4 && invalid > 100, "the mutations should reach both the decoder and the validator");
    }

    private static final byte[] PREAMBLE = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};

    private void run(byte[] b) {
        try {
            Component c = Components.read(b);
            accepted++;
            try {
                ComponentWorld.of(c); // what validates has a world, or a typed refusal
            } catch (InvalidComponentException e) {
                worldRefused++;
            }
        } catch (MalformedComponentException e) {
            offset(e.offset(), b, e);
            malformed++;
        } catch (InvalidComponentException e) {
            offset(e.offset(), b, e);
            invalid++;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("crash on " + java.util.HexFormat.of().formatHex(b) + ": " + e, e);
        }
    }

    private static void offset(long offset, byte[] b, Exception e) {
        if (offset < 0 || offset > b.length) {
            fail("offset " + offset + " outside a " + b.length + "-byte input: " + e.getMessage());
        }
    }

    private static byte[] flip(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
            int p = 8 + rnd.nextInt(b.length - 8);
            b[p] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
    }

    /** A random byte, a huge LEB128 written over a spot, a dropped or duplicated run. */
    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        int at = 8 + rnd.nextInt(seed.length - 8);
        switch (rnd.nextInt(4)) {
            case 0 -> {
                byte[] b = seed.clone();
                b[at] = (byte) rnd.nextInt(256);
                return b;
            }
            case 1 -> {
                byte[] huge = leb(rnd.nextBoolean() ? 0xffff_ffffL : 1L << (7 + rnd.nextInt(25)));
                byte[] b = seed.clone();
                System.arraycopy(huge, 0, b, at, Math.min(huge.length, b.length - at));
                return b;
            }
            case 2 -> {
                int len = Math.min(1 + rnd.nextInt(16), seed.length - at);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(seed, 0, at);
                out.write(seed, at + len, seed.length - at - len);
                return out.toByteArray();
            }
            default -> {
                int len = Math.min(1 + rnd.nextInt(16), seed.length - at);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(seed, 0, at + len);
                out.write(seed, at, seed.length - at);
                return out.toByteArray();
            }
        }
    }

    /** One top-level section's body replaced by random bytes of the same length. */
    private static byte[] replaceSection(byte[] seed, SplittableRandom rnd) {
        List<int[]> sections = new java.util.ArrayList<>();
        int p = 8;
        while (p < seed.length) {
            int start = p++;
            long size = 0;
            int shift = 0;
            int x;
            do {
                x = seed[p++] & 0xff;
                size |= (long) (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            sections.add(new int[] {p, (int) size, seed[start]});
            p += (int) size;
        }
        int[] s = sections.get(rnd.nextInt(sections.size()));
        byte[] b = seed.clone();
        for (int i = 0; i < s[1]; i++) {
            if (rnd.nextInt(4) == 0) {
                b[s[0] + i] = (byte) rnd.nextInt(256);
            }
        }
        return b;
    }

    private static byte[] randomSections(SplittableRandom rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PREAMBLE);
        for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
            out.write(rnd.nextInt(13));
            byte[] body = new byte[rnd.nextInt(40)];
            rnd.nextBytes(body);
            if (body.length > 0 && rnd.nextBoolean()) {
                body[0] = (byte) rnd.nextInt(4); // a small count, so entries get decoded
            }
            out.writeBytes(leb(body.length));
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    static byte[] leb(long value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        do {
            int x = (int) (value & 0x7f);
            value >>>= 7;
            b.write(value != 0 ? x | 0x80 : x);
        } while (value != 0);
        return b.toByteArray();
    }

    /** Builds well-formed components from the binary grammar with small random indices and names. */
    static final class Grammar {
        private static final String[] NAMES = {"a", "b", "a-b", "A-B", "r", "[constructor]r", "[method]r.get",
                "[static]r.make", "x:y/z", "x:y/z@1.0.0", "self", "Bad_name", ""};
        private final SplittableRandom rnd;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private Grammar(SplittableRandom rnd) {
            this.rnd = rnd;
        }

        static byte[] component(SplittableRandom rnd) {
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            c.writeBytes(PREAMBLE);
            for (int s = 0, n = 1 + rnd.nextInt(6); s < n; s++) {
                Grammar g = new Grammar(rnd);
                int id = new int[] {7, 7, 7, 10, 11, 6, 8, 5}[rnd.nextInt(8)];
                int count = 1 + rnd.nextInt(4);
                g.u(count);
                for (int i = 0; i < count; i++) {
                    switch (id) {
                        case 7 -> g.type(0);
                        case 10 -> {
                            g.name();
                            g.externType();
                        }
                        case 11 -> {
                            g.name();
                            g.sortIdx();
                            if (g.rnd.nextBoolean()) {
                                g.b(0);
                            } else {
                                g.b(1);
                                g.externType();
                            }
                        }
                        case 6 -> g.alias();
                        case 8 -> g.canon();
                        default -> g.instance();
                    }
                }
                byte[] body = g.out.toByteArray();
                c.write(id);
                c.writeBytes(leb(body.length));
                c.writeBytes(body);
            }
            return c.toByteArray();
        }

        private void b(int x) {
            out.write(x);
        }

        private void u(long x) {
            out.writeBytes(leb(x));
        }

        private int idx() {
            return rnd.nextInt(6);
        }

        private void name() {
            b(0);
            label(NAMES[rnd.nextInt(NAMES.length)]);
        }

        private void label(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            u(b.length);
            out.writeBytes(b);
        }

        private void valType() {
            if (rnd.nextBoolean()) {
                b(0x73 + rnd.nextInt(13)); // a primitive
            } else {
                u(idx());
            }
        }

        private void type(int depth) {
            int kind = rnd.nextInt(depth < 2 ? 16 : 13);
            switch (kind) {
                case 0 -> b(0x73 + rnd.nextInt(13));
                case 1, 2 -> { // record, variant
                    b(kind == 1 ? 0x72 : 0x71);
                    int n = rnd.nextInt(3);
                    u(n);
                    for (int i = 0; i < n; i++) {
                        label(new String[] {"x", "y", "X", "z"}[rnd.nextInt(4)]);
                        if (kind == 2) {
                            if (rnd.nextBoolean()) {
                                b(0);
                            } else {
                                b(1);
                                valType();
                            }
                            b(0);
                        } else {
                            valType();
                        }
                    }
                }
                case 3 -> {
                    b(0x70);
                    valType();
                }
                case 4 -> {
                    b(0x6f);
                    int n = rnd.nextInt(3);
                    u(n);
                    for (int i = 0; i < n; i++) {
                        valType();
                    }
                }
                case 5, 6 -> {
                    b(kind == 5 ? 0x6e : 0x6d);
                    int n = rnd.nextInt(3);
                    u(n);
                    for (int i = 0; i < n; i++) {
                        label(new String[] {"p", "q", "p"}[rnd.nextInt(3)]);
                    }
                }
                case 7 -> {
                    b(0x6b);
                    valType();
                }
                case 8 -> {
                    b(0x6a);
                    b(0);
                    b(1);
                    valType();
                }
                case 9, 10 -> {
                    b(kind == 9 ? 0x69 : 0x68);
                    u(idx());
                }
                case 11 -> { // func
                    b(0x40);
                    int n = rnd.nextInt(3);
                    u(n);
                    for (int i = 0; i < n; i++) {
                        label(new String[] {"self", "a", "b"}[rnd.nextInt(3)]);
                        valType();
                    }
                    if (rnd.nextBoolean()) {
                        b(0);
                        valType();
                    } else {
                        b(1);
                        b(0);
                    }
                }
                case 12 -> { // resource
                    b(0x3f);
                    b(0x7f);
                    b(0);
                }
                default -> { // component or instance type
                    boolean component = kind == 13;
                    b(component ? 0x41 : 0x42);
                    int n = rnd.nextInt(4);
                    u(n);
                    for (int i = 0; i < n; i++) {
                        switch (rnd.nextInt(component ? 4 : 3)) {
                            case 0 -> {
                                b(0x01);
                                type(depth + 1);
                            }
                            case 1 -> {
                                b(0x04);
                                name();
                                externType();
                            }
                            case 2 -> {
                                b(0x02);
                                b(0x03); // type sort
                                b(0x02);
                                u(rnd.nextInt(3));
                                u(idx());
                            }
                            default -> {
                                b(0x03);
                                name();
                                externType();
                            }
                        }
                    }
                }
            }
        }

        private void externType() {
            int k = 1 + rnd.nextInt(5);
            b(k);
            if (k == 3) {
                if (rnd.nextBoolean()) {
                    b(1); // sub resource
                } else {
                    b(0);
                    u(idx());
                }
            } else if (k == 2) {
                b(1);
                valType();
            } else {
                u(idx());
            }
        }

        private void sortIdx() {
            b(1 + rnd.nextInt(5));
            u(idx());
        }

        private void alias() {
            b(1 + rnd.nextInt(5)); // func, value, type, component, instance
            if (rnd.nextBoolean()) {
                b(0);
                u(idx());
                label(NAMES[rnd.nextInt(NAMES.length)]);
            } else {
                b(2);
                u(rnd.nextInt(3));
                u(idx());
            }
        }

        private void canon() {
            switch (rnd.nextInt(4)) {
                case 0 -> { // lift, no options
                    b(0);
                    b(0);
                    u(idx());
                    u(0);
                    u(idx());
                }
                case 1 -> { // lower, maybe string-encoding=utf8
                    b(1);
                    b(0);
                    u(idx());
                    int opts = rnd.nextInt(2);
                    u(opts);
                    if (opts == 1) {
                        b(0);
                    }
                }
                default -> { // resource.new, .drop, .rep
                    b(2 + rnd.nextInt(3));
                    u(idx());
                }
            }
        }

        private void instance() {
            b(1);
            int n = rnd.nextInt(3);
            u(n);
            for (int i = 0; i < n; i++) {
                name();
                sortIdx();
            }
        }
    }
}
