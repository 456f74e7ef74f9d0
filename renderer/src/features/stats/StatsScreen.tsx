// Trends for the duty officer and headquarters: where calls come from, when, and whether
// teams reach people fast enough — for a chosen period, against the period before it.
import { useMemo, useState, type FormEvent } from 'react';
import {
  Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from 'recharts';
import type { Input } from '../../../../shared/api';
import type { StatsReport, StatsTotals } from '../../../../shared/api/types';
import { INCIDENT_TYPES, PRIORITIES, type IncidentType, type Priority } from '../../../../shared/domain';
import { localIsoDate } from '../../../../shared/time/zoned';
import { useLocale, type Locale } from '../../i18n';
import { useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { useDistricts } from '../../ui/useDistricts';
import { ChartCard, type TableData } from './ChartCard';
import { Heatmap } from './Heatmap';
import { PartnerReports } from './PartnerReports';

const PRESETS = ['last24h', 'last7d', 'last30d', 'last90d', 'last12m', 'custom'] as const;
type Preset = (typeof PRESETS)[number];
const PRESET_DAYS: Record<Exclude<Preset, 'last24h' | 'custom'>, number> = { last7d: 7, last30d: 30, last90d: 90, last12m: 365 };

/** One colour per incident type, distinguishable in print as well as on screen. */
const TYPE_COLOURS: Record<IncidentType, string> = {
  building_collapse: '#7c2d12', explosion: '#b91c1c', armed_violence: '#be185d', fire: '#ea580c', road_accident: '#ca8a04',
  medical: '#0b5cad', sea_rescue: '#0891b2', flood: '#4f46e5', uxo: '#4d7c0f', body_recovery: '#374151', evacuation: '#15803d', other: '#9ca3af',
};

/**
 * Each type also has its own hatching (angle and spacing), so the stacked chart reads without
 * colour: in grey print, or for an operator who does not tell red from green.
 */
function TypePatterns() {
  return (
    <defs>
      {INCIDENT_TYPES.map((x, i) => {
        const size = [5, 8, 11][Math.floor(i / 4)]!;
        return (
          <pattern key={x} id={`type-hatch-${x}`} width={size} height={size} patternUnits="userSpaceOnUse" patternTransform={`rotate(${[0, 45, 90, 135][i % 4]})`}>
            <rect width={size} height={size} fill={TYPE_COLOURS[x]} />
            <line x1={0} y1={0} x2={0} y2={size} stroke="#fff" strokeWidth={1.6} />
          </pattern>
        );
      })}
    </defs>
  );
}

function localDates(now: number, timeZone: string, days: number): { from: string; to: string } {
  return { from: localIsoDate(now, timeZone, -(days - 1)), to: localIsoDate(now, timeZone) };
}

/** Axis and table text for a bucket label (YYYY-MM-DD, YYYY-MM-DDTHH or YYYY-MM). */
function bucketText(label: string, tag: string): string {
  if (label.length === 7) return new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${label}-01T00:00:00Z`));
  if (label.length === 10) return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.parse(`${label}T00:00:00Z`));
  return new Intl.DateTimeFormat(tag, { day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(Date.parse(`${label}:00:00Z`));
}

const minutes = (sec: number | null) => (sec === null ? null : Math.round(sec / 6) / 10);

export function StatsScreen() {
  const locale = useLocale();
  const { t, tag, timeZone, errorText } = locale;
  const districts = useDistricts();
  const [preset, setPreset] = useState<Preset>('last30d');
  const [custom, setCustom] = useState(() => localDates(Date.now(), timeZone, 7));
  const [customApplied, setCustomApplied] = useState(custom);
  const [district, setDistrict] = useState('');
  const [type, setType] = useState<IncidentType | ''>('');
  const [priority, setPriority] = useState<Priority | ''>('');

  const query = useMemo<Input<'stats.report'>>(() => {
    const period = preset === 'last24h' ? { lastHours: 24 }
      : preset === 'custom' ? customApplied
      : localDates(Date.now(), timeZone, PRESET_DAYS[preset]);
    return {
      period,
      filters: { ...(district ? { district } : {}), ...(type ? { type } : {}), ...(priority ? { priority } : {}) },
    };
  }, [preset, customApplied, district, type, priority, timeZone]);
  // Statistics over months take seconds at headquarters' sizes: new calls fold into one
  // refresh a minute rather than one per call, and the queues keep the reader.
  const { data: report, error } = useQuery('stats.report', query, { minIntervalMs: 60_000 });

  const applyCustom = (e: FormEvent) => {
    e.preventDefault();
    setCustomApplied(custom);
  };

  return (
    <section className="stats" aria-labelledby="stats-title">
      <div className="incident__head">
        <h1 id="stats-title">{t('stats.title')}</h1>
        <a href="#/import" className="button button--ghost">{t('import.link')}</a>
        {report ? <span className="muted">{t('stats.comparedWith', { from: locale.dateTime(report.previousStart), to: locale.dateTime(report.start) })}</span> : null}
      </div>
      <div className="panel stats__controls" role="group" aria-label={t('stats.filters')}>
        <Field label={t('stats.period')}>
          <select value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
            {PRESETS.map((p) => <option key={p} value={p}>{t(`stats.${p}`)}</option>)}
          </select>
        </Field>
        {preset === 'custom' ? (
          <form className="stats__custom" onSubmit={applyCustom} aria-label={t('stats.custom')}>
            <Field label={t('stats.from')}><input type="date" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} /></Field>
            <Field label={t('stats.to')}><input type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} /></Field>
            <button type="submit" className="button">{t('stats.apply')}</button>
          </form>
        ) : null}
        <Field label={t('queue.district')}>
          <select value={district} onChange={(e) => setDistrict(e.target.value)}>
            <option value="">{t('stats.allDistricts')}</option>
            {districts.list.map((d) => <option key={d.code} value={d.code}>{districts.name(d.code)}</option>)}
          </select>
        </Field>
        <Field label={t('queue.type')}>
          <select value={type} onChange={(e) => setType(e.target.value as IncidentType | '')}>
            <option value="">{t('stats.allTypes')}</option>
            {INCIDENT_TYPES.map((x) => <option key={x} value={x}>{t(`incidentType.${x}`)}</option>)}
          </select>
        </Field>
        <Field label={t('queue.priority')}>
          <select value={priority} onChange={(e) => setPriority(e.target.value ? Number(e.target.value) as Priority : '')}>
            <option value="">{t('stats.allPriorities')}</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
          </select>
        </Field>
      </div>
      <PartnerReports />
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      {!report ? <p className="muted" role="status">{t('stats.loading')}</p> : <Report report={report} locale={locale} tag={tag} districtName={districts.name} />}
    </section>
  );
}

function Kpis({ report, locale }: { report: StatsReport; locale: Locale }) {
  const { t, number } = locale;
  const items: { key: keyof StatsTotals; label: string; duration?: boolean }[] = [
    { key: 'incidents', label: t('stats.incidents') }, { key: 'calls', label: t('stats.calls') },
    { key: 'dispatchMedianSec', label: t('stats.dispatchMedian'), duration: true }, { key: 'dispatchP90Sec', label: t('stats.dispatchP90'), duration: true },
    { key: 'sceneMedianSec', label: t('stats.sceneMedian'), duration: true }, { key: 'sceneP90Sec', label: t('stats.sceneP90'), duration: true },
    { key: 'trapped', label: t('stats.trapped') }, { key: 'injured', label: t('stats.injured') }, { key: 'dead', label: t('stats.dead') },
    { key: 'open', label: t('stats.open') }, { key: 'teamHours', label: t('stats.teamHours') },
  ];
  const show = (v: number | null, duration?: boolean) =>
    v === null ? t('stats.noData') : duration ? t('stats.minutes', { n: number(v / 60, 1) }) : number(v, 1);
  return (
    <dl className="kpis" aria-label={t('stats.kpi')}>
      {items.map(({ key, label, duration }) => {
        const now = report.totals[key];
        const before = report.previous[key];
        let change = '';
        if (now !== null && before !== null) {
          const diff = now - before;
          const amount = duration ? number(Math.abs(diff) / 60, 1) : number(Math.abs(diff), 1);
          const share = before !== 0 ? Math.abs(diff / before) * 100 : null;
          const sign = diff > 0 ? '+' : '−';
          // A change too small to show in the figure's own precision is no change.
          change = /^[0.,٫]*$/.test(amount) ? t('stats.noChange')
            : `${sign}${duration ? t('stats.minutes', { n: amount }) : amount}${share === null ? '' : ` (${sign}${number(share, share < 10 ? 1 : 0)}%)`}`;
        }
        return (
          <div key={key} className="kpi">
            <dt>{label}</dt>
            <dd className="kpi__value">{show(now, duration)}</dd>
            <dd className="kpi__change"><bdi dir="ltr">{change}</bdi> <span className="muted">{t('stats.before', { value: show(before, duration) })}</span></dd>
          </div>
        );
      })}
    </dl>
  );
}

function Report({ report, locale, tag, districtName }: { report: StatsReport; locale: Locale; tag: string; districtName: (code: string) => string }) {
  const { t, dir, number } = locale;
  const rtl = dir === 'rtl';
  const bucket = t(`stats.bucket_${report.bucket}`);
  const when = (label: string) => bucketText(label, tag);
  const typeName = (x: IncidentType) => t(`incidentType.${x}`);

  // Calls per bucket, one column per type that occurs.
  const types = INCIDENT_TYPES.filter((x) => report.byBucketType.some((r) => r.type === x));
  const perBucket = report.buckets.map((b) => {
    const row: Record<string, string | number> = { bucket: when(b) };
    for (const x of types) row[x] = 0;
    for (const r of report.byBucketType) if (r.bucket === b) row[r.type] = r.count;
    return row;
  });
  const byTypeTable: TableData = {
    header: [t('stats.when'), ...types.map(typeName), t('stats.total')],
    rows: perBucket.map((row) => [row.bucket as string, ...types.map((x) => row[x] as number), types.reduce((n, x) => n + (row[x] as number), 0)]),
  };

  const districtsData = report.byDistrict.map((d) => ({ name: districtName(d.district), count: d.count, previous: d.previous }));
  const districtTable: TableData = {
    header: [t('stats.district'), t('stats.count'), t('stats.previous'), t('stats.change')],
    rows: districtsData.map((d) => [d.name, d.count, d.previous, d.count - d.previous]),
  };

  const response = report.responseByBucket.map((r) => ({
    bucket: when(r.bucket), dm: minutes(r.dispatchMedianSec), d90: minutes(r.dispatchP90Sec), sm: minutes(r.sceneMedianSec), s90: minutes(r.sceneP90Sec),
  }));
  const responseTable: TableData = {
    header: [t('stats.when'), t('stats.dispatchMedianShort'), t('stats.dispatchP90Short'), t('stats.sceneMedianShort'), t('stats.sceneP90Short')],
    rows: response.map((r) => [r.bucket, r.dm, r.d90, r.sm, r.s90]),
    format: (v) => (typeof v === 'number' ? t('stats.minutes', { n: number(v, 1) }) : String(v)),
  };

  const casualties = report.casualtiesByBucket.map((r) => ({ ...r, bucket: when(r.bucket) }));
  const casualtiesTable: TableData = {
    header: [t('stats.when'), t('stats.trapped'), t('stats.injured'), t('stats.dead'), t('stats.closed'), t('stats.cancelled')],
    rows: casualties.map((r) => [r.bucket, r.trapped, r.injured, r.dead, r.closed, r.cancelled]),
  };

  const teams = report.teamHours.map((x) => ({ name: x.callSign, hours: x.hours }));
  const teamsTable: TableData = { header: [t('stats.team'), t('stats.hours')], rows: teams.map((x) => [x.name, x.hours]) };

  const weekdays = t('stats.weekdays').split(',');
  const heatTable: TableData = {
    header: [t('stats.weekday'), ...Array.from({ length: 24 }, (_, h) => locale.digits(String(h).padStart(2, '0')))],
    rows: weekdays.map((name, d) => [name, ...Array.from({ length: 24 }, (_, h) => report.heat.find((c) => c.weekday === d && c.hour === h)?.count ?? 0)]),
  };

  // Time runs from the reader's start side: right to left in Arabic.
  // SVG text takes no direction from the page: set, a date such as «٢٤ تشرين الثاني» keeps its Arabic order.
  const xAxis = <XAxis dataKey="bucket" reversed={rtl} tick={{ fontSize: 11, direction: dir }} minTickGap={12} />;
  const tickNumber = (v: number) => number(v);
  const yAxis = (unit?: string) => <YAxis orientation={rtl ? 'right' : 'left'} tick={{ fontSize: 11 }} allowDecimals={false} width={44} tickFormatter={tickNumber} {...(unit ? { unit } : {})} />;
  const legend = <Legend wrapperStyle={{ direction: dir, fontSize: 12 }} />;
  const tooltip = <Tooltip wrapperStyle={{ direction: dir }} formatter={(v) => (typeof v === 'number' ? number(v, 1) : String(v))} />;

  return (
    <>
      <Kpis report={report} locale={locale} />
      {report.totals.incidents === 0 ? <p className="muted">{t('stats.empty')}</p> : null}
      <div className="stats__grid">
        <ChartCard title={t('stats.byType', { bucket })} table={byTypeTable} wide>
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={perBucket}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {xAxis}{yAxis()}{tooltip}{legend}
              <TypePatterns />
              {types.map((x) => <Bar key={x} dataKey={x} name={typeName(x)} stackId="types" fill={`url(#type-hatch-${x})`} stroke={TYPE_COLOURS[x]} isAnimationActive={false} />)}
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={t('stats.heat')} table={heatTable} wide>
          <Heatmap heat={report.heat} weekdays={weekdays} rtl={rtl} format={(n) => number(n)} hour={(h) => locale.digits(String(h).padStart(2, '0'))} />
        </ChartCard>
        <ChartCard title={t('stats.byDistrict')} table={districtTable}>
          <ResponsiveContainer width="100%" height={Math.max(160, districtsData.length * 34 + 40)}>
            <BarChart data={districtsData} layout="vertical">
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" reversed={rtl} allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={tickNumber} />
              <YAxis type="category" dataKey="name" orientation={rtl ? 'right' : 'left'} width={96} tick={{ fontSize: 12 }} />
              {tooltip}{legend}
              <Bar dataKey="count" name={t('stats.count')} fill="#0b5cad" isAnimationActive={false} />
              <Bar dataKey="previous" name={t('stats.previous')} fill="#cbd5e1" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={t('stats.response', { bucket })} table={responseTable}>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={response}>
              <CartesianGrid strokeDasharray="3 3" />
              {xAxis}{yAxis()}{tooltip}{legend}
              <Line dataKey="dm" name={t('stats.dispatchMedianShort')} stroke="#0b5cad" dot={false} isAnimationActive={false} connectNulls />
              <Line dataKey="d90" name={t('stats.dispatchP90Short')} stroke="#0b5cad" strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />
              <Line dataKey="sm" name={t('stats.sceneMedianShort')} stroke="#b91c1c" dot={false} isAnimationActive={false} connectNulls />
              <Line dataKey="s90" name={t('stats.sceneP90Short')} stroke="#b91c1c" strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={t('stats.casualties', { bucket })} table={casualtiesTable}>
          <ResponsiveContainer width="100%" height={260}>
            <ComposedChart data={casualties}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {xAxis}{yAxis()}{tooltip}{legend}
              <Bar dataKey="trapped" name={t('stats.trapped')} stackId="c" fill="#7c2d12" isAnimationActive={false} />
              <Bar dataKey="injured" name={t('stats.injured')} stackId="c" fill="#ea580c" isAnimationActive={false} />
              <Bar dataKey="dead" name={t('stats.dead')} stackId="c" fill="#374151" isAnimationActive={false} />
              <Line dataKey="closed" name={t('stats.closed')} stroke="#15803d" dot={false} isAnimationActive={false} />
              <Line dataKey="cancelled" name={t('stats.cancelled')} stroke="#9ca3af" dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={t('stats.utilisation')} table={teamsTable}>
          <ResponsiveContainer width="100%" height={Math.max(160, teams.length * 26 + 40)}>
            <BarChart data={teams} layout="vertical">
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" reversed={rtl} tick={{ fontSize: 11 }} tickFormatter={tickNumber} />
              <YAxis type="category" dataKey="name" orientation={rtl ? 'right' : 'left'} width={130} tick={{ fontSize: 11 }} />
              {tooltip}
              <Bar dataKey="hours" name={t('stats.hours')} fill="#15803d" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </div>
    </>
  );
}
