package dev.tcpmem.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.ScenarioWriter;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Unsaved work survives a crash: the window autosaves edits to a recovery file; a window that dies without saving
 * leaves it; the next start offers it back and the edit is there again. Saving or discarding removes the file.
 */
@ExtendWith(ApplicationExtension.class)
class CrashRecoveryTest {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();
    private Path settingsDir;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        settingsDir = Files.createTempDirectory("tcpmem-recovery");
    }

    private MainWindowViewModel open(FxRobot robot, FakeDialogs dialogs) throws Exception {
        List<MainWindowViewModel> made = new ArrayList<>();
        robot.interact(() -> {
            MainWindowViewModel vm = MainWindowViewModel.startup(CATALOG, new AppSettings(settingsDir), null, new ArrayList<>());
            vm.setDialogs(dialogs);
            try {
                stage.setScene(DesktopApp.createWindow(vm, 1400, 900).scene());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            stage.show();
            made.add(vm);
        });
        return made.get(0);
    }

    private List<Path> recoveryScenarios() throws Exception {
        Path dir = settingsDir.resolve("recovery");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tcpmem.json")).toList();
        }
    }

    /** Edits, then waits (real debounce, bounded) until the autosave holds that edit. */
    private Scenario editAndLetAutosaveRun(FxRobot robot, MainWindowViewModel vm) throws Exception {
        robot.clickOn("#addPod");
        WaitForAsyncUtils.waitForFxEvents();
        Scenario edited = vm.document().scenario();
        assertThat(edited.pod("pod")).as("the click added a pod named pod").isPresent();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> recoveryScenarios().size() == 1
                && new ScenarioReader(CATALOG).read(recoveryScenarios().get(0)).equals(edited));
        return edited;
    }

    @Test
    void anEditSurvivesACrashAndIsOfferedBackOnTheNextStart(FxRobot robot) throws Exception {
        FakeDialogs first = new FakeDialogs();
        MainWindowViewModel crashed = open(robot, first);
        Scenario edited = editAndLetAutosaveRun(robot, crashed);

        // the crash: no save, no close handler, no unsaved-changes question; the OS drops the process's lock
        crashed.autosave().abandonAsIfKilled();
        robot.interact(() -> stage.hide());

        FakeDialogs second = new FakeDialogs();
        second.recoveryChoice = DialogService.RecoveryChoice.RECOVER;
        MainWindowViewModel next = open(robot, second);
        assertThat(next.document().scenario()).as("a fresh start opens the sample").isNotEqualTo(edited);
        robot.interact(next::offerRecovery);

        assertThat(second.recoveryOffers).singleElement().asString().contains("\u201c" + edited.name() + "\u201d (never saved)");
        assertThat(next.document().scenario()).isEqualTo(edited);
        assertThat(next.document().modifiedProperty().get()).as("recovered work is unsaved work").isTrue();
        assertThat(robot.lookup("#pod-pod").tryQuery()).as("the recovered pod's card is shown").isPresent();
        // the recovered work is kept at once by the new window, and the crashed window's file is gone
        List<Path> kept = recoveryScenarios();
        assertThat(kept).singleElement().satisfies(f -> assertThat(new ScenarioReader(CATALOG).read(f)).isEqualTo(edited));

        // a second start does not offer it again while this window runs
        FakeDialogs third = new FakeDialogs();
        robot.interact(() -> {
            MainWindowViewModel other = MainWindowViewModel.startup(CATALOG, new AppSettings(settingsDir), null, new ArrayList<>());
            other.setDialogs(third);
            other.offerRecovery();
        });
        assertThat(third.recoveryOffers).isEmpty();

        // saving removes the recovery file
        Path file = Files.createTempDirectory("tcpmem-saved").resolve("node.tcpmem.json");
        second.nextSave = file;
        robot.interact(() -> assertThat(next.save()).isTrue());
        next.autosave().awaitWrites();
        assertThat(recoveryScenarios()).isEmpty();
        robot.interact(next::close);
    }

    @Test
    void aRecoveredFileKeepsItsNameAndDiscardingRemovesTheRecovery(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory("tcpmem-named").resolve("team.tcpmem.json");
        FakeDialogs first = new FakeDialogs();
        MainWindowViewModel crashed = open(robot, first);
        robot.interact(() -> assertThat(crashed.saveTo(file)).isTrue());
        Scenario edited = editAndLetAutosaveRun(robot, crashed);
        crashed.autosave().abandonAsIfKilled();

        FakeDialogs second = new FakeDialogs();
        second.recoveryChoice = DialogService.RecoveryChoice.LATER;
        MainWindowViewModel later = open(robot, second);
        robot.interact(later::offerRecovery);
        assertThat(second.recoveryOffers).singleElement().asString().contains(file.toString());
        assertThat(recoveryScenarios()).as("\"decide later\" keeps it").hasSize(1);
        robot.interact(later::close);

        FakeDialogs third = new FakeDialogs();
        third.recoveryChoice = DialogService.RecoveryChoice.RECOVER;
        MainWindowViewModel next = open(robot, third);
        robot.interact(next::offerRecovery);
        assertThat(next.document().scenario()).isEqualTo(edited);
        assertThat(next.document().fileProperty().get()).isEqualTo(file.toAbsolutePath());
        // the user drops the recovered changes: the recovery file goes with them
        third.saveChoice = DialogService.SaveChoice.DISCARD;
        robot.interact(() -> next.openSample(dev.tcpmem.io.SampleScenarios.list().get(1)));
        next.autosave().awaitWrites();
        assertThat(recoveryScenarios()).isEmpty();
        robot.interact(next::close);
        try (Stream<Path> left = Files.list(settingsDir.resolve("recovery"))) {
            assertThat(left).as("a normal close leaves nothing behind").isEmpty();
        }
    }

    @Test
    void savingKeepsThePreviousVersionBesideTheFile(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory("tcpmem-backup").resolve("node.tcpmem.json");
        FakeDialogs dialogs = new FakeDialogs();
        MainWindowViewModel vm = open(robot, dialogs);
        robot.interact(() -> assertThat(vm.saveTo(file)).isTrue());
        Scenario first = vm.document().scenario();
        assertThat(ScenarioWriter.backupOf(file)).as("nothing to keep on the first save").doesNotExist();
        robot.clickOn("#addPod");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> assertThat(vm.save()).isTrue());
        assertThat(file.resolveSibling("node.tcpmem.json~")).exists();
        assertThat(new ScenarioReader(CATALOG).read(file.resolveSibling("node.tcpmem.json~"))).isEqualTo(first);
        assertThat(new ScenarioReader(CATALOG).read(file)).isEqualTo(vm.document().scenario());
        robot.interact(vm::close);
    }

    @Test
    void aBrokenRecoveryFileIsReportedAndSetAsideNotLost(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(settingsDir.resolve("recovery"));
        Files.writeString(dir.resolve("deadbeef.tcpmem.json"), "{\"format\": \"tcpmem-scenario/1\", \"name\": ");
        FakeDialogs dialogs = new FakeDialogs();
        dialogs.recoveryChoice = DialogService.RecoveryChoice.RECOVER;
        MainWindowViewModel vm = open(robot, dialogs);
        Scenario before = vm.document().scenario();
        robot.interact(vm::offerRecovery);
        assertThat(vm.document().scenario()).isEqualTo(before);
        assertThat(dialogs.errors).singleElement().asString().contains("not valid JSON").contains("deadbeef.unreadable.json");
        assertThat(dialogs.recoveryOffers).as("nothing unreadable is offered").isEmpty();
        assertThat(dir.resolve("deadbeef.unreadable.json")).exists();
        assertThat(recoveryScenarios()).isEmpty();
        robot.interact(vm::close);
    }
}
