package dev.tcpmem.chart;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Where each piece of text of a chart lands, read back from its SVG export: a {@code <text>} element's box from
 * its position and the font's metrics (AWT's, as the chart measured it), and text JFreeSVG draws as glyph outlines
 * (rotated: the side axis' title) from the outlines' own extent. Each box comes with the clip it was drawn under,
 * so a label that runs past the plot, or past the chart, shows.
 */
final class SvgTextBoxes {

    /** A piece of text, where it is drawn, and the rectangle it is clipped to (what of it can be seen). */
    record Box(String text, Rectangle2D bounds, Rectangle2D clip) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "'%s' [%.1f..%.1f x %.1f..%.1f]", text, bounds.getMinX(),
                    bounds.getMaxX(), bounds.getMinY(), bounds.getMaxY());
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:E-?\\d+)?");
    private static final Pattern SIZE = Pattern.compile("font-size: ?(\\d+(?:\\.\\d+)?)px");
    private static final Graphics2D MEASURE = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();

    private SvgTextBoxes() {
    }

    static List<Box> of(JFreeChart chart, int width, int height) throws Exception {
        byte[] svg = ChartExport.bytes(chart, ChartExport.Format.SVG, width, height, 1);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        Map<String, Rectangle2D> clips = new HashMap<>();
        NodeList cps = doc.getElementsByTagName("clipPath");
        for (int i = 0; i < cps.getLength(); i++) {
            Element cp = (Element) cps.item(i);
            Element path = (Element) cp.getElementsByTagName("path").item(0);
            clips.put(cp.getAttribute("id"), extent(path.getAttribute("d"), new AffineTransform()));
        }
        List<Box> out = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            String s = t.getTextContent();
            String style = t.getAttribute("style");
            Matcher m = SIZE.matcher(style);
            m.find();
            Font font = new Font("SansSerif", style.contains("font-weight: bold") ? Font.BOLD : Font.PLAIN,
                    (int) Math.round(Double.parseDouble(m.group(1))));
            FontMetrics fm = MEASURE.getFontMetrics(font);
            double x = Double.parseDouble(t.getAttribute("x"));
            double y = Double.parseDouble(t.getAttribute("y"));
            Rectangle2D b = new Rectangle2D.Double(x, y - fm.getAscent(), fm.stringWidth(s), fm.getAscent() + fm.getDescent());
            out.add(new Box(s, b, clipOf(t, clips, new AffineTransform())));
        }
        // glyph outlines: a group with a rotation holds one string drawn as paths
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            String tr = g.getAttribute("transform");
            if (!tr.startsWith("matrix(")) {
                continue;
            }
            double[] v = NUMBER.matcher(tr).results().mapToDouble(r -> Double.parseDouble(r.group())).toArray();
            AffineTransform at = new AffineTransform(v[0], v[1], v[2], v[3], v[4], v[5]);
            Rectangle2D all = null;
            NodeList paths = g.getElementsByTagName("path");
            for (int p = 0; p < paths.getLength(); p++) {
                Rectangle2D r = extent(((Element) paths.item(p)).getAttribute("d"), at);
                all = all == null ? r : all.createUnion(r);
            }
            if (all != null) {
                out.add(new Box("(outlined text, transform " + tr + ")", all, clipOf(g, clips, at)));
            }
        }
        return out;
    }

    /** The clip of the element or its nearest ancestor that names one, in page coordinates. */
    private static Rectangle2D clipOf(Element e, Map<String, Rectangle2D> clips, AffineTransform at) {
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            String ref = el.getAttribute("clip-path");
            if (!ref.isEmpty()) {
                Rectangle2D c = clips.get(ref.substring(ref.indexOf('#') + 1, ref.indexOf(')')));
                return at.createTransformedShape(c).getBounds2D();
            }
        }
        return null;
    }

    /** The extent of a path's points (every number pair in M/L/Q/C segments is a point). */
    private static Rectangle2D extent(String d, AffineTransform at) {
        double[] v = NUMBER.matcher(d).results().mapToDouble(r -> Double.parseDouble(r.group())).toArray();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        double[] pt = new double[2];
        for (int i = 0; i + 1 < v.length; i += 2) {
            at.transform(new double[] {v[i], v[i + 1]}, 0, pt, 0, 1);
            minX = Math.min(minX, pt[0]);
            maxX = Math.max(maxX, pt[0]);
            minY = Math.min(minY, pt[1]);
            maxY = Math.max(maxY, pt[1]);
        }
        return new Rectangle2D.Double(minX, minY, maxX - minX, maxY - minY);
    }
}
