// Priority by shape and label as well as colour, so it reads in any light and to anyone.
import type { Priority as P } from '../../../shared/domain';
import { useLocale } from '../i18n';

const SHAPE: Record<P, string> = { 1: '▲', 2: '■', 3: '●' };

export function PriorityBadge({ priority }: { priority: P }) {
  const { t } = useLocale();
  return (
    <span className={`priority priority--${priority}`} title={t(`priority.${priority}`)}>
      <span aria-hidden="true">{SHAPE[priority]}</span> {t(`priority.short${priority}`)}
    </span>
  );
}
