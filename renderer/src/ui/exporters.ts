// Getting a chart's numbers and picture out of Beacon: CSV that Excel opens with Arabic
// intact (UTF-8 with a byte-order mark), PNG drawn from the chart's own SVG, and printing one
// card on its own. Everything stays on the machine: files go through the save dialog.

import type { CsvCell } from '../../../shared/text/csv';

export type Cell = CsvCell;
// One CSV writer for the core and the renderer, so every export quotes and neutralises alike.
export { toCsv } from '../../../shared/text/csv';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Draws the first SVG inside `container` onto a white canvas under a title, as PNG. */
export async function svgToPng(container: HTMLElement, title: string, dir: 'rtl' | 'ltr'): Promise<Blob | null> {
  // The chart is the largest SVG: legends draw their small icons as SVGs too.
  const area = (e: Element) => e.getBoundingClientRect().width * e.getBoundingClientRect().height;
  const svg = [...container.querySelectorAll('svg')].sort((a, b) => area(b) - area(a))[0];
  if (!svg) return null;
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // Text in an SVG image cannot reach the page's fonts; name the bundled one and system fallbacks.
  clone.setAttribute('font-family', getComputedStyle(container).fontFamily);
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const scale = 2;
  const titleHeight = 36;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((height + titleHeight) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height + titleHeight);
  ctx.fillStyle = '#111827';
  ctx.font = `600 16px ${getComputedStyle(container).fontFamily}`;
  ctx.direction = dir;
  ctx.textAlign = 'start';
  ctx.fillText(title, dir === 'rtl' ? width - 8 : 8, 24);
  ctx.drawImage(image, 0, titleHeight, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/** Prints one element alone: the print stylesheet hides everything not marked. */
export function printOnly(element: HTMLElement): void {
  element.setAttribute('data-print-target', '');
  document.body.setAttribute('data-printing', '');
  const done = () => {
    element.removeAttribute('data-print-target');
    document.body.removeAttribute('data-printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** A file name safe on every system: the title's letters (Arabic included), digits and dashes. */
export function fileName(title: string, extension: string): string {
  const stem = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'beacon';
  return `${stem}.${extension}`;
}
