package org.bmaptool.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into {@code version.properties}: {@code bmaptool <version>}. */
public final class BmaptoolVersion implements IVersionProvider {

    /** The bare version number. */
    public static String number() {
        try (InputStream in = BmaptoolVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"bmaptool " + number()};
    }
}
