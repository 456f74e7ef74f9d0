// A new post is guided: demo data is offered but not ticked at first run, and a post with no
// teams is told what to do next, with links there, on the team board and on an incident
// with no team ready to send.
import { mkdirSync } from 'node:fs';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, testIn } from './harness';

mkdirSync('test-results/screens', { recursive: true });

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`a new post without demo data is told what to do next, with links there (${language})`, async ({ beacon }) => {
    const { page } = beacon;
    if (language === 'en') await page.getByRole('button', { name: createTranslator('ar')('header.languageLabel') }).click();
    await page.getByLabel(t('setup.postName')).fill('Latakia command post');
    await page.getByLabel(t('setup.postCode')).fill('LTK');
    await page.getByLabel(t('setup.consoleLetter')).fill('A');
    await page.getByLabel(t('setup.operatorName')).fill('Rania Haddad');
    await page.getByLabel(t('setup.pin'), { exact: true }).fill('2468');
    await page.getByLabel(t('setup.confirmPin')).fill('2468');
    // Demo data is on offer, not chosen for the operator.
    await expect(page.getByLabel(t('setup.loadDemo'))).not.toBeChecked();
    await page.getByRole('button', { name: t('setup.submit') }).click();

    // The empty board says what to do, and its links go there.
    const board = page.getByRole('region', { name: t('teams.board') });
    const next = board.getByRole('note', { name: t('guide.nextStep') });
    await expect(next).toContainText(t('guide.noTeams'));
    await page.screenshot({ path: `test-results/screens/guide-board-${language}.png` });
    await next.getByRole('link', { name: t('guide.createTeams') }).click();
    await expect(page.getByRole('heading', { name: t('organisation.title') })).toBeVisible();

    // An incident with no team ready: the dispatch panel says how a team becomes ready.
    const session = beacon.core.createSession();
    await beacon.core.invoke(session, 'session.signIn', { name: 'Rania Haddad', pin: '2468' });
    const logged = await beacon.core.invoke(session, 'incidents.log', {
      receivedAt: Date.now(), source: 'phone', type: 'fire', priority: 1, location: { district: 'jableh' }, reported: { trapped: 0, injured: 0, dead: 0 },
    });
    if (!logged.ok) throw new Error('call not logged');
    await page.goto(`${page.url().split('#')[0]}#/incident/${logged.value.incidentId}`);
    const teams = page.getByRole('region', { name: t('dispatch.title') });
    const ready = teams.getByRole('note', { name: t('guide.nextStep') });
    await expect(ready).toContainText(t('guide.noReadyTeam'));
    await expect(ready.getByRole('link', { name: t('guide.createTeams') })).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/guide-incident-${language}.png` });
    await ready.getByRole('link', { name: t('guide.checkIn') }).click();
    await expect(page.getByRole('heading', { name: t('roster.title') })).toBeVisible();
  });
}
