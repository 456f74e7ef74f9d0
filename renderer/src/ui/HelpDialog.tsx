import { useLocale } from '../i18n';
import { Dialog } from './Dialog';

const SHORTCUTS = [
  ['F2 / Ctrl+N', 'help.newCall'], ['Ctrl+Enter', 'help.save'], ['Esc', 'help.close'], ['↑ ↓', 'help.move'],
  ['Enter', 'help.open'], ['1 2 3', 'help.tabs'], ['F1 / ?', 'help.help'],
] as const;

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useLocale();
  return (
    <Dialog title={t('help.title')} onClose={onClose}>
      <h2>{t('help.title')}</h2>
      <table className="table">
        <tbody>
          {SHORTCUTS.map(([keys, label]) => (
            <tr key={keys}><td dir="ltr"><kbd>{keys}</kbd></td><td>{t(label)}</td></tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={onClose} autoFocus>{t('common.close')}</button>
    </Dialog>
  );
}
