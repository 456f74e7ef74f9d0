// The post's synthetic organisation for demos and benchmarks: a centre per district, teams
// of every kind with call signs as the service writes them in the post's language, and
// volunteers with names as they are on the coast.
import type { Language, TeamKind, VolunteerRole } from '../../../shared/domain';
import { DISTRICTS } from '../reference/districts';
import { createRandom } from './synthetic';

const FIRST = ['محمد', 'أحمد', 'علي', 'حسن', 'سامر', 'فادي', 'رامي', 'باسل', 'يوسف', 'عمر', 'خالد', 'مازن', 'هادي', 'وسيم', 'نزار',
  'لينا', 'ريم', 'نور', 'رنا', 'هبة', 'سلمى', 'دانة', 'ميس', 'رهف', 'جود'];
const LAST = ['حداد', 'إبراهيم', 'سليمان', 'ديب', 'خليل', 'عثمان', 'يونس', 'شاهين', 'حسين', 'درويش', 'نصر', 'سعيد', 'منصور', 'عيسى', 'زيدان'];

const CALL_SIGN: Record<Language, Record<TeamKind, string>> = {
  en: { search_rescue: 'Rescue', ambulance: 'Ambulance', fire: 'Fire', diving: 'Dive', uxo: 'UXO', womens: 'Women' },
  ar: { search_rescue: 'إنقاذ', ambulance: 'إسعاف', fire: 'إطفاء', diving: 'غوص', uxo: 'ذخائر', womens: 'نسائي' },
};
const VEHICLE: Record<Language, Record<'ambulance' | 'fire' | 'diving' | 'other', string>> = {
  en: { ambulance: 'Ambulance', fire: 'Fire engine', diving: 'Boat', other: 'Pickup' },
  ar: { ambulance: 'سيارة إسعاف', fire: 'سيارة إطفاء', diving: 'قارب', other: 'بيك أب' },
};

/** Teams per district centre: the city has the most, and the sea-facing districts have divers. */
const TEAMS_BY_DISTRICT: Record<string, readonly TeamKind[]> = {
  latakia: ['search_rescue', 'search_rescue', 'search_rescue', 'ambulance', 'ambulance', 'ambulance', 'fire', 'fire', 'diving', 'uxo', 'womens'],
  jableh: ['search_rescue', 'search_rescue', 'ambulance', 'ambulance', 'fire', 'diving', 'womens'],
};
const DEFAULT_TEAMS: readonly TeamKind[] = ['search_rescue', 'ambulance', 'fire'];

export interface SyntheticCentre { key: string; name: string; district: string; covers: string[] }
export interface SyntheticTeam { key: string; centreKey: string; callSign: string; kind: TeamKind; vehicle: string; radioChannel: string }
export interface SyntheticVolunteer { key: string; centreKey: string; teamKey: string; name: string; role: VolunteerRole; phone: string }

export function syntheticOrganisation(seed = 1, language: Language = 'en'): { centres: SyntheticCentre[]; teams: SyntheticTeam[]; volunteers: SyntheticVolunteer[] } {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const centres: SyntheticCentre[] = [];
  const teams: SyntheticTeam[] = [];
  const volunteers: SyntheticVolunteer[] = [];
  const counters = new Map<TeamKind, number>();
  for (const district of DISTRICTS) {
    const centreKey = `centre-${district.code}`;
    // The city centre also covers every district: its divers and UXO team serve the whole coast.
    const covers = district.code === 'latakia' ? DISTRICTS.map((d) => d.code) : [district.code];
    centres.push({ key: centreKey, name: `مركز ${district.name.ar}`, district: district.code, covers });
    for (const kind of TEAMS_BY_DISTRICT[district.code] ?? DEFAULT_TEAMS) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      const teamKey = `team-${teams.length}`;
      teams.push({
        key: teamKey, centreKey, kind, callSign: `${CALL_SIGN[language][kind]} ${n} ${district.name[language]}`,
        vehicle: VEHICLE[language][kind === 'ambulance' || kind === 'fire' || kind === 'diving' ? kind : 'other'],
        radioChannel: `CH-${1 + (teams.length % 8)}`,
      });
      const roles: VolunteerRole[] = ['team_leader', 'driver', kind === 'ambulance' ? 'paramedic' : kind === 'diving' ? 'diver' : 'rescuer', 'rescuer'];
      for (const role of roles) {
        const female = kind === 'womens' || random() < 0.15;
        const first = female ? pick(FIRST.slice(15)) : pick(FIRST.slice(0, 15));
        volunteers.push({
          key: `volunteer-${volunteers.length}`, centreKey, teamKey, role, name: `${first} ${pick(LAST)}`,
          phone: `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
        });
      }
    }
  }
  return { centres, teams, volunteers };
}
