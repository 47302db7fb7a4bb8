/**
 * SVG figures from Vega-Lite specifications, rendered headless (no browser, no canvas).
 * Vega-Lite is used instead of hand-drawn SVG: axes, legends, scales and layering are
 * declarative and well tested there. Text widths are estimated without a canvas, which only
 * affects label spacing.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type VegaLiteSpec = TopLevelSpec;

/** Render a Vega-Lite spec (data inlined in `data.values`) to an SVG string. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const vgSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
