// Each channel of the contract, bound to its service. A missing channel is a type error.
import { DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_MS } from '../../../shared/domain';
import { loadDemoData } from '../demo/seed';
import { logCall } from '../incidents/intake';
import { setStatus, updateIncident } from '../incidents/incidentChanges';
import { findDuplicates, incidentDetail, queue } from '../incidents/queries';
import { createOperator, getOperator, listOperators, setOperatorDisabled, setOperatorLanguage, signIn } from '../operators/operators';
import { DISTRICTS } from '../reference/districts';
import { completeSetup, requirePost, setPostDefaults, setShiftPattern, setupStatus } from '../setup/setup';
import { addNote, strikeNote } from '../timeline/notes';
import { advanceAssignment, dispatchTeams, setTeamStatus, suggestTeams } from '../dispatch/dispatch';
import { attendance, checkIn, checkOut, copyPreviousRoster, rosterFor, shiftFor, walkUp } from '../roster/roster';
import { teamBoard, teamConflicts } from '../teams/board';
import { listCentres, listVolunteers, saveCentre, saveTeam, saveVolunteer } from '../teams/teams';
import { statsReport } from '../stats/statistics';
import { auditTrail } from '../audit/auditTrail';
import { addHub, listHubs, removeHub, testHub } from '../sync/hubs';
import { shiftSummary, summaryPeriod } from '../summary/shiftSummary';
import { addHandoverNote } from '../summary/handover';
import { importStatus, inspectExport, previewImport, startImport } from '../import/importJobs';
import { approveRestore, backupStatus, createBackup, inspectBackup } from '../backup/backups';
import { bundleExportProgress, bundleImportStatus, exportBundleFromApp, startBundleImport } from '../sync/bundleJobs';
import { fieldConflicts } from '../sync/conflicts';
import { quarantineCounts } from '../sync/quarantine';
import { copiedFolder } from '../sync/renewOrigin';
import { clockHealth } from '../sync/clockSkew';
import { chooseJoinKeyFile, exportPostKey, openPostKeyFile } from '../post/postKeyFile';
import { cancelAlert, issueAlert, listAlerts, updateAlert } from '../exchange/alerts';
import { exportReportFromApp, saveAlertFromApp } from '../exchange/exchangeFiles';
import { restorePostKey } from '../post/restorePostKey';
import { DomainError } from '../base/errors';
import type { ChangeMap, HandlerContext, Handlers } from './router';
import type { Language } from '../../../shared/domain';

