package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's rules, checked on the sources: dependencies point inwards, adapters are
 * reached only through ports and their factory package, native code stays in the
 * binding packages, and every module is documented.
 */
class ArchitectureTest {
    private static final Pattern REQUIRES = Pattern.compile("^\\s*requires\\s+(?:transitive\\s+|static\\s+)*([\\w.]+)\\s*;",
            Pattern.MULTILINE);
    private static final Pattern EXPORTS = Pattern.compile("^\\s*exports\\s+([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern MODULE = Pattern.compile("^\\s*<module>([^<]+)</module>", Pattern.MULTILINE);

    private final Path root = ProjectLayout.root();

    @Test
    void domainRequiresOnlyTheJdk() throws IOException {
        assertEquals(Set.of(), projectModulesRequiredBy("bmap-domain"));
        for (String required : requires("bmap-domain")) {
            assertTrue(required.equals("java.base") || required.equals("java.xml"),
                    "bmap-domain must need nothing but java.base and java.xml, but requires " + required);
        }
    }

    @Test
    void portsRequireOnlyTheDomain() throws IOException {
        assertEquals(Set.of("org.bmaptool.domain"), projectModulesRequiredBy("bmap-ports"));
    }

    @Test
    void adaptersRequireOnlyPortsOfTheProject() throws IOException {
        for (String adapter : List.of("bmap-adapter-linux", "bmap-adapter-io")) {
            assertEquals(Set.of("org.bmaptool.ports"), projectModulesRequiredBy(adapter),
                    adapter + " may reach the project only through the ports");
        }
    }

    @Test
    void adaptersExportOnlyTheirFactoryAndNativeBindings() throws IOException {
        assertEquals(Set.of("org.bmaptool.linux", "org.bmaptool.linux.libc"), exports("bmap-adapter-linux"));
        assertEquals(Set.of("org.bmaptool.io", "org.bmaptool.io.compression.nativelib"), exports("bmap-adapter-io"));
    }

    @Test
    void theLinuxBindingPackageHoldsOnlyTheBindingInterface() throws IOException {
        Path binding = root.resolve("bmap-adapter-linux/src/main/java/org/bmaptool/linux/libc");
        List<String> sources;
        try (Stream<Path> files = Files.list(binding)) {
            sources = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of("LibC.java"), sources, "only what jnr-ffi must read is exported");
        String libc = withoutComments(Files.readString(binding.resolve("LibC.java")));
        assertTrue(libc.contains("public interface LibC {"), "LibC is an interface");
        assertFalse(Pattern.compile("\\b(class|record|enum|interface)\\s+(?!LibC\\b)\\w+").matcher(libc).find(),
                "LibC declares no nested types: a loader or constants there would be exported too");
    }

    @Test
    void theLinuxKernelClassesGetTheirLibcFromTheFactory() throws IOException {
        List<String> loaders = javaSources("bmap-adapter-linux")
                .filter(file -> lines(file).stream().anyMatch(line -> line.contains("Kernel.load()")))
                .map(file -> file.getFileName().toString())
                .collect(Collectors.toList());
        assertEquals(List.of("LinuxAdapters.java"), loaders, "the real libc binding is loaded only by LinuxAdapters");
    }

    @Test
    void appExportsNothing() throws IOException {
        assertEquals(Set.of(), exports("bmap-app"));
    }

    @Test
    void appUsesAdaptersOnlyThroughTheirFactories() throws IOException {
        List<String> offenders = javaSources("bmap-app")
                .filter(file -> lines(file).stream().anyMatch(line ->
                        line.matches("import (static )?org\\.bmaptool\\.(linux|io)\\.[a-z]+\\..*")))
                .map(Path::toString)
                .collect(Collectors.toList());
        assertEquals(List.of(), offenders, "the app imports adapter internals");
    }

    @Test
    void thePipelineAndTheHasherKnowNoUseCase() throws IOException {
        List<String> offenders = javaSources("bmap-app")
                .filter(file -> file.toString().contains("/org/bmaptool/app/pipeline/")
                        || file.toString().contains("/org/bmaptool/app/hashing/"))
                .filter(file -> lines(file).stream().anyMatch(line ->
                        line.matches("import (static )?org\\.bmaptool\\.app\\.(cli|copy|create|verify|signature)\\..*")))
                .map(Path::toString)
                .collect(Collectors.toList());
        assertEquals(List.of(), offenders, "pipeline and hashing are used by the use cases, never the other way");
    }

    @Test
    void nativeCodeStaysInTheNativeBindingPackages() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/org/bmaptool/linux/libc/"))
                    // Loads the binding: the one kernel class that needs jnr-ffi's types.
                    .filter(f -> !f.toString().endsWith("/org/bmaptool/linux/kernel/Kernel.java"))
                    .filter(f -> !f.toString().contains("/org/bmaptool/io/compression/nativelib/"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.java"))
                    .filter(f -> lines(f).stream().anyMatch(l -> l.startsWith("import jnr.")
                            || l.startsWith("import com.kenai.jffi.")))
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
        assertEquals(List.of(), offenders, "JNR is used outside org.bmaptool.linux.libc, kernel.Kernel and "
                + "org.bmaptool.io.compression.nativelib");
    }

    @Test
    void everyModuleIsDocumented() throws IOException {
        String docs = Files.readString(root.resolve("module-info-docs/README.md"));
        Matcher modules = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        int count = 0;
        while (modules.find()) {
            String module = modules.group(1).strip();
            count++;
            assertTrue(docs.contains(module), "module-info-docs/README.md does not describe " + module);
            String moduleName = moduleName(module);
            assertTrue(docs.contains(moduleName), "module-info-docs/README.md does not name " + moduleName);
        }
        assertTrue(count >= 5, "the parent POM lists " + count + " modules");
    }

    private Set<String> projectModulesRequiredBy(String module) throws IOException {
        return requires(module).stream().filter(r -> r.startsWith("org.bmaptool."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> requires(String module) throws IOException {
        return matches(REQUIRES, moduleInfo(module));
    }

    private Set<String> exports(String module) throws IOException {
        return matches(EXPORTS, moduleInfo(module));
    }

    private String moduleName(String module) throws IOException {
        Matcher name = Pattern.compile("module\\s+([\\w.]+)\\s*\\{").matcher(moduleInfo(module));
        assertTrue(name.find(), module + " has no module declaration");
        return name.group(1);
    }

    private String moduleInfo(String module) throws IOException {
        // Comments may mention modules without requiring them.
        return withoutComments(Files.readString(root.resolve(module).resolve("src/main/java/module-info.java")));
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private Stream<Path> javaSources(String module) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList()).stream();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
