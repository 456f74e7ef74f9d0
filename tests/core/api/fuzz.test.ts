// Fuzzes every channel of the contract with generated payloads its schema refuses: wrong
// types, missing and unknown fields, huge strings, control and bidi-override characters, SQL
// fragments, nested junk, NaN/Infinity/-0, arrays for objects and prototype-pollution keys.
// For every call: invoke never throws, the answer is a typed error, nothing is written and
// the session is left as it was. Only payloads the schema rejects are sent: valid-but-odd
// ones may legitimately write, and are not the point here.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, CHANNEL_NAMES, type ChannelName } from '../../../shared/api';
import { importMappingSchema } from '../../../electron/core/import/mapping';
import { intake, openTestCore, SETUP, T0, type TestCore } from '../testCore';

const SEED = 20261126;
/** Generated payloads per channel: ~45 channels × this stays well inside a minute on two cores. */
const RUNS_PER_CHANNEL = 200;
/** Generated import mappings per import channel (the contract lets them through; the core must not). */
const MAPPING_RUNS = 150;
const Z = '00000000-0000-4000-8000-000000000000';

/** Tables whose row counts must not move after a refused call. */
const TABLES = [
  'operations', 'incidents', 'calls', 'timeline_entries', 'teams', 'volunteers', 'centres', 'roster_entries',
  'assignments', 'operators', 'handover_notes', 'import_keys', 'sign_in_failures', 'quarantine',
] as const;

/** The payload the router actually validates (it reads a missing input as `{}`). */
function routed(payload: unknown): unknown {
  return payload ?? {};
}

/** True when the channel's schema refuses the payload (a schema that throws counts: the router must still answer). */
function refused(channel: ChannelName, payload: unknown): boolean {
  try {
    return !api[channel].input.safeParse(routed(payload)).success;
  } catch {
    return true;
  }
}

// ── Hostile values ───────────────────────────────────────────────────────────

const SQL = [
  "'; DROP TABLE incidents; --",
  "latakia'; DROP TABLE incidents;--",
  "1 OR 1=1",
  "' OR '1'='1",
  "\" OR \"\"=\"",
  "'); DELETE FROM operations; --",
  "Robert'); DROP TABLE teams;--",
  "%' UNION SELECT pin_hash FROM operators --",
  "'; ATTACH DATABASE '/tmp/evil.db' AS evil; --",
  "'; PRAGMA writable_schema = ON; --",
  "00000000-0000-4000-8000-00000000000' OR 1=1 --",
];
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];
const ODD_NUMBERS = [
  NaN, Infinity, -Infinity, -0, 0.5, -1, 1e308, -1e308, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2,
  946684799999, 4102444800001, 1e20, 10001, 4, 0,
];
const HUGE = 100_000;

const controlChar = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d)
  .map((c) => String.fromCharCode(c));
const bidiChar = fc.constantFrom(...BIDI);
/** Ordinary text with at least one control or bidi-override character somewhere in it. */
const unsafeString = fc.tuple(fc.string({ maxLength: 20 }), fc.oneof(controlChar, bidiChar), fc.string({ maxLength: 20 }))
  .map(([a, bad, b]) => `${a}${bad}${b}`);
const sqlString = fc.constantFrom(...SQL);
/** 100k characters: plain, or carrying a bidi override or an SQL fragment at a random place. */
const hugeString = fc.tuple(fc.constantFrom('x', 'ع', ' ', '9', '\u202E'), fc.nat(HUGE - 1), fc.constantFrom('', '\u202E', SQL[0]!))
  .map(([ch, at, insert]) => {
    const s = ch.repeat(HUGE);
    return s.slice(0, at) + insert + s.slice(at);
  });