export const handlers: Handlers = {
  'setup.status': (ctx) => setupStatus(ctx),
  'setup.complete': async (ctx, input) => {
    // A wrong passphrase changes nothing, and the file read stays in the session for another try.
    const pending = ctx.session.pendingJoin;
    const openJoin = async () => (pending ? openPostKeyFile(pending, input.passphrase) : undefined);
    const operator = await completeSetup(ctx, input, (operatorId) => loadDemoData(ctx, operatorId), openJoin);
    delete ctx.session.pendingJoin;
    ctx.session.operatorId = operator.id;
    return operator;
  },
  'setup.readPostKeyFile': (ctx) => chooseJoinKeyFile(ctx, ctx.session),
  'session.signIn': async (ctx, input) => {
    const operator = await signIn(ctx.store, ctx.now(), input.name, input.pin);
    ctx.session.operatorId = operator.id;
    ctx.session.locked = false;
    return operator;
  },
  'session.lock': async (ctx) => {
    ctx.session.locked = true;
    return { ok: true as const };
  },
  'session.unlock': async (ctx, input) => {
    const me = await getOperator(ctx.store.reader, ctx.operatorId);
    if (!me) throw new DomainError('error.notSignedIn');
    // The same check, and the same throttle, as signing in: only this operator's PIN unlocks.
    const operator = await signIn(ctx.store, ctx.now(), me.name, input.pin);
    if (operator.id !== ctx.operatorId) throw new DomainError('error.badCredentials');
    ctx.session.locked = false;
    return operator;
  },
  'session.signOut': async (ctx) => {
    ctx.session.locked = false;
    ctx.session.operatorId = null;
    return { ok: true as const };
  },
  'session.current': async (ctx) => (ctx.session.operatorId ? getOperator(ctx.store.reader, ctx.session.operatorId) : null),
  'session.setLanguage': async (ctx, input) => {
    await ctx.store.write(ctx.operatorId, (writer) => setOperatorLanguage(writer, ctx.operatorId, input.language));
    const operator = await getOperator(ctx.store.reader, ctx.operatorId);
    if (!operator) throw new DomainError('error.notSignedIn');
    return operator;
  },
  'post.setDefaults': (ctx, input) => setPostDefaults(ctx, ctx.operatorId, input),
  'post.exportKey': (ctx, input) => exportPostKey(ctx, ctx.session, input.passphrase),
  'post.restoreKey': (ctx, input) => restorePostKey(ctx, ctx.session, input.passphrase),
  'shifts.set': (ctx, input) => setShiftPattern(ctx, ctx.operatorId, input),
  'reference.districts': async () => [...DISTRICTS],
  'calls.findDuplicates': (ctx, input) => findDuplicates(ctx.store.reader, input, DUPLICATE_WINDOW_MS, DUPLICATE_RADIUS_M),
  'calls.log': (ctx, input) => logCall(ctx, ctx.operatorId, input),
  'incidents.queue': (ctx, input) => queue(ctx.store.reader, input, ctx.store.untilChanged),
  'incidents.get': (ctx, input) => incidentDetail(ctx.store.reader, input.id),
  'incidents.update': async (ctx, input) => {
    await updateIncident(ctx, ctx.operatorId, input.id, input.changes);
    return incidentDetail(ctx.store.reader, input.id);
  },
  'incidents.setStatus': async (ctx, input) => {
    await setStatus(ctx, ctx.operatorId, input);
    return incidentDetail(ctx.store.reader, input.id);
  },
  'timeline.addNote': async (ctx, input) => {
    await addNote(ctx, ctx.operatorId, input.incidentId, input.text);
    return incidentDetail(ctx.store.reader, input.incidentId);
  },
  'timeline.strike': async (ctx, input) => {
    const incidentId = await strikeNote(ctx, ctx.operatorId, input.entryId, input.reason);
    return incidentDetail(ctx.store.reader, incidentId);
  },
  'centres.list': (ctx) => listCentres(ctx.store.reader),
  'centres.save': async (ctx, input) => ({ id: await saveCentre(ctx, ctx.operatorId, input) }),
  'teams.board': (ctx, input) => teamBoard(ctx.store.reader, input),
  'teams.save': async (ctx, input) => ({ id: await saveTeam(ctx, ctx.operatorId, input) }),
  'teams.setStatus': async (ctx, input) => {
    await setTeamStatus(ctx, ctx.operatorId, input.teamId, input.status);
    return { ok: true as const };
  },
  'teams.conflicts': (ctx) => teamConflicts(ctx.store.reader),
  'volunteers.list': (ctx, input) => listVolunteers(ctx.store.reader, input.centreId),
  'volunteers.save': async (ctx, input) => ({ id: await saveVolunteer(ctx, ctx.operatorId, input) }),
  'roster.current': (ctx, input) => rosterFor(ctx.store.reader, shiftFor(ctx, input.at ?? ctx.now())),
  'roster.checkIn': async (ctx, input) => ({ entryId: await checkIn(ctx, ctx.operatorId, input.volunteerId, input.teamId) }),
  'roster.checkOut': async (ctx, input) => {
    await checkOut(ctx, ctx.operatorId, input.entryId);
    return { ok: true as const };
  },
  'roster.walkUp': async (ctx, input) => ({ volunteerId: await walkUp(ctx, ctx.operatorId, input) }),
  'roster.copyPrevious': async (ctx) => ({ count: await copyPreviousRoster(ctx, ctx.operatorId) }),
  'roster.attendance': (ctx, input) => attendance(ctx, input),
  'import.inspect': async (_ctx, input) => inspectExport(input.text),
  'import.preview': (ctx, input) => previewImport(ctx, input.text, input.mapping),
  'import.start': async (ctx, input) => startImport(ctx, ctx.operatorId, input.text, input.mapping),
  'import.status': async (_ctx, input) => importStatus(input.jobId),
  'summary.get': (ctx, input) => shiftSummary(ctx, input),
  'audit.list': (ctx, input) => auditTrail(ctx.store.reports, input),
  'sync.status': async (ctx) => (ctx.sync ? ctx.sync.status() : []),
  'sync.now': async (ctx, input) => (ctx.sync ? ctx.sync.syncNow(input.hubId) : []),
  'hubs.list': async (ctx) => listHubs(ctx),
  'hubs.test': async (_ctx, input) => {
    await testHub(input);
    return { ok: true as const };
  },
  'hubs.add': async (ctx, input) => addHub(ctx, input.name, input),
  'hubs.remove': async (ctx, input) => {
    removeHub(ctx, input.id);
    return { ok: true as const };
  },
  'backup.status': (ctx) => backupStatus(ctx),
  // The database opened: nothing to report, and a restore goes through the backup screen.
  'database.health': async () => null,
  'database.restoreSafetyCopy': async () => {
    throw new DomainError('integrity.notDamaged');
  },
  'backup.create': (ctx) => createBackup(ctx, ctx.session),
  'backup.inspect': (ctx, input) => inspectBackup(ctx, ctx.session, input),
  'backup.restore': async (ctx, input) => approveRestore(ctx.session, input.token),
  'bundles.export': (ctx, input) => exportBundleFromApp(ctx, ctx.session, input),
  'bundles.import': (ctx) => startBundleImport(ctx, ctx.session),
  'bundles.status': async (ctx, input) => bundleImportStatus(ctx, input.jobId),
  'bundles.exportProgress': async (ctx) => bundleExportProgress(ctx),
  'sync.conflicts': (ctx, input) => fieldConflicts(ctx.store.reader, input),
  'sync.health': async (ctx) => ({
    quarantine: await quarantineCounts(ctx.store.reader), copied: await copiedFolder(ctx.store.reader), clock: await clockHealth(ctx.store.reader, ctx.now()),
  }),
  'summary.print': async (ctx, input) => {
    // A period that cannot be summarised is refused here, before any window opens.
    const settings = requirePost(ctx.settings);
    summaryPeriod({ period: input.period }, settings.shiftStarts, settings.post.timeZone);
    return { period: input.period, pdf: input.pdf, file: null };
  },
  'handover.add': async (ctx, input) => {
    await addHandoverNote(ctx, ctx.operatorId, input.shiftStart, input.text);
    return { ok: true as const };
  },
  'stats.report': (ctx, input) => statsReport(ctx.store.reports, input, requirePost(ctx.settings).post.timeZone, ctx.now()),
  'dispatch.suggest': (ctx, input) => suggestTeams(ctx.store.reader, input.incidentId),
  'dispatch.send': async (ctx, input) => {
    await dispatchTeams(ctx, ctx.operatorId, input);
    return incidentDetail(ctx.store.reader, input.incidentId);
  },
  'dispatch.advance': async (ctx, input) => {
    const now = ctx.now();
    const incidentId = await ctx.store.write(ctx.operatorId, async (writer) => {
      await advanceAssignment(writer, input.assignmentId, input.step, now);
      return (await writer.tx.get<{ incident_id: string }>('SELECT incident_id FROM assignments WHERE id = ?', [input.assignmentId]))!.incident_id;
    });
    return incidentDetail(ctx.store.reader, incidentId);
  },
  'operators.list': (ctx) => listOperators(ctx.store.reader),
  'operators.create': async (ctx, input) => {
    const created = await ctx.store.write(ctx.operatorId, (w) => createOperator(w, ctx.now(), input));
    return (await listOperators(ctx.store.reader)).find((o) => o.id === created.id)!;
  },
  'operators.setDisabled': async (ctx, input) => {
    await ctx.store.write(ctx.operatorId, (w) => setOperatorDisabled(w, ctx.operatorId, input.id, input.disabled));
    const account = (await listOperators(ctx.store.reader)).find((o) => o.id === input.id);
    if (!account) throw new DomainError('error.notFound');
    return account;
  },
  'alerts.list': (ctx, input) => listAlerts(ctx.store.reader, input.incidentId, ctx.now()),
  'alerts.issue': async (ctx, input) => {
    await issueAlert(ctx, ctx.operatorId, input);
    return listAlerts(ctx.store.reader, input.incidentId, ctx.now());
  },
  'alerts.update': async (ctx, input) => {
    await updateAlert(ctx, ctx.operatorId, input);
    return alertsOfThread(ctx, input.alertId);
  },
  'alerts.cancel': async (ctx, input) => {
    await cancelAlert(ctx, ctx.operatorId, input);
    return alertsOfThread(ctx, input.alertId);
  },
  'alerts.save': (ctx, input) => saveAlertFromApp(ctx, ctx.session, input.messageId),
  'exchange.exportHxl': async (ctx, { table, ...period }) => exportReportFromApp(ctx, ctx.session, 'hxl', period, await languageOf(ctx), table),
  'exchange.exportGeojson': async (ctx, input) => exportReportFromApp(ctx, ctx.session, 'geojson', input, await languageOf(ctx)),
};

