package dev.tcpmem.ui.explorer;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Parent;
import javafx.scene.layout.Region;

/**
 * Holds a row's slider editor so that, while it is dragged, its layout requests (the handle moving, the value field's
 * text changing at every step) stop here instead of reaching the sysctl list: a list cell that asks for layout makes
 * the ListView lay out every visible cell again and re-measure all rows, a fifth of the FX thread's time during a
 * drag (JFR, BENCHMARKS.md). During a drag, while the editor's preferred size stays the same, a request marks only
 * this region for layout (the branch above is merely passed through in the next layout pass); otherwise, and once
 * the drag ends, requests go up as usual.
 */
final class LayoutBoundary extends Region {

    private final Parent content;
    private final ObservableBooleanValue dragging;
    private double knownPrefWidth = Double.NaN;
    private double knownPrefHeight = Double.NaN;

    LayoutBoundary(Parent content, ObservableBooleanValue dragging) {
        this.content = content;
        this.dragging = dragging;
        getChildren().add(content);
        dragging.addListener((o, was, is) -> {
            if (!is) {
                super.requestLayout();
            }
        });
    }

    @Override
    public void requestLayout() {
        if (dragging.get() && getParent() != null && sameSize()) {
            setNeedsLayout(true); // this region only
        } else {
            super.requestLayout();
        }
    }

    private boolean sameSize() {
        return content.prefWidth(-1) == knownPrefWidth && content.prefHeight(-1) == knownPrefHeight;
    }

    @Override
    protected double computeMinWidth(double height) {
        return content.minWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return content.minHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        knownPrefWidth = content.prefWidth(-1);
        return content.prefWidth(height);
    }

    @Override
    protected double computePrefHeight(double width) {
        knownPrefHeight = content.prefHeight(-1);
        return content.prefHeight(width);
    }

    @Override
    protected double computeMaxWidth(double height) {
        return content.maxWidth(height);
    }

    @Override
    protected double computeMaxHeight(double width) {
        return content.maxHeight(width);
    }

    @Override
    protected void layoutChildren() {
        content.resizeRelocate(0, 0, getWidth(), getHeight());
    }
}