const hostileString = fc.oneof(
  { arbitrary: sqlString, weight: 4 },
  { arbitrary: unsafeString, weight: 4 },
  { arbitrary: fc.constantFrom('', '   ', '\t\n', 'today', 'now', '2026-13-01', '26/11/2026', 'true', 'null', 'NaN', '{}', '[]', '٠٩٣٣'), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 }, // lone surrogates included
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...PROTO_KEYS), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
);
const oddNumber = fc.oneof(fc.constantFrom(...ODD_NUMBERS), fc.double(), fc.integer());
/** fast-check's "anything", with the odd corners switched on. */
const junk = fc.anything({
  maxDepth: 4,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTO_KEYS)),
});
/** Junk nested deep: objects in arrays in objects, some with hostile strings at the leaves. */
const nestedJunk = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    oddNumber,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...PROTO_KEYS)), tie('node'), { maxKeys: 4 }),
  ),
})).node;
/** A value of some type, very likely not the one a field wants. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, [], {}, [[]], [{}], 0n, -1n, Symbol('fuzz')),
  oddNumber,
  hostileString,
  junk,
  nestedJunk,
);

// ── Mutating a valid payload ─────────────────────────────────────────────────

type Path = readonly (string | number)[];
type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'wrap'; at: number; how: 'array' | 'entries' | 'json' | 'string' }
  | { kind: 'prototype'; at: number; proto: Record<string, unknown> };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every path into a payload (the root included), objects and arrays alike. */
function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** Sets an own, enumerable property, even for `__proto__` (which plain assignment would turn into a prototype change). */
function setOwn(target: object, key: string | number, value: unknown): void {
  try {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } catch {
    // A typed array, a boxed string or a frozen value among the junk: leave it as it is.
  }
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1));
  if (typeof parent === 'object' && parent !== null) setOwn(parent, path.at(-1)!, value);
  return root;
}

function mutate(valid: unknown, mutations: readonly Mutation[]): unknown {
  let p: unknown = structuredClone(valid);
  for (const m of mutations) {
    const all = paths(p);
    const path = all[m.at % all.length]!;
    const target = getAt(p, path);
    switch (m.kind) {
      case 'drop': {
        if (path.length === 0) break;
        const parent = getAt(p, path.slice(0, -1));
        try {
          if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
          else if (isObject(parent)) delete parent[path.at(-1)!];
        } catch {
          // A typed array or a frozen value among the junk: its elements stay.
        }
        break;
      }
      case 'add': {
        const objects = all.filter((q) => isObject(getAt(p, q)));
        const obj = objects.length ? getAt(p, objects[m.at % objects.length]!) : null;
        if (obj && typeof obj === 'object') setOwn(obj, m.key, m.value);
        break;
      }
      case 'replace':
        p = setAt(p, path, m.value);
        break;
      case 'wrap': {
        const wrapped = m.how === 'array' ? [target]
          : m.how === 'entries' ? (isObject(target) ? Object.entries(target) : [[String(path.at(-1) ?? ''), target]])
          : m.how === 'json' ? JSON.stringify(target) ?? 'undefined'
          : String(target);
        p = setAt(p, path, wrapped);
        break;
      }
      case 'prototype': {
        const objects = all.filter((q) => isObject(getAt(p, q)));
        const obj = objects.length ? getAt(p, objects[m.at % objects.length]!) : null;
        if (obj && typeof obj === 'object') Object.setPrototypeOf(obj, m.proto);
        break;
      }
    }
  }
  return p;
}

const extraKey = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTO_KEYS), weight: 3 },
  { arbitrary: fc.constantFrom('role', 'operatorId', 'id', 'admin', 'isAdmin', 'sql', 'status', 'deleted'), weight: 2 },
  { arbitrary: sqlString, weight: 1 },
  { arbitrary: unsafeString, weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 2 },
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: extraKey, value: wrongValue }),
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }), weight: 3 },
  fc.record({ kind: fc.constant('wrap' as const), at: fc.nat(), how: fc.constantFrom('array' as const, 'entries' as const, 'json' as const, 'string' as const) }),
  fc.record({
    kind: fc.constant('prototype' as const), at: fc.nat(),
    proto: fc.dictionary(fc.constantFrom('role', 'id', 'isAdmin', 'operatorId', 'polluted'), fc.constantFrom<unknown>('administrator', Z, true, 1)),
  }),
);

/** Payloads for a channel: mostly its valid example bent out of shape, sometimes anything at all; only those its schema refuses. */
function invalidPayload(channel: ChannelName, valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => mutate(valid, ms)), weight: 6 },
    { arbitrary: wrongValue, weight: 2 },
    { arbitrary: fc.constant([valid]), weight: 1 },
  ).filter((p) => refused(channel, p));
}

// ── The core under test ──────────────────────────────────────────────────────

