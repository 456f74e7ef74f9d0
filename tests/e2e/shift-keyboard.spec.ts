// A busy shift by keyboard only (issue #19), in Arabic with Arabic-Indic digits and in English:
// shortcuts sent as the Arabic layout sends them (the key typed differs from the physical
// key), counts typed in Arabic-Indic and Persian digits and read back from the core, focus
// checked after every action (never the page body), a half-written note kept, "Dispatched"
// reached by sending a team. Screens are kept in test-results/screens/keyboard-*.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { ChannelName, Input, Output } from '../../shared/api';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import type { Core } from '../../electron/core';
import { makeLocale } from '../../renderer/src/locale/locale';
import { shiftAt } from '../../shared/time/shifts';
import { expect, signIn, testIn } from './harness';

const SCREENS = 'test-results/screens';
mkdirSync(SCREENS, { recursive: true });

async function admin(core: Core) {
  const session = core.createSession();
  return async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await core.invoke(session, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
}

/** A key as the Arabic (101) layout sends it: `key` is what it types, `code` the physical key. */
async function arabicKey(page: Page, init: { key: string; code: string; ctrlKey?: boolean; shiftKey?: boolean }) {
  // (A string: this file is type-checked without the DOM library.)
  await page.evaluate(`(() => {
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new KeyboardEvent('keydown', { ...${JSON.stringify(init)}, bubbles: true, cancelable: true, composed: true }));
  })()`);
}

/** Focus is somewhere the operator can act from: never the page body, never nowhere. */
async function expectFocusUseful(page: Page, step: string) {
  await expect.poll(() => page.evaluate(`(() => {
    const el = document.activeElement;
    return !el || el === document.body || el === document.documentElement ? 'body' : el.tagName;
  })()`), { message: `focus after: ${step}` }).not.toBe('body');
}

async function expectFocused(locator: Locator, step: string) {
  await expect(locator, `focus after: ${step}`).toBeFocused();
}

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  // What the screen shows: in Arabic this post writes Arabic-Indic digits (١ — مهددة للحياة).
  const screenLocale = makeLocale({ language, timeZone: 'Asia/Damascus', digits: language === 'ar' ? 'arab' : 'latn' });
  const shown = screenLocale.t;
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENS}/keyboard-${name}-${language}.png`, fullPage: true });

  testIn(language)(`a shift worked by keyboard only: focus, Arabic layout, digits, safe records (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const call = await admin(core);
    await call('setup.complete', {
      post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
    });
    if (language === 'ar') await call('post.setDefaults', { language: 'ar', digits: 'arab' });
    const centreId = (await call('teams.saveCentre', { name: language === 'ar' ? 'مركز اللاذقية' : 'Latakia centre', district: 'latakia', covers: [] })).id;
    await call('teams.save', { callSign: 'Rescue 1 Latakia', kind: 'search_rescue', centreId });
    await call('teams.save', { callSign: 'Ambulance 1 Latakia', kind: 'ambulance', centreId });
    for (const name of ['Samer Haddad', 'Hadi Khalil']) await call('teams.saveVolunteer', { name, role: 'rescuer', centreId });
    const k = page.keyboard;

    // Sign in: the name field has focus; after Enter focus is on the queues (empty: the tab).
    await page.reload();
    await expectFocused(page.getByLabel(t('signIn.name')), 'opening sign-in');
    await k.type('Rania Haddad'); await k.press('Tab'); await k.type('2468'); await k.press('Enter');
    await expectFocused(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) }), 'sign-in');

    // Roster by keyboard: each check-in leaves focus on the form, ready for the next one.
    await page.getByRole('link', { name: t('nav.roster'), exact: true }).press('Enter');
    const checkIn = page.getByRole('form', { name: t('roster.checkIn') });
    for (const [volunteer, team] of [['Samer Haddad', 'Rescue 1 Latakia'], ['Hadi Khalil', 'Ambulance 1 Latakia']] as const) {
      await checkIn.getByLabel(t('roster.volunteer')).selectOption({ label: `${volunteer}${screenLocale.sep}${t('role.rescuer')}` });
      await checkIn.getByLabel(t('roster.team')).selectOption({ label: team });
      await checkIn.getByRole('button', { name: t('roster.checkIn') }).press('Enter');
      await expect(page.getByRole('button', { name: t('roster.checkOut', { name: volunteer }) })).toBeVisible();
      await expectFocused(checkIn.getByLabel(t('roster.volunteer')), `checking ${volunteer} in`);
    }
    await shot(page, 'roster');

    // F6 from any screen: back to the queues, focus on them.
    await k.press('F6');
    await expect(page).toHaveURL(/#\/$/);
    await expectFocused(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) }), 'F6');

    // Ctrl+N as the Arabic layout sends it (it types «ى»): intake opens, time field focused.
    await arabicKey(page, { key: 'ى', code: 'KeyN', ctrlKey: true });
    const intake = page.getByRole('dialog', { name: t('intake.title') });
    await expectFocused(intake.getByLabel(t('intake.receivedAt')), 'Ctrl+N (Arabic layout)');
    await k.press('Tab'); // source
    await k.press('Tab'); await k.type('Abu Samer');
    await k.press('Tab'); await k.type('0933 123 456');
    await k.press('Tab'); await k.press('ArrowDown'); // building collapse
    await k.press('Tab'); await k.press('ArrowDown'); // priority 1
    await k.press('Tab'); await k.type(language === 'ar' ? 'اللاذ' : 'Latak'); await k.press('Enter');
    await k.press('Tab'); await k.type('الرمل الجنوبي');
    await k.press('Tab'); await k.type('near the old bakery');
    await k.press('Tab'); await k.type('35.5215, 35.7831');
    // The "read as" hint is isolated left to right, so latitude stays before longitude in Arabic.
    await expect(intake.locator('.field__hint bdi[dir="ltr"]')).toHaveCount(1);
    await k.press('Tab'); await k.type('Three floors down, people under the rubble');
    // A count that is not a number is refused beside its field, and focus goes there.
    await k.press('Tab'); await k.type('x');
    await k.press('Tab'); await k.type('۲'); // Persian two
    await k.press('Tab'); await k.type('٠'); // Arabic-Indic zero
    await k.press('Control+Enter');
    const trapped = intake.getByLabel(t('intake.trapped'));
    await expect(intake.getByText(shown('keys.wholeNumber'))).toBeVisible();
    await expectFocused(trapped, 'a refused save');
    await k.press('Control+a'); await k.type('١'); // Arabic-Indic one
    await shot(page, 'intake');
    await k.press('Control+Enter');
    await expect(intake).toHaveCount(0);
    // The queue list has focus, with the new call selected: ↓ Enter works at once.
    const list = page.getByRole('listbox', { name: t('queue.rows') });
    await expectFocused(list, 'saving a call');
    const [row] = (await call('incidents.queue', { queue: 'waiting' })).rows;
    const stored = await call('incidents.get', { id: row!.id });
    expect([stored.trapped, stored.injured, stored.dead]).toEqual([1, 2, 0]);
    expect([stored.lat, stored.lon]).toEqual([35.5215, 35.7831]);
    // The row's name says priority, type, place and age; the columns have headers.
    await expect(list.getByRole('option').first()).toHaveAccessibleName(new RegExp(`${shown('priority.1')}.*${t('incidentType.building_collapse')}.*الرمل الجنوبي`));
    await expect(page.locator('.queue__head')).toContainText(t('keys.colAgeWaiting'));
    await shot(page, 'queue');

    // Open with Enter: the incident's heading has focus. No button moves it to "Dispatched".
    await k.press('Enter');
    await expectFocused(page.getByRole('heading', { level: 1 }), 'opening an incident');
    await expect(page.getByRole('button', { name: t('incident.moveTo', { status: t('status.dispatched') }) })).toHaveCount(0);

    // Send a team: the send button is the prominent action; focus then follows the team's steps.
    await page.getByRole('checkbox', { name: t('dispatch.choose', { team: 'Rescue 1 Latakia' }) }).press('Space');
    await page.getByRole('button', { name: t('dispatch.send') }).press('Enter');
    const stepButton = (step: 'en_route' | 'on_scene' | 'cleared') =>
      page.getByRole('button', { name: t('dispatch.step', { team: 'Rescue 1 Latakia', step: t(`step.${step}`, { number: '' }) }) });
    await expectFocused(stepButton('en_route'), 'sending a team');
    expect((await call('incidents.get', { id: row!.id })).status).toBe('dispatched');
    await k.press('Enter');
    await expectFocused(stepButton('on_scene'), 'en route');
    await k.press('Enter');
    await expectFocused(stepButton('cleared'), 'on scene');
    await k.press('Enter');
    await expectFocused(page.getByRole('button', { name: t('incident.moveTo', { status: t('status.closed') }) }), 'the last team cleared');
    await expect(page.locator('.incident__head .status')).toHaveText(t('status.cleared'));

    // A half-written note: Escape asks first, and "stay" keeps every word.
    const note = page.getByLabel(t('incident.addNote'));
    await note.press('Control+End');
    await k.type('Second building checked, nobody inside');
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.dismiss(); });
    await k.press('Escape');
    await expect.poll(() => asked).toBe(t('keys.discardNote'));
    await expect(note).toHaveValue('Second building checked, nobody inside');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Ctrl+Enter adds it; focus stays in the note field; the core has it word for word.
    await k.press('Control+Enter');
    await expect(note).toHaveValue('');
    await expectFocused(note, 'adding a note');
    await expect.poll(async () => (await call('incidents.get', { id: row!.id })).timeline.filter((e) => e.kind === 'note').map((e) => e.text))
      .toEqual(['Second building checked, nobody inside']);
    await shot(page, 'incident');

    // Escape with nothing unsaved: straight back to the queues, focus on them.
    await k.press('Escape');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
    await expectFocusUseful(page, 'Escape from an incident');
    // 3 on the Arabic layout (it types «٣»): the closure queue, its list focused.
    await arabicKey(page, { key: '٣', code: 'Digit3' });
    await expect(page.getByRole('tab', { name: new RegExp(t('queues.closure')) })).toHaveAttribute('aria-selected', 'true');
    await expectFocused(list, 'pressing 3');

    // ? on the Arabic layout (Shift+/ types «؟»): every shortcut listed; Escape returns focus.
    await arabicKey(page, { key: '؟', code: 'Slash', shiftKey: true });
    const help = page.getByRole('dialog', { name: t('help.title') });
    await expect(help).toBeVisible();
    for (const keys of ['F2 / Ctrl+N', 'F6', '1–7', 'Home / End', 'F1 / ?']) await expect(help.getByText(keys, { exact: true })).toBeVisible();
    await expect(help.getByText('Ctrl+Enter', { exact: true })).toHaveCount(2);
    await shot(page, 'help');
    await k.press('Escape');
    await expect(help).toHaveCount(0);
    await expectFocused(list, 'closing help');

    // The board: 1–7 by physical key on the selected team.
    const board = page.getByRole('listbox', { name: t('teams.rows') });
    await board.focus();
    await arabicKey(page, { key: '٦', code: 'Digit6' });
    await expect.poll(async () => (await call('teams.board', {})).filter((x) => x.status === 'out_of_service').length).toBe(1);
    await expectFocused(board, 'a team status key');
    await shot(page, 'board');

    // The wall, from the header in the operator's own window: counts in the post's digits, one
    // returning team counted ready (as dispatch offers it), and Escape comes back to the console.
    await page.getByRole('link', { name: t('nav.wall'), exact: true }).press('Enter');
    const wall = page.getByRole('main', { name: t('nav.wall') });
    await expect(wall.locator('.wall__counts strong').last()).toHaveText(language === 'ar' ? '١' : '1');
    await expect(wall.getByRole('heading', { name: shown('wall.teams', { n: 1, total: 2 }) })).toBeVisible();
    await shot(page, 'wall');
    await k.press('Escape');
    await expect(wall).toHaveCount(0);
    await expectFocusUseful(page, 'Escape from the wall');

    // Statistics load on first opening (their own script): the charts arrive, by-type hatched.
    await page.getByRole('link', { name: t('nav.stats'), exact: true }).press('Enter');
    await expect(page.locator('pattern[id^="type-hatch-"]').first()).toBeAttached({ timeout: 30_000 });
    await shot(page, 'stats');
  });
}

