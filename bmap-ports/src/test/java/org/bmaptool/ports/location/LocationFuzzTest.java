package org.bmaptool.ports.location;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Locations parsed from arbitrary text: parsing never fails and gives back what was
 * typed; a sibling or a name without extension changes the path only (scheme,
 * authority, query and fragment stay, so a download token is never moved or lost) and
 * parses back to the same parts; taking extensions off ends; and the masked name never
 * shows the password.
 */
class LocationFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void derivedNamesChangeThePathOnlyAndMaskingHidesThePassword(byte[] input) {
        String typed = new String(input, StandardCharsets.UTF_8);
        Location location = Location.parse(typed);
        check(location.text().equals(typed), "text is not what was typed", location);
        check(location.isStandardInput() == "-".equals(typed), "standard input is '-' only", location);
        check(location.masked().equals(location.toString()), "toString is not masked", location);
        location.password().filter(p -> !p.isEmpty() && !p.contains("*") && typed.indexOf(p) == typed.lastIndexOf(p))
                .ifPresent(p -> check(!location.masked().contains(p), "password shown", location));
        if (location.isStandardInput()) {
            return;
        }
        Location sibling = location.sibling(".bmap");
        checkSameButPath(location, sibling);
        check(sibling.path().endsWith(".bmap") && sibling.fileName().endsWith(".bmap"), "suffix not on the path",
                sibling);
        checkSameButPath(sibling, Location.parse(sibling.text()));
        check(Location.parse(sibling.text()).path().equals(sibling.path()), "sibling parses to another path", sibling);
        Location longer = location;
        for (int steps = 0; steps <= typed.length(); steps++) {
            Location shorter = longer.withoutExtension();
            if (shorter.equals(longer)) {
                return;
            }
            checkSameButPath(longer, shorter);
            String removed = longer.path().substring(shorter.path().length());
            check(longer.path().startsWith(shorter.path()) && removed.startsWith(".") && removed.indexOf('.', 1) < 0
                    && !removed.contains("/"), "not one extension taken off " + longer.path(), shorter);
            check(Location.parse(shorter.text()).path().equals(shorter.path()), "name parses to another path",
                    shorter);
            longer = shorter;
        }
        throw new AssertionError("taking extensions off '" + typed + "' does not end");
    }

    private static void checkSameButPath(Location before, Location after) {
        check(before.isUrl() == after.isUrl() && Objects.equals(before.scheme(), after.scheme())
                && Objects.equals(before.user(), after.user()) && Objects.equals(before.password(), after.password())
                && Objects.equals(before.hostAndPort(), after.hostAndPort())
                && Objects.equals(before.query(), after.query()) && Objects.equals(before.fragment(), after.fragment()),
                "changed more than the path of " + before, after);
    }

    private static void check(boolean holds, String what, Location location) {
        if (!holds) {
            // The text itself, password included: a failing input is ours to see.
            throw new AssertionError(what + ": '" + location.text() + "'");
        }
    }
}
