// Realistic synthetic incidents for demos, tests and benchmarks: the domain's types and
// priorities in plausible proportions, a daily rhythm, the region's districts and villages,
// and lifecycles whose timestamps agree with one another. Deterministic for a given seed.
import { KINDS_FOR_TYPE, type CallSource, type IncidentType, type Priority, type TeamKind } from '../../../shared/domain';
import localityList from '../../../resources/regions/localities.json' with { type: 'json' };
import { DISTRICTS } from '../reference/districts';
import type { HistoricalAssignment, HistoricalCall, HistoricalIncident } from '../incidents/importIncidents';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Longest a team stays on scene: crews are relieved before ten hours, even at a collapse. */
const LONGEST_ON_SCENE = 8 * HOUR;

interface Locality { en: string; ar: string; lat: number; lon: number }
const LOCALITIES = localityList as Record<string, Locality[]>;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Minutes drawn from a skewed distribution with the given median (log-normal). */
function minutes(random: () => number, median: number, spread = 0.6): number {
  const u1 = Math.max(random(), 1e-9);
  const u2 = random();
  const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.max(0.5, median * Math.exp(spread * normal)) * MINUTE;
}

const TYPES: readonly (readonly [IncidentType, number])[] = [
  ['medical', 20], ['road_accident', 15], ['fire', 12], ['armed_violence', 8], ['explosion', 6],
  ['building_collapse', 5], ['sea_rescue', 4], ['flood', 2], ['uxo', 5], ['body_recovery', 4],
  ['evacuation', 4], ['other', 15],
];

const PRIORITY_ONE_SHARE: Partial<Record<IncidentType, number>> = {
  explosion: 0.8, building_collapse: 0.75, armed_violence: 0.7, sea_rescue: 0.6, fire: 0.35,
  road_accident: 0.3, medical: 0.25, flood: 0.3, uxo: 0.2, body_recovery: 0.05, evacuation: 0.2, other: 0.05,
};

const DISTRICT_WEIGHTS: Record<string, number> = { latakia: 50, jableh: 25, 'al-haffah': 12, 'al-qardaha': 13 };

const SOURCES: readonly (readonly [CallSource, number])[] = [
  ['phone', 55], ['radio', 15], ['messaging', 15], ['walk_in', 5], ['field_team', 10],
];

/** Relative call volume by local hour: quiet before dawn, busiest in the evening. */
const HOURLY = [2, 1.5, 1, 1, 1, 1.5, 3, 5, 6, 6, 7, 7, 7, 6, 6, 7, 8, 9, 9, 8, 7, 5, 4, 3];

function pickReceivedAt(random: () => number, from: number, to: number): number {
  // Rejection sampling against the hourly rhythm (the zone's offset only shifts the curve a little).
  for (;;) {
    const t = from + random() * (to - from);
    const hour = new Date(t + 3 * HOUR).getUTCHours();
    if (random() * 9 < (HOURLY[hour] ?? 1)) return Math.floor(t);
  }
}

function casualtiesFor(random: () => number, type: IncidentType): { trapped: number; injured: number; dead: number } {
  const n = (max: number, chance: number) => (random() < chance ? 1 + Math.floor(random() * max) : 0);
  switch (type) {
    case 'building_collapse': return { trapped: n(8, 0.8), injured: n(10, 0.7), dead: n(5, 0.35) };
    case 'explosion': return { trapped: n(3, 0.3), injured: n(15, 0.85), dead: n(6, 0.4) };
    case 'armed_violence': return { trapped: 0, injured: n(5, 0.9), dead: n(3, 0.3) };
    case 'road_accident': return { trapped: n(2, 0.25), injured: n(4, 0.8), dead: n(2, 0.1) };
    case 'fire': return { trapped: n(4, 0.2), injured: n(3, 0.4), dead: n(2, 0.05) };
    case 'sea_rescue': return { trapped: n(6, 0.6), injured: n(2, 0.3), dead: n(2, 0.15) };
    case 'body_recovery': return { trapped: 0, injured: 0, dead: 1 + Math.floor(random() * 3) };
    case 'medical': return { trapped: 0, injured: 1, dead: 0 };
    default: return { trapped: 0, injured: n(2, 0.2), dead: 0 };
  }
}

export interface SyntheticOptions {
  count: number;
  /** Incidents are spread over the `days` before `now`. */
  days: number;
  now: number;
  seed?: number | undefined;
  /** Teams to send; each is sent to one incident at a time. */
  teams?: readonly SyntheticTeamRef[];
  /** Calls just logged: nobody sent yet, nothing cancelled. */
  awaitingDispatch?: boolean | undefined;
  /** When each team is free again after work already on record (still out: Infinity). */
  busyUntil?: ReadonlyMap<string, number> | undefined;
}

export interface SyntheticTeamRef {
  id: string;
  kind: TeamKind;
  covers: readonly string[];
}

/** Picks free teams for an incident: fitting kinds first, covering the district; marks them busy. */
function sendTeams(
  random: () => number, teams: readonly SyntheticTeamRef[], busyUntil: Map<string, number>,
  incident: { type: IncidentType; priority: Priority; district: string }, at: number,
): SyntheticTeamRef[] {
  const wanted = incident.priority === 1 ? 2 + (random() < 0.4 ? 1 : 0) : incident.priority === 2 ? 1 + (random() < 0.3 ? 1 : 0) : 1;
  const kinds = KINDS_FOR_TYPE[incident.type];
  const free = teams.filter((t) => (busyUntil.get(t.id) ?? 0) <= at && t.covers.includes(incident.district));
  const chosen: SyntheticTeamRef[] = [];
  for (const kind of kinds) {
    const candidates = free.filter((t) => t.kind === kind && !chosen.includes(t));
    if (candidates.length > 0 && chosen.length < wanted) chosen.push(candidates[Math.floor(random() * candidates.length)]!);
  }
  if (chosen.length === 0 && free.length > 0) chosen.push(free[Math.floor(random() * free.length)]!);
  return chosen;
}

