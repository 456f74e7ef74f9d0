// Reported trapped / injured / dead: the same three counts at intake and on the incident.
// Text fields, not type=number: Chromium's number field drops ١ silently (an empty value,
// stored as 0); the owner reads the text with parseCount and says when it is not a count.
import { useLocale } from '../i18n';
import { Field } from './Field';

export type Casualties = { trapped: string; injured: string; dead: string };
const KEYS = ['trapped', 'injured', 'dead'] as const;

export function CasualtyFields({ values, onChange, errorFor }: {
  values: Casualties;
  onChange: (key: keyof Casualties, value: string) => void;
  errorFor: (key: keyof Casualties) => string | undefined;
}) {
  const { t } = useLocale();
  return (
    <>
      {KEYS.map((key) => (
        <Field key={key} label={t(`intake.${key}`)} error={errorFor(key)}>
          <input inputMode="numeric" value={values[key]} onChange={(e) => onChange(key, e.target.value)} dir="ltr" size={6} />
        </Field>
      ))}
    </>
  );
}
