// The words of the exchange formats (issue #22) both sides use: the alert kinds a duty officer
// issues and CAP 1.2's own value lists (OASIS CAP 1.2 §3.2.2, as in its XML schema).

/** What an alert warns of: the five the post issues. */
export const ALERT_EVENTS = ['evacuation', 'uxo', 'flood', 'building_collapse', 'fire'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export const CAP_RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;

export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];
export type CapResponseType = (typeof CAP_RESPONSE_TYPES)[number];
export type CapCategory = (typeof CAP_CATEGORIES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];

/** CAP's category of each alert kind (a flood is "Met": CAP files floods under meteorological). */
export const ALERT_CATEGORY: Readonly<Record<AlertEvent, CapCategory>> = {
  evacuation: 'Safety', uxo: 'CBRNE', flood: 'Met', building_collapse: 'Infra', fire: 'Fire',
};

/** What the dialog proposes first for each kind; the duty officer may choose another. */
export const DEFAULT_RESPONSE: Readonly<Record<AlertEvent, CapResponseType>> = {
  evacuation: 'Evacuate', uxo: 'Avoid', flood: 'Evacuate', building_collapse: 'Avoid', fire: 'Avoid',
};

export const ALERT_STATES = ['active', 'expired', 'cancelled'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** Bounds of a circle's radius: a street to a whole district. */
export const ALERT_RADIUS_KM = { min: 0.1, max: 50 } as const;

/** What the exchange saves, each a kind of file the save dialog offers. */
export const EXPORT_FILE_KINDS = ['cap', 'hxl', 'geojson'] as const;
export type ExportFileKind = (typeof EXPORT_FILE_KINDS)[number];

/** What an HXL report holds: every incident, or one statistics table (as on the statistics screen). */
export const HXL_TABLES = ['incidents', 'district', 'type', 'day'] as const;
export type HxlTable = (typeof HXL_TABLES)[number];
