// Public alerts in CAP 1.2: every message Beacon writes is valid against the OASIS schema (checked
// with libxml2 against OASIS's schema, found by ./standards.ts), carries the post's offset, a post-wide unique
// identifier and references to what it updates or cancels; alerts are operations (synced, audited).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../shared/api';
import { alertMessageXml } from '../../../electron/core/exchange/alerts';
import { operationsAbove, versionVector } from '../../../electron/core/sync/exchange';
import { intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';
import { standardsFile, validateWithXsd } from './standards';

const XSD = standardsFile('cap/CAP-v1.2.xsd');
const work = mkdtempSync(join(tmpdir(), 'beacon-cap-'));
const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HOUR = 60 * MINUTE;
const CONTENT = {
  event: 'uxo', responseType: 'Avoid', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
  instructionAr: 'ابتعدوا عن الحي مسافة ٥٠٠ متر حتى إشعار آخر', instructionEn: 'Keep 500 m away from the neighbourhood until further notice.',
  area: { kind: 'circle', radiusKm: 0.5 }, expiresAt: T0 + 6 * HOUR,
} as const;

async function consoleWithIncident(letter = 'A') {
  const t = await openTestCore({ letter });
  open.push(t);
  const { incidentId } = await t.call('incidents.log', intake({
    type: 'uxo', location: { district: 'latakia', subdistrict: 'latakia-center', locality: 'الرمل الجنوبي', lat: 35.505, lon: 35.775 },
  }));
  return { t, incidentId };
}

let fileCount = 0;
async function validated(t: TestCore, messageId: string): Promise<string> {
  const { xml } = await alertMessageXml(t.core.store.reader, messageId, 'Latakia command post');
  const file = join(work, `message-${++fileCount}.xml`);
  writeFileSync(file, xml);
  const result = validateWithXsd(file, XSD);
  expect(result.output).toContain('validates');
  expect(result.valid, result.output).toBe(true);
  return xml;
}

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

describe('CAP 1.2 alerts', () => {
  it('issues, updates and cancels an alert; each message validates against the OASIS schema', async () => {
    const { t, incidentId } = await consoleWithIncident();
    const [issued] = await t.call('exchange.issueAlert', { incidentId, ...CONTENT });
    expect(issued).toMatchObject({ msgType: 'Alert', state: 'active', identifier: 'LTK-A-AL0001', messages: 1 });
    const first = await validated(t, issued!.latestMessageId);
    expect(tag(first, 'sent')).toEqual(['2026-11-24T10:00:00+03:00']);
    expect(tag(first, 'msgType')).toEqual(['Alert']);
    expect(tag(first, 'language')).toEqual(['ar', 'en']);
    expect(tag(first, 'circle')).toEqual(['35.505,35.775 0.5', '35.505,35.775 0.5']);
    expect(tag(first, 'expires')).toEqual(['2026-11-24T16:00:00+03:00', '2026-11-24T16:00:00+03:00']);
    expect(tag(first, 'category')).toEqual(['CBRNE', 'CBRNE']);
    expect(tag(first, 'instruction')).toEqual([CONTENT.instructionAr, CONTENT.instructionEn]);
    expect(tag(first, 'incidents')[0]).toMatch(/^LTK-261124-A\d{3}$/);
    expect(first).not.toContain('<references>');

    t.clock.advance(30 * MINUTE);
    const [updated] = await t.call('exchange.updateAlert', { alertId: issued!.id, ...CONTENT, area: { kind: 'circle', radiusKm: 1.5 }, severity: 'Extreme' });
    expect(updated).toMatchObject({ id: issued!.id, msgType: 'Update', state: 'active', identifier: 'LTK-A-AL0002', messages: 2, severity: 'Extreme' });
    const second = await validated(t, updated!.latestMessageId);
    expect(tag(second, 'references')).toEqual(['ltk@beacon.civil-defence,LTK-A-AL0001,2026-11-24T10:00:00+03:00']);
    expect(tag(second, 'sent')).toEqual(['2026-11-24T10:30:00+03:00']);

    t.clock.advance(30 * MINUTE);
    const [cancelled] = await t.call('exchange.cancelAlert', { alertId: issued!.id, note: 'Ordnance removed by the UXO team' });
    expect(cancelled).toMatchObject({ msgType: 'Cancel', state: 'cancelled', identifier: 'LTK-A-AL0003', messages: 3 });
    const third = await validated(t, cancelled!.latestMessageId);
    expect(tag(third, 'msgType')).toEqual(['Cancel']);
    expect(tag(third, 'references')).toEqual([
      'ltk@beacon.civil-defence,LTK-A-AL0001,2026-11-24T10:00:00+03:00 ltk@beacon.civil-defence,LTK-A-AL0002,2026-11-24T10:30:00+03:00',
    ]);
    expect(tag(third, 'note')).toEqual(['Ordnance removed by the UXO team']);

    // A cancelled alert takes no more updates: a new alert is issued instead.
    const again = await t.core.invoke(t.session, 'exchange.updateAlert', { alertId: issued!.id, ...CONTENT });
    expect(again).toEqual({ ok: false, error: { code: 'exchange.alertCancelled' } });
  });

  it('names a district as the area when asked, and when the incident has no coordinates', async () => {
    const t = await openTestCore();
    open.push(t);
    const { incidentId } = await t.call('incidents.log', intake({ type: 'flood', location: { district: 'jableh', locality: 'x' } }));
    const refused = await t.core.invoke(t.session, 'exchange.issueAlert', { incidentId, ...CONTENT });
    expect(refused).toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { area: 'exchange.noCoordinates' } } });
    const [alert] = await t.call('exchange.issueAlert', { incidentId, ...CONTENT, event: 'flood', responseType: 'Evacuate', area: { kind: 'district' } });
    const xml = await validated(t, alert!.latestMessageId);
    expect(tag(xml, 'areaDesc')).toEqual(['جبلة', 'Jableh']);
    expect(xml).not.toContain('<circle>');
    expect(tag(xml, 'category')).toEqual(['Met', 'Met']);
    expect(tag(xml, 'event')).toEqual(['فيضان', 'Flood']);
  });

  it('escapes what the duty officer writes, and the result still validates', async () => {
    const { t, incidentId } = await consoleWithIncident();
    const [alert] = await t.call('exchange.issueAlert', { incidentId, ...CONTENT, instructionEn: 'Stay <inside> & close "windows" </instruction><x>' });
    const xml = await validated(t, alert!.latestMessageId);
    expect(tag(xml, 'instruction')[1]).toBe('Stay &lt;inside&gt; &amp; close &quot;windows&quot; &lt;/instruction&gt;&lt;x&gt;');
  });

  it('shows the schema check failing on a broken message', async () => {
    const { t, incidentId } = await consoleWithIncident();
    const [alert] = await t.call('exchange.issueAlert', { incidentId, ...CONTENT });
    const { xml } = await alertMessageXml(t.core.store.reader, alert!.latestMessageId, 'Latakia command post');
    const broken = [
      xml.replace(/<sent>[^<]*<\/sent>/, '<sent>2026-11-24T07:00:00Z</sent>'), // CAP forbids "Z"
      xml.replace('<msgType>Alert</msgType>', '<msgType>Warning</msgType>'),
      xml.replace(/<category>CBRNE<\/category>/g, ''),
      xml.replace(/<identifier>[^<]*<\/identifier>/, ''), // required
      xml.replace(/(<urgency>[^<]*<\/urgency>)(\s*)(<severity>[^<]*<\/severity>)/g, '$3$2$1'), // out of order
    ];
    for (const [i, text] of broken.entries()) {
      const file = join(work, `broken-${i}.xml`);
      writeFileSync(file, text);
      const result = validateWithXsd(file, XSD);
      expect(result.valid, `broken message ${i}`).toBe(false);
      expect(result.output).toContain('fails to validate');
    }
  });

  it('validates the specification\'s own example with the same check', () => {
    const result = validateWithXsd(standardsFile('cap/example-oasis-amber-alert.xml'), XSD);
    expect(result.valid, result.output).toBe(true);
  });

  it('refuses an expiry in the past, no instructions at all, and an unknown alert, writing nothing', async () => {
    const { t, incidentId } = await consoleWithIncident();
    const ops = async () => (await t.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM operations'))?.n;
    const before = await ops();
    const cases: [Input<'exchange.issueAlert'> | Input<'exchange.updateAlert'>, string][] = [
      [{ incidentId, ...CONTENT, expiresAt: T0 - MINUTE }, 'exchange.expiresInPast'],
      [{ incidentId, ...CONTENT, instructionAr: '  ', instructionEn: '' }, 'exchange.instructionRequired'],
    ];
    for (const [input, key] of cases) {
      const result = await t.core.invoke(t.session, 'exchange.issueAlert', input as Input<'exchange.issueAlert'>);
      expect(result.ok ? null : Object.values(result.error.fields ?? {})).toEqual([key]);
    }
    expect(await t.core.invoke(t.session, 'exchange.cancelAlert', { alertId: incidentId })).toEqual({ ok: false, error: { code: 'exchange.alertNotFound' } });
    expect(await ops()).toBe(before);
  });

  it('gives identifiers unique across consoles working offline, and syncs alerts as operations', async () => {
    const a = await consoleWithIncident('A');
    const b = await openTestCore({ letter: 'B' });
    open.push(b);
    // B learns the incident, then both issue alerts with no link between them.
    await b.core.store.applyRemote(await operationsAbove(a.t.core.store.reader, await versionVector(b.core.store.reader), 100_000), b.clock.now());
    const [fromA] = await a.t.call('exchange.issueAlert', { incidentId: a.incidentId, ...CONTENT });
    const [fromB] = await b.call('exchange.issueAlert', { incidentId: a.incidentId, ...CONTENT, event: 'evacuation', responseType: 'Evacuate' });
    expect(fromA!.identifier).toBe('LTK-A-AL0001');
    expect(fromB!.identifier).toBe('LTK-B-AL0001');
    await a.t.core.store.applyRemote(await operationsAbove(b.core.store.reader, await versionVector(a.t.core.store.reader), 100_000), a.t.clock.now());
    const seenByA = await a.t.call('exchange.alerts', { incidentId: a.incidentId });
    expect(seenByA.map((x) => x.identifier).sort()).toEqual(['LTK-A-AL0001', 'LTK-B-AL0001']);
    // The synced message is the same document on both consoles.
    const onB = await alertMessageXml(b.core.store.reader, fromB!.latestMessageId, 'P');
    const onA = await alertMessageXml(a.t.core.store.reader, fromB!.latestMessageId, 'P');
    expect(onA.xml).toBe(onB.xml);
  });

  it('puts each issue, update and cancel in the audit trail, under the alert\'s identifier', async () => {
    const { t, incidentId } = await consoleWithIncident();
    const [alert] = await t.call('exchange.issueAlert', { incidentId, ...CONTENT });
    await t.call('exchange.updateAlert', { alertId: alert!.id, ...CONTENT, urgency: 'Expected' });
    await t.call('exchange.cancelAlert', { alertId: alert!.id });
    const page = await t.call('audit.list', { entity: 'alert' });
    expect(page.entries.map((e) => [e.label, e.field, (e.after as Record<string, unknown>).msgType, e.operatorName])).toEqual([
      ['LTK-A-AL0003', '*', 'Cancel', 'Rania Haddad'],
      ['LTK-A-AL0002', '*', 'Update', 'Rania Haddad'],
      ['LTK-A-AL0001', '*', 'Alert', 'Rania Haddad'],
    ]);
  });

  it('shows an alert past its expiry as expired', async () => {
    const { t, incidentId } = await consoleWithIncident();
    await t.call('exchange.issueAlert', { incidentId, ...CONTENT, expiresAt: T0 + HOUR });
    t.clock.advance(HOUR);
    expect((await t.call('exchange.alerts', { incidentId }))[0]!.state).toBe('expired');
  });
});
