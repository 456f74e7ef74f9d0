// The renderer's top level: first run (or recovery, when every operator of the post is
// disabled), sign-in, then the console. It holds no data of its own beyond who is signed in
// and what is on screen.
import { useCallback, useEffect, useState } from 'react';
import type { OperatorView, Output, SetupStatus } from '../../shared/api';
import type { Language } from '../../shared/domain';
import { FirstRun } from './features/setup/FirstRun';
import { Recovery } from './features/setup/Recovery';
import { SignIn } from './features/session/SignIn';
import { Console } from './Console';
import { LocaleProvider, PSEUDO_LOCALE, useLocale } from './i18n';
import { call } from './ops';
import { RestoredNotice } from './features/backup/RestoredNotice';
import { DamagedDatabase } from './features/backup/DamagedDatabase';
import { requestQueueFocus } from './ui/queueFocus';

export function App() {
  const [status, setStatus] = useState<SetupStatus>();
  const [operator, setOperator] = useState<OperatorView | null>(null);
  const [language, setLanguage] = useState<Language>('ar');
  // The database could not be opened (damaged): the shell says why and which copies there are.
  const [damaged, setDamaged] = useState<Output<'backup.health'>>(null);

  const refresh = useCallback(async () => {
    const s = await call('setup.status', {});
    if (!s.ok) {
      const health = await call('backup.health', {});
      if (health.ok && health.value) {
        setDamaged(health.value);
        setLanguage(health.value.language);
      }
      return;
    }
    setStatus(s.value);
    const current = await call('session.current', {});
    const who = current.ok ? current.value : null;
    setOperator(who);
    setLanguage(who?.language ?? s.value.language);
  }, []);

  useEffect(() => {
    void refresh();
    // The post's defaults (language, digits) changed on this or another window.
    return window.ops.onChange((e) => { if (e.entities.includes('settings')) void refresh(); });
  }, [refresh]);

  useEffect(() => {
    const shown = PSEUDO_LOCALE ? 'en' : language;
    document.documentElement.lang = shown;
    document.documentElement.dir = shown === 'ar' ? 'rtl' : 'ltr';
  }, [language]);

  const switchLanguage = useCallback(async (next: Language) => {
    setLanguage(next);
    if (operator) {
      const result = await call('session.setLanguage', { language: next });
      if (result.ok) setOperator(result.value);
    }
  }, [operator]);

  if (damaged) {
    return (
      <LocaleProvider language={language} timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone} digits="latn">
        <DamagedDatabase health={damaged} />
      </LocaleProvider>
    );
  }
  if (!status) return null;
  const timeZone = status.post?.timeZone ?? status.defaultTimeZone;
  return (
    <LocaleProvider language={language} timeZone={timeZone} digits={status.digits}>
      {status.settingsRestoredFrom && !operator ? <SettingsNotice file={status.settingsRestoredFrom} /> : null}
      {!operator ? <RestoredNotice /> : null}
      {status.postKeyMissing ? <PostKeyMissingNotice /> : null}
      {status.recovery ? (
        <Recovery status={status} language={language} onLanguage={switchLanguage} onDone={() => void refresh()} />
      ) : status.needsSetup ? (
        <FirstRun defaultTimeZone={status.defaultTimeZone} language={language} onLanguage={switchLanguage} onDone={() => void refresh()} />
      ) : !operator ? (
        <SignIn postName={status.post?.name ?? ''} language={language} onLanguage={switchLanguage} onSignedIn={() => { requestQueueFocus(); void refresh(); }} />
      ) : (
        <Console
          operator={operator}
          lockAfterMinutes={status.lockAfterMinutes}
          shiftStarts={status.shiftStarts}
          postName={status.post?.name ?? ''}
          onLanguage={switchLanguage}
          onSignOut={async () => {
            await call('session.signOut', {});
            // Sign-in speaks the post's language again, not the last operator's.
            await refresh();
          }}
        />
      )}
    </LocaleProvider>
  );
}

/** The key went with the settings file: said to everyone, since bundles stop until it is read again. */
function PostKeyMissingNotice() {
  const { t } = useLocale();
  return <p className="notice notice--top" role="alert">{t('trust.postKeyMissing')}</p>;
}

function SettingsNotice({ file }: { file: string }) {
  const { t } = useLocale();
  return <p className="notice notice--top" role="alert">{t('notice.settingsRestored')} <bdi dir="ltr">{file}</bdi></p>;
}
