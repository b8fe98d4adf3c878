package dev.tcpmem.ui.explorer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;

/**
 * A slider with three handles on one log-scale track (tcp_rmem / tcp_wmem min, default, max; tcp_mem low,
 * pressure, high). A handle cannot pass its neighbours, so the triplet never decreases.
 */
public final class TripletSlider extends Region {

    private static final double THUMB = 14;

    private final LogScale scale;
    private final LongProperty[] values = {new SimpleLongProperty(), new SimpleLongProperty(), new SimpleLongProperty()};
    private final Region[] thumbs = {new Region(), new Region(), new Region()};
    private final Line track = new Line();
    private final Line selected = new Line();
    private final BooleanProperty dragging = new SimpleBooleanProperty(false);

    public TripletSlider(LogScale scale) {
        this.scale = scale;
        getStyleClass().add("triplet-slider");
        track.getStyleClass().add("track");
        selected.getStyleClass().add("track-selected");
        getChildren().addAll(track, selected);
        String[] names = {"thumb-min", "thumb-default", "thumb-max"};
        for (int i = 0; i < 3; i++) {
            final int index = i;
            Region t = thumbs[i];
            t.getStyleClass().addAll("thumb", names[i]);
            t.resize(THUMB, THUMB);
            t.setOnMousePressed(e -> dragging.set(true));
            t.setOnMouseDragged(e -> drag(index, t.localToParent(e.getX(), e.getY()).getX()));
            t.setOnMouseReleased(e -> dragging.set(false));
            values[i].addListener((o, a, b) -> requestLayout());
            getChildren().add(t);
        }
        setMinHeight(THUMB + 8);
        setPrefHeight(THUMB + 8);
        setPrefWidth(220);
    }

    public LongProperty valueProperty(int index) {
        return values[index];
    }

    /** True while the user holds a handle (edits then merge into one undo step). */
    public BooleanProperty draggingProperty() {
        return dragging;
    }

    public Region thumb(int index) {
        return thumbs[index];
    }

    private void drag(int index, double x) {
        double w = getWidth() - THUMB;
        double frac = Math.max(0, Math.min(1, (x - THUMB / 2) / Math.max(1, w)));
        long v = scale.value(scale.minPosition() + frac * (scale.maxPosition() - scale.minPosition()));
        long lo = index == 0 ? scale.min() : values[index - 1].get();
        long hi = index == 2 ? scale.max() : values[index + 1].get();
        values[index].set(Math.max(lo, Math.min(hi, v)));
    }

    private double xOf(long value) {
        double span = scale.maxPosition() - scale.minPosition();
        return THUMB / 2 + (scale.position(value) - scale.minPosition()) / span * (getWidth() - THUMB);
    }

    @Override
    protected void layoutChildren() {
        double y = getHeight() / 2;
        track.setStartX(THUMB / 2);
        track.setEndX(getWidth() - THUMB / 2);
        track.setStartY(y);
        track.setEndY(y);
        selected.setStartX(xOf(values[0].get()));
        selected.setEndX(xOf(values[2].get()));
        selected.setStartY(y);
        selected.setEndY(y);
        for (int i = 0; i < 3; i++) {
            thumbs[i].resizeRelocate(xOf(values[i].get()) - THUMB / 2, y - THUMB / 2, THUMB, THUMB);
        }
    }
}
