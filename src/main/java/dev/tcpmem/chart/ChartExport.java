package dev.tcpmem.chart;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;

/** Renders a chart to PNG, SVG or PDF bytes (the format chosen by the file's extension), headless. */
public final class ChartExport {

    public enum Format { PNG, SVG, PDF }

    private ChartExport() {
    }

    public static Format formatOf(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return Format.PNG;
        }
        if (name.endsWith(".svg")) {
            return Format.SVG;
        }
        if (name.endsWith(".pdf")) {
            return Format.PDF;
        }
        throw new IllegalArgumentException(out + ": the file name must end in .png, .svg or .pdf");
    }

    /**
     * The chart as a file's bytes; callers write them with {@code io.AtomicFiles} so a failed export changes nothing.
     *
     * @param scale PNG pixel density (1 = width × height pixels, 2 = twice that for high-resolution documents)
     */
    public static byte[] bytes(JFreeChart chart, Format format, int width, int height, double scale) throws IOException {
        switch (format) {
            case PNG: {
                int w = (int) Math.round(width * scale);
                int h = (int) Math.round(height * scale);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
                java.awt.Graphics2D g = img.createGraphics();
                g.scale(scale, scale);
                chart.draw(g, new Rectangle(width, height));
                g.dispose();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(img, "png", out);
                return out.toByteArray();
            }
            case SVG: {
                SVGGraphics2D g = new SVGGraphics2D(width, height);
                chart.draw(g, new Rectangle(width, height));
                return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
            }
            case PDF: {
                PDFDocument doc = new PDFDocument();
                doc.setTitle(chart.getTitle() == null ? "TCP Memory Explorer chart" : chart.getTitle().getText());
                doc.setAuthor("TCP Memory Explorer");
                Page page = doc.createPage(new Rectangle(width, height));
                PDFGraphics2D g = page.getGraphics2D();
                chart.draw(g, new Rectangle(width, height));
                return doc.getPDFBytes();
            }
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }
}
