package dev.tcpmem.ui.explorer;

import javafx.scene.Node;
import org.controlsfx.control.ToggleSwitch;

/** An on/off switch for boolean sysctls. */
final class SwitchEditor implements ValueEditor {

    private final ToggleSwitch toggle = new ToggleSwitch();
    private SysctlEntry entry;
    private boolean showing;

    SwitchEditor(SysctlExplorerViewModel vm) {
        toggle.selectedProperty().addListener((o, a, b) -> {
            if (!showing && entry != null) {
                vm.setValue(entry.name(), b ? "1" : "0", false);
            }
        });
    }

    @Override
    public Node node() {
        return toggle;
    }

    @Override
    public void show(SysctlEntry e) {
        entry = e;
        showing = true;
        try {
            toggle.setSelected("1".equals(e.value().strip()));
            toggle.setText("1".equals(e.value().strip()) ? "on (1)" : "off (0)");
        } finally {
            showing = false;
        }
    }
}
