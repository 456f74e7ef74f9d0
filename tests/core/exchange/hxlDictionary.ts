// The part of the HXL 1.1 core dictionary Beacon's reports use, kept here so the test needs no
// network. Source: HXL Standard 1.1 (final), "Core hashtag dictionary",
// https://hxlstandard.org/standard/1-1final/dictionary/ (hashtags and attributes sections).
// A hashtag or attribute not in these lists fails the report test: add one only after checking it there.
export const HXL_CORE_HASHTAGS: ReadonlySet<string> = new Set([
  '#adm1', // top-level subnational administrative area (a governorate)
  '#adm2', // second-level (a district / mantiqa)
  '#adm3', // third-level (a sub-district / nahiya)
  '#affected', // number of people or households affected by an emergency
  '#date', // date or date-time
  '#event', // an individual event or incident
  '#geo', // geographical coordinates or geometry
  '#indicator', // an indicator: its code, name and value (+num)
  '#loc', // location name or code below the administrative levels (village, neighbourhood)
  '#status', // status of a report or activity
]);

export const HXL_CORE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'code', // a code rather than a name
  'end', // the end of a period (#date+end)
  'id', // a unique identifier
  'injured', // people injured
  'killed', // people killed
  'lat', // latitude, WGS 84 decimal degrees
  'lon', // longitude, WGS 84 decimal degrees
  'missing', // people missing (Beacon: reported trapped, unaccounted for under rubble or water)
  'name', // a name rather than a code
  'num', // a numeric value (#indicator+num)
  'reported', // date reported
  'start', // the start of a period (#date+start)
  'type', // a type or category of the thing tagged
]);

/** HXL 1.1 §4: a hashtag, then zero or more attributes, lower-case letters, digits and underscores. */
export const HXL_TAGSPEC = /^#([a-z][a-z0-9_]*)(\s*\+[a-z][a-z0-9_]*)*$/i;
