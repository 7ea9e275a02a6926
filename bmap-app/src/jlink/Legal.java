import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Gives every module of the linked image that is not the JDK's its own {@code legal/MODULE/}
 * folder, beside the ones jlink writes for {@code java.*} and {@code jdk.*}: the license and
 * notice files its jar carries in {@code META-INF/}, else the license its POM declares (from
 * {@code third-party-licenses.txt}); our own modules get the project's LICENSE. Run by
 * link-image.sh with the source launcher, so the build needs nothing but the JDK:
 * {@code java Legal.java IMAGE_DIR MODULES_DIR PROJECT_LICENSE TABLE}.
 */
public final class Legal {

    private static final Pattern LICENSE_FILE =
            Pattern.compile("META-INF/([^/]*(LICENSE|NOTICE|COPYING)[^/]*)", Pattern.CASE_INSENSITIVE);
    private static final String OWN_PREFIX = "org.bmaptool.";
    private static final String OWN_HOLDER = "org.bmaptool.app";

    private Legal() {
    }

    public static void main(String[] args) throws IOException {
        Path image = Path.of(args[0]);
        Path legal = image.resolve("legal");
        Map<String, String[]> declared = table(Path.of(args[3]));
        Map<String, ModuleReference> jars = new HashMap<>();
        for (ModuleReference reference : ModuleFinder.of(Path.of(args[1])).findAll()) {
            jars.put(reference.descriptor().name(), reference);
        }
        List<String> problems = new ArrayList<>();
        for (String module : linkedModules(image)) {
            if (module.startsWith("java.") || module.startsWith("jdk.")) {
                continue; // jlink wrote these from the JDK's jmods
            }
            Path dir = Files.createDirectories(legal.resolve(module));
            if (module.startsWith(OWN_PREFIX)) {
                // One copy, linked from the other modules, as jlink does for the JDK's.
                if (module.equals(OWN_HOLDER)) {
                    Files.copy(Path.of(args[2]), dir.resolve("LICENSE"));
                } else {
                    Files.createSymbolicLink(dir.resolve("LICENSE"), Path.of("..", OWN_HOLDER, "LICENSE"));
                }
                continue;
            }
            ModuleReference reference = jars.get(module);
            if (reference == null) {
                problems.add(module + ": linked, but no jar in the modules folder holds it");
                continue;
            }
            int copied = copyLicenseFiles(Path.of(reference.location().orElseThrow()), dir);
            String[] row = declared.remove(module);
            if (copied > 0 && row != null) {
                problems.add(module + ": its jar ships license files, so its line in the table is stale");
            } else if (copied == 0 && row == null) {
                problems.add(module + ": its jar ships no license file; add the license its POM declares to the table");
            } else if (copied == 0) {
                String version = reference.descriptor().rawVersion().map(v -> " " + v).orElse("");
                String text = module + version + " is licensed under " + row[1] + " (" + row[2] + "),\n"
                        + "as its Maven POM declares; its jar ships no license file.\n"
                        + (row[3].isEmpty() ? "" : "It " + row[3] + ".\n");
                Files.writeString(dir.resolve("LICENSE"), text);
            }
        }
        declared.keySet().forEach(module -> problems.add(module + ": in the table, but not linked into the image"));
        if (!problems.isEmpty()) {
            System.err.println("legal/: " + String.join("\n        ", problems));
            System.exit(1);
        }
    }

    /** The modules jlink linked, from the image's {@code release} file. */
    private static List<String> linkedModules(Path image) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^MODULES=\"([^\"]*)\"").matcher(Files.readString(image.resolve("release")));
        if (!matcher.find()) {
            throw new IllegalStateException("no MODULES line in " + image.resolve("release"));
        }
        return List.of(matcher.group(1).trim().split("\\s+"));
    }

    /** Copies the jar's top-level {@code META-INF/} license and notice files into {@code dir}; how many. */
    private static int copyLicenseFiles(Path jar, Path dir) throws IOException {
        int copied = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Matcher matcher = LICENSE_FILE.matcher(entry.getName());
                if (!entry.isDirectory() && matcher.matches()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, dir.resolve(matcher.group(1)));
                    }
                    copied++;
                }
            }
        }
        return copied;
    }

    /** The table's rows by module: {@code module | license | URL | note}. */
    private static Map<String, String[]> table(Path file) throws IOException {
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] row = line.split("\\|", -1);
            if (row.length != 4) {
                throw new IllegalStateException(file + ": not module | license | URL | note: " + line);
            }
            for (int i = 0; i < row.length; i++) {
                row[i] = row[i].trim();
            }
            rows.put(row[0], row);
        }
        return rows;
    }
}