testIn('ar')('the printed summary numbers its pages and counts people in Arabic-Indic digits when the post writes them', async ({ beacon }) => {
  const { page, core } = beacon;
  const t = createTranslator('ar');
  const call = await admin(core);
  await call('setup.complete', {
    post: { name: 'مركز عمليات اللاذقية', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'ar', loadDemo: false,
  });
  const status = await call('post.setDefaults', { language: 'ar', digits: 'arab' });
  await call('incidents.log', {
    receivedAt: Date.now(), source: 'phone', type: 'building_collapse', priority: 1,
    location: { district: 'latakia', locality: 'الصليبة' }, reported: { trapped: 7, injured: 0, dead: 0 },
  });
  const shift = shiftAt(Date.now(), status.shiftStarts, 'Asia/Damascus');
  await signIn(page, t);
  await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toBeVisible();
  await page.goto(`${page.url().split('#')[0]}#/print/summary?shift=${shift.start}`);
  await page.locator('body[data-ready="true"]').waitFor();
  const dir = 'test-results/keyboard-summary-ar';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await page.pdf({ path: `${dir}/summary.pdf`, preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', [`${dir}/summary.pdf`, '-']).toString();
  const flat = text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  // "صفحة ٢ من ٢" on every page, never "صفحة 2 من 2".
  const pages = text.split('\f').filter((p) => p.trim() !== '');
  expect(pages.length).toBeGreaterThan(0);
  for (const p of pages) expect(p.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')).toMatch(/صفحة\s*[٠-٩]+\s*من\s*[٠-٩]+/);
  expect(text).not.toMatch(/صفحة\s*[0-9]/);
  // The reported trapped are counted under a people column, not as incidents.
  // (pdftotext may move a shadda within its word: compared without diacritics.)
  const bare = (x: string) => x.replace(/[\s\u064b-\u0652]/g, '');
  expect(bare(flat)).toContain(bare(t('guide.people')));
  expect(bare(flat)).toContain(bare(`${t('stats.trapped')}٧`));
  execFileSync('pdftoppm', ['-png', '-r', '60', `${dir}/summary.pdf`, `${dir}/page`]);
});