export function* syntheticIncidents(options: SyntheticOptions): Generator<HistoricalIncident> {
  const random = createRandom(options.seed ?? 20261124);
  const from = options.now - options.days * 24 * HOUR;
  const districts = DISTRICTS.map((d) => [d, DISTRICT_WEIGHTS[d.code] ?? 5] as const);
  // Times first, sorted, so that incidents come in order and a team is never in two places.
  const times = new Float64Array(options.count);
  for (let i = 0; i < options.count; i++) times[i] = pickReceivedAt(random, from, options.now);
  times.sort();
  const busyUntil = new Map<string, number>(options.busyUntil);
  for (let i = 0; i < options.count; i++) {
    const type = weighted(random, TYPES);
    const priority: Priority = random() < (PRIORITY_ONE_SHARE[type] ?? 0.2) ? 1 : random() < 0.55 ? 2 : 3;
    const district = weighted(random, districts);
    const subdistrict = district.subdistricts.length > 0
      ? district.subdistricts[Math.floor(random() * district.subdistricts.length)]!
      : null;
    const places = subdistrict ? LOCALITIES[subdistrict.code] ?? [] : [];
    const place = places.length > 0 ? places[Math.floor(random() * places.length)]! : null;
    const hasCoordinates = random() < 0.45;
    const jitter = () => (random() - 0.5) * 0.01;
    const receivedAt = times[i]!;

    // Lifecycle: each step happens only if its time has come.
    const speed = priority === 1 ? 0.6 : priority === 2 ? 1 : 1.6;
    const cancelled = !options.awaitingDispatch && random() < 0.06;
    const at = (t: number | null) => (t !== null && t <= options.now ? t : null);
    let dispatchedAt: number | null = null;
    let onSceneAt: number | null = null;
    let clearedAt: number | null = null;
    let closedAt: number | null = null;
    let cancelledAt: number | null = null;
    if (cancelled) {
      cancelledAt = at(receivedAt + minutes(random, 8));
    } else if (!options.awaitingDispatch) {
      dispatchedAt = at(receivedAt + minutes(random, 4 * speed));
      onSceneAt = dispatchedAt === null ? null : at(dispatchedAt + minutes(random, 14 * speed, 0.5));
      clearedAt = onSceneAt === null ? null : at(onSceneAt + Math.min(LONGEST_ON_SCENE, minutes(random, type === 'building_collapse' ? 240 : 50, 0.7)));
      closedAt = clearedAt === null ? null : at(clearedAt + minutes(random, 25, 0.8));
    }
    const assignments: HistoricalAssignment[] = [];
    if (dispatchedAt !== null && options.teams) {
      const sent = sendTeams(random, options.teams, busyUntil, { type, priority, district: district.code }, dispatchedAt);
      sent.forEach((team, k) => {
        const teamDispatched = k === 0 ? dispatchedAt! : Math.min(dispatchedAt! + Math.floor(random() * 5 * MINUTE), onSceneAt ?? options.now);
        // A team sent second arrives a little later, but not after the work is done.
        const teamOnScene = onSceneAt === null ? null : k === 0 ? onSceneAt
          : at(Math.min(Math.max(onSceneAt, teamDispatched) + Math.floor(random() * 10 * MINUTE), clearedAt ?? Number.POSITIVE_INFINITY));
        const enRoute = at(teamDispatched + Math.floor((0.5 + random()) * MINUTE));
        // The last team to clear clears the incident.
        const teamCleared = clearedAt === null || teamOnScene === null ? null : k === 0 ? clearedAt : Math.max(teamOnScene, clearedAt - Math.floor(random() * 20 * MINUTE));
        assignments.push({
          teamId: team.id, dispatchedAt: teamDispatched, enRouteAt: teamOnScene !== null && enRoute !== null && enRoute > teamOnScene ? teamOnScene : enRoute,
          onSceneAt: teamOnScene, clearedAt: teamCleared, endedReason: teamCleared === null ? null : 'cleared',
        });
        busyUntil.set(team.id, teamCleared ?? Number.POSITIVE_INFINITY);
      });
    }
    const reported = casualtiesFor(random, type);
    const callCount = 1 + (random() < (priority === 1 ? 0.5 : 0.12) ? 1 + Math.floor(random() * (priority === 1 ? 4 : 1)) : 0);
    const calls: HistoricalCall[] = [];
    for (let c = 0; c < callCount; c++) {
      const callAt = c === 0 ? receivedAt : receivedAt + Math.floor(random() * 20 * MINUTE);
      calls.push({
        receivedAt: Math.min(callAt, options.now), source: weighted(random, SOURCES),
        callerName: null, callerPhone: random() < 0.6 ? `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null,
        description: null, ...(c === 0 ? reported : { trapped: 0, injured: 0, dead: 0 }),
      });
    }
    yield {
      type, priority, district: district.code, subdistrict: subdistrict?.code ?? null,
      locality: place?.ar ?? null, landmark: null,
      lat: hasCoordinates ? (place?.lat ?? district.center.lat) + jitter() : null,
      lon: hasCoordinates ? (place?.lon ?? district.center.lon) + jitter() : null,
      description: null, ...reported,
      receivedAt, dispatchedAt, onSceneAt, clearedAt, closedAt, cancelledAt,
      cancelReason: cancelled ? weighted(random, [['false_alarm', 3], ['duplicate', 4], ['handled_by_others', 2]] as const) : null,
      calls,
      assignments,
    };
  }
}
