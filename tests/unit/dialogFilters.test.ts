// The shell's file dialogs name their file types in the operator's language.
import { describe, expect, it } from 'vitest';
import { filtersFor } from '../../electron/dialogFilters';

describe('file dialog filters', () => {
  it('name backups and bundles in Arabic and English, and always offer every file', () => {
    expect(filtersFor('bundle', 'ar')).toEqual([{ name: 'حزم بيكن', extensions: ['bundle'] }, { name: 'كل الملفات', extensions: ['*'] }]);
    expect(filtersFor('backup', 'en')).toEqual([{ name: 'Beacon backups', extensions: ['db'] }, { name: 'All files', extensions: ['*'] }]);
    expect(filtersFor('postKey', 'en')[0]).toEqual({ name: 'Beacon post keys', extensions: ['key'] });
  });

  it('name the files for partners: CAP alerts, HXL reports and GeoJSON maps', () => {
    expect(filtersFor('cap', 'ar')[0]).toEqual({ name: 'تنبيهات CAP', extensions: ['xml'] });
    expect(filtersFor('hxl', 'en')[0]).toEqual({ name: 'HXL reports (CSV)', extensions: ['csv'] });
    expect(filtersFor('geojson', 'en')[0]).toEqual({ name: 'GeoJSON maps', extensions: ['geojson'] });
  });
});
