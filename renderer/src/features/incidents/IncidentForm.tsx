// The incident's fields as an operator types them, drawn from its one description
// (shared/records/incident.ts): the same form at intake and on the incident, so a field added
// there appears in both. Counts are text fields, not type=number: Chromium's number field drops
// ١ silently (an empty value, stored as 0); parseCount reads them and says when one is not a count.
import { Fragment, type ReactNode } from 'react';
import { INCIDENT_TYPES, PRIORITIES } from '../../../../shared/domain';
import type { MessageKey } from '../../../../shared/i18n';
import { FORM_FIELDS, INCIDENT, type FormField, type IncidentValue } from '../../../../shared/records/incident';
import { parseCount } from '../../../../shared/text/digits';
import { useLocale } from '../../i18n';
import { Field } from '../../ui/Field';

/** What the form's fields hold: text, as typed. */
export type IncidentFormValues = Record<FormField, string>;
export type IncidentFormRead = {
  values: { [F in FormField]?: IncidentValue<F> };
  /** Fields that cannot be read, with why. */
  invalid: Partial<Record<FormField, MessageKey>>;
};

/** An empty form (intake): type and priority not yet chosen. */
export function emptyIncidentForm(): IncidentFormValues {
  return Object.fromEntries(FORM_FIELDS.map((field) => [field, ''])) as IncidentFormValues;
}

/** The form filled from an incident's values (the incident view). */
export function incidentFormValues(incident: { [F in FormField]: IncidentValue<F> }): IncidentFormValues {
  return Object.fromEntries(FORM_FIELDS.map((field) => [field, String(incident[field] ?? '')])) as IncidentFormValues;
}

/** The typed values of the given fields (all by default); blank text is null, an unread one is named in `invalid`. */
export function readIncidentForm(form: IncidentFormValues, fields: readonly FormField[] = FORM_FIELDS): IncidentFormRead {
  const values: Record<string, string | number | null> = {};
  const invalid: IncidentFormRead['invalid'] = {};
  for (const field of fields) {
    const typed = form[field];
    switch (INCIDENT[field].form.input) {
      case 'type':
      case 'priority':
        if (typed === '' || typed === '0') invalid[field] = 'validation.chooseOne';
        else values[field] = INCIDENT[field].form.input === 'priority' ? Number(typed) : typed;
        break;
      case 'count': {
        const n = parseCount(typed);
        if (n === null) invalid[field] = 'keys.wholeNumber';
        else values[field] = n;
        break;
      }
      default:
        values[field] = typed.trim() === '' ? null : typed;
    }
  }
  // The switch above gives each input the type its rule has (shared/records/incident.ts).
  return { values: values as IncidentFormRead['values'], invalid };
}

export function IncidentForm({ values, onChange, errorFor, unchosen = false, after = {} }: {
  values: IncidentFormValues;
  onChange: (field: FormField, value: string) => void;
  errorFor: (field: FormField) => string | undefined;
  /** Intake: type and priority start unchosen, shown as "—". */
  unchosen?: boolean;
  /** What the owner draws after a field (intake: the place after priority, the coordinates after the landmark). */
  after?: Partial<Record<FormField, ReactNode>>;
}) {
  const { t } = useLocale();
  const hint = t('common.noPoliticsHint');
  return (
    <>
      {FORM_FIELDS.map((field) => {
        const spec: { input: string; label: MessageKey; span?: 2 | 4; noPoliticsHint?: true } = INCIDENT[field].form;
        const change = (e: { target: { value: string } }) => onChange(field, e.target.value);
        let input;
        if (spec.input === 'type') {
          input = (
            <select value={values[field]} onChange={change}>
              {unchosen ? <option value="">—</option> : null}
              {INCIDENT_TYPES.map((k) => <option key={k} value={k}>{t(`incidentType.${k}`)}</option>)}
            </select>
          );
        } else if (spec.input === 'priority') {
          input = (
            <select value={values[field] === '' ? '0' : values[field]} onChange={change}>
              {unchosen ? <option value={0}>—</option> : null}
              {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
            </select>
          );
        } else if (spec.input === 'count') {
          input = <input inputMode="numeric" value={values[field]} onChange={change} dir="ltr" size={6} />;
        } else if (spec.input === 'longText') {
          input = <textarea rows={3} value={values[field]} onChange={change} />;
        } else {
          input = <input value={values[field]} onChange={change} />;
        }
        return (
          <Fragment key={field}>
            <Field label={t(spec.label)} error={errorFor(field)} className={spec.span ? `span${spec.span}` : undefined}
              hint={spec.noPoliticsHint ? hint : undefined}>
              {input}
            </Field>
            {after[field]}
          </Fragment>
        );
      })}
    </>
  );
}
