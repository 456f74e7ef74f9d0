// The team status board beside the queues: every team, its status and time in it, its
// incident and crew. Digits change the selected team's status in one keystroke.
import { Fragment, useState, type KeyboardEvent } from 'react';
import type { ApiError, TeamView } from '../../../../shared/api';
import { TEAM_KINDS, TEAM_STATUSES, type TeamKind } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner } from '../../ui/Field';
import { NextStep } from '../guide/NextStep';
import { useNow } from '../../ui/useNow';
import { digitOf } from '../../ui/shortcuts';

/** Key → status on a selected team: the board's one-keystroke changes. */
const STATUS_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

export function TeamBoard({ onOpenIncident }: { onOpenIncident: (id: string) => void }) {
  const { t, errorText, sep } = useLocale();
  const [centreId, setCentreId] = useState('');
  const [kind, setKind] = useState<TeamKind | ''>('');
  const { data: centres } = useQuery('teams.centres', {});
  const { data: conflicts } = useQuery('teams.conflicts', {});
  const { data: teams } = useQuery('teams.board', { ...(centreId ? { centreId } : {}), ...(kind ? { kind } : {}) });
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<ApiError>();
  const rows = teams ?? [];
  const current = Math.min(selected, Math.max(0, rows.length - 1));

  const onKeyDown = async (e: KeyboardEvent) => {
    const team = rows[current];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected(Math.max(0, Math.min(rows.length - 1, current + (e.key === 'ArrowDown' ? 1 : -1))));
      return;
    }
    if (e.key === 'Enter' && team?.incident) {
      e.preventDefault();
      onOpenIncident(team.incident.id);
      return;
    }
    // By physical key, so an Arabic layout's ١–٧ (or a keypad) set the status too.
    const digit = digitOf(e);
    const index = digit !== null && digit <= STATUS_KEYS.length ? digit - 1 : -1;
    if (index >= 0 && team && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation(); // the digits switch queues elsewhere
      const result = await call('teams.setStatus', { teamId: team.id, status: TEAM_STATUSES[index]! });
      setError(result.ok ? undefined : result.error);
    }
  };

  const keys = TEAM_STATUSES.map((s, i) => `${STATUS_KEYS[i]} ${t(`teamStatus.${s}`)}`).join(sep);
  return (
    <section className="board" aria-labelledby="board-title">
      <div className="board__head">
        <h2 id="board-title">{t('teams.board')}</h2>
        <label>{t('teams.centre')}
          <select value={centreId} onChange={(e) => setCentreId(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {(centres ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label>{t('teams.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as TeamKind | '')}>
            <option value="">{t('common.all')}</option>
            {TEAM_KINDS.map((k) => <option key={k} value={k}>{t(`teamKind.${k}`)}</option>)}
          </select>
        </label>
      </div>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      <p className="muted small" id="board-keys">{t('teams.statusKeys', { keys })}</p>
      <ul className="board__list" role="listbox" tabIndex={0} aria-label={t('teams.rows')} aria-describedby="board-keys"
        aria-activedescendant={rows[current] ? `team-${rows[current].id}` : undefined} onKeyDown={(e) => void onKeyDown(e)}>
        {rows.map((team, i) => (
          <TeamRow key={team.id} team={team} selected={i === current} onSelect={() => setSelected(i)}
            conflictNumbers={conflicts?.find((c) => c.teamId === team.id)?.incidents.map((x) => x.number)} />
        ))}
      </ul>
      {teams && rows.length === 0 && !centreId && !kind ? <NextStep gap="noTeams" /> : null}
    </section>
  );
}

export function TeamRow({ team, selected, onSelect, conflictNumbers }: { team: TeamView; selected?: boolean; onSelect?: () => void; conflictNumbers?: string[] | undefined }) {
  const { t, duration, language, sep } = useLocale();
  const numbers = conflictNumbers ?? (team.incident ? [team.incident.number] : []);
  const now = useNow();
  return (
    <li id={`team-${team.id}`} role="option" aria-selected={selected ?? false} onClick={onSelect}
      className={`team team--${team.status} ${team.conflict ? 'team--conflict' : ''}`} aria-label={`${team.callSign} — ${t(`teamStatus.${team.status}`)}`}>
      <div className="team__line">
        <bdi className="team__sign" dir="ltr">{team.callSign}</bdi>
        <span className={`team-status team-status--${team.status}`}>{t(`teamStatus.${team.status}`)}</span>
        <time className="team__since">{t('teams.since', { time: duration(now - team.statusAt) })}</time>
      </div>
      <div className="team__line muted">
        <span>{t(`teamKind.${team.kind}`)}{sep}{team.centreName}</span>
        {team.incident ? <span>{t('teams.incident', { number: '' })}<bdi dir="ltr" className="token">{team.incident.number}</bdi></span> : null}
      </div>
      <div className="team__crew">
        {team.crew.length === 0 ? <span className="muted">{t('teams.noCrew')}</span>
          : team.crew.map((c) => <span key={c.entryId} className="tag">{c.name}{sep}{t(`role.${c.role}`)}</span>)}
      </div>
      {team.conflict ? (
        <div className="team__conflict" role="note">
          ⚠ {t('teams.conflict', { numbers: '' })}
          {numbers.map((n, i) => <Fragment key={n}>{i > 0 ? (language === 'ar' ? '، ' : ', ') : null}<bdi dir="ltr" className="token">{n}</bdi></Fragment>)}
        </div>
      ) : null}
    </li>
  );
}
