package io.polyshop.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/** Horizontal bar charts as PNG, drawn with Java2D: no plotting library needed. */
final class Charts {

	private static final Color BAR = new Color(0x3b, 0x6e, 0xa8);

	private static final Color TARGET = new Color(0xc0, 0x39, 0x2b);

	private Charts() {
	}

	/**
	 * @param bars label → value, drawn top to bottom
	 * @param unit printed after each value
	 */
	static void bars(Path file, String title, LinkedHashMap<String, Double> bars, String unit) throws IOException {
		int rowHeight = 34;
		int width = 900;
		int labelWidth = 330;
		int height = 70 + bars.size() * rowHeight + 20;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
		g.drawString(title, 20, 32);
		double max = bars.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
		int barSpace = width - labelWidth - 150;
		int y = 60;
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
		for (Map.Entry<String, Double> bar : bars.entrySet()) {
			g.setColor(Color.DARK_GRAY);
			g.drawString(bar.getKey(), 20, y + 20);
			int length = (int) Math.round(barSpace * bar.getValue() / max);
			g.setColor(BAR);
			g.fillRect(labelWidth, y + 6, Math.max(length, 1), rowHeight - 12);
			g.setColor(Color.BLACK);
			g.drawString(format(bar.getValue()) + " " + unit, labelWidth + length + 8, y + 20);
			y += rowHeight;
		}
		g.setColor(TARGET);
		g.setStroke(new BasicStroke(1));
		g.drawLine(labelWidth, 55, labelWidth, y);
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static String format(double value) {
		return (value >= 100) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
	}

}