const TEAM_WORLD = ['team', 'assignment', 'incident', 'rosterEntry', 'volunteer'] as const;

export const changes: ChangeMap = {
  'centres.save': ['centre'],
  'teams.save': ['team'],
  'teams.setStatus': TEAM_WORLD,
  'volunteers.save': ['volunteer'],
  'roster.checkIn': TEAM_WORLD,
  'roster.checkOut': TEAM_WORLD,
  'roster.walkUp': TEAM_WORLD,
  'roster.copyPrevious': TEAM_WORLD,
  'dispatch.send': TEAM_WORLD,
  'dispatch.advance': TEAM_WORLD,
  'setup.complete': ['operator', 'incident', 'call', 'timeline'],
  'session.setLanguage': ['operator'],
  // Not a table: every open window re-reads the post's settings.
  'post.setDefaults': ['settings', 'post'],
  'shifts.set': ['settings', 'post'],
  'post.restoreKey': ['settings'],
  'operators.create': ['operator'],
  'operators.setDisabled': ['operator'],
  'calls.log': ['incident', 'call', 'timeline'],
  'incidents.update': ['incident'],
  'incidents.setStatus': ['incident', 'timeline', 'assignment', 'team'],
  'timeline.addNote': ['timeline'],
  'timeline.strike': ['timeline'],
  'handover.add': ['handoverNote'],
  'alerts.issue': ['alert'],
  'alerts.update': ['alert'],
  'alerts.cancel': ['alert'],
};

/** Reports are written in the language of the operator who asks (headers and place names). */
async function languageOf(ctx: HandlerContext): Promise<Language> {
  return (await getOperator(ctx.store.reader, ctx.operatorId))?.language ?? 'en';
}

async function alertsOfThread(ctx: HandlerContext, alertId: string) {
  const row = await ctx.store.reader.get<{ incident_id: string }>('SELECT incident_id FROM alerts WHERE id = ?', [alertId]);
  return row ? listAlerts(ctx.store.reader, row.incident_id, ctx.now()) : [];
}
