package dev.tcpmem.ui;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import dev.tcpmem.kernel.RamDerivedDefaults;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.kernel.SysctlDefaults;
import dev.tcpmem.kernel.SysctlDefinition;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** State of the main window: the node's kernel and memory, and the sysctl explorer's rows and search filter. */
public final class MainViewModel {

    // Properties //

    private final ObjectProperty<KernelVersion> kernel = new SimpleObjectProperty<>(KernelVersion.of(6, 18));
    private final ObjectProperty<Bytes> memory = new SimpleObjectProperty<>(Bytes.gib(64));
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<SysctlRow> rows = FXCollections.observableArrayList();
    private final FilteredList<SysctlRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final String requestedFile;

    public MainViewModel(String requestedFile) {
        this.requestedFile = requestedFile;
        kernel.addListener((o, a, b) -> reload());
        memory.addListener((o, a, b) -> reload());
        search.addListener((o, a, b) -> applySearch());
        reload();
    }

    public ObjectProperty<KernelVersion> kernelProperty() {
        return kernel;
    }

    public ObjectProperty<Bytes> memoryProperty() {
        return memory;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<SysctlRow> visibleRows() {
        return visibleRows;
    }

    // Commands //

    private void reload() {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        RamDerivedDefaults ram = RamDerivedDefaults.of(memory.get());
        KernelVersion k = kernel.get();
        rows.setAll(catalog.presentIn(k).stream()
                .sorted(java.util.Comparator.comparing((SysctlDefinition d) -> d.group()).thenComparing(SysctlDefinition::name))
                .map(d -> new SysctlRow(d, SysctlDefaults.of(d, k, ram).orElse(""), k)).toList());
        long[] tcpMem = ram.tcpMem();
        status.set(String.format(Locale.ROOT, "Kernel %s, %d GiB: tcp_mem %d / %d / %d pages%s", k,
                memory.get().value() >> 30, tcpMem[0], tcpMem[1], tcpMem[2],
                requestedFile == null ? "" : " — " + requestedFile));
        applySearch();
    }

    private void applySearch() {
        String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        visibleRows.setPredicate(r -> q.isEmpty() || r.name().toLowerCase(Locale.ROOT).contains(q)
                || r.summary().toLowerCase(Locale.ROOT).contains(q));
    }
}
