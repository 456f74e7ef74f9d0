import { useMemo } from 'react';
import type { District } from '../../../shared/api';
import { useLocale } from '../i18n';
import { useQuery } from '../ops';

export interface Districts {
  list: District[];
  name: (code: string | null | undefined) => string;
  subdistrictName: (district: string, code: string | null | undefined) => string;
}

export function useDistricts(): Districts {
  const { language } = useLocale();
  const { data } = useQuery('reference.districts', {});
  return useMemo(() => {
    const list = data ?? [];
    const byCode = new Map(list.map((d) => [d.code, d]));
    return {
      list,
      name: (code) => (code ? byCode.get(code)?.name[language] ?? code : ''),
      subdistrictName: (district, code) => (code ? byCode.get(district)?.subdistricts.find((s) => s.code === code)?.name[language] ?? code : ''),
    };
  }, [data, language]);
}
