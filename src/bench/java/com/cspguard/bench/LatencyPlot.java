package com.cspguard.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Draws the latency distribution (sorted samples: percentile on x, milliseconds on y) as a PNG. */
final class LatencyPlot {
    private LatencyPlot() { }

    static void write(List<Long> sortedNanos, Path file) throws IOException {
        int w = 800;
        int h = 450;
        int left = 70;
        int bottom = 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double maxMs = sortedNanos.get(sortedNanos.size() - 1) / 1e6;
        double top = Math.max(50, Math.ceil(maxMs / 50) * 50);
        g.setColor(Color.LIGHT_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            int y = h - bottom - (h - bottom - 30) * i / 5;
            g.drawLine(left, y, w - 20, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.0f ms", top * i / 5), 10, y + 4);
            g.setColor(Color.LIGHT_GRAY);
        }
        for (int pct = 0; pct <= 100; pct += 10) {
            int x = left + (w - 20 - left) * pct / 100;
            g.setColor(Color.DARK_GRAY);
            g.drawString("p" + pct, x - 10, h - bottom + 20);
        }
        g.setColor(new Color(0, 90, 180));
        g.setStroke(new BasicStroke(2f));
        int n = sortedNanos.size();
        int px = -1;
        int py = -1;
        for (int i = 0; i < n; i++) {
            int x = left + (int) ((w - 20 - left) * (i / (double) Math.max(1, n - 1)));
            int y = h - bottom - (int) ((h - bottom - 30) * (sortedNanos.get(i) / 1e6 / top));
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Transfer request to readable decision (read_committed), " + n + " requests", left, 20);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
