// Centres, teams and volunteers: the supervisor keeps them up to date; every edit is an
// operation like any other, so it reaches the post's other consoles.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, CentreView, TeamView, VolunteerView } from '../../../../shared/api';
import { TEAM_KINDS, VOLUNTEER_ROLES, type TeamKind, type VolunteerRole } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { useDistricts } from '../../ui/useDistricts';
import { useMay } from '../../ui/role';
import { AccountsPanel } from '../operators/AccountsPanel';
import { PostSettingsPanel } from '../post/PostSettingsPanel';
import { ShiftPatternPanel } from '../post/ShiftPatternPanel';

export function OrganisationScreen() {
  const { t } = useLocale();
  const { data: centres } = useQuery('teams.centres', {});
  const { data: teams } = useQuery('teams.board', {});
  const { data: volunteers } = useQuery('teams.volunteers', {});
  const may = useMay();
  return (
    <section className="organisation" aria-labelledby="organisation-title">
      <h1 id="organisation-title">{t('organisation.title')}</h1>
      <div className="organisation__grid">
        <CentreEditor centres={centres ?? []} />
        <TeamEditor teams={teams ?? []} centres={centres ?? []} />
        <VolunteerEditor volunteers={volunteers ?? []} centres={centres ?? []} />
        {may('operators.list') ? <AccountsPanel /> : null}
        {may('post.setShifts') ? <ShiftPatternPanel /> : null}
        {may('post.setDefaults') ? <PostSettingsPanel /> : null}
      </div>
    </section>
  );
}

/** A list of records with an edit button each, and one form for a new or chosen record. */
function Editor<T extends { id: string }>({ title, items, label, form }: {
  title: string; items: T[]; label: (item: T) => string;
  form: (editing: T | null, done: () => void) => ReactNode;
}) {
  const { t } = useLocale();
  const [editing, setEditing] = useState<T | null>(null);
  const [formKey, setFormKey] = useState(0);
  const reset = () => { setEditing(null); setFormKey((k) => k + 1); };
  // The form is drawn anew for a new, chosen or just-saved record: focus goes to its first field.
  const formBox = useRef<HTMLDivElement>(null);
  useEffect(() => { if (formKey > 0) formBox.current?.querySelector<HTMLElement>('input, select')?.focus(); }, [formKey]);
  return (
    <section className="panel" aria-label={title}>
      <div className="card__head">
        <h2>{title}</h2>
        <button type="button" className="button button--small" onClick={reset} aria-label={t('keys.newIn', { list: title })}>{t('organisation.new')}</button>
      </div>
      <ul className="editor__list">
        {items.map((item) => (
          <li key={item.id}>
            <bdi>{label(item)}</bdi>
            <button type="button" className="button button--ghost button--small" aria-label={t('organisation.edit', { name: label(item) })}
              onClick={() => { setEditing(item); setFormKey((k) => k + 1); }}>{t('organisation.edit', { name: '' })}</button>
          </li>
        ))}
      </ul>
      <div key={formKey} ref={formBox}>{form(editing, reset)}</div>
    </section>
  );
}

function useSave() {
  const { tCode } = useLocale();
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const run = async (result: Promise<{ ok: boolean; error?: ApiError }>, done: () => void) => {
    const r = await result;
    setError(r.ok ? undefined : r.error);
    setSaved(r.ok);
    if (r.ok) done();
  };
  const fieldError = (path: string) => (error?.fields?.[path] ? tCode(error.fields[path]) : undefined);
  /** Refuses in the form, before asking the core, when a needed choice is still empty. */
  const missing = (path: string) => setError({ code: 'error.invalidInput', fields: { [path]: 'validation.chooseOne' } });
  return { error, saved, run, fieldError, missing };
}

function SaveBar({ saved, error, what }: { saved: boolean; error?: ApiError | undefined; what: string }) {
  const { t, errorText } = useLocale();
  return (
    <>
      <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
      <div className="actions">
        <button type="submit" className="button button--primary" aria-label={t('keys.saveIn', { list: what })}>{t('organisation.save')}</button>
        {saved ? <span role="status" className="muted">{t('organisation.saved')}</span> : null}
      </div>
    </>
  );
}

function CentreEditor({ centres }: { centres: CentreView[] }) {
  const { t } = useLocale();
  return (
    <Editor title={t('organisation.centres')} items={centres} label={(c) => c.name} form={(editing, done) => <CentreForm editing={editing} done={done} />} />
  );
}

function TeamEditor({ teams, centres }: { teams: TeamView[]; centres: CentreView[] }) {
  const { t } = useLocale();
  return (
    <Editor title={t('organisation.teams')} items={teams} label={(x) => x.callSign} form={(editing, done) => <TeamForm editing={editing} done={done} centres={centres} />} />
  );
}

function VolunteerEditor({ volunteers, centres }: { volunteers: VolunteerView[]; centres: CentreView[] }) {
  const { t } = useLocale();
  return (
    <Editor title={t('organisation.volunteers')} items={volunteers} label={(v) => v.name} form={(editing, done) => <VolunteerForm editing={editing} done={done} centres={centres} />} />
  );
}

