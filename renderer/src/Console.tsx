// The signed-in console: header, the queues or an incident, intake from anywhere.
import { useCallback, useEffect, useState } from 'react';
import type { OperatorView } from '../../shared/api';
import type { Language } from '../../shared/domain';
import { LockScreen } from './features/session/LockScreen';
import { call } from './ops';
import { IntakeDialog } from './features/incidents/IntakeDialog';
import { SyncStatus } from './features/sync/SyncStatus';
import { ClockWarning } from './features/sync/ClockWarning';
import { shiftAt } from '../../shared/time/shifts';
import { navOf, routeOf } from './routes';
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

  const { route, param } = routeOf(hash, operator.role);
  const current = route.under ?? route.path;
  const screen = route.screen({ param, shiftStarts, navigate });
  if (locked) return <LockScreen operator={operator} minutes={lockAfterMinutes} onUnlocked={unlocked} onSignOut={onSignOut} />;
  if (route.whole) return screen;
  const shift = shiftAt(now, shiftStarts, timeZone);
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
          {navOf(operator.role).map((r) => (
            <a key={r.path} href={r.path} aria-current={r.path === current ? 'page' : undefined}>{t(r.nav)}</a>
          ))}
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
        {screen}
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
