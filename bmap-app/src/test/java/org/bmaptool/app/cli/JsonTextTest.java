package org.bmaptool.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void quoteEscapesQuotesBackslashesAndLineBreaks() {
        assertEquals("\"a \\\"b\\\" c\\\\d\\ne\\rf\\tg\"", JsonText.quote("a \"b\" c\\d\ne\rf\tg"));
    }

    @Test
    void quoteEscapesOtherControlCharactersAndJavaScriptLineSeparators() {
        assertEquals("\"\\u0001\\u007f\\u2028\\u2029\"", JsonText.quote("\u0001\u007f\u2028\u2029"));
    }

    @Test
    void quoteKeepsOtherTextAsItIs() {
        assertEquals("\"/dev/sdb \u00e9\u4e2d\"", JsonText.quote("/dev/sdb \u00e9\u4e2d"));
    }
}
