// The audit trail in the reader's words: field names and the values of the domain's lists
// (status, type, kind…) translated; free text, names and numbers shown as they were written.
import type { AuditEntryView } from '../../../../shared/api/types';
import { lookup, RESOURCES, type MessageKey } from '../../../../shared/i18n';
import type { Locale } from '../../i18n';
import type { Districts } from '../../ui/useDistricts';

type Value = AuditEntryView['before'];

/** The key prefix of the list a field's values come from, per entity (a team's `kind` is not a note's). */
const LISTS: Record<string, Record<string, string>> = {
  incident: { type: 'incidentType.', status: 'status.', cancelReason: 'cancelReason.' },
  call: { source: 'source.' },
  timeline: { status: 'status.', cancelReason: 'cancelReason.' },
  operator: { role: 'operatorRole.', language: 'language.' },
  team: { kind: 'teamKind.', status: 'teamStatus.' },
  volunteer: { role: 'role.' },
  assignment: { endedReason: 'auditValue.ended_' },
  post: { language: 'language.', digits: 'digits.' },
};
const DISTRICT_FIELDS = new Set(['district']);
/** Row ids of other records: meaningless to a reader, the record's label already says which. */
const REFERENCES = /^(incidentId|teamId|volunteerId|centreId|operator|createdBy|struckBy)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A created record's fields worth reading, in the order they were written. */
export function readableFields(after: Record<string, Value>): [string, Value][] {
  return Object.entries(after).filter(([field, value]) => !(REFERENCES.test(field) && typeof value === 'string' && UUID.test(value)));
}
const FLAGS = new Set(['disabled', 'retired']);
const known = (key: string) => lookup(RESOURCES.en, key) !== undefined;
/** Operation timestamps: anything after 2000-01-01 in a field whose name ends in At. */
const isTime = (field: string, value: Value) => typeof value === 'number' && /At$|^shiftStart$/.test(field) && value > 946684800000;

export function auditFieldName(t: Locale['t'], field: string): string {
  if (field === '*') return t('audit.created');
  const key = `auditField.${field}`;
  return known(key) ? t(key as MessageKey) : field;
}

export function auditValue(locale: Locale, districts: Districts, entity: string, field: string, value: Value): string {
  const { t } = locale;
  if (value === undefined) return '';
  if (value === null) return t('common.none');
  if (value === '(changed)') return t('audit.hidden');
  if (isTime(field, value)) return locale.dateTime(value as number);
  if (FLAGS.has(field)) return t(value ? 'auditValue.yes' : 'auditValue.no');
  // Digits only, no grouping or rounding: coordinates keep every decimal.
  if (typeof value === 'number') return locale.digits(String(value));
  const list = LISTS[entity]?.[field];
  if (list && known(`${list}${value}`)) return t(`${list}${value}` as MessageKey);
  if (DISTRICT_FIELDS.has(field)) return districts.name(value);
  if (field === 'subdistrict') {
    const district = districts.list.find((d) => d.subdistricts.some((s) => s.code === value));
    return district ? districts.subdistrictName(district.code, value) : value;
  }
  return value;
}
