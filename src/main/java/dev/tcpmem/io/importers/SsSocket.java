package dev.tcpmem.io.importers;

import java.util.Map;

/** One socket from {@code ss -tmi}: its addresses, queues and the skmem / info fields it printed. */
record SsSocket(String state, long recvQ, long sendQ, String localHost, String localPort, String peerHost,
                String peerPort, Map<String, String> fields) {

    long skmem(String key) {
        return number(fields.get("skmem." + key));
    }

    double rttMs() {
        String v = fields.get("rtt");
        if (v == null) {
            return 0;
        }
        try {
            return Double.parseDouble(v.split("/")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    long info(String key) {
        return number(fields.get(key));
    }

    private static long number(String v) {
        if (v == null) {
            return 0;
        }
        try {
            // ss prints these unsigned (skmem's sk_meminfo is u32): a minus sign is not ss output, and like any
            // other unreadable value it counts as 0 (a negative byte count further on was an uncaught exception)
            return Math.max(0, Long.parseLong(v));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
