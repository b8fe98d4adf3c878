package dev.tcpmem.chart;

import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;

/**
 * Fills the area under each series with one path, drawn when the series' last item comes up. JFreeChart's area
 * renderers clip each series through java.awt.geom.Area, which costs tens of milliseconds per frame at live-drag
 * rates; the plot already clips to the data area, so a plain path is enough.
 */
final class BandRenderer extends AbstractXYItemRenderer {
    private static final long serialVersionUID = 1L;

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
                         CrosshairState crosshairState, int pass) {
        int count = dataset.getItemCount(series);
        if (item != count - 1 || !getItemVisible(series, item)) {
            return;
        }
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        double base = rangeAxis.valueToJava2D(0, dataArea, yEdge);
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, count + 3);
        double lastX = 0;
        for (int i = 0; i < count; i++) {
            double x = domainAxis.valueToJava2D(dataset.getXValue(series, i), dataArea, xEdge);
            double y = rangeAxis.valueToJava2D(dataset.getYValue(series, i), dataArea, yEdge);
            if (i == 0) {
                path.moveTo(x, base);
            }
            path.lineTo(x, y);
            lastX = x;
        }
        path.lineTo(lastX, base);
        path.closePath();
        g2.setPaint(getItemPaint(series, item));
        g2.fill(path);
    }
}
