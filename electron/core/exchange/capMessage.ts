// One public alert as a CAP 1.2 XML document (OASIS Common Alerting Protocol 1.2). Element
// order follows the normative schema (OASIS CAP-v1.2.xsd; docs/exchange.md says where the tests find it), which checks order.
// One info block per language the public reads: Arabic first, then English.
import type { Language } from '../../../shared/domain';
import { ALERT_CATEGORY, type AlertEvent, type CapMsgType } from '../../../shared/exchange';
import { createTranslator } from '../../../shared/i18n';
import { findDistrict } from '../reference/districts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** A stored message (one row of `alerts`) and what it says about its incident. */
export interface CapMessage {
  identifier: string;
  sender: string;
  sentText: string;
  msgType: CapMsgType;
  references: string | null;
  note: string | null;
  incidentNumber: string;
  event: AlertEvent;
  responseType: string;
  urgency: string;
  severity: string;
  certainty: string;
  instructionAr: string | null;
  instructionEn: string | null;
  expiresText: string;
  area: { kind: 'circle'; lat: number; lon: number; radiusKm: number; district: string } | { kind: 'district'; district: string };
  /** The post's name, as the public knows the sender. */
  senderName: string;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const element = (indent: string, name: string, value: string) => `${indent}<${name}>${escapeXml(value)}</${name}>`;

/** CAP's circle: "lat,lon radius" in WGS 84 decimal degrees and kilometres (§3.2.4). */
export function capCircle(lat: number, lon: number, radiusKm: number): string {
  return `${round(lat, 5)},${round(lon, 5)} ${round(radiusKm, 3)}`;
}

const round = (n: number, places: number) => String(Number(n.toFixed(places)));

function info(message: CapMessage, language: Language): string[] {
  const t = createTranslator(language);
  const event = t(`exchange.event.${message.event}`);
  const district = findDistrict(message.area.district);
  const place = district ? district.name[language] : message.area.district;
  const instruction = language === 'ar' ? message.instructionAr : message.instructionEn;
  const i = '    ';
  const lines = [
    '  <info>',
    element(i, 'language', language),
    element(i, 'category', ALERT_CATEGORY[message.event]),
    element(i, 'event', event),
    element(i, 'responseType', message.responseType),
    element(i, 'urgency', message.urgency),
    element(i, 'severity', message.severity),
    element(i, 'certainty', message.certainty),
    element(i, 'expires', message.expiresText),
    element(i, 'senderName', message.senderName),
    element(i, 'headline', t(message.msgType === 'Cancel' ? 'exchange.headlineCancel' : 'exchange.headline', { event, place })),
  ];
  if (instruction) lines.push(element(i, 'instruction', instruction));
  lines.push(`${i}<area>`, element(`${i}  `, 'areaDesc', place));
  if (message.area.kind === 'circle') lines.push(element(`${i}  `, 'circle', capCircle(message.area.lat, message.area.lon, message.area.radiusKm)));
  lines.push(`${i}</area>`, '  </info>');
  return lines;
}

export function capXml(message: CapMessage): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert xmlns="${CAP_NAMESPACE}">`,
    element('  ', 'identifier', message.identifier),
    element('  ', 'sender', message.sender),
    element('  ', 'sent', message.sentText),
    element('  ', 'status', 'Actual'),
    element('  ', 'msgType', message.msgType),
    element('  ', 'scope', 'Public'),
  ];
  if (message.note) lines.push(element('  ', 'note', message.note));
  if (message.references) lines.push(element('  ', 'references', message.references));
  lines.push(element('  ', 'incidents', message.incidentNumber));
  lines.push(...info(message, 'ar'), ...info(message, 'en'), '</alert>', '');
  return lines.join('\n');
}
