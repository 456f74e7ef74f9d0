// Reported trapped / injured / dead: the same three counts at intake and on the incident.
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
          <input type="number" min={0} value={values[key]} onChange={(e) => onChange(key, e.target.value)} dir="ltr" />
        </Field>
      ))}
    </>
  );
}
