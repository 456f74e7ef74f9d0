// The wall display: a read-only big-screen view of the queues and the team board for the
// post's TV. Large type, high contrast; opened in an operator's own window, Escape (or the one
// small link) goes back to the console.
import { useEffect } from 'react';
import { QUEUES, READY_TEAM_STATUSES } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { useQuery } from '../../ops';
import { PriorityBadge } from '../../ui/Priority';
import { useDistricts } from '../../ui/useDistricts';
import { useNow } from '../../ui/useNow';
import { requestQueueFocus } from '../../ui/queueFocus';

export function WallDisplay() {
  const { t, time, duration, number, sep } = useLocale();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      window.location.hash = '#/';
      requestQueueFocus(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const now = useNow();
  const districts = useDistricts();
  const waiting = useQuery('incidents.queue', { queue: 'waiting', limit: 12 });
  const active = useQuery('incidents.queue', { queue: 'active', limit: 12 });
  const { data: teams } = useQuery('teams.board', {});
  const counts = waiting.data?.counts;
  const available = (teams ?? []).filter((x) => READY_TEAM_STATUSES.includes(x.status)).length;
  return (
    <main className="wall" aria-label={t('nav.wall')}>
      <header className="wall__head">
        <h1>{t('wall.title')}</h1>
        <a href="#/" className="wall__back" aria-keyshortcuts="Escape" onClick={() => requestQueueFocus(true)}><span className="mirror" aria-hidden="true">←</span> {t('common.back')}</a>
        <div className="wall__counts">
          {QUEUES.map((q) => <span key={q}>{t(`queues.${q}`)} <strong>{number(counts?.[q] ?? 0)}</strong></span>)}
        </div>
        <time className="wall__clock" dir="ltr">{time(now)}</time>
      </header>
      <div className="wall__grid">
        {[waiting, active].map((query, i) => (
          <section key={i} className="wall__panel" aria-label={t(`queues.${i === 0 ? 'waiting' : 'active'}`)}>
            <h2>{t(`queues.${i === 0 ? 'waiting' : 'active'}`)}</h2>
            <ol>
              {(query.data?.rows ?? []).slice(0, 12).map((row) => (
                <li key={row.id} className={`wall__row wall__row--p${row.priority}`}>
                  <PriorityBadge priority={row.priority} />
                  <bdi dir="ltr">{row.number.slice(-4)}</bdi>
                  <span>{t(`incidentType.${row.type}`)}</span>
                  <span className="muted"><bdi>{districts.name(row.district)}{row.locality ? `${sep}${row.locality}` : ''}</bdi></span>
                  <time>{duration(now - (i === 0 ? row.receivedAt : row.statusAt))}</time>
                </li>
              ))}
            </ol>
          </section>
        ))}
        <section className="wall__panel" aria-label={t('teams.board')}>
          <h2>{t('wall.teams', { n: available, total: teams?.length ?? 0 })}</h2>
          <ul>
            {(teams ?? []).map((team) => (
              <li key={team.id} className="wall__team">
                <bdi dir="ltr">{team.callSign}</bdi>
                <span className={`team-status team-status--${team.status}`}>{t(`teamStatus.${team.status}`)}</span>
                {team.incident ? <bdi dir="ltr" className="muted">{team.incident.number.slice(-4)}</bdi> : <span />}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
