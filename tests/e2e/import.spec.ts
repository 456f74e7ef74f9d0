// A supervisor brings in another system's call log: columns guessed from the header, their
// words matched to Beacon's lists, a bad row rejected with its line, and a second import of
// the same file adds nothing.
import { LANGUAGES, type Language } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, testIn, type Beacon } from './harness';

/** DD/MM/YYYY HH:mm in Damascus (UTC+3), `days` ago at the given local time. */
function local(days: number, hhmm: string): string {
  const d = new Date(Date.now() + 3 * 3_600_000 - days * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()} ${hhmm}`;
}

/** A new post (Damascus time), its supervisor signed in, on Statistics → Import a call log. */
async function openImportScreen({ page, core }: Beacon, language: Language): Promise<void> {
  const t = createTranslator(language);
  const setup = await core.invoke(core.createSession(), 'setup.complete', {
    post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
  });
  expect(setup.ok).toBe(true);
  await signIn(page, t);
  await page.getByRole('link', { name: t('nav.stats'), exact: true }).click();
  await page.getByRole('link', { name: t('import.link') }).click();
}

const CSV = '\uFEFF' + [
  'Incident,Call Time,Type,Area,Location,Injured,Dead,Unit,Dispatched',
  `"INC-1","${local(2, '10:05')}","fire","Jableh","Souq, near the mosque",2,0,"Fire 9 Banias","${local(2, '10:09')}"`,
  `"INC-2","${local(2, '11:40')}","medical","Jebleh","Qardaha road\nsecond line",1,0,,`,
  `"INC-3","31/13/2026 12:00","fire","Latakia","x",0,0,,`,
  `"INC-4","${local(1, '09:15')}","قذيفة","اللاذقية","حي الرمل",3,1,,`,
].join('\r\n');

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`a supervisor imports a call log from another system (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    await openImportScreen(beacon, language);

    await page.getByLabel(t('import.file')).setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await expect(page.getByText(t('import.rows', { n: 4 }))).toBeVisible();
    const form = page.getByRole('form', { name: t('import.fieldsTitle') });
    // Guessed from the header.
    await expect(form.getByLabel(`${t('import.field_received')} *`)).toHaveValue('Call Time');
    await expect(form.getByLabel(`${t('import.field_district')} *`)).toHaveValue('Area');
    await expect(form.getByLabel(t('import.field_incidentNumber'))).toHaveValue('Incident');
    await form.getByLabel(t('import.dateFormat')).selectOption('DD/MM/YYYY HH:mm');
    await form.getByRole('button', { name: t('import.preview') }).click();

    // Their words Beacon does not know are asked about; the impossible date is rejected with its line.
    const rejected = page.getByRole('table', { name: t('import.rejectedTitle') });
    await expect(rejected.getByRole('row', { name: new RegExp(`^5 `) })).toBeVisible();
    await form.getByLabel(t('import.valueFor', { value: 'Jebleh' })).selectOption('jableh');
    await form.getByLabel(t('import.valueFor', { value: 'قذيفة' })).selectOption('explosion');
    await form.getByRole('button', { name: t('import.preview') }).click();
    await expect(rejected.getByRole('row')).toHaveCount(2); // header and line 5
    await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(4); // header and three incidents
    await page.setViewportSize({ width: 1400, height: 1500 });
    await page.screenshot({ path: `test-results/screens/import-${language}.png` });

    await form.getByRole('button', { name: t('import.start') }).click();
    await expect(page.getByText(t('import.report', { imported: 3, calls: 0, skipped: 0, warnings: 0, rejected: 1 }))).toBeVisible();
    const rows = await core.store.reader.all<{ received_at: number; district: string; type: string; injured: number; locality: string | null }>(
      'SELECT received_at, district, type, injured, locality FROM incidents ORDER BY received_at');
    expect(rows.map((r) => [r.district, r.type, r.injured])).toEqual([['jableh', 'fire', 2], ['jableh', 'medical', 1], ['latakia', 'explosion', 3]]);
    expect(rows[0]!.locality).toBe('Souq, near the mosque');
    // 10:05 in Damascus is 07:05 UTC.
    expect(new Date(rows[0]!.received_at).toISOString().slice(11, 16)).toBe('07:05');

    // The same file again adds nothing.
    await form.getByRole('button', { name: t('import.start') }).click();
    await expect(page.getByText(t('import.report', { imported: 0, calls: 0, skipped: 3, warnings: 0, rejected: 1 }))).toBeVisible();
    expect((await core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM incidents'))!.n).toBe(3);
  });
}

/** MM/DD/YYYY hh:mm A in Damascus, `days` ago at the given 24-hour local time, as a 12-hour clock writes it. */
function twelveHour(days: number, hour: number, minute: number): string {
  const d = new Date(Date.now() + 3 * 3_600_000 - days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(hour % 12 || 12)}:${p(minute)} ${hour < 12 ? 'AM' : 'PM'}`;
}

const TWELVE_HOUR_LOG = [
  'Incident Number,Received DtTm,Unit ID,On Scene DtTm,Call Type,Battalion,case_location',
  `F-1,${twelveHour(3, 14, 5)},E1,${twelveHour(3, 14, 13)},fire,Jableh,"(35.36, 35.92)"`,
  `F-2,${twelveHour(3, 0, 40)},M3,${twelveHour(3, 0, 52)},medical,Latakia,"POINT (35.79 35.52)"`,
  `F-3,${twelveHour(2, 12, 30)},E1,,fire,Jableh,`,
].join('\r\n');

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`the preview shows a 12-hour clock's times beside the cells as written (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    await openImportScreen(beacon, language);
    await page.getByLabel(t('import.file')).setInputFiles({ name: 'fire.csv', mimeType: 'text/csv', buffer: Buffer.from(TWELVE_HOUR_LOG, 'utf8') });
    const form = page.getByRole('form', { name: t('import.fieldsTitle') });
    await form.getByLabel(`${t('import.field_received')} *`).selectOption('Received DtTm');
    await form.getByLabel(t('import.field_onScene')).selectOption('On Scene DtTm');
    await form.getByLabel(`${t('import.field_type')} *`).selectOption('Call Type');
    await form.getByLabel(`${t('import.field_district')} *`).selectOption('Battalion');
    await form.getByLabel(t('import.field_location')).selectOption('');
    await form.getByLabel(t('import.field_coordinates')).selectOption('case_location');
    await form.getByLabel(t('import.field_incidentNumber')).selectOption('Incident Number');
    await form.getByLabel(t('import.dateFormat')).selectOption('MM/DD/YYYY hh:mm A');
    await form.getByRole('button', { name: t('import.preview') }).click();

    const table = page.getByRole('table').first();
    await expect(table.getByRole('row')).toHaveCount(4);
    // The afternoon call: parsed as 14:05, shown beside "02:05 PM" as the file wrote it.
    const afternoon = table.getByRole('row', { name: /^2 / });
    await expect(afternoon).toContainText(twelveHour(3, 14, 5));
    await expect(afternoon).toContainText('14:05');
    const midnight = table.getByRole('row', { name: /^3 / });
    await expect(midnight).toContainText(twelveHour(3, 0, 40));
    await expect(midnight).toContainText('00:40');
    await page.setViewportSize({ width: 1400, height: 1100 });
    await page.screenshot({ path: `test-results/screens/import-12h-${language}.png` });

    await form.getByRole('button', { name: t('import.start') }).click();
    await expect(page.getByText(t('import.report', { imported: 3, calls: 0, skipped: 0, warnings: 0, rejected: 0 }))).toBeVisible();
    const rows = await core.store.reader.all<{ received_at: number; lat: number | null }>('SELECT received_at, lat FROM incidents ORDER BY received_at');
    expect(rows.map((r) => new Date(r.received_at + 3 * 3_600_000).toISOString().slice(11, 16))).toEqual(['00:40', '14:05', '12:30']);
    expect(rows.map((r) => r.lat)).toEqual([35.52, 35.36, null]);
  });
}

