// The statistics screen and its charts (Recharts, most of the renderer's weight) are loaded
// when the screen is first opened, so the first screen an operator waits for is small.
import { lazy, Suspense } from 'react';
import { useLocale } from '../../i18n';

const Screen = lazy(async () => ({ default: (await import('./StatsScreen')).StatsScreen }));

export function StatsScreen() {
  const { t } = useLocale();
  return (
    <Suspense fallback={<p role="status" className="muted">{t('guide.loadingStats')}</p>}>
      <Screen />
    </Suspense>
  );
}
