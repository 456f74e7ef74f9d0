// The signed-in console: header, the queues or an incident, intake from anywhere.
import { useCallback, useEffect, useState } from 'react';
import type { OperatorView } from '../../shared/api';
import type { Language } from '../../shared/domain';
import { IncidentView } from './features/incident/IncidentView';
import { LockScreen } from './features/session/LockScreen';
import { call } from './ops';
import { IntakeDialog } from './features/intake/IntakeDialog';
import { OrganisationScreen } from './features/organisation/OrganisationScreen';
import { QueueScreen } from './features/queue/QueueScreen';
import { RosterScreen } from './features/roster/RosterScreen';
import { StatsScreen } from './features/stats/LazyStatsScreen';
import { ImportScreen } from './features/stats/ImportScreen';
import { SummaryPrint, SummaryScreen } from './features/summary/SummaryScreen';
import { AuditScreen } from './features/audit/AuditScreen';
import { SyncScreen } from './features/sync/SyncScreen';
import { ConflictsScreen } from './features/sync/ConflictsScreen';
import { BackupScreen } from './features/backup/BackupScreen';
import { SyncStatus } from './features/sync/SyncStatus';
import { ClockWarning } from './features/sync/ClockWarning';
import { shiftAt } from '../../shared/time/shifts';
import { TeamBoard } from './features/teams/TeamBoard';
import { WallDisplay } from './features/wall/WallDisplay';
import { mayCall } from '../../shared/api';
import { useLocale } from './i18n';
import { RoleContext } from './ui/role';
import { HelpDialog } from './ui/HelpDialog';
import { LanguageSwitch } from './ui/LanguageSwitch';
import { useNow } from './ui/useNow';
import { isFocusQueue, isHelp, isNewCall } from './ui/shortcuts';
import { isTyping } from './ui/isTyping';
import { requestQueueFocus } from './ui/queueFocus';

// Statistics and its charts (recharts, most of the script) load when first opened, not with
// the first screen: the console opens on the queues.

function useHashRoute(): [string, (hash: string) => void] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [hash, (next) => { window.location.hash = next; }];
}

/** Key names are the same in every language. */
const NEW_CALL_KEY = 'F2';


/** Idle time is measured from the last key, click, mouse move or wheel. */
const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

function useIdleLock(minutes: number): [boolean, () => void] {
  const [locked, setLocked] = useState(false);
  useEffect(() => {
    if (locked) return;
    let timer = setTimeout(lock, minutes * 60_000);
    function lock() {
      void call('session.lock', {});
      setLocked(true);
    }
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, reset, { passive: true });
    // Another window of this session, or the core, may have locked it first.
    const unsubscribe = window.ops.onChange(() => {
      void call('incidents.queue', { queue: 'closure', priority: 1, limit: 1 }).then((r) => { if (!r.ok && r.error.code === 'error.locked') setLocked(true); });
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, reset);
    };
  }, [locked, minutes]);
  return [locked, () => setLocked(false)];
}

