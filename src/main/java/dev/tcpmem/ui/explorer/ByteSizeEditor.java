package dev.tcpmem.ui.explorer;

import dev.tcpmem.kernel.SysctlDefinition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A log-scale slider for a byte size, with typed entry beside it; dragging re-runs the model live. */
final class ByteSizeEditor implements ValueEditor {

    private final HBox box = new HBox(8);
    private final Slider slider = new Slider();
    private final TextField field = new TextField();
    private final SysctlExplorerViewModel vm;
    private final LogScale scale;
    private SysctlEntry entry;
    private boolean showing;

    ByteSizeEditor(SysctlExplorerViewModel vm, SysctlDefinition def) {
        this.vm = vm;
        this.scale = new LogScale(def.min().orElse(0L) > 0 ? Math.max(def.min().get(), 256) : 256,
                Math.min(def.max().orElse(1L << 30), 1L << 31));
        slider.setMin(scale.minPosition());
        slider.setMax(scale.maxPosition());
        slider.getStyleClass().add("log-slider");
        HBox.setHgrow(slider, Priority.ALWAYS);
        field.setPrefColumnCount(9);
        field.setMinWidth(90);
        slider.setMinWidth(60);
        field.getStyleClass().add("value-field");
        box.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().addAll(slider, field);
        slider.valueProperty().addListener((o, a, b) -> {
            if (!showing && entry != null) {
                long v = scale.value(b.doubleValue());
                field.setText(Long.toString(v));
                vm.setValue(entry.name(), Long.toString(v), slider.isValueChanging());
            }
        });
        // releasing the slider ends the drag: the explorer's row catches up (it stays in place while dragged)
        slider.valueChangingProperty().addListener((o, was, is) -> {
            if (!is && !showing && entry != null) {
                vm.setValue(entry.name(), Long.toString(scale.value(slider.getValue())), false);
            }
        });
        field.setOnAction(e -> commitText());
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commitText();
            }
        });
    }

    Slider slider() {
        return slider;
    }

    private void commitText() {
        if (!ValueEditor.commitTyped(vm, entry, field.getText())) {
            field.getStyleClass().add("invalid");
        }
    }

    @Override
    public Node node() {
        return box;
    }

    @Override
    public javafx.beans.value.ObservableBooleanValue dragging() {
        return slider.valueChangingProperty();
    }

    @Override
    public void show(SysctlEntry e) {
        entry = e;
        showing = true;
        try {
            field.getStyleClass().remove("invalid");
            long v = parse(e.value());
            if (!slider.isValueChanging()) {
                slider.setValue(scale.position(v));
            }
            if (!field.isFocused()) {
                field.setText(e.value());
            }
        } finally {
            showing = false;
        }
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
