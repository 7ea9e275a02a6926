package org.bmaptool.domain.format;

import java.io.InputStream;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The StAX parser every bmap is read with: no DTDs, no external or expanded entities,
 * and bounds on nesting, text and attributes, so that hostile input costs little. The
 * bounds are far above what any bmap needs (a bmap nests three deep and its longest
 * text is a comment of a kilobyte or two).
 */
final class XmlInput {
    static final int MAX_DEPTH = 32;
    static final int MAX_TEXT = 1 << 20;
    static final int MAX_ATTRIBUTE = 1 << 16;
    static final int MAX_ATTRIBUTES = 64;

    // Woodstox's names, and the JDK parser's, for the same bounds: whichever parser the
    // service lookup finds takes its own and ignores the others.
    private static final Map<String, Object> LIMITS = Map.of(
            "com.ctc.wstx.maxElementDepth", MAX_DEPTH,
            "com.ctc.wstx.maxTextLength", MAX_TEXT,
            "com.ctc.wstx.maxAttributeSize", MAX_ATTRIBUTE,
            "com.ctc.wstx.maxAttributesPerElement", MAX_ATTRIBUTES,
            "com.ctc.wstx.maxEntityCount", 1,
            "jdk.xml.maxElementDepth", MAX_DEPTH,
            "jdk.xml.entityExpansionLimit", 1);

    private static final XMLInputFactory FACTORY = configured();

    private XmlInput() {
    }

    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(new MarkupGuard(in));
    }

    /** The parser implementation in use, for tests and diagnostics. */
    static String implementation() {
        return FACTORY.getClass().getName();
    }

    private static XMLInputFactory configured() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resource '" + systemId + "' refused");
        });
        LIMITS.forEach((property, value) -> {
            if (factory.isPropertySupported(property)) {
                factory.setProperty(property, value);
            }
        });
        return factory;
    }
}
