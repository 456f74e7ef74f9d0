// Bringing another system's call log into Beacon: choose the file, say which column holds
// what, see the first incidents as Beacon will store them, then import with a progress bar.
// The mapping is the same JSON the command line takes, and can be saved for it.
import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../../../shared/api';
import type { ImportInspection, ImportPreviewView, ImportRejection, ImportStatus } from '../../../../shared/api/types';
import { INCIDENT_TYPES, PRIORITIES } from '../../../../shared/domain';
import { normalizeForSearch } from '../../../../shared/text/search';
import { utf16Of } from '../../../../shared/text/utf16';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { useDistricts } from '../../ui/useDistricts';
import { download } from '../../ui/exporters';

const FIELDS = [
  'received', 'dispatched', 'enRoute', 'onScene', 'cleared', 'closed', 'type', 'priority', 'district',
  'location', 'landmark', 'description', 'coordinates', 'lat', 'lon', 'trapped', 'injured', 'dead', 'unit', 'incidentNumber',
] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: readonly Field[] = ['received', 'type', 'district'];

/** Header words other systems use, in English and Arabic, for a first guess at the mapping. */
const GUESSES: Record<Field, string[]> = {
  received: ['received', 'call time', 'date', 'time', 'وقت البلاغ', 'التاريخ', 'الوقت'], dispatched: ['dispatch', 'الإيفاد', 'ارسال'],
  enRoute: ['en route', 'enroute', 'الانطلاق'], onScene: ['on scene', 'arrived', 'arrival', 'الوصول'], cleared: ['cleared', 'clear', 'انهاء'],
  closed: ['closed', 'close', 'الاغلاق'], type: ['type', 'nature', 'category', 'النوع', 'نوع'], priority: ['priority', 'الاولوية'],
  district: ['district', 'area', 'region', 'المنطقة', 'منطقة'], location: ['location', 'address', 'place', 'village', 'الموقع', 'العنوان'],
  landmark: ['landmark', 'معلم'], description: ['description', 'notes', 'remarks', 'الوصف', 'ملاحظات'], coordinates: ['coordinates', 'gps', 'الاحداثيات'],
  lat: ['lat', 'latitude'], lon: ['lon', 'lng', 'longitude'], trapped: ['trapped', 'عالق'], injured: ['injured', 'wounded', 'مصاب', 'جرحى'],
  dead: ['dead', 'killed', 'deaths', 'وفيات', 'قتلى'], unit: ['unit', 'team', 'vehicle', 'الفريق', 'الوحدة'], incidentNumber: ['incident', 'number', 'id', 'رقم'],
};

function guessColumns(columns: string[]): Partial<Record<Field, string>> {
  const taken = new Set<string>();
  const out: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const found = columns.find((c) => !taken.has(c) && GUESSES[field].some((g) => normalizeForSearch(c).includes(normalizeForSearch(g))));
    if (found) {
      out[field] = found;
      taken.add(found);
    }
  }
  return out;
}

/** 12-hour clocks (hh with A: AM/PM or ص/م) are as common in dispatch exports as 24-hour ones. */
const DATE_FORMATS = [
  'YYYY-MM-DD HH:mm', 'YYYY-MM-DD HH:mm:ss', 'DD/MM/YYYY HH:mm', 'DD/MM/YYYY HH:mm:ss', 'MM/DD/YYYY HH:mm', 'DD.MM.YYYY HH:mm',
  'MM/DD/YYYY hh:mm A', 'MM/DD/YYYY hh:mm:ss A', 'DD/MM/YYYY hh:mm A', 'DD/MM/YYYY hh:mm:ss A', 'iso',
];

