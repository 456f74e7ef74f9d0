// The first administrator's name and PIN, typed twice: on first run and in recovery. A fragment,
// to sit in the form's two-column grid.
import { useLocale } from '../../i18n';
import { Field } from '../../ui/Field';

export interface AdministratorValues { name: string; pin: string; confirm: string }

/** The error a PIN typed differently twice shows, beside the second one; null when they match. */
export function pinMismatch({ pin, confirm }: AdministratorValues) {
  return pin === confirm ? null : { code: 'error.invalidInput', fields: { 'operator.confirm': 'setup.pinMismatch' } };
}

export function AdministratorFields({ values, onChange, fieldError, autoFocus = false }: {
  values: AdministratorValues;
  onChange: (field: keyof AdministratorValues) => (e: { target: { value: string } }) => void;
  fieldError: (path: string) => string | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useLocale();
  return (
    <>
      <Field label={t('setup.operatorName')} error={fieldError('operator.name')}><input value={values.name} onChange={onChange('name')} autoComplete="off" autoFocus={autoFocus} /></Field>
      <span />
      <Field label={t('setup.pin')} error={fieldError('operator.pin')}><input type="password" inputMode="numeric" value={values.pin} onChange={onChange('pin')} dir="ltr" /></Field>
      <Field label={t('setup.confirmPin')} error={fieldError('operator.confirm')}><input type="password" inputMode="numeric" value={values.confirm} onChange={onChange('confirm')} dir="ltr" /></Field>
    </>
  );
}
