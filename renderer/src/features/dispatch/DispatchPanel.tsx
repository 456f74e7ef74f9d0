// Sending teams from the incident: Beacon suggests available crewed teams that fit the type
// and cover the district; each assignment then moves en route, on scene, cleared.
import { useEffect, useRef, useState } from 'react';
import type { ApiError, IncidentDetail } from '../../../../shared/api';
import { OPEN_STATUSES, type AssignmentStep } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/Field';
import { NextStep } from '../guide/NextStep';

const NEXT_STEP: readonly AssignmentStep[] = ['en_route', 'on_scene', 'cleared'];

export function DispatchPanel({ incident }: { incident: IncidentDetail }) {
  const { t, errorText, duration, sep } = useLocale();
  const canDispatch = OPEN_STATUSES.includes(incident.status) && incident.status !== 'cleared';
  const { data: suggestions } = useQuery('dispatch.suggest', canDispatch ? { incidentId: incident.id } : null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<ApiError>();
  const [confirming, setConfirming] = useState<string>();
  const panel = useRef<HTMLElement>(null);
  // After a send or a step the buttons are redrawn: focus goes to the team's next step (or,
  // when none is left, to the incident's next move), once the incident as redrawn has arrived.
  const focusNext = useRef<{ teamIds: string[]; drawnFrom: IncidentDetail } | null>(null);
  useEffect(() => {
    const wanted = focusNext.current;
    if (!wanted || wanted.drawnFrom === incident || !panel.current) return;
    focusNext.current = null;
    const inTeam = wanted.teamIds.map((id) => panel.current?.querySelector<HTMLElement>(`[data-team="${id}"] button`)).find(Boolean);
    const target = inTeam ?? panel.current.querySelector<HTMLElement>('.assignments button')
      ?? document.querySelector<HTMLElement>('#status-moves .actions button') ?? document.getElementById('incident-title');
    target?.focus();
  }, [incident]);

  const send = async (confirmReassign: boolean) => {
    const result = await call('dispatch.send', { incidentId: incident.id, teamIds: chosen, ...(confirmReassign ? { confirmReassign } : {}) });
    if (result.ok) {
      focusNext.current = { teamIds: chosen, drawnFrom: incident };
      setChosen([]);
      setError(undefined);
      setConfirming(undefined);
    } else if (result.error.code === 'error.teamCommitted') {
      setConfirming(errorText(result.error));
    } else {
      setError(result.error);
    }
  };
  const advance = async (assignmentId: string, teamId: string, step: AssignmentStep) => {
    const drawnFrom = incident;
    const result = await call('dispatch.advance', { assignmentId, step });
    setError(result.ok ? undefined : result.error);
    if (result.ok) focusNext.current = { teamIds: [teamId], drawnFrom };
  };

  return (
    <section className="panel" aria-labelledby="dispatch-title" ref={panel}>
      <h2 id="dispatch-title">{t('dispatch.title')}</h2>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      {incident.assignments.length > 0 ? (
        <ul className="assignments" aria-label={t('dispatch.assigned')}>
          {incident.assignments.map((a) => {
            const reached: AssignmentStep | 'dispatched' = a.clearedAt !== null ? 'cleared' : a.onSceneAt !== null ? 'on_scene' : a.enRouteAt !== null ? 'en_route' : 'dispatched';
            const next = NEXT_STEP.slice(reached === 'dispatched' ? 0 : NEXT_STEP.indexOf(reached as AssignmentStep) + 1);
            return (
              <li key={a.id} className={a.clearedAt !== null ? 'muted' : undefined} data-team={a.teamId}>
                <bdi dir="ltr" className="team__sign">{a.callSign}</bdi>{sep}{t(`teamKind.${a.kind}`)}{sep}{t(`step.${reached}`, { number: '' })}
                {a.toSceneSec !== null ? <>{sep}{t('dispatch.toScene', { time: duration(a.toSceneSec * 1000) })}</> : null}
                {a.clearedAt === null ? (
                  <span className="actions">
                    {next.map((step) => (
                      <button key={step} type="button" className="button button--small" onClick={() => void advance(a.id, a.teamId, step)}
                        aria-label={t('dispatch.step', { team: a.callSign, step: t(`step.${step}`, { number: '' }) })}>
                        {t(`step.${step}`, { number: '' })}
                      </button>
                    ))}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {canDispatch ? (
        <fieldset className="suggestions">
          <legend>{t('dispatch.suggested')}</legend>
          {suggestions?.length === 0 ? <><p className="muted">{t('dispatch.none')}</p><NextStep gap="noReadyTeam" /></> : null}
          {(suggestions ?? []).map((s) => (
            <label key={s.teamId} className="checkbox">
              <input type="checkbox" checked={chosen.includes(s.teamId)} aria-label={t('dispatch.choose', { team: s.callSign })}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s.teamId] : c.filter((x) => x !== s.teamId)))} />
              <bdi dir="ltr" className="team__sign">{s.callSign}</bdi>
              <span className="muted">
                {t(`teamKind.${s.kind}`)}{sep}{s.centreName}{sep}{t('teams.crew', { n: s.crewCount })}
                {s.fitsType ? `${sep}${t('dispatch.fits')}` : ''}{s.coversDistrict ? `${sep}${t('dispatch.covers')}` : ''}
              </span>
            </label>
          ))}
          <button type="button" className="button button--primary" disabled={chosen.length === 0} onClick={() => void send(false)}>{t('dispatch.send')}</button>
        </fieldset>
      ) : null}
      {confirming ? (
        <Dialog title={t('dispatch.confirmTitle')} onClose={() => setConfirming(undefined)}>
          <h2>{t('dispatch.confirmTitle')}</h2>
          <p>{confirming}</p>
          <div className="actions">
            <button type="button" className="button button--danger" onClick={() => void send(true)} autoFocus>{t('dispatch.confirm')}</button>
            <button type="button" className="button" onClick={() => setConfirming(undefined)}>{t('common.cancel')}</button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
