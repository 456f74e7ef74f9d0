// The shift roster: who is on duty on which team, check in and out, a walk-up volunteer added
// on the spot, the previous shift's roster in one action, and attendance over a period.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { zonedParts, zonedTimeToEpoch } from '../../../../shared/time/zoned';
import { westernDigits } from '../../../../shared/text/digits';
import type { ApiError } from '../../../../shared/api';
import { VOLUNTEER_ROLES, type VolunteerRole } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { useMay } from '../../ui/role';

const DAY = 86_400_000;

export function RosterScreen() {
  const { t, errorText, dateTime, time, number, count, sep } = useLocale();
  const { data: roster } = useQuery('roster.current', {});
  const { data: volunteers } = useQuery('teams.volunteers', {});
  const { data: teams } = useQuery('teams.board', {});
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const [checkIn, setCheckIn] = useState({ volunteerId: '', teamId: '' });
  const [walkUp, setWalkUp] = useState({ name: '', role: 'rescuer' as VolunteerRole, phone: '', teamId: '' });
  const offDuty = useMemo(() => (volunteers ?? []).filter((v) => !v.onDuty), [volunteers]);
  const done = (result: { ok: boolean; error?: ApiError }) => setError(result.ok ? undefined : result.error);
  // A save clears the form and disables its button: focus goes back to the form's first field,
  // ready for the next volunteer, not to the page body.
  const checkInForm = useRef<HTMLFormElement>(null);
  const walkUpForm = useRef<HTMLFormElement>(null);
  const refocus = (form: HTMLFormElement | null) => form?.querySelector<HTMLElement>('input, select')?.focus();

  async function submitCheckIn(e: FormEvent) {
    e.preventDefault();
    const submitted = checkIn;
    const result = await call('roster.checkIn', submitted);
    done(result);
    // Clear only what was sent: the operator may already be choosing the next volunteer.
    if (result.ok) {
      setCheckIn((c) => (c.volunteerId === submitted.volunteerId ? { ...c, volunteerId: '' } : c));
      refocus(checkInForm.current);
    }
  }
  async function submitWalkUp(e: FormEvent) {
    e.preventDefault();
    const submitted = walkUp;
    const result = await call('roster.walkUp', { name: submitted.name, role: submitted.role, teamId: submitted.teamId, ...(submitted.phone.trim() ? { phone: submitted.phone } : {}) });
    done(result);
    if (result.ok) {
      setWalkUp((w) => (w.name === submitted.name ? { ...w, name: '', phone: '' } : w));
      refocus(walkUpForm.current);
    }
  }
  async function copyPrevious() {
    const result = await call('roster.copyPrevious', {});
    done(result);
    if (result.ok) setNotice(t('roster.copied', { volunteers: count('volunteers', result.value.count) }));
  }

  const onDuty = (roster?.entries ?? []).filter((e) => e.checkOutAt === null);
  // Operators read the roster; the duty officer edits it.
  const editable = useMay()('roster.checkIn');
  return (
    <section className="roster" aria-labelledby="roster-title">
      <div className="incident__head">
        <h1 id="roster-title">{t('roster.title')}</h1>
        {roster ? <span className="muted">{t('roster.shift', { start: dateTime(roster.shift.start), end: time(roster.shift.end) })}</span> : null}
        {editable ? <button type="button" className="button" onClick={() => void copyPrevious()}>{t('roster.copyPrevious')}</button> : null}
      </div>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      {notice ? <p role="status" className="notice">{notice}</p> : null}
      <div className="incident__grid">
        <div className="panel">
          <h2>{t('roster.onDuty')} ({number(onDuty.length)})</h2>
          {onDuty.length === 0 ? <p className="muted">{t('roster.empty')}</p> : (
            <table className="table" aria-label={t('roster.onDuty')}>
              <thead><tr><th>{t('roster.name')}</th><th>{t('roster.role')}</th><th>{t('roster.team')}</th><th>{t('roster.checkedIn')}</th><th /></tr></thead>
              <tbody>
                {onDuty.map((e) => (
                  <tr key={e.entryId}>
                    <td><bdi>{e.name}</bdi></td><td>{t(`role.${e.role}`)}</td><td><bdi dir="ltr">{e.callSign}</bdi></td><td>{time(e.checkInAt)}</td>
                    <td>{editable ? <button type="button" className="button button--small" onClick={() => void call('roster.checkOut', { entryId: e.entryId }).then((r) => { done(r); if (r.ok) refocus(checkInForm.current); })}
                      aria-label={t('roster.checkOut', { name: e.name })}>{t('roster.checkedOut')}</button> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {editable ? <div className="incident__main">
          <form className="panel" ref={checkInForm} onSubmit={submitCheckIn} aria-label={t('roster.checkIn')}>
            <h2>{t('roster.checkIn')}</h2>
            <Field label={t('roster.volunteer')}>
              <select value={checkIn.volunteerId} onChange={(e) => setCheckIn({ ...checkIn, volunteerId: e.target.value })}>
                <option value="">—</option>
                {offDuty.map((v) => <option key={v.id} value={v.id}>{v.name}{sep}{t(`role.${v.role}`)}</option>)}
              </select>
            </Field>
            <Field label={t('roster.team')}>
              <select value={checkIn.teamId} onChange={(e) => setCheckIn({ ...checkIn, teamId: e.target.value })}>
                <option value="">—</option>
                {(teams ?? []).map((team) => <option key={team.id} value={team.id}>{team.callSign}</option>)}
              </select>
            </Field>
            <button type="submit" className="button button--primary" disabled={!checkIn.volunteerId || !checkIn.teamId}>{t('roster.checkIn')}</button>
          </form>
          <form className="panel" ref={walkUpForm} onSubmit={submitWalkUp} aria-label={t('roster.walkUp')}>
            <h2>{t('roster.walkUp')}</h2>
            <div className="grid2">
              <Field label={t('roster.name')}><input value={walkUp.name} onChange={(e) => setWalkUp({ ...walkUp, name: e.target.value })} /></Field>
              <Field label={t('roster.role')}>
                <select value={walkUp.role} onChange={(e) => setWalkUp({ ...walkUp, role: e.target.value as VolunteerRole })}>
                  {VOLUNTEER_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                </select>
              </Field>
              <Field label={t('roster.phone')}><input value={walkUp.phone} onChange={(e) => setWalkUp({ ...walkUp, phone: e.target.value })} dir="ltr" /></Field>
              <Field label={t('roster.team')}>
                <select value={walkUp.teamId} onChange={(e) => setWalkUp({ ...walkUp, teamId: e.target.value })}>
                  <option value="">—</option>
                  {(teams ?? []).map((team) => <option key={team.id} value={team.id}>{team.callSign}</option>)}
                </select>
              </Field>
            </div>
            <button type="submit" className="button" disabled={!walkUp.name.trim() || !walkUp.teamId}>{t('roster.add')}</button>
          </form>
          <Attendance />
        </div> : null}
      </div>
    </section>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date (YYYY-MM-DD) in the post's zone; `end` gives the start of the next day. */
function dayStart(text: string, timeZone: string, end = false): number | null {
  // Typed on an Arabic keyboard the digits may be ٠–٩ or ۰–۹: read as the same date.
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(westernDigits(text).trim());
  if (!m) return null;
  return zonedTimeToEpoch({ year: +m[1]!, month: +m[2]!, day: +m[3]! + (end ? 1 : 0) }, timeZone);
}

function localDay(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

function Attendance() {
  const { t, timeZone, number } = useLocale();
  const [from, setFrom] = useState(() => localDay(Date.now() - 6 * DAY, timeZone));
  const [to, setTo] = useState(() => localDay(Date.now(), timeZone));
  const range = useMemo(() => {
    const start = dayStart(from, timeZone);
    const end = dayStart(to, timeZone, true);
    return start !== null && end !== null && end > start ? { from: start, to: end } : null;
  }, [from, to, timeZone]);
  const { data } = useQuery('roster.attendance', range);
  return (
    <section className="panel" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('roster.attendance')}</h2>
      <div className="grid2">
        <Field label={t('roster.from')} error={range ? undefined : t('validation.invalid')}><input value={from} onChange={(e) => setFrom(e.target.value)} dir="ltr" /></Field>
        <Field label={t('roster.to')}><input value={to} onChange={(e) => setTo(e.target.value)} dir="ltr" /></Field>
      </div>
      <table className="table" aria-label={t('roster.attendance')}>
        <thead><tr><th>{t('roster.name')}</th><th>{t('roster.shifts')}</th><th>{t('roster.hours')}</th></tr></thead>
        <tbody>{(range ? data ?? [] : []).slice(0, 200).map((r) => <tr key={r.volunteerId}><td><bdi>{r.name}</bdi></td><td>{number(r.shifts)}</td><td>{number(r.hours, 1)}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
