package dev.tcpmem.ui.explorer;

import javafx.scene.Node;
import javafx.scene.control.TextField;

/** Typed entry for integers, strings and lists: commits on Enter or when focus leaves. */
final class TextValueEditor implements ValueEditor {

    private final TextField field = new TextField();
    private final SysctlExplorerViewModel vm;
    private SysctlEntry entry;

    TextValueEditor(SysctlExplorerViewModel vm) {
        this.vm = vm;
        field.getStyleClass().add("value-field");
        field.setPrefColumnCount(18);
        field.setOnAction(e -> commit());
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit();
            }
        });
    }

    private void commit() {
        if (!ValueEditor.commitTyped(vm, entry, field.getText())) {
            field.getStyleClass().add("invalid");
        }
    }

    @Override
    public Node node() {
        return field;
    }

    @Override
    public void show(SysctlEntry e) {
        entry = e;
        field.getStyleClass().remove("invalid");
        if (!field.isFocused() || !SysctlEntry.normalise(field.getText()).equals(SysctlEntry.normalise(e.value()))) {
            field.setText(e.value());
        }
    }
}
