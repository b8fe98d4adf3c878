package dev.tcpmem.chart;

import java.awt.Color;

/** One palette for every chart and export, chosen to stay distinct on a projector and in print. */
final class ChartColors {

    static final Color LOW = new Color(0x4b5563);
    static final Color PRESSURE = new Color(0xc2410c);
    static final Color HIGH = new Color(0xb91c1c);
    static final Color PRESSURE_SHADE = new Color(0xf9, 0x73, 0x16, 40);
    static final Color HIGH_SHADE = new Color(0xdc, 0x26, 0x26, 60);
    static final Color REFERENCE = new Color(0x7c3aed);
    static final Color GRID = new Color(0xd1d5db);
    /** The pods folded into one "others" band: a grey no pod's colour is. */
    static final Color OTHERS = new Color(0x9ca3af);

    private static final Color[] SERIES = {
        new Color(0x2563eb), new Color(0x059669), new Color(0xd97706), new Color(0x7c3aed), new Color(0xdb2777),
        new Color(0x0891b2), new Color(0x65a30d), new Color(0x9333ea), new Color(0xea580c), new Color(0x0f766e)};

    private ChartColors() {
    }

    static Color series(int i) {
        return SERIES[i % SERIES.length];
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
