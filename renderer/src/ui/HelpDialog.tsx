import { useLocale } from '../i18n';
import { Dialog } from './Dialog';
import { SHORTCUTS } from './shortcuts';

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useLocale();
  return (
    <Dialog title={t('help.title')} onClose={onClose}>
      <h2>{t('help.title')}</h2>
      <table className="table" aria-label={t('help.title')}>
        <tbody>
          {SHORTCUTS.map(({ keys, label }) => (
            <tr key={label}><td dir="ltr"><kbd>{keys}</kbd></td><td>{t(label)}</td></tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={onClose} autoFocus>{t('common.close')}</button>
    </Dialog>
  );
}
