// A duty officer warns the public from an incident in Arabic: issues a CAP alert, updates it,
// cancels it, saves each message as a file (the harness answers the save dialog), and exports
// the day's incidents for partners as HXL and GeoJSON from the statistics screen.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { createTranslator } from '../../shared/i18n';
import { standardsFile, validateWithXsd } from '../core/exchange/standards';
import { expect, signIn, testIn } from './harness';

const language = 'ar';
const t = createTranslator(language);

testIn(language)('a duty officer issues, updates and cancels a public alert in Arabic and exports both reports (ar)', async ({ beacon }) => {
  const { page } = beacon;
  const admin = beacon.core.createSession();
  expect((await beacon.core.invoke(admin, 'setup.complete', {
    post: { name: 'مركز عمليات اللاذقية', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
  })).ok).toBe(true);
  const logged = await beacon.core.invoke(admin, 'incidents.log', {
    receivedAt: Date.now() - 60_000, source: 'phone', type: 'uxo', priority: 1, callerName: 'Abu Samer', callerPhone: '0933 123 456',
    location: { district: 'latakia', subdistrict: 'latakia-center', locality: 'الرمل الجنوبي', lat: 35.505, lon: 35.775 },
    reported: { trapped: 0, injured: 1, dead: 0 },
  });
  if (!logged.ok) throw new Error(JSON.stringify(logged.error));
  const files = mkdtempSync(join(tmpdir(), 'beacon-e2e-exchange-'));
  const xsd = standardsFile('cap/CAP-v1.2.xsd');

  await signIn(page, t);
  await page.getByRole('option', { name: new RegExp(logged.value.number) }).dblclick();
  const panel = page.getByRole('region', { name: t('exchange.alerts') });
  await expect(panel).toContainText(t('exchange.noAlerts'));

  // Issue: unexploded ordnance, a circle of 0.5 km, instructions in both languages.
  await panel.getByRole('button', { name: t('exchange.issue') }).click();
  const dialog = page.getByRole('dialog', { name: t('exchange.issueTitle') });
  await dialog.getByLabel(t('exchange.eventLabel')).selectOption('uxo');
  await expect(dialog.getByLabel(t('exchange.responseTypeLabel'))).toHaveValue('Avoid');
  await dialog.getByLabel(t('exchange.radiusLabel')).fill('0.5');
  await dialog.getByLabel(t('exchange.instructionArLabel')).fill('ابتعدوا عن حي الرمل الجنوبي مسافة ٥٠٠ متر حتى إشعار آخر');
  await dialog.getByLabel(t('exchange.instructionEnLabel')).fill('Keep 500 m away from Al-Raml al-Janoubi until further notice.');
  await page.screenshot({ path: 'test-results/screens/alert-dialog-ar.png', fullPage: true });
  await dialog.getByRole('button', { name: t('exchange.submitIssue') }).click();
  await expect(dialog).toHaveCount(0);
  const row = panel.locator('tr[data-alert]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('LTK-A-AL0001');
  await expect(row).toContainText(t('exchange.state.active'));
  await expect(row).toContainText(t('exchange.event.uxo'));

  const saveAndValidate = async (name: string) => {
    const file = join(files, name);
    beacon.chooseFile(file);
    await row.getByRole('button', { name: t('exchange.saveXml') }).click();
    await expect(panel.getByRole('status')).toContainText(file);
    const result = validateWithXsd(file, xsd);
    expect(result.valid, result.output).toBe(true);
    return readFileSync(file, 'utf8');
  };
  const issued = await saveAndValidate('issued.xml');
  expect(beacon.suggestedName).toBe('LTK-A-AL0001.xml');
  expect(issued).toContain('<msgType>Alert</msgType>');
  expect(issued).toContain('<circle>35.505,35.775 0.5</circle>');
  expect(issued).toContain('<language>ar</language>');

  // Update: the whole district instead of a circle, more severe.
  await row.getByRole('button', { name: t('exchange.update') }).click();
  const update = page.getByRole('dialog', { name: t('exchange.updateTitle', { identifier: 'LTK-A-AL0001' }) });
  await expect(update.getByLabel(t('exchange.instructionArLabel'))).toHaveValue(/الرمل الجنوبي/);
  await update.getByLabel(t('exchange.areaLabel')).selectOption('district');
  await update.getByLabel(t('exchange.severityLabel')).selectOption('Extreme');
  await update.getByRole('button', { name: t('exchange.submitUpdate') }).click();
  await expect(update).toHaveCount(0);
  await expect(row).toContainText('LTK-A-AL0002');
  await expect(row).toContainText(t('exchange.msgType.Update'));
  const updated = await saveAndValidate('updated.xml');
  expect(updated).toContain('<msgType>Update</msgType>');
  expect(updated).toMatch(/<references>ltk@beacon\.civil-defence,LTK-A-AL0001,[^<]+\+03:00<\/references>/);
  expect(updated).toContain('<areaDesc>اللاذقية</areaDesc>');

  // Cancel, with a reason.
  await row.getByRole('button', { name: t('exchange.cancel') }).click();
  const cancel = page.getByRole('dialog', { name: t('exchange.cancelTitle', { identifier: 'LTK-A-AL0002' }) });
  await cancel.getByLabel(t('exchange.noteLabel')).fill('أزال فريق الذخائر الجسم المشبوه');
  await cancel.getByRole('button', { name: t('exchange.submitCancel') }).click();
  await expect(cancel).toHaveCount(0);
  await expect(row).toContainText(t('exchange.state.cancelled'));
  await expect(row.getByRole('button', { name: t('exchange.update') })).toHaveCount(0);
  const cancelled = await saveAndValidate('cancelled.xml');
  expect(cancelled).toContain('<msgType>Cancel</msgType>');
  expect(cancelled).toContain('<note>أزال فريق الذخائر الجسم المشبوه</note>');
  await page.screenshot({ path: 'test-results/screens/alerts-list-ar.png', fullPage: true });

  // Reports for partners, from the statistics screen.
  await page.getByRole('link', { name: t('nav.stats'), exact: true }).click();
  const reports = page.getByRole('region', { name: t('exchange.reports') });
  const hxlFile = join(files, 'report.csv');
  beacon.chooseFile(hxlFile);
  await reports.getByRole('button', { name: t('exchange.exportHxl') }).click();
  await expect(reports.getByRole('status')).toContainText(hxlFile);
  const csv = readFileSync(hxlFile, 'utf8');
  expect(csv.startsWith('\uFEFFالبلاغ,')).toBe(true);
  expect(csv).toContain('#event+id,#date+reported');
  expect(csv).toContain('الرمل الجنوبي');
  expect(csv).not.toContain('Abu Samer');

  // A statistics table, in HXL's long form.
  const tableFile = join(files, 'by-district.csv');
  beacon.chooseFile(tableFile);
  await reports.getByLabel(t('exchange.table')).selectOption('district');
  await reports.getByRole('button', { name: t('exchange.exportHxl') }).click();
  await expect(reports.getByRole('status')).toContainText(tableFile);
  expect(readFileSync(tableFile, 'utf8')).toContain('#adm2+code,#adm2+name,#indicator+code,#indicator+name,#indicator+num');

  const geoFile = join(files, 'report.geojson');
  beacon.chooseFile(geoFile);
  await reports.getByRole('button', { name: t('exchange.exportGeojson') }).click();
  await expect(reports.getByRole('status')).toContainText(geoFile);
  const geo = check(readFileSync(geoFile, 'utf8')) as unknown as { features: { geometry: { coordinates: number[] } }[] };
  expect(geo.features.map((f) => f.geometry.coordinates)).toEqual([[35.775, 35.505]]);
  await page.screenshot({ path: 'test-results/screens/partner-reports-ar.png', fullPage: true });
  writeFileSync(join(files, 'done'), '');
});
