package org.bmaptool.io.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ~/.netrc} file as curl, ftp and Python's {@code netrc} read it: {@code machine},
 * {@code default}, {@code login}, {@code password}, {@code account} and {@code macdef}
 * tokens separated by white space, quoted tokens allowed, {@code #} comments. The first
 * entry for a host wins, {@code default} answers for any other host.
 */
public final class Netrc {
    private final List<Entry> entries;

    private record Entry(Optional<String> machine, String login, String password) {
    }

    private Netrc(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** An empty netrc: no credentials for any host. */
    public static Netrc none() {
        return new Netrc(List.of());
    }

    /** Reads {@code file}; a missing or unreadable file is an empty netrc, as for curl. */
    public static Netrc load(Path file) {
        try {
            return Files.isReadable(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : none();
        } catch (IOException e) {
            return none();
        }
    }

    /** Parses netrc text. */
    public static Netrc parse(String text) {
        List<String> tokens = tokens(text);
        List<Entry> entries = new ArrayList<>();
        Optional<String> machine = null;
        String login = "";
        String password = "";
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String value = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            switch (token) {
                case "machine":
                case "default":
                    if (machine != null) {
                        entries.add(new Entry(machine, login, password));
                    }
                    machine = "machine".equals(token) ? Optional.of(value) : Optional.empty();
                    login = "";
                    password = "";
                    if ("machine".equals(token)) {
                        i++;
                    }
                    break;
                case "login":
                    login = value;
                    i++;
                    break;
                case "password":
                    password = value;
                    i++;
                    break;
                case "account":
                    i++;
                    break;
                case "macdef":
                    // A macro runs to the next empty line; the tokenizer marks that with "".
                    i++;
                    while (i + 1 < tokens.size() && !tokens.get(i + 1).isEmpty()) {
                        i++;
                    }
                    break;
                default:
                    break;
            }
        }
        if (machine != null) {
            entries.add(new Entry(machine, login, password));
        }
        return new Netrc(entries);
    }

    /** The credentials for {@code host}: its own entry, else the default one. */
    public Optional<Credentials> forHost(String host) {
        Optional<Entry> found = entries.stream()
                .filter(e -> e.machine().isPresent() && e.machine().get().equalsIgnoreCase(host)).findFirst();
        if (found.isEmpty()) {
            found = entries.stream().filter(e -> e.machine().isEmpty()).findFirst();
        }
        return found.filter(e -> !e.login().isEmpty()).map(e -> new Credentials(e.login(), e.password()));
    }

    /** White-space separated tokens; an empty line (the end of a macdef) becomes "". */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' && i + 1 < n && text.charAt(i + 1) == '\n') {
                tokens.add("");
                i += 2;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else {
                StringBuilder token = new StringBuilder();
                boolean quoted = c == '"';
                if (quoted) {
                    i++;
                }
                while (i < n) {
                    char d = text.charAt(i);
                    if (quoted ? d == '"' : Character.isWhitespace(d)) {
                        break;
                    }
                    if (d == '\\' && i + 1 < n) {
                        d = text.charAt(++i);
                    }
                    token.append(d);
                    i++;
                }
                if (quoted) {
                    i++;
                }
                tokens.add(token.toString());
            }
        }
        return tokens;
    }
}
