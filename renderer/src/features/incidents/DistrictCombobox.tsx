// Type-ahead over the region's districts and sub-districts, matching Arabic and English names
// whatever the hamza, taa marbuta or diacritics (shared/text/search.ts).
import { useId, useMemo, useState } from 'react';
import type { District } from '../../../../shared/api';
import { rankMatches } from '../../../../shared/text/search';
import { useLocale } from '../../i18n';

export interface Place {
  district: string;
  subdistrict?: string | undefined;
}

interface Option extends Place {
  label: string;
  names: string[];
}

export function DistrictCombobox({ districts, value, onChange, id, invalid, describedBy }: {
  districts: District[]; value: Place | null; onChange: (p: Place | null) => void; id: string; invalid?: boolean; describedBy?: string | undefined;
}) {
  const { t, language } = useLocale();
  const listId = useId();
  const options = useMemo<Option[]>(() => districts.flatMap((d) => [
    { district: d.code, label: d.name[language], names: [d.name.ar, d.name.en] },
    ...d.subdistricts.map((s) => ({
      district: d.code, subdistrict: s.code, label: `${s.name[language]} — ${d.name[language]}`, names: [s.name.ar, s.name.en],
    })),
  ]), [districts, language]);
  const labelOf = (p: Place | null) => options.find((o) => o.district === p?.district && o.subdistrict === p?.subdistrict)?.label ?? '';
  const [text, setText] = useState(() => labelOf(value));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => rankMatches(options, (o) => o.names, text, 12), [options, text]);

  const choose = (o: Option) => {
    onChange({ district: o.district, subdistrict: o.subdistrict });
    setText(o.label);
    setOpen(false);
  };
  return (
    <div className="combobox">
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        placeholder={t('intake.districtSearch')}
        value={text}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, matches.length - 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
          else if ((e.key === 'Enter' || e.key === 'Tab') && open && matches[active] && !e.ctrlKey && !e.metaKey) {
            if (e.key === 'Enter') e.preventDefault();
            choose(matches[active]);
          } else if (e.key === 'Escape' && open) { e.stopPropagation(); e.preventDefault(); setOpen(false); }
        }}
      />
      {open ? (
        <ul id={listId} role="listbox" className="combobox__list">
          {matches.length === 0 ? <li className="muted">{t('intake.noMatch')}</li> : matches.map((o, i) => (
            <li key={`${o.district}/${o.subdistrict ?? ''}`} id={`${listId}-${i}`} role="option" aria-selected={i === active}
              onMouseDown={(e) => { e.preventDefault(); choose(o); }}>
              {o.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