export function Console({ operator, postName, lockAfterMinutes, shiftStarts, onLanguage, onSignOut }: {
  operator: OperatorView; postName: string; lockAfterMinutes: number; shiftStarts: readonly string[]; onLanguage: (l: Language) => void; onSignOut: () => void;
}) {
  const [locked, unlocked] = useIdleLock(lockAfterMinutes);
  const { t, time, duration, timeZone } = useLocale();
  const now = useNow();
  const [hash, navigate] = useHashRoute();
  const [intakeOpen, setIntakeOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [toast, setToast] = useState<string>();

  const openIntake = useCallback(() => setIntakeOpen(true), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isNewCall(e)) {
        e.preventDefault();
        openIntake();
      } else if (isHelp(e) && (e.code === 'F1' || !isTyping(e.target))) {
        e.preventDefault();
        setHelpOpen(true);
      } else if (isFocusQueue(e) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        if (!/^#?\/?$/.test(window.location.hash)) window.location.hash = '#/';
        requestQueueFocus(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openIntake]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(undefined), 6000);
    return () => clearTimeout(timer);
  }, [toast]);

  const incidentId = /^#\/incident\/([0-9a-f-]{36})$/.exec(hash)?.[1];
  if (locked) return <LockScreen operator={operator} minutes={lockAfterMinutes} onUnlocked={unlocked} onSignOut={onSignOut} />;
  if (hash === '#/wall') return <WallDisplay />;
  if (hash.startsWith('#/print/summary')) return <SummaryPrint query={hash.split('?')[1] ?? ''} />;
  const shift = shiftAt(now, shiftStarts, timeZone);
  const section = hash === '#/roster' ? 'roster' : hash === '#/organisation' ? 'organisation' : hash === '#/stats' ? 'stats' : hash === '#/import' ? 'import' : hash === '#/summary' ? 'summary' : hash === '#/audit' ? 'audit' : hash === '#/sync' ? 'sync' : hash === '#/backup' ? 'backup' : hash === '#/conflicts' ? 'conflicts' : 'queues';
  return (
    <RoleContext.Provider value={operator.role}>
    <div className="console">
      <header className="header">
        <div className="header__brand">
          <span className="logo" aria-hidden="true">◉</span>
          <strong>{t('app.name')}</strong>
          <span className="muted">{postName}</span>
        </div>
        <nav aria-label={t('nav.main')} className="nav">
          <a href="#/" aria-current={section === 'queues' && !incidentId ? 'page' : undefined}>{t('nav.queues')}</a>
          <a href="#/roster" aria-current={section === 'roster' ? 'page' : undefined}>{t('nav.roster')}</a>
          {mayCall(operator.role, 'supervisor')
            ? <a href="#/organisation" aria-current={section === 'organisation' ? 'page' : undefined}>{t('nav.organisation')}</a> : null}
          {mayCall(operator.role, 'supervisor')
            ? <a href="#/stats" aria-current={section === 'stats' || section === 'import' ? 'page' : undefined}>{t('nav.stats')}</a> : null}
          {mayCall(operator.role, 'supervisor')
            ? <a href="#/summary" aria-current={section === 'summary' ? 'page' : undefined}>{t('nav.summary')}</a> : null}
          {mayCall(operator.role, 'supervisor')
            ? <a href="#/audit" aria-current={section === 'audit' ? 'page' : undefined}>{t('nav.audit')}</a> : null}
          {mayCall(operator.role, 'supervisor')
            ? <a href="#/conflicts" aria-current={section === 'conflicts' ? 'page' : undefined}>{t('nav.conflicts')}</a> : null}
          {/* Supervisors carry bundles; hubs on the same screen stay the administrator's. */}
          {mayCall(operator.role, 'supervisor')
            ? <a href="#/sync" aria-current={section === 'sync' ? 'page' : undefined}>{t('nav.sync')}</a> : null}
          {mayCall(operator.role, 'administrator')
            ? <a href="#/backup" aria-current={section === 'backup' ? 'page' : undefined}>{t('nav.backup')}</a> : null}
          <a href="#/wall">{t('nav.wall')}</a>
        </nav>
        <div className="header__actions">
          <button type="button" className="button button--primary" onClick={openIntake} aria-keyshortcuts="F2 Control+N">
            {t('header.newCall')} <kbd dir="ltr">{NEW_CALL_KEY}</kbd>
          </button>
          <SyncStatus />
          <ClockWarning />
          <span className="muted shift-clock">{t('header.shift', { start: time(shift.start), end: time(shift.end), left: duration(shift.end - now) })}</span>
          <time className="clock" aria-label={t('header.clock')} dir="ltr">{time(now)}</time>
          <span className="muted">{t('header.operator', { name: operator.name })}</span>
          <LanguageSwitch language={operator.language} onLanguage={onLanguage} />
          <button type="button" className="button button--ghost" onClick={() => setHelpOpen(true)} aria-keyshortcuts="F1">{t('header.help')}</button>
          <button type="button" className="button button--ghost" onClick={onSignOut}>{t('signIn.signOut')}</button>
        </div>
      </header>
      <main className="content">
        {incidentId ? <IncidentView id={incidentId} onBack={() => { navigate('#/'); requestQueueFocus(); }} />
          : section === 'roster' ? <RosterScreen />
          : section === 'organisation' ? <OrganisationScreen />
          : section === 'stats' ? <StatsScreen />
          : section === 'import' ? <ImportScreen />
          : section === 'summary' ? <SummaryScreen shiftStarts={shiftStarts} />
          : section === 'audit' ? <AuditScreen />
          : section === 'sync' ? <SyncScreen />
          : section === 'conflicts' ? <ConflictsScreen />
          : section === 'backup' && mayCall(operator.role, 'administrator') ? <BackupScreen />
          : (
            <div className="main-split">
              <QueueScreen onOpen={(id) => navigate(`#/incident/${id}`)} />
              <TeamBoard onOpenIncident={(id) => navigate(`#/incident/${id}`)} />
            </div>
          )}
      </main>
      {intakeOpen ? (
        <IntakeDialog
          onClose={() => setIntakeOpen(false)}
          onSaved={(message) => {
            setIntakeOpen(false);
            setToast(message);
            // The call is in the queue now: ↑ ↓ Enter should reach it at once.
            requestQueueFocus(true);
          }}
        />
      ) : null}
      {helpOpen ? <HelpDialog onClose={() => setHelpOpen(false)} /> : null}
      <div className="toast-region" role="status" aria-live="polite">{toast ? <div className="toast">{toast}</div> : null}</div>
    </div>
    </RoleContext.Provider>
  );
}
