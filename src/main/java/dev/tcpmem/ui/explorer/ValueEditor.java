package dev.tcpmem.ui.explorer;

import javafx.scene.Node;

/** The control that edits one sysctl's value; it reports changes through the explorer's setValue command. */
interface ValueEditor {

    Node node();

    /** Shows a new value without reporting it back (called when the scenario changed elsewhere). */
    void show(SysctlEntry entry);
}
