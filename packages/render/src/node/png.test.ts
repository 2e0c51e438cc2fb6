import { prepare } from "@diagrad/core";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, test } from "vitest";
import { layout } from "../layout/layout.js";
import { fontSizes, textWidth } from "../text/metrics.js";
import { svgToPng } from "./png.js";
import { sceneToSvg } from "./svg.js";

const signature = [137, 80, 78, 71, 13, 10, 26, 10];

describe("svgToPng", () => {
  test("gives PNG bytes at the chosen scale", async () => {
    const svg = sceneToSvg(await layout(prepare({ source: "x * y" }).network));
    const width = Number(/width="([\d.]+)"/.exec(svg)?.[1]);
    const png = svgToPng(svg, 2);
    expect([...png.slice(0, 8)]).toEqual(signature);
    const pngWidth = new DataView(png.buffer, png.byteOffset).getUint32(16);
    expect(pngWidth).toBe(Math.ceil(width * 2));
  });

  test("draws the labels: dark pixels inside each tensor's box", async () => {
    const scene = await layout(prepare({ source: "W2 @ x" }).network);
    const image = new Resvg(sceneToSvg(scene), {
      font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    }).render();
    for (const s of scene.shapes.filter((s) => s.kind === "tensor")) {
      let ink = 0;
      for (let y = Math.ceil(s.y + 4); y < s.y + s.height - 4; y++)
        for (let x = Math.ceil(s.x + 4); x < s.x + s.width - 4; x++) {
          const k = 4 * (y * image.width + x);
          if (image.pixels[k] < 100 && image.pixels[k + 1] < 100 && image.pixels[k + 2] < 100)
            ink++;
        }
      expect(ink, `the label of ${s.label}`).toBeGreaterThan(5);
    }
  });

  test("text is never wider than the metrics say (resvg measures it)", () => {
    for (const text of ["W2", "logsumexp", "softmax", "Δω", "M12", "(·)⁻¹", "mmm", "iii"]) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="10" y="30" font-family="DejaVu Sans" font-size="${fontSizes.tensor}">${text}</text></svg>`;
      const box = new Resvg(svg, {
        font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
      }).getBBox();
      expect(box, text).toBeDefined();
      expect(box?.width ?? 0, text).toBeLessThanOrEqual(textWidth(text, fontSizes.tensor) + 0.5);
    }
  });
});
