package dev.tcpmem.ui.topology;

import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * A horizontal gauge of the node's TCP memory against tcp_mem: the bar is the peak, the three ticks are low,
 * pressure and high. The scale runs to 120 % of high so crossing it shows.
 */
public final class TcpMemGauge extends Region {

    private final Rectangle background = new Rectangle();
    private final Rectangle bar = new Rectangle();
    private final Line[] ticks = {new Line(), new Line(), new Line()};
    private String explanation = "";
    private long low;
    private long pressure;
    private long high;
    private long peak;

    public TcpMemGauge() {
        getStyleClass().add("tcpmem-gauge");
        background.getStyleClass().add("gauge-background");
        bar.getStyleClass().add("gauge-bar");
        getChildren().addAll(background, bar);
        String[] names = {"tick-low", "tick-pressure", "tick-high"};
        for (int i = 0; i < 3; i++) {
            ticks[i].getStyleClass().addAll("gauge-tick", names[i]);
            getChildren().add(ticks[i]);
        }
        setPrefHeight(16);
        setMinHeight(16);
        setPrefWidth(260);
        dev.tcpmem.ui.LazyTooltips.install(this, () -> explanation, t -> { });
    }

    public void show(long low, long pressure, long high, long peak, String explanation) {
        this.low = low;
        this.pressure = pressure;
        this.high = high;
        this.peak = peak;
        bar.getStyleClass().setAll("gauge-bar", peak > high ? "state-high-fill" : peak > pressure ? "state-pressure-fill" : "state-normal-fill");
        this.explanation = explanation;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double scale = Math.max(1, high * 1.2);
        background.setWidth(w);
        background.setHeight(h);
        bar.setWidth(Math.min(w, w * peak / scale));
        bar.setHeight(h);
        long[] at = {low, pressure, high};
        for (int i = 0; i < 3; i++) {
            double x = w * at[i] / scale;
            ticks[i].setStartX(x);
            ticks[i].setEndX(x);
            ticks[i].setStartY(-2);
            ticks[i].setEndY(h + 2);
        }
    }
}