function CentreForm({ editing, done }: { editing: CentreView | null; done: () => void }) {
  const { t } = useLocale();
  const districts = useDistricts();
  const [form, setForm] = useState({ name: editing?.name ?? '', district: editing?.district ?? districts.list[0]?.code ?? '', covers: editing?.covers ?? [] });
  const { error, saved, run, fieldError } = useSave();
  // The list may arrive after the form: until chosen, the district is the first one.
  const district = form.district || districts.list[0]?.code || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(call('teams.saveCentre', { ...(editing ? { id: editing.id } : {}), name: form.name, district, covers: form.covers.filter((c) => c !== district) }), done);
  };
  return (
    <form onSubmit={submit} className="grid2" aria-label={t('organisation.centres')}>
      <Field label={t('organisation.name')} error={fieldError('name')}><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>
      <Field label={t('organisation.district')} error={fieldError('district')}>
        <select value={district} onChange={(e) => setForm({ ...form, district: e.target.value })}>
          {districts.list.map((d) => <option key={d.code} value={d.code}>{districts.name(d.code)}</option>)}
        </select>
      </Field>
      <fieldset className="span2 checks"><legend>{t('organisation.covers')}</legend>
        {districts.list.filter((d) => d.code !== district).map((d) => (
          <label key={d.code} className="checkbox">
            <input type="checkbox" checked={form.covers.includes(d.code)}
              onChange={(e) => setForm({ ...form, covers: e.target.checked ? [...form.covers, d.code] : form.covers.filter((c) => c !== d.code) })} />
            {districts.name(d.code)}
          </label>
        ))}
      </fieldset>
      <div className="span2"><SaveBar saved={saved} error={error} what={t('organisation.centres')} /></div>
    </form>
  );
}

function TeamForm({ editing, done, centres }: { editing: TeamView | null; done: () => void; centres: CentreView[] }) {
  const { t } = useLocale();
  const [form, setForm] = useState({
    callSign: editing?.callSign ?? '', kind: (editing?.kind ?? 'search_rescue') as TeamKind, centreId: editing?.centreId ?? centres[0]?.id ?? '',
    vehicle: editing?.vehicle ?? '', radioChannel: editing?.radioChannel ?? '',
  });
  const { error, saved, run, fieldError, missing } = useSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!(form.centreId || centres[0]?.id)) { missing('centreId'); return; }
    void run(call('teams.save', {
      ...(editing ? { id: editing.id } : {}), callSign: form.callSign, kind: form.kind, centreId: form.centreId || centres[0]?.id || '',
      ...(form.vehicle.trim() ? { vehicle: form.vehicle } : {}), ...(form.radioChannel.trim() ? { radioChannel: form.radioChannel } : {}),
    }), done);
  };
  return (
    <form onSubmit={submit} className="grid2" aria-label={t('organisation.teams')}>
      <Field label={t('organisation.callSign')} error={fieldError('callSign')}><input value={form.callSign} dir="ltr" onChange={(e) => setForm({ ...form, callSign: e.target.value })} /></Field>
      <Field label={t('organisation.kind')} error={fieldError('kind')}>
        <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as TeamKind })}>
          {TEAM_KINDS.map((k) => <option key={k} value={k}>{t(`teamKind.${k}`)}</option>)}
        </select>
      </Field>
      <Field label={t('organisation.centre')} error={fieldError('centreId')}>
        <select value={form.centreId || centres[0]?.id || ''} onChange={(e) => setForm({ ...form, centreId: e.target.value })}>
          {centres.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </Field>
      <Field label={t('organisation.vehicle')} error={fieldError('vehicle')}><input value={form.vehicle} onChange={(e) => setForm({ ...form, vehicle: e.target.value })} /></Field>
      <Field label={t('organisation.radio')} error={fieldError('radioChannel')}><input value={form.radioChannel} dir="ltr" onChange={(e) => setForm({ ...form, radioChannel: e.target.value })} /></Field>
      <div className="span2"><SaveBar saved={saved} error={error} what={t('organisation.teams')} /></div>
    </form>
  );
}

function VolunteerForm({ editing, done, centres }: { editing: VolunteerView | null; done: () => void; centres: CentreView[] }) {
  const { t } = useLocale();
  const [form, setForm] = useState({
    name: editing?.name ?? '', role: (editing?.role ?? 'rescuer') as VolunteerRole, phone: editing?.phone ?? '',
    centreId: editing?.centreId ?? centres[0]?.id ?? '', qualifications: editing?.qualifications ?? '',
  });
  const { error, saved, run, fieldError, missing } = useSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!(form.centreId || centres[0]?.id)) { missing('centreId'); return; }
    void run(call('teams.saveVolunteer', {
      ...(editing ? { id: editing.id } : {}), name: form.name, role: form.role, centreId: form.centreId || centres[0]?.id || '',
      ...(form.phone.trim() ? { phone: form.phone } : {}), ...(form.qualifications.trim() ? { qualifications: form.qualifications } : {}),
    }), done);
  };
  return (
    <form onSubmit={submit} className="grid2" aria-label={t('organisation.volunteers')}>
      <Field label={t('organisation.name')} error={fieldError('name')}><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>
      <Field label={t('organisation.role')} error={fieldError('role')}>
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as VolunteerRole })}>
          {VOLUNTEER_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
        </select>
      </Field>
      <Field label={t('organisation.phone')} error={fieldError('phone')}><input value={form.phone} dir="ltr" onChange={(e) => setForm({ ...form, phone: e.target.value })} /></Field>
      <Field label={t('organisation.centre')} error={fieldError('centreId')}>
        <select value={form.centreId || centres[0]?.id || ''} onChange={(e) => setForm({ ...form, centreId: e.target.value })}>
          {centres.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </Field>
      <Field label={t('organisation.qualifications')} error={fieldError('qualifications')} className="span2">
        <input value={form.qualifications} onChange={(e) => setForm({ ...form, qualifications: e.target.value })} />
      </Field>
      <div className="span2"><SaveBar saved={saved} error={error} what={t('organisation.volunteers')} /></div>
    </form>
  );
}