const CSV = 'when,what,where,unit\n2026-11-01 10:00,fire,jableh,R1\n2026-11-01 11:30,flood,latakia,R2';
const MAPPING = {
  columns: { received: 'when', type: 'what', district: 'where', unit: 'unit' },
  dateFormat: 'YYYY-MM-DD HH:mm',
  timeZone: 'Asia/Damascus',
  system: 'old-cad',
  values: { type: { fire: 'fire' }, unit: { R1: 'Rescue 1' } },
};

let t: TestCore;
let VALID: Record<ChannelName, unknown>;

/** Row counts of the main tables, and the reader's view of commits by anyone else (any write moves it). */
async function snapshot(): Promise<Record<string, number>> {
  const row = await t.core.store.reader.get<Record<string, number>>(
    `SELECT ${TABLES.map((name) => `(SELECT count(*) FROM ${name}) AS ${name}`).join(', ')}, (SELECT data_version FROM pragma_data_version) AS data_version`,
  );
  return { ...row };
}

/** Who is signed in, and whether the console is locked: a refused call changes neither. */
function sessionState() {
  return { operatorId: t.session.operatorId, locked: Boolean(t.session.locked) };
}

beforeAll(async () => {
  t = await openTestCore();
  // A small world, so every table the snapshot counts has rows and ids are real.
  const { incidentId } = await t.call('incidents.log', intake());
  const detail = await t.call('timeline.addNote', { incidentId, text: 'Family on the second floor' });
  const noteId = detail.timeline.find((e) => e.kind === 'note')!.id;
  const centreId = (await t.call('teams.saveCentre', { name: 'Latakia centre', district: 'latakia', covers: [] })).id;
  const teamId = (await t.call('teams.save', { callSign: 'Rescue 1', kind: 'search_rescue', centreId })).id;
  const volunteerId = (await t.call('teams.saveVolunteer', { name: 'Samer', role: 'rescuer', centreId })).id;
  const { entryId } = await t.call('roster.checkIn', { volunteerId, teamId });
  const sent = await t.call('dispatch.send', { incidentId, teamIds: [teamId] });
  const assignmentId = sent.assignments[0]!.id;
  const operatorId = (await t.call('operators.create', { name: 'Lina Saleh', pin: '1357', role: 'operator', language: 'ar' })).id;
  await t.call('summary.addHandoverNote', { shiftStart: T0, text: 'Generator at the centre needs fuel.' });
  // A finished import job, so import.status has a real id and import_keys has rows; waited
  // for, so that no background write lands while the snapshots are compared.
  const { jobId } = await t.call('import.start', { text: CSV, mapping: MAPPING });
  for (let i = 0; (await t.call('import.status', { jobId })).state === 'running'; i++) {
    if (i > 500) throw new Error('the import job never finished');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  VALID = {
    'setup.status': {},
    'setup.readPostKeyFile': {},
    'setup.complete': { ...SETUP, join: true, passphrase: 'cedar lighthouse 42' },
    'session.signIn': { name: 'Rania Haddad', pin: '2468' },
    'session.signOut': {},
    'session.current': {},
    'session.setLanguage': { language: 'ar' },
    'post.setDefaults': { language: 'ar', digits: 'arab' },
    'post.exportKey': { passphrase: 'cedar lighthouse 42' },
    'post.restoreKey': {},
    'post.setShifts': { starts: ['08:00', '20:00'] },
    'reference.districts': {},
    'incidents.findDuplicates': { receivedAt: T0, district: 'latakia', locality: 'x', coordinates: { lat: 35.5, lon: 35.8 } },
    'incidents.log': intake({ attachToIncidentId: incidentId, location: { district: 'latakia', subdistrict: 'latakia', locality: 'x', landmark: 'y', lat: 35.5, lon: 35.8 } }),
    'incidents.queue': { queue: 'waiting', district: 'latakia', type: 'fire', priority: 1 },
    'incidents.get': { id: incidentId },
    'incidents.update': { id: incidentId, changes: { priority: 3, locality: 'x', lat: 1, lon: 2, trapped: 1 } },
    'incidents.setStatus': { id: incidentId, status: 'cancelled', cancelReason: 'duplicate', note: 'x' },
    'timeline.addNote': { incidentId, text: 'x' },
    'timeline.strike': { entryId: noteId, reason: 'x' },
    'teams.centres': {},
    'teams.saveCentre': { id: centreId, name: 'Jableh centre', district: 'jableh', covers: ['jableh', 'latakia'] },
    'teams.board': { centreId, kind: 'fire' },
    'teams.save': { id: teamId, callSign: 'Rescue 1', kind: 'search_rescue', centreId, vehicle: 'Pickup', radioChannel: 'CH-4' },
    'teams.setStatus': { teamId, status: 'available' },
    'teams.conflicts': {},
    'teams.volunteers': { centreId },
    'teams.saveVolunteer': { id: volunteerId, name: 'Ali', role: 'rescuer', centreId, phone: '0933 123 456', qualifications: 'First aid' },
    'roster.current': { at: T0 },
    'roster.checkIn': { volunteerId, teamId },
    'roster.checkOut': { entryId },
    'roster.walkUp': { name: 'Ali', role: 'rescuer', teamId, phone: '0933' },
    'roster.copyPrevious': {},
    'roster.attendance': { from: T0 - 1000, to: T0, volunteerId },
    'dispatch.suggest': { incidentId },
    'dispatch.send': { incidentId, teamIds: [teamId, Z], confirmReassign: true },
    'dispatch.advance': { assignmentId, step: 'en_route' },
    'session.lock': {},
    'session.unlock': { pin: '2468' },
    'operators.list': {},
    'operators.create': { name: 'Ali', pin: '1234', role: 'operator', language: 'ar' },
    'operators.setDisabled': { id: operatorId, disabled: true },
    'stats.report': { period: { from: '2026-11-01', to: '2026-11-02' }, filters: { district: 'latakia', type: 'fire', priority: 2 } },
    'import.inspect': { text: CSV },
    'import.preview': { text: CSV, mapping: MAPPING },
    'import.start': { text: CSV, mapping: MAPPING },
    'import.status': { jobId },
    'summary.get': { period: { shift: T0 } },
    'summary.addHandoverNote': { shiftStart: T0, text: 'Generator at the centre needs fuel.' },
    'summary.print': { period: { from: '2026-11-01', to: '2026-11-02' }, pdf: true },
    'audit.list': { entity: 'incident', limit: 20 },
    'sync.status': {},
    'sync.now': {},
    'sync.hubs': {},
    'sync.testHub': { url: 'postgres://beacon@127.0.0.1:1/beacon', tls: { mode: 'disable', caFile: null } },
    'sync.addHub': { name: 'HQ', url: 'postgres://beacon@127.0.0.1:1/beacon', tls: { mode: 'disable', caFile: null } },
    'sync.removeHub': { id: '00000000-0000-4000-8000-000000000000' },
    'backup.status': {},
    'backup.health': {},
    'backup.restoreSafetyCopy': { name: 'beacon-2026-11-24-0800.db' },
    'backup.create': {},
    'backup.inspect': { safetyCopy: 'beacon-2026-11-24-0800.db' },
    'backup.restore': { token: Z },
    'sync.exportBundle': { since: '2026-11-01' },
    'sync.importBundle': {},
    'sync.bundleStatus': { jobId: Z },
    'sync.exportProgress': {},
    'sync.conflicts': { from: T0 - 86_400_000, withinMinutes: 10, limit: 50 },
    'exchange.alerts': { incidentId },
    'exchange.issueAlert': {
      incidentId, event: 'flood', responseType: 'Evacuate', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely',
      instructionAr: 'x', instructionEn: 'y', area: { kind: 'circle', radiusKm: 2 }, expiresAt: T0 + 3_600_000,
    },
    'exchange.updateAlert': {
      alertId: Z, event: 'flood', responseType: 'Evacuate', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely',
      instructionAr: 'x', area: { kind: 'district' }, expiresAt: T0 + 3_600_000,
    },
    'exchange.cancelAlert': { alertId: Z, note: 'x' },
    'exchange.saveAlert': { messageId: Z },
    'exchange.exportHxl': { from: '2026-11-01', to: '2026-11-30' },
    'exchange.exportGeojson': { from: '2026-11-01', to: '2026-11-30' },
    'sync.health': {},
  };
  for (const channel of CHANNEL_NAMES) {
    if (refused(channel, VALID[channel])) throw new Error(`the valid example for ${channel} does not pass its own schema`);
  }
}, 60_000);

afterAll(async () => t?.close());

let sent = 0;

describe('fuzzing every channel with payloads its schema refuses', () => {
  it('covers every channel of the contract', () => {
    expect(Object.keys(VALID).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  for (const channel of CHANNEL_NAMES) {
    it(`${channel}: never throws, answers a typed error, writes nothing`, async () => {
      const before = await snapshot();
      const session = sessionState();
      await fc.assert(
        fc.asyncProperty(invalidPayload(channel, VALID[channel]), async (payload) => {
          let result: Awaited<ReturnType<TestCore['core']['invoke']>>;
          try {
            result = await t.core.invoke(t.session, channel, payload);
          } catch (err) {
            throw new Error(`invoke threw: ${String(err)}`, { cause: err });
          }
          sent += 1;
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toMatch(/^(error|validation|import|bundle)\.[A-Za-z]/);
          // The schema refused it, so the router must have said so before any handler ran.
          expect(result.error.code).toBe('error.invalidInput');
          for (const key of Object.values(result.error.fields ?? {})) expect(key).toMatch(/^validation\.[A-Za-z]+$/);
          expect(Object.keys(result.error.fields ?? {}).length).toBeGreaterThan(0);
          // What goes back over IPC survives a structured clone unchanged.
          expect(structuredClone(result)).toEqual(result);
          expect(await snapshot()).toEqual(before);
          expect(sessionState()).toEqual(session);
        }),
        { seed: SEED, numRuns: RUNS_PER_CHANNEL },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
    });
  }

  // The contract takes the import mapping as any record; the core checks it whole with its
  // own schema. Mappings the contract lets through but the core refuses must be refused with
  // an import.* (or error.*) code before anything is written.
  for (const channel of ['import.preview', 'import.start'] as const) {
    it(`${channel}: refuses a mapping the core's mapping schema rejects, writing nothing`, async () => {
      const before = await snapshot();
      const mappingArb = fc.oneof(
        { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => mutate(MAPPING, ms)), weight: 4 },
        { arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTO_KEYS)), wrongValue, { maxKeys: 4 }), weight: 1 },
      ).filter((m) => {
        // What the core's mapping check sees is the contract's parsed copy (a plain record), not `m` itself.
        const parsed = api[channel].input.safeParse({ text: CSV, mapping: m });
        if (!parsed.success) return false;
        try {
          return !importMappingSchema.safeParse(parsed.data.mapping).success;
        } catch {
          return true;
        }
      });
      await fc.assert(
        fc.asyncProperty(mappingArb, async (mapping) => {
          let result: Awaited<ReturnType<TestCore['core']['invoke']>>;
          try {
            result = await t.core.invoke(t.session, channel, { text: CSV, mapping });
          } catch (err) {
            throw new Error(`invoke threw: ${String(err)}`, { cause: err });
          }
          sent += 1;
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toMatch(/^(error|import)\.[A-Za-z]/);
          expect(result.error.code).not.toBe('error.unexpected');
          expect(structuredClone(result)).toEqual(result);
          expect(await snapshot()).toEqual(before);
        }),
        { seed: SEED, numRuns: MAPPING_RUNS },
      );
    });
  }

  it('leaves a sound database behind', async () => {
    expect(sent).toBe(CHANNEL_NAMES.length * RUNS_PER_CHANNEL + 2 * MAPPING_RUNS);
    const check = await t.core.store.reader.all<{ integrity_check: string }>('PRAGMA integrity_check');
    expect(check).toEqual([{ integrity_check: 'ok' }]);
    const keys = await t.core.store.reader.all<Record<string, unknown>>('PRAGMA foreign_key_check');
    expect(keys).toEqual([]);
    // Still usable afterwards: the session is the administrator's, and a valid call works.
    expect((await t.call('session.current', {}))?.name).toBe('Rania Haddad');
    expect((await t.call('incidents.queue', { queue: 'waiting' })).counts).toBeDefined();
    console.info(`fuzz: ${sent} refused payloads sent across ${CHANNEL_NAMES.length} channels`);
  });
});

describe('a gap the fuzzer found, now closed', () => {
  // An unknown key named after an Object.prototype member used to be refused with no field named.
  it('names an unknown field even when it is called "constructor" or "__proto__"', async () => {
    const payload = { ...(VALID['incidents.get'] as object), constructor: 'x' };
    const result = await t.core.invoke(t.session, 'incidents.get', payload);
    expect(result).toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { constructor: 'validation.unknownField' } } });
  });
});
