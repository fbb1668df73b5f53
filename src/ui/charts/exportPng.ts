// The live charts as one PNG: each chart's SVG is serialised, drawn on a canvas under its title,
// with the legend (run colours and names) drawn above, since the legend is HTML, not SVG.

export interface PngChart {
  title: string;
  svg: SVGSVGElement;
}

export interface PngLegendEntry {
  name: string;
  colour: string;
}

const SCALE = 2; // crisp on high-density screens and in slides
const PAD = 12;
const FONT = '13px system-ui, sans-serif';
const LINE = 20;

async function svgImage(svg: SVGSVGElement): Promise<{ image: HTMLImageElement; width: number; height: number }> {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // Text takes its font from page CSS, which a standalone SVG does not see.
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = 'text { font-family: system-ui, sans-serif; }';
  copy.prepend(style);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  await image.decode();
  return { image, width, height };
}

/** Splits text into lines no wider than `width` (by words; CJK text, which has no spaces, by characters). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const parts = text.includes(' ') ? text.split(/(?<= )/) : [...text];
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line && ctx.measureText(line + part).width > width) {
      lines.push(line.trimEnd());
      line = part.trimStart();
    } else line += part;
  }
  if (line) lines.push(line);
  return lines;
}

/** The charts side by side under the legend, as they are on the page. */
export async function chartsToPng(charts: PngChart[], legend: PngLegendEntry[], note: string): Promise<Blob> {
  const images = await Promise.all(charts.map((c) => svgImage(c.svg)));
  const width = Math.max(320, images.reduce((sum, i) => sum + i.width + PAD, PAD));
  const canvas = document.createElement('canvas');
  const measure = canvas.getContext('2d');
  if (!measure) throw new Error('this browser cannot draw on a canvas');
  measure.font = FONT;
  const noteLines = wrap(measure, note, width - 2 * PAD);
  const chartHeight = LINE + Math.max(...images.map((i) => i.height));
  const height = PAD + LINE * (noteLines.length + legend.length) + chartHeight + PAD;
  canvas.width = Math.ceil(width * SCALE);
  canvas.height = Math.ceil(height * SCALE);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  let y = PAD;
  ctx.fillStyle = '#555555';
  for (const line of noteLines) {
    ctx.fillText(line, PAD, y + LINE / 2);
    y += LINE;
  }
  for (const entry of legend) {
    ctx.strokeStyle = entry.colour;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(PAD, y + LINE / 2);
    ctx.lineTo(PAD + 24, y + LINE / 2);
    ctx.stroke();
    ctx.fillStyle = '#222222';
    ctx.fillText(entry.name, PAD + 32, y + LINE / 2);
    y += LINE;
  }
  let x = PAD;
  charts.forEach((chart, i) => {
    ctx.fillStyle = '#222222';
    ctx.font = `bold ${FONT}`;
    ctx.fillText(chart.title, x, y + LINE / 2);
    ctx.drawImage(images[i].image, x, y + LINE, images[i].width, images[i].height);
    x += images[i].width + PAD;
  });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
}
