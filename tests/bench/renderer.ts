// Renderer figures for `npm run bench`, from Chromium with a real core (the e2e harness):
// the waiting queue with 5,000 open incidents (first render, and a scroll end to end with the
// longest frame), and the shift summary of a 350-incident shift printed to PDF.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { seedIncidents } from '../../electron/core/demo/seed';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';
import { previousShift, shiftAt } from '../../shared/time/shifts';
import { createTranslator } from '../../shared/i18n';

const t = createTranslator('ar');
import { launchChromium, startTestHost } from '../e2e/harness';

export type Record = (operation: string, samples: number[], target: string) => void;

const STARTS = ['08:00', '20:00'];
const TZ = 'Asia/Damascus';

export async function measureRenderer(record: Record): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-bench-renderer-'));
  const core = await openCore({ dataDir, settings: createFileSettingsStore(join(dataDir, 'settings.json')), safetyCopies: false, log: { error: () => undefined, info: () => undefined } });
  const served = await startTestHost(dataDir, { core });
  const server = { url: `${served.origin}/index.html` };
  const browser = await launchChromium();
  try {
    const admin = core.createSession();
    const setup = await core.invoke(admin, 'setup.complete', {
      post: { name: 'Latakia command post', code: 'LTK', timeZone: TZ }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language: 'ar', loadDemo: false,
    });
    if (!setup.ok) throw new Error('setup failed');
    const operatorId = setup.value.id;
    const shift = previousShift(shiftAt(Date.now(), STARTS, TZ), STARTS, TZ);
    await seedIncidents({ ...core.context, now: () => shift.end - 1 }, operatorId, { count: 350, days: 0.49, seed: 5 });

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(served.url);
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');
    const rows = page.getByRole('listbox', { name: t('queue.rows') }).getByRole('option');
    await page.getByRole('link', { name: t('nav.summary'), exact: true }).waitFor();

    // The summary of a 350-incident shift, printed to PDF from the print route.
    const pdf: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      await page.goto(`${server.url}#/print/summary?shift=${shift.start}`);
      await page.locator('body[data-ready="true"]').waitFor();
      await page.pdf({ preferCSSPageSize: true, printBackground: true });
      pdf.push(performance.now() - started);
      await page.goto(`${server.url}#/`);
    }
    record('shift summary of 350 incidents to PDF (load, render, print)', pdf.slice(1), '≤ 3 s');
    // Then 5,000 calls waiting for dispatch.
    await seedIncidents(core.context, operatorId, { count: 5000, days: 1, seed: 3, awaitingDispatch: true });
    await page.goto(`${server.url}#/`);
    await rows.first().waitFor();

    // First render: from asking for the queues to the first row drawn, 5,000 rows waiting.
    const firstRender: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto(`${server.url}#/roster`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const started = performance.now();
      await page.goto(`${server.url}#/`);
      await rows.first().waitFor();
      firstRender.push(performance.now() - started);
    }
    record('renderer: queue of 5,000 open incidents, first render', firstRender.slice(1), '≤ 300 ms');

    // Scroll end to end in steps of one screen per frame; the longest frame is the figure.
    // Runs in the page (written as text: this file is type-checked without the DOM library).
    const frames = await page.evaluate(`(async () => {
      const list = document.querySelector('[role="listbox"]');
      if (!list) return [];
      const durations = [];
      let last = performance.now();
      while (list.scrollTop + list.clientHeight < list.scrollHeight - 1) {
        list.scrollTop += list.clientHeight;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        durations.push(now - last);
        last = now;
      }
      return durations;
    })()`) as number[];
    record(`renderer: scroll that queue end to end (${frames.length} frames; figure = frame time)`, frames, 'no frame over 50 ms');

    await context.close();
  } finally {
    await browser.close();
    await served.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
