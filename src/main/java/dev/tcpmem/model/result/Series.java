package dev.tcpmem.model.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time series sampled every step: node pages and each pod's pages (arrays are shared, do not modify).
 */
public record Series(double[] timeSeconds, long[] nodePages, Map<String, long[]> podPages) {

    public Series {
        podPages = Collections.unmodifiableMap(new LinkedHashMap<>(podPages));
    }

    public int size() {
        return timeSeconds.length;
    }
}
