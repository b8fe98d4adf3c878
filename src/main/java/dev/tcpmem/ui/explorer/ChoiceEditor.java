package dev.tcpmem.ui.explorer;

import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;

/** A choice among an enumerated sysctl's documented values, shown with their meaning. */
final class ChoiceEditor implements ValueEditor {

    private final ComboBox<String> combo = new ComboBox<>();
    private final Map<String, String> choices;
    private SysctlEntry entry;
    private boolean showing;

    ChoiceEditor(SysctlExplorerViewModel vm, Map<String, String> choices) {
        this.choices = choices;
        choices.forEach((k, v) -> combo.getItems().add(k + " — " + v));
        combo.valueProperty().addListener((o, a, b) -> {
            if (!showing && entry != null && b != null) {
                vm.setValue(entry.name(), b.substring(0, b.indexOf(' ')), false);
            }
        });
    }

    @Override
    public Node node() {
        return combo;
    }

    @Override
    public void show(SysctlEntry e) {
        entry = e;
        showing = true;
        try {
            String v = e.value().strip();
            combo.setValue(choices.containsKey(v) ? v + " — " + choices.get(v) : v);
        } finally {
            showing = false;
        }
    }
}
