package org.bmaptool.domain.format;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The parser's position in a bmap's XML and the few pulls it makes there: the next tag,
 * an element's text (bounded), an unknown element skipped; and failures that name the
 * file and the current line, as every bmap error does.
 */
final class XmlCursor {
    private final String name;
    private final XMLStreamReader xml;

    XmlCursor(String name, XMLStreamReader xml) {
        this.name = name;
        this.xml = xml;
    }

    /** The current element's text as a whole number. */
    long number(String element) throws XMLStreamException {
        int line = line();
        String text = text();
        long value = RangeText.digitsEnd(text, 0) == text.length() ? RangeText.number(text, 0, text.length()) : -1;
        if (value < 0) {
            throw fail(line, "<" + element + "> is \"" + text + "\", not a whole number"
                    + (text.length() > 18 ? " below 10^18" : ""));
        }
        return value;
    }

    // The text of the current element, which must hold no elements, stripped of blanks.
    String text() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        readText(text);
        return text.toString().strip();
    }

    // Reads the current element's text into `text` (emptied first), up to its end tag.
    void readText(StringBuilder text) throws XMLStreamException {
        String element = xml.getLocalName();
        text.setLength(0);
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (text.length() + xml.getTextLength() > XmlInput.MAX_TEXT) {
                        throw fail("<" + element + "> holds more than " + XmlInput.MAX_TEXT + " characters");
                    }
                    text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return;
                case XMLStreamConstants.START_ELEMENT:
                    throw fail("<" + element + "> holds an element, <" + xml.getLocalName() + ">, where text should be");
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw fail("entity reference &" + xml.getLocalName() + "; is not allowed in a bmap");
                default:
                    // Comments and processing instructions inside text are no part of it.
                    break;
            }
        }
    }

    // The next start or end tag, skipping what lies between elements.
    int nextTag() throws XMLStreamException {
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                case XMLStreamConstants.END_ELEMENT:
                    return event;
                case XMLStreamConstants.DTD:
                    throw fail("a DOCTYPE declaration is not allowed in a bmap");
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw fail("entity reference &" + xml.getLocalName() + "; is not allowed in a bmap");
                case XMLStreamConstants.END_DOCUMENT:
                    return event;
                default:
                    // Blanks, comments, processing instructions and stray text carry nothing.
                    break;
            }
        }
    }

    // Skips an element a later format version may have added, and everything inside it.
    void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw fail("entity reference &" + xml.getLocalName() + "; is not allowed in a bmap");
            }
        }
    }

    int line() {
        return xml.getLocation().getLineNumber();
    }

    BmapException fail(String why) {
        return fail(line(), why);
    }

    BmapException fail(int line, String why) {
        return new BmapException("bmap file '" + name + "', line " + line + ": " + why);
    }
}
