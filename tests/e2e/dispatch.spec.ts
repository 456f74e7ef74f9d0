// Teams and dispatch, as the duty officer and an operator do it: crew checked in on the
// roster, two teams sent to a priority-1 incident by keyboard, board and queue moving with
// them, on scene, cleared, closed; and the wall display. In English and in Arabic.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { ChannelName, Input, Output } from '../../shared/api';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import type { Core } from '../../electron/core';
import { expect, testIn } from './harness';

mkdirSync('test-results/screens', { recursive: true });

async function admin(core: Core) {
  const session = core.createSession();
  const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await core.invoke(session, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  return call;
}

async function press(page: Page, key: string, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`two teams are sent to a priority-1 incident and move with it to closure (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const call = await admin(core);
    await call('setup.complete', {
      post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
    });
    const centreId = (await call('teams.saveCentre', { name: language === 'ar' ? 'مركز اللاذقية' : 'Latakia centre', district: 'latakia', covers: [] })).id;
    await call('teams.save', { callSign: 'Rescue 1 Latakia', kind: 'search_rescue', centreId });
    await call('teams.save', { callSign: 'Ambulance 1 Latakia', kind: 'ambulance', centreId });
    for (const name of ['Samer Haddad', 'Hadi Khalil']) await call('teams.saveVolunteer', { name, role: 'rescuer', centreId });

    await page.reload();
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');

    // The roster: check two volunteers in, add a walk-up, check the walk-up out again.
    await page.getByRole('link', { name: t('nav.roster'), exact: true }).press('Enter');
    const checkIn = page.getByRole('form', { name: t('roster.checkIn') });
    for (const [volunteer, team] of [['Samer Haddad', 'Rescue 1 Latakia'], ['Hadi Khalil', 'Ambulance 1 Latakia']]) {
      await checkIn.getByLabel(t('roster.volunteer')).selectOption({ label: `${volunteer} · ${t('role.rescuer')}` });
      await checkIn.getByLabel(t('roster.team')).selectOption({ label: team! });
      await checkIn.getByRole('button', { name: t('roster.checkIn') }).press('Enter');
      await expect(page.getByRole('button', { name: t('roster.checkOut', { name: volunteer! }) })).toBeVisible();
    }
    const walkUp = page.getByRole('form', { name: t('roster.walkUp') });
    await walkUp.getByLabel(t('roster.name')).fill('Omar Nasr');
    await walkUp.getByLabel(t('roster.role')).selectOption('driver');
    await walkUp.getByLabel(t('roster.team')).selectOption({ label: 'Rescue 1 Latakia' });
    await walkUp.getByRole('button', { name: t('roster.add') }).press('Enter');
    const onDuty = page.getByRole('table', { name: t('roster.onDuty') }).getByRole('row');
    await expect(onDuty).toHaveCount(4); // header + three on duty
    // Attendance over a chosen period lists the three on duty today.
    await expect(page.getByRole('table', { name: t('roster.attendance') }).getByRole('row')).toHaveCount(4);
    await page.getByLabel(t('roster.from')).fill('2020-01-01');
    await page.getByLabel(t('roster.to')).fill('2020-01-31');
    await expect(page.getByRole('table', { name: t('roster.attendance') }).getByRole('row')).toHaveCount(1);
    await page.getByLabel(t('roster.to')).fill('2099-12-31');
    await expect(page.getByRole('table', { name: t('roster.attendance') }).getByRole('row')).toHaveCount(4);
    await page.screenshot({ path: `test-results/screens/roster-${language}.png`, fullPage: true });
    await page.getByRole('button', { name: t('roster.checkOut', { name: 'Omar Nasr' }) }).press('Enter');
    await expect(onDuty).toHaveCount(3);

    // A priority-1 collapse comes in; the board shows both teams available.
    const incident = await call('incidents.log', {
      receivedAt: Date.now(), source: 'phone', type: 'building_collapse', priority: 1,
      location: { district: 'latakia', locality: 'الصليبة' }, reported: { trapped: 4, injured: 2, dead: 0 },
    });
    await page.getByRole('link', { name: t('nav.queues'), exact: true }).press('Enter');
    const board = page.getByRole('listbox', { name: t('teams.rows') });
    const rescue = board.getByRole('option', { name: new RegExp(`Rescue 1 Latakia — ${t('teamStatus.available')}`) });
    await expect(rescue).toBeVisible();

    // Open it by keyboard and send both suggested teams.
    await page.getByRole('listbox', { name: t('queue.rows') }).focus();
    await page.keyboard.press('Enter');
    for (const team of ['Rescue 1 Latakia', 'Ambulance 1 Latakia']) {
      await page.getByRole('checkbox', { name: t('dispatch.choose', { team }) }).focus();
      await page.keyboard.press('Space');
    }
    await page.getByRole('button', { name: t('dispatch.send') }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.incident__head .status')).toHaveText(t('status.dispatched'));

    // On scene, then cleared, team by team: the incident follows the first and the last.
    for (const team of ['Rescue 1 Latakia', 'Ambulance 1 Latakia']) {
      await page.getByRole('button', { name: t('dispatch.step', { team, step: t('step.on_scene', { number: '' }) }) }).press('Enter');
      await expect(page.locator('.incident__head .status')).toHaveText(t('status.on_scene'));
    }
    await page.keyboard.press('Escape');
    await expect(board.getByRole('option', { name: new RegExp(`Rescue 1 Latakia — ${t('teamStatus.on_scene')}`) })).toBeVisible();
    await page.getByRole('tab', { name: new RegExp(t('queues.active')) }).press('Enter');
    await expect(page.getByRole('option', { name: t('queue.open', { number: incident.number }) })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/board-${language}.png` });
    await page.goto(page.url().replace(/#.*$/, `#/wall`));
    await expect(page.getByRole('main', { name: t('nav.wall') })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/wall-${language}.png` });
    await page.goto(page.url().replace(/#.*$/, `#/incident/${incident.incidentId}`));

    for (const team of ['Rescue 1 Latakia', 'Ambulance 1 Latakia']) {
      await page.getByRole('button', { name: t('dispatch.step', { team, step: t('step.cleared', { number: '' }) }) }).press('Enter');
    }
    await expect(page.locator('.incident__head .status')).toHaveText(t('status.cleared'));
    await page.getByRole('button', { name: t('incident.moveTo', { status: t('status.closed') }) }).press('Enter');
    await expect(page.locator('.incident__head .status')).toHaveText(t('status.closed'));
    await page.screenshot({ path: `test-results/screens/dispatched-incident-${language}.png`, fullPage: true });

    // Back on the board: the teams are returning; one keystroke makes the rescue team available.
    await page.keyboard.press('Escape');
    await board.focus();
    const rescueNow = board.getByRole('option', { name: /Rescue 1 Latakia/ });
    await expect(rescueNow).toHaveAccessibleName(new RegExp(t('teamStatus.returning')));
    // Teams are listed by call sign: Ambulance 1 first, Rescue 1 second.
    await press(page, 'ArrowDown');
    await expect(rescueNow).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('1');
    await expect(rescueNow).toHaveAccessibleName(new RegExp(t('teamStatus.available')));
  });
}
