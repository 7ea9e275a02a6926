package org.bmaptool.io.remote;

/** A user name and password for a server, from the URL or from {@code ~/.netrc}. */
public record Credentials(String user, String password) {

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
