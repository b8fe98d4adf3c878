package dev.tcpmem.ui.topology;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Workload;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A pod inside the node box: its workloads, connection count, share of node TCP memory, and its commands. */
final class PodCard extends VBox {

    private final ProgressBar shareBar;
    private final Label shareLabel;

    /** Updates the pod's share of node TCP memory without rebuilding the card. */
    void setShare(double share) {
        shareBar.setProgress(share);
        shareLabel.setText(String.format(Locale.ROOT, "%.0f %% of node TCP memory at peak", share * 100));
    }

    PodCard(TopologyViewModel vm, Pod pod, boolean selected, String selectedWorkload, double share) {
        super(4);
        getStyleClass().add("pod-card");
        if (selected) {
            getStyleClass().add("selected");
        }
        setId("pod-" + pod.name());
        Label name = new Label(pod.name());
        name.getStyleClass().add("pod-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button rename = small("✎", "Rename pod", () -> {
            TextInputDialog d = new TextInputDialog(pod.name());
            d.setHeaderText("Rename pod " + pod.name());
            d.showAndWait().ifPresent(n -> vm.renamePod(pod.name(), n));
        });
        Button dup = small("❐", "Duplicate pod", () -> vm.duplicatePod(pod.name()));
        Button remove = small("✕", "Remove pod", () -> vm.removePod(pod.name()));
        HBox title = new HBox(4, name, spacer, rename, dup, remove);
        title.setAlignment(Pos.CENTER_LEFT);
        Label limits = new Label("limit " + pod.memoryLimit().map(Quantities::formatBytes).orElse("none")
                + pod.tcpMemoryLimit().map(b -> " · kmem.tcp " + Quantities.formatBytes(b)).orElse("")
                + " · " + String.format(Locale.ROOT, "%,d", pod.connections()) + " conns"
                + (pod.sysctls().isEmpty() ? "" : " · " + pod.sysctls().size() + " sysctl override" + (pod.sysctls().size() > 1 ? "s" : "")));
        limits.getStyleClass().add("pod-detail");
        getChildren().addAll(title, limits);
        for (Workload w : pod.workloads()) {
            String text = String.format(Locale.ROOT, "%s  %,d × %s, reader %s, writer %s", w.name(), w.connections(),
                    w.rttMs() + " ms", reader(w.reader()), w.writer().name().toLowerCase(Locale.ROOT))
                    + (w.unaccepted() > 0 ? String.format(Locale.ROOT, ", %,d not accepted", w.unaccepted()) : "");
            Label wl = new Label(text);
            // the card is narrow: the whole line stays readable in the tooltip
            dev.tcpmem.ui.LazyTooltips.install(wl, text);
            wl.getStyleClass().add("workload-line");
            if (pod.name().equals(vm.selectedPodProperty().get()) && w.name().equals(selectedWorkload)) {
                wl.getStyleClass().add("selected");
            }
            wl.setMaxWidth(Double.MAX_VALUE);
            wl.setOnMouseClicked(e -> {
                vm.selectedPodProperty().set(pod.name());
                vm.selectedWorkloadProperty().set(w.name());
                e.consume();
            });
            getChildren().add(wl);
        }
        Button addWorkload = new Button("+ workload");
        addWorkload.getStyleClass().add("link-button");
        addWorkload.setOnAction(e -> vm.addWorkload(pod.name()));
        shareBar = new ProgressBar(share);
        shareBar.setMaxWidth(Double.MAX_VALUE);
        shareBar.getStyleClass().add("share-bar");
        shareLabel = new Label();
        setShare(share);
        shareLabel.getStyleClass().add("pod-detail");
        getChildren().addAll(addWorkload, shareBar, shareLabel);
        setOnMouseClicked(e -> vm.selectedPodProperty().set(pod.name()));
    }

    private static String reader(ReaderBehaviour r) {
        return Quantities.formatReader(r);
    }

    private static Button small(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().add("icon-button");
        dev.tcpmem.ui.LazyTooltips.install(b, tip);
        b.setOnAction(e -> action.run());
        return b;
    }
}
