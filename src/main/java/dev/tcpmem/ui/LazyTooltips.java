package dev.tcpmem.ui;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters their node. Each Tooltip is a popup window with a scene of its own,
 * and the window's rows, pod cards and editors made dozens of them before its first frame (BENCHMARKS.md, cold
 * start); a tooltip shows only after the pointer has rested, so making it on entry loses nothing.
 */
public final class LazyTooltips {

    private LazyTooltips() {
    }

    /** A tooltip with a fixed text. */
    public static void install(Node node, String text) {
        install(node, () -> text, t -> { });
    }

    /**
     * A tooltip whose text is asked for each time the pointer enters (so it follows what the node shows);
     * {@code configure} sets it up once when it is made.
     */
    public static void install(Node node, Supplier<String> text, Consumer<Tooltip> configure) {
        Tooltip[] made = new Tooltip[1];
        EventHandler<MouseEvent> onEnter = e -> {
            if (made[0] == null) {
                made[0] = new Tooltip();
                configure.accept(made[0]);
                if (node instanceof Control c) {
                    c.setTooltip(made[0]);
                } else {
                    Tooltip.install(node, made[0]);
                }
            }
            made[0].setText(text.get());
        };
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, onEnter);
    }
}
