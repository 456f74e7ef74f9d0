// The region's district list, with names in the operator's language. It ships with the app
// and never changes while it runs: asked for once, not after every saved change.
import { useEffect, useMemo, useState } from 'react';
import type { District } from '../../../shared/api';
import { useLocale } from '../i18n';
import { call } from '../ops';

export interface Districts {
  list: District[];
  name: (code: string | null | undefined) => string;
  subdistrictName: (district: string, code: string | null | undefined) => string;
}

let loading: Promise<District[]> | null = null;

function loadDistricts(): Promise<District[]> {
  loading ??= call('reference.districts', {}).then((r) => {
    if (!r.ok) loading = null; // try again next time rather than keep an empty list
    return r.ok ? r.value : [];
  });
  return loading;
}

export function useDistricts(): Districts {
  const { language } = useLocale();
  const [data, setData] = useState<District[]>([]);
  useEffect(() => {
    let live = true;
    void loadDistricts().then((list) => live && setData(list));
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => {
    const byCode = new Map(data.map((d) => [d.code, d]));
    return {
      list: data,
      name: (code) => (code ? byCode.get(code)?.name[language] ?? code : ''),
      subdistrictName: (district, code) => (code ? byCode.get(district)?.subdistricts.find((s) => s.code === code)?.name[language] ?? code : ''),
    };
  }, [data, language]);
}
