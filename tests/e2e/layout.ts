// Text the layout cuts off or lets spill out of its box: checked on every screen in the
// pseudo-locale (long messages) and in Arabic (issue 7). Run in the page; written as a string
// because the tests are compiled without the DOM.
import type { Page } from '@playwright/test';

export interface LayoutProblems {
  /** Text cut off by a box that clips it, with no title to show it whole. */
  cut: string[];
  /** Boxes whose content runs out of them without being clipped or scrolled. */
  spill: string[];
}

const FIND = `() => {
  const cut = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (!element.checkVisibility() || !element.textContent.trim() || element.children.length > 0 || element.closest('.visually-hidden')) continue;
    // Cut on purpose, the whole text a hover away (the queue's two-line type and status).
    if (element.title === element.textContent.trim()) continue;
    const style = getComputedStyle(element);
    const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (clips && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + parseFloat(style.lineHeight) / 2)) cut.push(element.tagName.toLowerCase() + '.' + element.className + ': ' + element.textContent.trim());
  }
  // Text that runs out of its box without being cut: it lies over whatever is beside it. Any
  // box but an inline one (which has no width of its own) whose content is wider than it and
  // that neither scrolls nor clips.
  const spill = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (!element.checkVisibility() || !element.textContent.trim() || element.closest('.visually-hidden, svg')) continue;
    const style = getComputedStyle(element);
    if (style.display === 'inline' || style.display === 'contents' || style.overflowX !== 'visible') continue;
    if (element.clientWidth === 0 || element.scrollWidth <= element.clientWidth + 1) continue;
    // Named with the child that reaches furthest, which is usually the one to mend.
    const box = element.getBoundingClientRect();
    let widest = null;
    let reach = 0;
    for (const child of element.children) {
      const r = child.getBoundingClientRect();
      const out = Math.max(box.left - r.left, r.right - box.right);
      if (out > reach) { reach = out; widest = child; }
    }
    const name = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '');
    spill.push(name(element) + (widest ? ' > ' + name(widest) : '') + ' (' + element.scrollWidth + ' > ' + element.clientWidth + '): ' + (widest ?? element).textContent.trim().slice(0, 80));
  }
  return { cut: [...new Set(cut)], spill: [...new Set(spill)] };
}`;

export function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate(`(${FIND})()`) as Promise<LayoutProblems>;
}
