package dev.tcpmem.ui.explorer;

import javafx.scene.Node;

/** The control that edits one sysctl's value; it reports changes through the explorer's setValue command. */
interface ValueEditor {

    Node node();

    /** True while the user drags this editor's slider; null for editors without one. */
    default javafx.beans.value.ObservableBooleanValue dragging() {
        return null;
    }

    /** Shows a new value without reporting it back (called when the scenario changed elsewhere). */
    void show(SysctlEntry entry);

    /**
     * Sends text typed for {@code entry} to the explorer unless it only restates the value shown. Returns false
     * when the explorer refused it (the editor then marks its fields invalid).
     */
    static boolean commitTyped(SysctlExplorerViewModel vm, SysctlEntry entry, String text) {
        return entry == null || SysctlEntry.normalise(text).equals(SysctlEntry.normalise(entry.value()))
                || vm.setValue(entry.name(), text, false);
    }
}
