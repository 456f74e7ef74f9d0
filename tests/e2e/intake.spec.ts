// The foundation, end to end, as an operator does it: first run, sign in, a call logged by
// keyboard only, a duplicate attached, every status, a note struck, and everything still
// there after the core restarts. In English and in Arabic (right to left).
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { LANGUAGES, type Language } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, testIn } from './harness';

const SCREENS = 'test-results/screens';
mkdirSync(SCREENS, { recursive: true });

async function screenshot(page: Page, name: string, language: Language) {
  await page.screenshot({ path: `${SCREENS}/${name}-${language}.png`, fullPage: true });
}

for (const language of LANGUAGES) {
  const t = createTranslator(language);

  testIn(language)(`an operator logs, merges and closes calls, and nothing is lost on restart (${language})`, async ({ beacon }) => {
    const { page } = beacon;
    // A new installation starts in Arabic; switch if this run is in English.
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    if (language === 'en') await page.getByRole('button', { name: createTranslator('ar')('header.languageLabel') }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');

    // First run.
    await page.getByLabel(t('setup.postName')).fill('Latakia command post');
    await page.getByLabel(t('setup.postCode')).fill('LTK');
    await page.getByLabel(t('setup.consoleLetter')).fill('A');
    await page.getByLabel(t('setup.operatorName')).fill('Rania Haddad');
    await page.getByLabel(t('setup.pin'), { exact: true }).fill('2468');
    await page.getByLabel(t('setup.confirmPin')).fill('2468');
    // Demo data is offered, never ticked for the operator: a real post must not start with invented incidents.
    await expect(page.getByLabel(t('setup.loadDemo'))).not.toBeChecked();
    await screenshot(page, 'first-run', language);
    await page.getByRole('button', { name: t('setup.submit') }).click();
    await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toBeVisible();

    // Sign out and in again; a wrong PIN is refused in the operator's language.
    await page.getByRole('button', { name: t('signIn.signOut') }).click();
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('1111');
    await page.getByRole('button', { name: t('signIn.submit') }).click();
    await expect(page.getByRole('alert')).toHaveText(t('error.badCredentials'));
    await screenshot(page, 'sign-in', language);
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');

    // A call, by keyboard only: F2, the fields in Tab order, Ctrl+Enter.
    await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toBeVisible();
    await page.keyboard.press('F2');
    await expect(page.getByLabel(t('intake.receivedAt'))).toBeFocused();
    const k = page.keyboard;
    await k.press('Tab'); // source: phone (default)
    await k.press('Tab'); await k.type('Abu Samer');
    await k.press('Tab'); await k.type('0933 123 456');
    await k.press('Tab'); await k.press('ArrowDown'); // type: building collapse
    await k.press('Tab'); await k.press('ArrowDown'); // priority 1
    await k.press('Tab'); await k.type(language === 'ar' ? 'اللاذ' : 'Latak'); await k.press('Enter');
    await k.press('Tab'); await k.type('الرمل الجنوبي');
    await k.press('Tab'); await k.type('behind the bakery');
    await k.press('Tab'); await k.type(`35°30'18"N 35°46'30"E`);
    await k.press('Tab'); await k.type('Three-storey building collapsed, people trapped');
    await k.press('Tab'); await k.type('3');
    await k.press('Tab'); await k.type('2');
    await screenshot(page, 'intake', language);
    await k.press('Control+Enter');
    const toast = page.getByRole('status').filter({ hasText: /LTK-\d{6}-A001/ });
    await expect(toast).toBeVisible();
    const number = /LTK-\d{6}-A001/.exec((await toast.textContent()) ?? '')![0];
    const row = page.getByRole('option', { name: t('queue.open', { number }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText(t('incidentType.building_collapse'));
    await screenshot(page, 'queue', language);

    // The same scene reported again: intake offers the open incident, the call is attached.
    await page.keyboard.press('F2');
    const intake = page.getByRole('dialog', { name: t('intake.title') });
    await intake.getByLabel(t('intake.source')).selectOption('radio');
    await intake.getByLabel(t('intake.type')).selectOption('building_collapse');
    await intake.getByLabel(t('intake.priority')).selectOption('1');
    await intake.getByRole('combobox', { name: `${t('intake.district')} / ${t('intake.subdistrict')}` }).fill(language === 'ar' ? 'اللاذقيه' : 'latakia');
    await page.keyboard.press('Enter');
    await intake.getByLabel(t('intake.locality')).fill('الرمل  الجنوبى');
    const attach = intake.getByRole('radio', { name: t('intake.attachTo', { number }) });
    await expect(attach).toBeVisible();
    await attach.focus();
    await page.keyboard.press('Space');
    await expect(page.getByText(t('intake.attachingTo', { number }))).toBeVisible();
    await screenshot(page, 'duplicate', language);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('status').filter({ hasText: t('intake.attached', { number }) })).toBeVisible();
    await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toContainText('1');

    // Open it from the queue with the keyboard: both calls are there.
    await page.getByRole('listbox', { name: t('queue.rows') }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: t('incident.calls', { n: 2 }) })).toBeVisible();

    // Every status in turn, each stamped in the timeline.
    // "Dispatched" with no team only as its own confirmed move, which says who was sent.
    await expect(page.getByRole('button', { name: t('incident.moveTo', { status: t('status.dispatched') }) })).toHaveCount(0);
    for (const status of ['dispatched', 'on_scene', 'cleared', 'closed'] as const) {
      if (status === 'dispatched') {
        await page.getByRole('button', { name: t('keys.dispatchWithoutTeam') }).click();
        await page.getByLabel(t('keys.withoutTeamReason')).fill('Civil police patrol');
        await page.getByRole('button', { name: t('keys.confirmWithoutTeam') }).click();
      } else await page.getByRole('button', { name: t('incident.moveTo', { status: t(`status.${status}`) }) }).click();
      await expect(page.locator('.incident__head .status')).toHaveText(t(`status.${status}`));
    }
    await expect(page.locator('.timeline__item--status')).toHaveCount(5);
    await expect(page.getByText(t('incident.closedNotice', { status: t('status.closed') }))).toBeVisible();

    // A note, and striking it through with a reason.
    await page.getByLabel(t('incident.addNote')).fill('Gas smell reported near the stairs');
    await page.getByRole('button', { name: t('incident.saveNote') }).click();
    // Each note's strike button names its note (the dispatch without a team left one too).
    const strikeGas = page.getByRole('button', { name: t('keys.strikeNote', { text: 'Gas smell reported near the stairs', time: '' }).replace(/ \(\)$/, '') });
    await strikeGas.click();
    await page.getByLabel(t('incident.strikeReason')).fill('wrong incident');
    await strikeGas.click();
    await expect(page.getByText(t('incident.struck', { name: 'Rania Haddad', reason: 'wrong incident' }))).toBeVisible();
    await expect(page.locator('.struck')).toHaveText('Gas smell reported near the stairs');
    await screenshot(page, 'incident', language);
    const incidentUrl = page.url();
    await page.keyboard.press('Escape');

    // A second incident, cancelled with a reason.
    await page.keyboard.press('F2');
    await intake.getByLabel(t('intake.type')).selectOption('fire');
    await intake.getByLabel(t('intake.priority')).selectOption('2');
    await intake.getByRole('combobox', { name: `${t('intake.district')} / ${t('intake.subdistrict')}` }).fill('Jab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('option', { name: t('queue.open', { number: number.replace('A001', 'A002') }) }).dblclick();
    await page.getByRole('button', { name: t('incident.cancelIncident') }).click();
    await page.getByLabel(t('incident.cancelReason')).selectOption('false_alarm');
    await page.getByRole('button', { name: t('incident.confirmCancel') }).click();
    await expect(page.locator('.incident__head .status')).toHaveText(t('status.cancelled'));

    // The core restarts on the same file: sign in, and everything is still there.
    await beacon.restartCore();
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
    await page.goto(incidentUrl);
    await expect(page.locator('.incident__head .status')).toHaveText(t('status.closed'));
    await expect(page.getByRole('heading', { name: t('incident.calls', { n: 2 }) })).toBeVisible();
    await expect(page.locator('.struck')).toHaveText('Gas smell reported near the stairs');
  });
}
