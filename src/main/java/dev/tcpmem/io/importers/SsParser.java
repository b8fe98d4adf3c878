package dev.tcpmem.io.importers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code ss -tmi} / {@code ss -tmin} output (with or without the State column, as {@code state X} filters
 * print it): a socket line followed by an indented line of skmem and tcp_info fields.
 */
final class SsParser {

    private static final Set<String> STATES = Set.of("ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
            "TIME-WAIT", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING", "CLOSED", "UNCONN");

    private SsParser() {
    }

    static List<SsSocket> parse(String text, String source) throws ImportException {
        String[] lines = text.split("\r?\n");
        List<SsSocket> out = new ArrayList<>();
        boolean sawHeader = false;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("State") || line.startsWith("Recv-Q") || line.startsWith("Netid")) {
                sawHeader = true;
                continue;
            }
            boolean detail = Character.isWhitespace(raw.charAt(0));
            if (detail) {
                if (out.isEmpty()) {
                    throw new ImportException(source + ":" + (i + 1) + ": details before any socket line");
                }
                SsSocket prev = out.remove(out.size() - 1);
                Map<String, String> f = new HashMap<>(prev.fields());
                fields(line, f);
                out.add(new SsSocket(prev.state(), prev.recvQ(), prev.sendQ(), prev.localHost(), prev.localPort(),
                        prev.peerHost(), prev.peerPort(), f));
                continue;
            }
            String[] cols = line.split("\\s+");
            int c = 0;
            String state = "ESTAB";
            if (STATES.contains(cols[0])) {
                state = cols[c++];
            } else if (cols[0].equals("tcp")) {
                c++; // ss -a with Netid column
                if (cols.length > c && STATES.contains(cols[c])) {
                    state = cols[c++];
                }
            }
            if (cols.length < c + 4) {
                throw new ImportException(source + ":" + (i + 1) + ": expected \"[State] Recv-Q Send-Q Local:Port Peer:Port\", found \""
                        + abbreviate(line) + "\"" + (sawHeader ? "" : " (is this ss -tmi output?)"));
            }
            try {
                long recvQ = Long.parseLong(cols[c]);
                long sendQ = Long.parseLong(cols[c + 1]);
                if (recvQ < 0 || sendQ < 0) {
                    throw new NumberFormatException("negative queue");
                }
                String[] local = hostPort(cols[c + 2], source, i + 1);
                String[] peer = hostPort(cols[c + 3], source, i + 1);
                Map<String, String> f = new HashMap<>();
                // ss may print the details on the same line when the terminal is wide enough
                for (int k = c + 4; k < cols.length; k++) {
                    fields(cols[k], f);
                }
                out.add(new SsSocket(state, recvQ, sendQ, local[0], local[1], peer[0], peer[1], f));
            } catch (NumberFormatException e) {
                throw new ImportException(source + ":" + (i + 1) + ": Recv-Q and Send-Q must be whole numbers from 0 to 2^63-1 in \"" + abbreviate(line) + "\"");
            }
        }
        if (out.isEmpty()) {
            throw new ImportException(source + ": no sockets found: run ss -tmi (add -n for numeric ports) and pass its output");
        }
        return out;
    }

    private static void fields(String line, Map<String, String> f) {
        for (String tok : line.split("\\s+")) {
            if (tok.startsWith("skmem:(") && tok.endsWith(")")) {
                for (String kv : tok.substring(7, tok.length() - 1).split(",")) {
                    int split = 0;
                    while (split < kv.length() && Character.isLetter(kv.charAt(split))) {
                        split++;
                    }
                    f.put("skmem." + kv.substring(0, split), kv.substring(split));
                }
            } else {
                int colon = tok.indexOf(':');
                if (colon > 0 && colon < tok.length() - 1 && tok.substring(0, colon).matches("[a-z_]+")) {
                    // e.g. rtt:0.018/0.009, rwnd_limited:7892ms(99.9%)
                    f.putIfAbsent(tok.substring(0, colon), tok.substring(colon + 1));
                } else if (!tok.isEmpty() && !tok.contains(":") && Character.isLetter(tok.charAt(0)) && tok.matches("[a-z0-9_]+")) {
                    f.putIfAbsent("flag." + tok, "1");
                }
            }
        }
    }

    /** "addr:port", "[v6]:port", "addr%dev:port"; the port a number 0-65535 or a service name as ss prints it. */
    private static String[] hostPort(String s, String source, int line) throws ImportException {
        int colon = s.lastIndexOf(':');
        String port = colon < 0 ? "" : s.substring(colon + 1);
        boolean numeric = !port.isEmpty() && port.chars().allMatch(Character::isDigit);
        if (port.isEmpty() || numeric && (port.length() > 5 || Integer.parseInt(port) > 65535)
                || !numeric && !port.matches("[A-Za-z0-9][A-Za-z0-9._-]*|\\*")) {
            throw new ImportException(source + ":" + line + ": \"" + abbreviate(s)
                    + "\" is not an address:port (a port is a number from 0 to 65535 or a service name)");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int pct = host.indexOf('%');
        if (pct > 0) {
            host = host.substring(0, pct);
        }
        return new String[] {host, s.substring(colon + 1)};
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
