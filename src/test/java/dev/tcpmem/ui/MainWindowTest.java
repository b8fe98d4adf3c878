package dev.tcpmem.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @Start
    void start(Stage stage) throws Exception {
        stage.setScene(DesktopApp.createScene(new MainViewModel(null)));
        stage.show();
    }

    @Test
    void showsTheCatalogAndFiltersItAsTheUserTypes(FxRobot robot) {
        TableView<?> table = robot.lookup("#sysctlTable").queryAs(TableView.class);
        int all = table.getItems().size();
        assertThat(all).isGreaterThan(120);
        robot.clickOn("#searchField").write("keepalive");
        assertThat(table.getItems()).hasSizeBetween(3, 10);
        assertThat(table.getItems()).allSatisfy(r -> assertThat(((SysctlRow) r).name() + ((SysctlRow) r).summary())
                .containsIgnoringCase("keepalive"));
    }

    @Test
    void statusLineShowsTheNodeTcpMemInPages(FxRobot robot) {
        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        // 64 GiB node (the window's starting node): tcp_mem worked by hand in RamDerivedDefaultsTest
        assertThat(status.getText()).contains("784065 / 1045422 / 1568130 pages");
    }
}
