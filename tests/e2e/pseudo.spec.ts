// The pseudo-locale (issue 7): every message long and accented, so any text on screen that
// is plain English did not come through i18n, and any message the layout cuts off shows.
// Data (names, call signs, incident numbers, places, dates) is set aside by asking the core
// for it. The pseudo-locale is reached only through the test address (?locale=pseudo).
import type { Page } from '@playwright/test';
import { createTranslator } from '../../shared/i18n';
import { shiftAt } from '../../shared/time/shifts';
import { makeLocale } from '../../renderer/src/locale/locale';
import type { Core } from '../../electron/core';
import { expect, signIn, test } from './harness';
import { visitEveryScreen } from './screens';
import { layoutProblems, type LayoutProblems } from './layout';

import { mkdirSync } from 'node:fs';

const TZ = 'Asia/Damascus';
mkdirSync('test-results/pseudo', { recursive: true });
const pseudo = makeLocale({ language: 'en', timeZone: TZ, pseudo: true });

/** Every string the core hands out for these screens: data, not words of the interface. */
async function dataStrings(core: Core): Promise<string[]> {
  const session = core.createSession();
  await core.invoke(session, 'session.signIn', { name: 'Rania Haddad', pin: '2468' });
  const answers: unknown[] = [];
  const ask = async (channel: Parameters<Core['invoke']>[1], input: unknown) => {
    const r = await core.invoke(session, channel, input as never);
    if (r.ok) answers.push(r.value);
  };
  for (const queue of ['waiting', 'active', 'closure']) await ask('incidents.queue', { queue });
  for (const channel of ['teams.board', 'teams.centres', 'teams.volunteers', 'operators.list', 'reference.districts', 'sync.hubs', 'sync.status', 'roster.current', 'setup.status'] as const) await ask(channel, {});
  await ask('audit.list', { limit: 200 });
  await ask('summary.get', { period: { shift: shiftAt(Date.now(), ['08:00', '20:00'], TZ).start } });
  const rows = answers.flatMap((a) => (a && typeof a === 'object' && 'rows' in a && Array.isArray(a.rows) ? a.rows : [])) as { id: string }[];
  for (const row of rows) await ask('incidents.get', { id: row.id });
  const strings = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') { if (v.length > 1 && !/^[a-z0-9_]+$/.test(v)) strings.add(v); } // codes are not data: they must be translated
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  answers.forEach(walk);
  return [...strings].sort((a, b) => b.length - a.length);
}

/**
 * Visible text that is plain English once the data is taken out. Run in the page; written as
 * a string because the tests are compiled without the DOM.
 */
const FIND_HARD_CODED = `(data) => {
  const MONTHS_AND_DAYS = /\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\\b/g;
  const hardCoded = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !element.checkVisibility() || element.closest('kbd, option, script, style')) continue;
    let text = node.textContent;
    const trimmed = text.trim();
    // Data, or a piece of it (a chart wraps a long call sign over two lines).
    if (data.some((d) => d.includes(trimmed))) continue;
    for (const d of data) if (text.includes(d)) text = text.split(d).join(' ');
    text = text.replace(MONTHS_AND_DAYS, ' ');
    // Pseudo-localised words are accented; Latin words without an accent came from elsewhere.
    const words = text.split(/[^A-Za-z\\u00C0-\\u024F]+/).filter((w) => /[A-Za-z]{2,}/.test(w) && !/[\\u00C0-\\u024F]/.test(w));
    if (words.length > 0) hardCoded.push(element.tagName.toLowerCase() + ': ' + node.textContent.trim());
  }
  return [...new Set(hardCoded)];
}`;

interface Problems extends LayoutProblems { hardCoded: string[] }

async function findProblems(page: Page, data: string[]): Promise<Problems> {
  const hardCoded = await page.evaluate(`(${FIND_HARD_CODED})(${JSON.stringify(data)})`) as string[];
  return { hardCoded, ...(await layoutProblems(page)) };
}

test('every screen in the pseudo-locale: no hard-coded text, nothing cut off or spilling out', async ({ beacon, renderer }) => {
  test.setTimeout(120_000);
  const { page, core } = beacon;
  const admin = core.createSession();
  expect((await core.invoke(admin, 'setup.complete', {
    post: { name: 'Latakia command post', code: 'LTK', timeZone: TZ }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'en', loadDemo: true,
  })).ok).toBe(true);
  expect((await core.invoke(admin, 'sync.addHub', { name: 'HQ Damascus', url: 'postgres://beacon@127.0.0.1:1/beacon', tls: { mode: 'disable', caFile: null } })).ok).toBe(true);
  const shift = shiftAt(Date.now(), ['08:00', '20:00'], TZ);
  const data = await dataStrings(core);

  await page.goto(`${renderer.url}?locale=pseudo`);
  const t = pseudo.t;
  await signIn(page, t as Parameters<typeof signIn>[1]);
  const found: Record<string, Problems> = {};
  await visitEveryScreen(page, t, async (screen) => {
    await page.screenshot({ path: `test-results/pseudo/${screen}.png`, fullPage: true });
    const problems = await findProblems(page, data);
    if (problems.hardCoded.length + problems.cut.length + problems.spill.length > 0) found[screen] = problems;
  }, `shift=${shift.start}`);
  expect(found).toEqual({});
  // The ordinary address never shows it.
  await page.goto(renderer.url);
  await expect(page.getByRole('navigation', { name: createTranslator('en')('nav.main') })).toBeVisible();
});
