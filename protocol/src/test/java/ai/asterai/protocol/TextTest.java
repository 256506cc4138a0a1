package ai.asterai.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void controlCharactersAndLoneSurrogatesAreRefused() {
        for (String bad : new String[]{"a\u0000b", "\u0007", "\u001b[31m", "x\r", "\u007f", "\u0080", "\u0085", "\u009f",
                "\ud800", "a\udc00", "\udc00\ud800", "end\ud83d"}) {
            assertEquals("label", assertThrows(InvalidInputException.class, () -> Text.requireLine("label", bad)).field());
            assertThrows(InvalidInputException.class, () -> Text.requireLines("description", bad));
        }
        assertThrows(InvalidInputException.class, () -> Text.requireLine("label", "a\tb"));
        assertThrows(InvalidInputException.class, () -> Text.requireLine("label", "a\nb"));
    }

    @Test
    void everythingElseIsText() {
        for (String ok : new String[]{"", "plain", "caf\u00e9", "\u2603 \ud83d\ude00 \u4e2d\u6587", "\u00a0nbsp", "\u200b", "<b>&"}) {
            assertEquals(ok, Text.requireLine("label", ok));
        }
        assertEquals("line one\n\tline two", Text.requireLines("description", "line one\n\tline two"));
        assertEquals(null, Text.requireLine("label", null));
    }
}
