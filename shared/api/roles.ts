// Who may call what (issue 8): operators log calls, dispatch and write notes; supervisors
// also close and cancel incidents and edit teams, roster and shifts; administrators also
// manage operators, hubs and the post. The core refuses; the renderer only hides.
import type { OperatorRole } from '../domain';

export type Requirement = 'public' | OperatorRole;

// Every channel and no other: checked against the channel names in index.ts, which imports this
// file and so cannot be imported by it.
export const CHANNEL_ROLE = {
  'setup.status': 'public',
  // First run only: the core refuses both once the console is set up.
  'setup.readPostKeyFile': 'public',
  'setup.complete': 'public',
  'session.signIn': 'public',
  'session.current': 'public',
  'reference.districts': 'public',
  'session.signOut': 'operator',
  'session.setLanguage': 'operator',
  'calls.findDuplicates': 'operator',
  'calls.log': 'operator',
  'incidents.queue': 'operator',
  'incidents.get': 'operator',
  'incidents.update': 'operator',
  'incidents.setStatus': 'operator',
  'timeline.addNote': 'operator',
  'timeline.strike': 'operator',
  'centres.list': 'operator',
  'centres.save': 'supervisor',
  'teams.board': 'operator',
  'teams.save': 'supervisor',
  'teams.setStatus': 'operator',
  'teams.conflicts': 'operator',
  'volunteers.list': 'operator',
  'volunteers.save': 'supervisor',
  'roster.current': 'operator',
  'roster.checkIn': 'supervisor',
  'roster.checkOut': 'supervisor',
  'roster.walkUp': 'supervisor',
  'roster.copyPrevious': 'supervisor',
  'roster.attendance': 'supervisor',
  'dispatch.suggest': 'operator',
  'dispatch.send': 'operator',
  'dispatch.advance': 'operator',
  'session.lock': 'operator',
  'session.unlock': 'operator',
  'operators.list': 'administrator',
  'operators.create': 'administrator',
  'operators.setDisabled': 'administrator',
  'post.setDefaults': 'administrator',
  // Whoever holds the post's key can sign bundles for the post.
  'post.exportKey': 'administrator',
  'post.restoreKey': 'administrator',
  'shifts.set': 'supervisor',
  // Trends are read by the duty officer and headquarters.
  'stats.report': 'supervisor',
  // Bringing in another system's history adds many incidents at once: the duty officer's call.
  'import.inspect': 'supervisor',
  'import.preview': 'supervisor',
  'import.start': 'supervisor',
  'import.status': 'supervisor',
  // The duty officer prints the handover and writes its notes.
  'summary.get': 'supervisor',
  'handover.add': 'supervisor',
  'summary.print': 'supervisor',
  // Who changed what: the duty officer's and the administrator's to read.
  'audit.list': 'supervisor',
  // Everyone sees whether changes are getting out; only an administrator configures hubs.
  'sync.status': 'operator',
  'sync.now': 'operator',
  'hubs.list': 'administrator',
  'hubs.test': 'administrator',
  'hubs.add': 'administrator',
  'hubs.remove': 'administrator',
  // The whole database leaves or replaces this console's: the administrator's alone.
  'backup.status': 'administrator',
  // Before sign-in: with a damaged database no one can sign in (damagedConsole.ts answers both).
  'database.health': 'public',
  'database.restoreSafetyCopy': 'public',
  'backup.create': 'administrator',
  'backup.inspect': 'administrator',
  'backup.restore': 'administrator',
  // A post without a link passes its stick at handover: the duty officer carries bundles.
  // Safe below the administrator: a bundle only carries operations signed with this post's
  // key and applied like a hub's, never settings or a whole database.
  'bundles.export': 'supervisor',
  'bundles.import': 'supervisor',
  'bundles.status': 'supervisor',
  'bundles.exportProgress': 'supervisor',
  // Resolving what sync set aside (a field edited twice, a team sent twice) is the duty officer's.
  'sync.conflicts': 'supervisor',
  // Warning the public is the duty officer's decision; everyone on the incident sees the alerts.
  'alerts.list': 'operator',
  'alerts.issue': 'supervisor',
  'alerts.update': 'supervisor',
  'alerts.cancel': 'supervisor',
  'alerts.save': 'supervisor',
  // Reports leave the post for partners: the duty officer's, like the statistics they come from.
  'exchange.exportHxl': 'supervisor',
  'exchange.exportGeojson': 'supervisor',
  'sync.health': 'operator',
} as const satisfies Readonly<Record<string, Requirement>>;

export type RoledChannel = keyof typeof CHANNEL_ROLE;

const RANK: Record<OperatorRole, number> = { operator: 1, supervisor: 2, administrator: 3 };

/** The role a call needs; some depend on what is asked (closing an incident is a supervisor's). */
export function requiredRole(channel: RoledChannel, input: unknown): Requirement {
  if (channel === 'incidents.setStatus' && input && typeof input === 'object' && 'status' in input
    && (input.status === 'closed' || input.status === 'cancelled')) {
    return 'supervisor';
  }
  return CHANNEL_ROLE[channel];
}

export function mayCall(role: OperatorRole | null, requirement: Requirement): boolean {
  if (requirement === 'public') return true;
  return role !== null && RANK[role] >= RANK[requirement];
}