/** The problems of an import as a CSV for the supervisor's spreadsheet; a cell starting like a formula is made plain text. */
function problemsCsv(rows: { kind: string; line: number; reason: string }[], header: [string, string, string]): Blob {
  const cell = (v: string | number) => {
    const text = String(v);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const lines = [header, ...rows.map((r) => [r.kind, r.line, r.reason] as const)].map((r) => r.map(cell).join(','));
  return new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
}

interface Values { type: Record<string, string>; district: Record<string, string>; priority: Record<string, number> }

export function ImportScreen() {
  const { t, tCode, errorText, dateTime, timeZone, number } = useLocale();
  const districts = useDistricts();
  const [encoding, setEncoding] = useState<'utf-8' | 'windows-1256'>('utf-8');
  const [bytes, setBytes] = useState<ArrayBuffer | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [inspection, setInspection] = useState<ImportInspection>();
  const [columns, setColumns] = useState<Partial<Record<Field, string>>>({});
  const [dateFormat, setDateFormat] = useState(DATE_FORMATS[0]!);
  const [fileZone, setFileZone] = useState(timeZone);
  const [groupBy, setGroupBy] = useState('');
  const [values, setValues] = useState<Values>({ type: {}, district: {}, priority: {} });
  const [preview, setPreview] = useState<ImportPreviewView>();
  const [error, setError] = useState<ApiError | string>();
  const [job, setJob] = useState<string>();
  const [status, setStatus] = useState<ImportStatus>();

  // Decode in the encoding chosen; a file that is not valid in it says so rather than import mojibake.
  // UTF-16 (Excel's "Unicode text") is recognised whatever is chosen, as the command line does.
  useEffect(() => {
    if (!bytes) return;
    const utf16 = utf16Of(new Uint8Array(bytes));
    try {
      setText(new TextDecoder(utf16 ?? encoding, { fatal: true }).decode(bytes));
      setError(undefined);
    } catch {
      setText('');
      setError({ code: 'import.badEncoding', params: { encoding: utf16 ? 'UTF-16' : encoding } });
    }
  }, [bytes, encoding]);

  useEffect(() => {
    if (!text) return;
    void call('import.inspect', { text }).then((r) => {
      if (!r.ok) return setError(r.error);
      setInspection(r.value);
      setColumns(guessColumns(r.value.columns));
      setPreview(undefined);
    });
  }, [text]);

  const mapping = useMemo(() => {
    const mapped = Object.fromEntries(Object.entries(columns).filter(([, c]) => c));
    const clean = <T,>(r: Record<string, T>) => (Object.keys(r).length > 0 ? r : undefined);
    const valueMap = { type: clean(values.type), district: clean(values.district), priority: clean(values.priority) };
    return {
      columns: mapped, dateFormat, timeZone: fileZone, encoding,
      ...(groupBy ? { groupBy } : {}),
      values: Object.fromEntries(Object.entries(valueMap).filter(([, v]) => v !== undefined)),
    };
  }, [columns, values, dateFormat, fileZone, groupBy, encoding]);

  // While an import runs, ask how far it has got.
  useEffect(() => {
    if (!job) return;
    const timer = setInterval(() => {
      void call('import.status', { jobId: job }).then((r) => {
        if (!r.ok) return;
        setStatus(r.value);
        if (r.value.state !== 'running') setJob(undefined);
      });
    }, 300);
    return () => clearInterval(timer);
  }, [job]);

  const missing = REQUIRED.filter((f) => !columns[f]);
  async function runPreview() {
    const r = await call('import.preview', { text, mapping });
    if (!r.ok) {
      setPreview(undefined);
      return setError(r.error);
    }
    setError(undefined);
    setPreview(r.value);
  }
  async function start() {
    setStatus(undefined);
    const r = await call('import.start', { text, mapping });
    if (!r.ok) return setError(r.error);
    setError(undefined);
    setJob(r.value.jobId);
    setStatus({ state: 'running', rows: inspection?.rows ?? 0, read: 0, imported: 0, skipped: 0, rejected: [], rejectedCount: 0, callsAdded: 0, warnings: [], warningsCount: 0 });
  }

  // Words of theirs that Beacon did not recognise, to be matched to Beacon's lists.
  const unknown = (reason: string) => [...new Set((preview?.rejected ?? []).filter((r) => r.reason === reason).map((r) => String(r.params?.value ?? '')))];
  const unknownTypes = unknown('import.unknownType');
  const unknownDistricts = unknown('import.unknownDistrict');
  const unknownPriorities = unknown('import.unknownPriority');
  // Their values (dates, names in either script) are isolated so a sentence in the other direction cannot reorder them.
  const reasonText = (r: ImportRejection) => tCode(r.reason, r.params && Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, `\u2068${v}\u2069`])));
  const errorMessage = typeof error === 'string' ? error : error ? errorText(error) : null;
  // Plain text in the file: no isolation marks, which a spreadsheet would show as stray characters.
  const downloadProblems = (warnings: ImportRejection[], rejected: ImportRejection[]) => download('beacon-import-problems.csv', problemsCsv([
    ...warnings.map((r) => ({ kind: t('import.warning'), line: r.line, reason: tCode(r.reason, r.params) })),
    ...rejected.map((r) => ({ kind: t('import.rejection'), line: r.line, reason: tCode(r.reason, r.params) })),
  ].sort((a, b) => a.line - b.line), [t('import.kind'), t('import.line'), t('import.reason')]));
  /** A parsed time with the cell it came from, so a wrong format shows before anything is imported. */
  const timeCell = (at: number | null, raw: string | undefined) => (
    <>
      {at !== null ? dateTime(at) : t('common.none')}
      {raw !== undefined ? <span className="muted import__raw" title={t('import.asWritten')}><bdi dir="ltr">{raw}</bdi></span> : null}
    </>
  );

  return (
    <section className="stats import" aria-labelledby="import-title">
      <div className="incident__head">
        <h1 id="import-title">{t('import.title')}</h1>
        <a href="#/stats" className="button button--ghost">{t('stats.title')}</a>
      </div>
      <p className="muted">{t('import.intro')}</p>
      <div className="panel stats__controls">
        {/* Chromium writes a file input's own words ("Choose File") in the laptop's language,
            so the input is hidden and a label in the operator's language stands for it. */}
        <label className="field file-pick">
          <span className="file-pick__label">{t('import.file')}</span>
          <input type="file" accept=".csv,.txt,text/csv" className="visually-hidden file-pick__input" aria-describedby="import-file-name" onChange={(e) => {
            const file = e.target.files?.[0];
            setFileName(file?.name ?? null);
            if (file) void file.arrayBuffer().then(setBytes);
          }} />
          <span className="file-pick__row" aria-hidden="true">
            <span className="button file-pick__button">{t('filePick.choose')}</span>
            <span className="muted" id="import-file-name"><bdi>{fileName ?? t('filePick.none')}</bdi></span>
          </span>
        </label>
        <Field label={t('import.encoding')}>
          <select value={encoding} onChange={(e) => setEncoding(e.target.value as 'utf-8' | 'windows-1256')}>
            <option value="utf-8">{t('import.utf8')}</option>
            <option value="windows-1256">{t('import.win1256')}</option>
          </select>
        </Field>
        {inspection ? <span className="muted" role="status">{t('import.rows', { n: number(inspection.rows) })}</span> : null}
      </div>
      <ErrorBanner>{errorMessage}</ErrorBanner>

      {inspection ? (
        <form className="panel" aria-label={t('import.fieldsTitle')} onSubmit={(e) => { e.preventDefault(); void runPreview(); }}>
          <h2>{t('import.fieldsTitle')}</h2>
          <div className="import__fields">
            {FIELDS.map((field) => (
              <Field key={field} label={`${t(`import.field_${field}`)}${REQUIRED.includes(field) ? ' *' : ''}`}>
                <select value={columns[field] ?? ''} onChange={(e) => setColumns({ ...columns, [field]: e.target.value || undefined })}>
                  <option value="">{t('import.notMapped')}</option>
                  {inspection.columns.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </Field>
            ))}
            <Field label={t('import.dateFormat')}>
              <select value={dateFormat} onChange={(e) => setDateFormat(e.target.value)}>
                {DATE_FORMATS.map((f) => <option key={f} value={f} dir="ltr">{f}</option>)}
              </select>
            </Field>
            <Field label={t('import.timeZone')}><input value={fileZone} dir="ltr" onChange={(e) => setFileZone(e.target.value)} /></Field>
            <Field label={t('import.groupBy')}>
              <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
                <option value="">{t('import.noGrouping')}</option>
                {inspection.columns.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
          </div>
          {unknownTypes.length + unknownDistricts.length + unknownPriorities.length > 0 ? (
            <fieldset className="import__values">
              <legend>{t('import.valuesTitle')}</legend>
              {unknownTypes.map((v) => (
                <Field key={`t${v}`} label={t('import.valueFor', { value: v })}>
                  <select value={values.type[v] ?? ''} onChange={(e) => setValues({ ...values, type: { ...values.type, [v]: e.target.value } })}>
                    <option value="">{t('import.notMapped')}</option>
                    {INCIDENT_TYPES.map((x) => <option key={x} value={x}>{t(`incidentType.${x}`)}</option>)}
                  </select>
                </Field>
              ))}
              {unknownDistricts.map((v) => (
                <Field key={`d${v}`} label={t('import.valueFor', { value: v })}>
                  <select value={values.district[v] ?? ''} onChange={(e) => setValues({ ...values, district: { ...values.district, [v]: e.target.value } })}>
                    <option value="">{t('import.notMapped')}</option>
                    {districts.list.map((d) => <option key={d.code} value={d.code}>{districts.name(d.code)}</option>)}
                  </select>
                </Field>
              ))}
              {unknownPriorities.map((v) => (
                <Field key={`p${v}`} label={t('import.valueFor', { value: v })}>
                  <select value={values.priority[v] ?? ''} onChange={(e) => setValues({ ...values, priority: { ...values.priority, [v]: Number(e.target.value) } })}>
                    <option value="">{t('import.notMapped')}</option>
                    {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
                  </select>
                </Field>
              ))}
            </fieldset>
          ) : null}
          <div className="actions">
            <button type="submit" className="button" disabled={missing.length > 0}>{t('import.preview')}</button>
            <button type="button" className="button button--primary" disabled={missing.length > 0 || !preview || job !== undefined} onClick={() => void start()}>{t('import.start')}</button>
            <button type="button" className="button button--ghost" onClick={() => download('beacon-mapping.json', new Blob([JSON.stringify(mapping, null, 2)], { type: 'application/json' }))}>{t('import.saveMapping')}</button>
          </div>
        </form>
      ) : null}

      {status ? (
        <div className="panel" role="status">
          {status.state === 'running' ? (
            <>
              <label htmlFor="import-progress">{t('import.progress')}</label>
              <progress id="import-progress" max={Math.max(1, status.rows)} value={status.read} />
            </>
          ) : status.state === 'done' ? (
            <p>{t('import.report', {
              imported: number(status.imported), calls: number(status.callsAdded), skipped: number(status.skipped),
              warnings: number(status.warningsCount), rejected: number(status.rejectedCount),
            })}</p>
          ) : <ErrorBanner>{status.error ? errorText(status.error) : null}</ErrorBanner>}
          {status.warnings.length > 0 ? <Rejections rows={status.warnings} total={status.warningsCount} reasonText={reasonText} caption={t('import.warningsTitle')} /> : null}
          {status.rejected.length > 0 ? <Rejections rows={status.rejected} total={status.rejectedCount} reasonText={reasonText} caption={t('import.rejectedTitle')} /> : null}
          {status.state === 'done' && status.warningsCount + status.rejectedCount > 0 ? (
            <button type="button" className="button button--ghost" onClick={() => downloadProblems(status.warnings, status.rejected)}>{t('import.downloadProblems')}</button>
          ) : null}
        </div>
      ) : null}

      {preview && !status ? (
        <div className="panel">
          <h2>{t('import.previewTitle')}</h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th><th scope="col">{t('import.received')}</th><th scope="col">{t('queue.type')}</th>
                  <th scope="col">{t('queue.priority')}</th><th scope="col">{t('queue.district')}</th><th scope="col">{t('import.field_location')}</th>
                  <th scope="col">{t('import.field_dispatched')}</th><th scope="col">{t('import.field_onScene')}</th><th scope="col">{t('import.field_closed')}</th>
                  <th scope="col">{t('import.field_injured')}</th><th scope="col">{t('import.field_dead')}</th><th scope="col">{t('import.teams')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.incidents.map((i) => (
                  <tr key={i.lines.join(',')}>
                    <th scope="row">{i.lines.join(', ')}{i.alreadyImported ? ` (${t('import.already')})` : ''}</th>
                    <td>{timeCell(i.receivedAt, i.raw.received)}</td><td>{t(`incidentType.${i.type}`)}</td><td>{number(i.priority)}</td><td>{districts.name(i.district)}</td>
                    <td><bdi>{i.locality ?? ''}</bdi></td>
                    <td>{timeCell(i.dispatchedAt, i.raw.dispatched)}</td><td>{timeCell(i.onSceneAt, i.raw.onScene)}</td>
                    <td>{timeCell(i.closedAt, i.raw.closed)}</td><td>{i.injured}</td><td>{i.dead}</td><td>{i.teams}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.warnings.length > 0 ? <Rejections rows={preview.warnings} total={preview.warnings.length} reasonText={reasonText} caption={t('import.warningsTitle')} /> : null}
          {preview.rejected.length > 0 ? <Rejections rows={preview.rejected} total={preview.rejected.length} reasonText={reasonText} caption={t('import.rejectedTitle')} /> : null}
          {preview.warnings.length + preview.rejected.length > 0 ? (
            <button type="button" className="button button--ghost" onClick={() => downloadProblems(preview.warnings, preview.rejected)}>{t('import.downloadProblems')}</button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Rejections({ rows, total, reasonText, caption }: { rows: ImportRejection[]; total: number; reasonText: (r: ImportRejection) => string; caption: string }) {
  const { t, number } = useLocale();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{t('import.line')}</th><th scope="col">{t('import.reason')}</th></tr></thead>
        <tbody>
          {rows.map((r) => <tr key={`${r.line}-${r.reason}`}><th scope="row">{r.line}</th><td className="import__reason"><bdi>{reasonText(r)}</bdi></td></tr>)}
        </tbody>
      </table>
      {total > rows.length ? <p className="muted">{t('import.moreRejected', { n: number(total - rows.length) })}</p> : null}
    </div>
  );
}
