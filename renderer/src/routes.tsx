// The renderer's screens, one row each: where it lives (the hash), what it shows, the least role
// that may open it, and its label in the header's nav. Console.tsx draws the nav and picks the
// screen from this table alone, so a new screen is one row here (README: "How to add a screen").
// The role only hides: the core refuses every channel the screen calls without it.
import type { ReactNode } from 'react';
import type { OperatorRole } from '../../shared/domain';
import type { MessageKey } from '../../shared/i18n';
import { mayCall } from '../../shared/api';
import { IncidentView } from './features/incidents/IncidentView';
import { QueueScreen } from './features/incidents/QueueScreen';
import { TeamBoard } from './features/teams/TeamBoard';
import { RosterScreen } from './features/roster/RosterScreen';
import { OrganisationScreen } from './features/teams/OrganisationScreen';
import { StatsScreen } from './features/stats/LazyStatsScreen';
import { ImportScreen } from './features/import/ImportScreen';
import { SummaryPrint, SummaryScreen } from './features/summary/SummaryScreen';
import { AuditScreen } from './features/audit/AuditScreen';
import { ConflictsScreen } from './features/sync/ConflictsScreen';
import { SyncScreen } from './features/sync/SyncScreen';
import { BackupScreen } from './features/backup/BackupScreen';
import { WallDisplay } from './features/wall/WallDisplay';
import { requestQueueFocus } from './ui/queueFocus';

export interface ScreenProps {
  /** The incident's id of an `id` route, the query of a `query` route, else ''. */
  param: string;
  shiftStarts: readonly string[];
  navigate: (hash: string) => void;
}

export interface Route {
  /** The hash; an `id` route adds `/<uuid>`, a `query` route `?<query>`. */
  path: string;
  param?: 'id' | 'query';
  screen: (props: ScreenProps) => ReactNode;
  role: OperatorRole;
  /** Its label in the header's nav; without one the screen is reached from another. */
  nav?: MessageKey;
  /** The nav link marked current while this screen shows (import belongs to statistics). */
  under?: string;
  /** The whole window, without the console's header: the wall display, a printout. */
  whole?: boolean;
}

/** In nav order; the first row is home, shown for any hash no row matches or the role may not open. */
export const ROUTES: readonly Route[] = [
  {
    path: '#/', role: 'operator', nav: 'nav.queues',
    screen: ({ navigate }) => (
      <div className="main-split">
        <QueueScreen onOpen={(id) => navigate(`#/incident/${id}`)} />
        <TeamBoard onOpenIncident={(id) => navigate(`#/incident/${id}`)} />
      </div>
    ),
  },
  {
    path: '#/incident', param: 'id', role: 'operator',
    screen: ({ param, navigate }) => <IncidentView id={param} onBack={() => { navigate('#/'); requestQueueFocus(); }} />,
  },
  { path: '#/roster', role: 'operator', nav: 'nav.roster', screen: () => <RosterScreen /> },
  { path: '#/organisation', role: 'supervisor', nav: 'nav.organisation', screen: () => <OrganisationScreen /> },
  { path: '#/stats', role: 'supervisor', nav: 'nav.stats', screen: () => <StatsScreen /> },
  { path: '#/import', role: 'supervisor', under: '#/stats', screen: () => <ImportScreen /> },
  { path: '#/summary', role: 'supervisor', nav: 'nav.summary', screen: ({ shiftStarts }) => <SummaryScreen shiftStarts={shiftStarts} /> },
  { path: '#/audit', role: 'supervisor', nav: 'nav.audit', screen: () => <AuditScreen /> },
  { path: '#/conflicts', role: 'supervisor', nav: 'nav.conflicts', screen: () => <ConflictsScreen /> },
  // Supervisors carry bundles; hubs on the same screen stay the administrator's.
  { path: '#/sync', role: 'supervisor', nav: 'nav.sync', screen: () => <SyncScreen /> },
  { path: '#/backup', role: 'administrator', nav: 'nav.backup', screen: () => <BackupScreen /> },
  { path: '#/wall', role: 'operator', nav: 'nav.wall', whole: true, screen: () => <WallDisplay /> },
  // The shell's print window (electron/host/printRoute.ts).
  { path: '#/print/summary', param: 'query', role: 'supervisor', whole: true, screen: ({ param }) => <SummaryPrint query={param} /> },
];

const UUID = /^[0-9a-f-]{36}$/;

/** The screen a hash shows to an operator of this role, and its parameter. */
export function routeOf(hash: string, role: OperatorRole): { route: Route; param: string } {
  const home = { route: ROUTES[0]!, param: '' };
  for (const route of ROUTES) {
    const param = paramOf(route, hash);
    if (param === null) continue;
    return mayCall(role, route.role) ? { route, param } : home;
  }
  return home;
}

function paramOf(route: Route, hash: string): string | null {
  if (route.param === 'id') {
    const id = hash.startsWith(`${route.path}/`) ? hash.slice(route.path.length + 1) : '';
    return UUID.test(id) ? id : null;
  }
  if (route.param === 'query') {
    if (hash === route.path) return '';
    return hash.startsWith(`${route.path}?`) ? hash.slice(route.path.length + 1) : null;
  }
  return hash === route.path ? '' : null;
}

/** The header's links this role may follow, in order. */
export function navOf(role: OperatorRole): readonly (Route & { nav: MessageKey })[] {
  return ROUTES.filter((r): r is Route & { nav: MessageKey } => r.nav !== undefined && mayCall(role, r.role));
}
