package movescope.model.protocol;

/**
 * Whether a string parses as Rust's {@code std::net::SocketAddr} ({@code "<ipv4>:<port>"} or
 * {@code "[<ipv6>]:<port>"}, optionally {@code %scope} inside the brackets). MOVE-SCOPE parses its target
 * address this way before it connects (scope_move.rs:192), so a DNS name, which {@code peers} accepts
 * (kevy-config cluster.rs:266-279), or an unbracketed IPv6 host fails the move with
 * {@link ShipFailure#badTargetAddr}. Rules of std's parser: IPv4 octets are decimal, 0–255, at most three
 * digits and no leading zero; the port is decimal, fits u16, leading zeros allowed.
 */
public final class SocketAddrSyntax {
    private SocketAddrSyntax() {}

    public static boolean isSocketAddr(String s) {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                return false;
            }
            String host = s.substring(1, close);
            int pct = host.indexOf('%');
            if (pct >= 0) {
                if (!isU32(host.substring(pct + 1))) {
                    return false;
                }
                host = host.substring(0, pct);
            }
            return isIpv6(host) && isPort(s.substring(close + 2));
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && isIpv4(s.substring(0, colon)) && isPort(s.substring(colon + 1));
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !digits(p) || (p.length() > 1 && p.charAt(0) == '0')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        if (dbl >= 0) {
            String head = s.substring(0, dbl);
            String tail = s.substring(dbl + 2);
            int h = head.isEmpty() ? 0 : groups(head, false);
            int t = tail.isEmpty() ? 0 : groups(tail, true);
            return h >= 0 && t >= 0 && h + t <= 7;
        }
        return groups(s, true) == 8;
    }

    /** Number of 16-bit groups in a colon-separated run (an IPv4 tail counts 2), or -1 if invalid. */
    private static int groups(String s, boolean ipv4TailAllowed) {
        String[] parts = s.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4TailAllowed && p.contains(".")) {
                if (!isIpv4(p)) {
                    return -1;
                }
                n += 2;
            } else if (p.isEmpty() || p.length() > 4 || !hex(p)) {
                return -1;
            } else {
                n++;
            }
        }
        return n;
    }

    private static boolean isPort(String s) {
        return !s.isEmpty() && digits(s) && s.replaceFirst("^0+(?=.)", "").length() <= 5
                && Long.parseLong(s.replaceFirst("^0+(?=.)", "")) <= 65535;
    }

    private static boolean isU32(String s) {
        return !s.isEmpty() && digits(s) && s.replaceFirst("^0+(?=.)", "").length() <= 10
                && Long.parseLong(s.replaceFirst("^0+(?=.)", "")) <= 0xFFFFFFFFL;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }
}
