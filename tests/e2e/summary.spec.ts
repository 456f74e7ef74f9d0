// The handover report of a busy shift, printed to PDF by Chromium from the print route, in
// Arabic and English: its text checked with pdftotext, its pages kept as PNG to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { previousShift, shiftAt } from '../../shared/time/shifts';
import { seedIncidents } from '../../electron/core/demo/seed';
import { addNote, strikeNote } from '../../electron/core/timeline/notes';
import { expect, signIn, test, testIn } from './harness';

const TZ = 'Asia/Damascus';
const STARTS = ['08:00', '20:00'];

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`the shift summary prints to PDF with every page numbered (${language})`, async ({ beacon }) => {
    test.setTimeout(120_000);
    const { page, core } = beacon;
    const admin = core.createSession();
    const setup = await core.invoke(admin, 'setup.complete', {
      post: { name: language === 'ar' ? 'مركز عمليات اللاذقية' : 'Latakia command post', code: 'LTK', timeZone: TZ }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
    });
    if (!setup.ok) throw new Error('setup failed');
    // A busy shift: the one before the current, 350 incidents, some still open as it ended.
    const shift = previousShift(shiftAt(Date.now(), STARTS, TZ), STARTS, TZ);
    await seedIncidents({ ...core.context, now: () => shift.end - 1 }, setup.value.id, { count: 350, days: 0.49, seed: 5 });
    expect((await core.invoke(admin, 'summary.addHandoverNote', { shiftStart: shift.start, text: 'Generator at Jableh centre needs fuel before dark.' })).ok).toBe(true);
    // A note on a priority-1 incident written and struck through before the shift ended.
    const p1 = await core.invoke(admin, 'summary.get', { period: { shift: shift.start } });
    if (!p1.ok || p1.value.priorityOne.length === 0) throw new Error('no priority-1 incident');
    const struckOn = await core.context.store.reader.get<{ id: string }>('SELECT id FROM incidents WHERE number = ?', [p1.value.priorityOne[0]!.number]);
    await addNote({ ...core.context, now: () => shift.end - 120_000 }, setup.value.id, struckOn!.id, 'Second collapse on Baghdad Street.');
    const wrongNote = await core.context.store.reader.get<{ id: string }>(`SELECT id FROM timeline_entries WHERE text = 'Second collapse on Baghdad Street.'`);
    await strikeNote({ ...core.context, now: () => shift.end - 60_000 }, setup.value.id, wrongNote!.id, 'Belongs to another incident');
    const summary = await core.invoke(admin, 'summary.get', { period: { shift: shift.start } });
    if (!summary.ok) throw new Error('summary failed');
    expect(summary.value.incidents).toBeGreaterThanOrEqual(300);
    expect(summary.value.openIncidents.length).toBeGreaterThan(0);

    await signIn(page, t);
    // The summary screen: the previous shift on paper; an empty handover note is refused at the field, a written one appears.
    await page.getByRole('link', { name: t('nav.summary'), exact: true }).click();
    await page.getByLabel(t('summary.period'), { exact: true }).selectOption('previousShift');
    const paper = page.getByRole('article', { name: t('summary.titleShift') });
    await expect(paper.getByText(t('summary.handoverList'))).toBeVisible();
    const noteForm = page.getByRole('form', { name: t('summary.addNote') });
    await noteForm.getByRole('button', { name: t('summary.save') }).click();
    await expect(noteForm.getByText(t('validation.required'))).toBeVisible();
    await noteForm.getByLabel(t('summary.note')).fill('Rescue 3 Jableh back in service at 07:30.');
    await noteForm.getByRole('button', { name: t('summary.save') }).click();
    await expect(paper.getByText('Rescue 3 Jableh back in service at 07:30.')).toBeVisible();
    await page.screenshot({ path: `test-results/screens/summary-${language}.png` });
    await page.goto(`${page.url().split('#')[0]}#/print/summary?shift=${shift.start}`);
    await page.locator('body[data-ready="true"]').waitFor();
    const dir = `test-results/summary-${language}`;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const started = performance.now();
    await page.pdf({ path: `${dir}/summary.pdf`, preferCSSPageSize: true, printBackground: true });
    console.log(`summary PDF (${language}): ${Math.round(performance.now() - started)} ms`);

    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [`${dir}/summary.pdf`]).toString())?.[1]);
    expect(pages).toBeGreaterThan(2);
    // pdftotext splits Arabic words and marks direction: compare without spaces and marks.
    const flat = (x: string) => x.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    const text = execFileSync('pdftotext', [`${dir}/summary.pdf`, '-']).toString();
    // Every page numbered "page X of Y", under the running header.
    const pageTexts = text.split('\f').filter((p) => p.trim() !== '');
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((p, i) => {
      // Arabic runs may come out in logical or in visual (word-reversed) order.
      const label = t('summary.page', { page: i + 1, pages });
      expect([flat(label), flat(label.split(' ').reverse().join(' '))].some((l) => flat(p).includes(l)), `page ${i + 1}: ${label}`).toBe(true);
      expect(flat(p), `page ${i + 1}`).toContain(flat(t('summary.titleShift')));
    });
    // The totals, every open incident's number, and the handover note.
    const all = flat(text);
    expect(all).toContain(flat(`${t('summary.incidents')}${summary.value.incidents}`).slice(-String(summary.value.incidents).length));
    for (const o of summary.value.openIncidents) expect(all, o.number).toContain(o.number);
    expect(all).toContain(flat('Generator at Jableh centre needs fuel before dark.'));
    // Casualties are counted under a people column; the struck note is printed marked struck, with its reason.
    expect(all).toContain(flat(t('guide.people')));
    const struck = t('incident.struck', { name: 'Rania Haddad', reason: 'Belongs to another incident' });
    // Arabic runs may be reordered around the Latin name and reason: look for each piece.
    for (const part of language === 'en' ? [struck] : struck.split(/(Rania Haddad|Belongs to another incident)/)) expect(all, struck).toContain(flat(part));
    expect(all).toContain(flat('Second collapse on Baghdad Street.'));
    execFileSync('pdftoppm', ['-png', '-r', '60', `${dir}/summary.pdf`, `${dir}/page`]);
  });
}
