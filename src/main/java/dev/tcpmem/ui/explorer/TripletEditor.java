package dev.tcpmem.ui.explorer;

import dev.tcpmem.kernel.SysctlDefinition;
import dev.tcpmem.kernel.SysctlType;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The three-handle editor for tcp_rmem / tcp_wmem (bytes) and tcp_mem (pages), with typed entry for each value. */
final class TripletEditor implements ValueEditor {

    private final VBox box = new VBox(4);
    private final TripletSlider slider;
    private final TextField[] fields = {new TextField(), new TextField(), new TextField()};
    private final SysctlExplorerViewModel vm;
    private SysctlEntry entry;
    private boolean showing;

    TripletEditor(SysctlExplorerViewModel vm, SysctlDefinition def) {
        this.vm = vm;
        boolean pages = def.type() == SysctlType.PAGES_TRIPLET;
        slider = new TripletSlider(pages ? new LogScale(128, 1L << 32) : new LogScale(1024, 1L << 30));
        HBox.setHgrow(slider, Priority.ALWAYS);
        String[] tips = pages ? new String[] {"low (pages)", "pressure (pages)", "high (pages)"}
                : new String[] {"min (bytes)", "default (bytes)", "max (bytes)"};
        HBox row = new HBox(6);
        row.setAlignment(Pos.CENTER_LEFT);
        for (int i = 0; i < 3; i++) {
            fields[i].setPrefColumnCount(7);
            fields[i].setMinWidth(50);
            HBox.setHgrow(fields[i], Priority.SOMETIMES);
            fields[i].getStyleClass().add("value-field");
            dev.tcpmem.ui.LazyTooltips.install(fields[i], tips[i]);
            fields[i].setPromptText(tips[i]);
            fields[i].setOnAction(e -> commitText());
            fields[i].focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    commitText();
                }
            });
            dev.tcpmem.ui.LazyTooltips.install(slider.thumb(i), tips[i]);
            slider.valueProperty(i).addListener((o, a, b) -> {
                if (!showing && entry != null) {
                    push(slider.draggingProperty().get());
                }
            });
            row.getChildren().add(fields[i]);
        }
        slider.draggingProperty().addListener((o, was, is) -> {
            if (!is && entry != null) {
                push(false);
            }
        });
        box.getChildren().addAll(slider, row);
    }

    private void push(boolean dragging) {
        String text = slider.valueProperty(0).get() + " " + slider.valueProperty(1).get() + " " + slider.valueProperty(2).get();
        for (int i = 0; i < 3; i++) {
            fields[i].setText(Long.toString(slider.valueProperty(i).get()));
        }
        vm.setValue(entry.name(), text, dragging);
    }

    private void commitText() {
        if (entry == null) {
            return;
        }
        String text = fields[0].getText().strip() + " " + fields[1].getText().strip() + " " + fields[2].getText().strip();
        if (!ValueEditor.commitTyped(vm, entry, text)) {
            for (TextField f : fields) {
                f.getStyleClass().add("invalid");
            }
        }
    }

    @Override
    public Node node() {
        return box;
    }

    @Override
    public javafx.beans.value.ObservableBooleanValue dragging() {
        return slider.draggingProperty();
    }

    @Override
    public void show(SysctlEntry e) {
        entry = e;
        showing = true;
        try {
            String[] parts = e.value().strip().split("\\s+");
            for (int i = 0; i < 3 && parts.length == 3; i++) {
                fields[i].getStyleClass().remove("invalid");
                long v = Long.parseLong(parts[i]);
                if (!slider.draggingProperty().get()) {
                    slider.valueProperty(i).set(v);
                }
                if (!fields[i].isFocused()) {
                    fields[i].setText(parts[i]);
                }
            }
        } catch (NumberFormatException ex) {
            // a value outside the catalog's grammar cannot reach here: the scenario reader validated it
        } finally {
            showing = false;
        }
    }
}