testIn('en')('a UTF-16 export (Excel\'s "Unicode text") is read as it is, whatever encoding is chosen', async ({ beacon }) => {
  const t = createTranslator('en');
  const { page } = beacon;
  await openImportScreen(beacon, 'en');
  const text = `\uFEFFCall Time\tType\tArea\r\n${local(2, '10:05')}\tحريق\tجبلة\r\n${local(2, '11:40')}\tfire\tJableh\r\n`;
  await page.getByLabel(t('import.file')).setInputFiles({ name: 'unicode.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf16le') });
  await expect(page.getByText(t('import.rows', { n: 2 }))).toBeVisible();
  const form = page.getByRole('form', { name: t('import.fieldsTitle') });
  await expect(form.getByLabel(`${t('import.field_received')} *`)).toHaveValue('Call Time');
  // Choosing the Arabic Windows encoding does not turn it into mojibake.
  await page.getByLabel(t('import.encoding')).selectOption('windows-1256');
  await expect(form.getByLabel(`${t('import.field_district')} *`)).toHaveValue('Area');
  await form.getByLabel(t('import.dateFormat')).selectOption('DD/MM/YYYY HH:mm');
  await form.getByRole('button', { name: t('import.preview') }).click();
  await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('table').first()).toContainText('Jableh');
});
