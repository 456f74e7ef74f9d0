// The application menu, in the language of the operator at the window in front. Electron's
// role items come with English labels, so every item is given its label here.
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../shared/domain';
import { createTranslator } from '../shared/i18n';

export interface MenuActions {
  openWindow(): void;
  openWall(): void;
}

export function menuTemplate(language: Language, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = createTranslator(language);
  return [
    { label: t('menu.file'), submenu: [{ label: t('menu.newWindow'), click: actions.openWindow }, { type: 'separator' }, { role: 'quit', label: t('menu.quit') }] },
    // Without these roles the text fields lose cut, copy and paste by keyboard where the menu carries them (macOS).
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') }, { role: 'redo', label: t('menu.redo') }, { type: 'separator' },
        { role: 'cut', label: t('menu.cut') }, { role: 'copy', label: t('menu.copy') }, { role: 'paste', label: t('menu.paste') },
        { role: 'selectAll', label: t('menu.selectAll') },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { label: t('menu.wall'), accelerator: 'F11', click: actions.openWall }, { type: 'separator' },
        { role: 'reload', label: t('menu.reload') }, { role: 'togglefullscreen', label: t('menu.fullScreen') },
        { role: 'resetZoom', label: t('menu.actualSize') }, { role: 'zoomIn', label: t('menu.zoomIn') }, { role: 'zoomOut', label: t('menu.zoomOut') },
      ],
    },
  ];
}
