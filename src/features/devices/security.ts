import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { JOBS } from '../../jobs/names';
import type { Executor } from '../../store/db';
import { actionsRepo, appiRepo } from './action-repository';
import { deviceActionAudit, incidentStepAudit } from './audit-events';
import type { DevicesContext } from './context';
import { deviceText, type DeviceTextKey } from './texts';
import { cancelNotStarted, endAction } from './action-ends';
import { outstandingReports } from '../../domain/appi/deadlines';
import type { Incident, IntuneAction, ReportFiled } from './model';
import { fourEyesApprovers } from './roles';
import { publish, loadSnapshot } from './publish';
import { incidentsRepo } from './repository';
import { incidentCardView, noticeView } from './views';

type Step = (tx: Executor, incident: Incident) => Promise<{ changed: boolean; note?: DeviceTextKey }>;

interface StepOptions {
  /** Who may press it (default: the security team now). */
  readonly allowed?: (tx: Executor, incident: Incident) => Promise<boolean>;
  /** The step also runs on a closed incident (recording the final report later). */
  readonly closedToo?: boolean;
}

/**
 * The security team's buttons on the incident card. Each runs in one transaction holding the
 * incident's row lock (so changes to one incident are serial), and returns the card that replaces the
 * one pressed; every change also updates the other members' cards and the reporter's card in place.
 */
export function securityActions(ctx: DevicesContext) {
  const member = async (tx: Executor, incident: Incident, user: User) => (await ctx.roles.securityTeamOf(tx, incident.tenantId)).includes(user.id);

  async function onIncident(user: User, incidentId: string, step: Step, options: StepOptions = {}): Promise<AdaptiveCardJson> {
    const card = await ctx.db.transaction(async (tx) => {
      const incident = await incidentsRepo.get(tx, incidentId, true);
      if (!incident || incident.tenantId !== user.tenantId) return noticeView(user, 'unavailableTitle', 'unavailableText');
      const allowed = options.allowed ? await options.allowed(tx, incident) : await member(tx, incident, user);
      if (!allowed) return noticeView(user, 'notSecurityTitle', 'notSecurityText');
      const closed = incident.state === 'closed' && !options.closedToo;
      const { changed, note } = closed ? { changed: false, note: 'noteClosed' as const } : await step(tx, incident);
      const s = changed ? await publish(ctx, tx, await incidentsRepo.touch(tx, incident.id)) : await loadSnapshot(tx, incident);
      return incidentCardView(s, user, note ? deviceText(user.locale, note) : undefined);
    });
    ctx.outbox.notify();
    return card;
  }
  const at = () => ctx.clock.now();

  /** "Final report filed" on a closed incident that still owed it: recorded, its reminders and alerts end. */
  async function fileFinal(tx: Executor, incident: Incident, user: User, reports: readonly ReportFiled[]) {
    if (!reports.includes('final') || !outstandingReports(incident).includes('final')) return { changed: false, note: 'noteClosed' as const };
    const filed: ReportFiled[] = [...incident.reportsFiled.filter((r) => r !== 'final'), 'final'];
    await incidentsRepo.touch(tx, incident.id, { reportsFiled: filed });
    await appiRepo.cancel(tx, incident.id);
    await incidentsRepo.addEvent(tx, incident.id, { at: at(), kind: 'final_filed', actorId: user.id, data: { reports: filed.join(',') } });
    await ctx.audit.append(tx, incidentStepAudit(incident, 'final_filed', user.id, filed));
    return { changed: true, note: 'noteFinalFiled' as const };
  }

  return {
    acknowledge: (user: User, incidentId: string) =>
      onIncident(user, incidentId, async (tx, incident) => {
        if (incident.state !== 'open') return { changed: false };
        await incidentsRepo.touch(tx, incident.id, { state: 'acknowledged', actorId: user.id, at: at() });
        await incidentsRepo.addEvent(tx, incident.id, { at: at(), kind: 'acknowledged', actorId: user.id, data: {} });
        await ctx.audit.append(tx, incidentStepAudit(incident, 'acknowledged', user.id));
        return { changed: true };
      }),

    /** Lock / wipe / retire a managed device, or revoke the person's sessions: at most one live request each. */
    request: (user: User, params: { incidentId: string; action: IntuneAction; targetId: string }) =>
      onIncident(user, params.incidentId, async (tx, incident) => {
        if (!ctx.intune) return { changed: false, note: 'noteNoGraph' };
        const targetId = params.action === 'revoke' ? incident.userId : params.targetId;
        if (params.action !== 'revoke' && !(await incidentsRepo.devices(tx, incident.id)).some((d) => d.id === targetId)) return { changed: false, note: 'unavailableText' };
        const fourEyes = ctx.settings.fourEyesActions.includes(params.action);
        if (fourEyes && !ctx.approvals) return { changed: false, note: 'noteNoGraph' };
        const row = await actionsRepo.insert(tx, { incidentId: incident.id, action: params.action, targetId, status: fourEyes ? 'awaiting_approval' : 'queued', requestedBy: user.id, at: at() });
        if (!row) return { changed: false, note: 'noteAlready' };
        if (fourEyes && ctx.approvals) {
          const approverIds = await fourEyesApprovers(ctx, tx, incident.tenantId);
          const approval = await ctx.approvals.open(tx, {
            key: `intune:${row.id}`, kind: 'intune_action', tenantId: incident.tenantId, requesterId: user.id, approverIds,
            requesterMayApprove: false, requiredApprovals: 1, subjectId: incident.id, payload: { incidentId: incident.id, action: params.action, targetId },
            expiresAt: new Date(at().getTime() + ctx.settings.approvalMinutes * 60_000),
          });
          await actionsRepo.setApproval(tx, row.id, approval.id);
        } else {
          await ctx.queue.send(JOBS.deviceAction, { actionId: row.id }, { tx });
        }
        await incidentsRepo.addEvent(tx, incident.id, { at: at(), kind: fourEyes ? 'action_awaiting' : 'action_requested', actorId: user.id, data: { action: params.action, targetId } });
        await ctx.audit.append(tx, deviceActionAudit(incident, row, 'requested', user.id));
        return { changed: true, note: fourEyes ? 'noteAwaiting' : 'noteRequested' };
      }),

    /**
     * The second person's approve / reject of a four-eyes action: who may is asked now (the security
     * team, or an admin when the team has one member), then the approvals core (never the requester).
     */
    async decide(user: User, params: { actionId: string; decision: 'approve' | 'reject' }): Promise<AdaptiveCardJson> {
      const action = await actionsRepo.get(ctx.db, params.actionId);
      if (!action) return noticeView(user, 'unavailableTitle', 'unavailableText');
      const allowed = async (tx: Executor, incident: Incident) => (await fourEyesApprovers(ctx, tx, incident.tenantId)).includes(user.id);
      return onIncident(user, action.incidentId, async (tx, incident) => {
        const current = await actionsRepo.get(tx, action.id);
        if (!current?.approvalId || !ctx.approvals || current.status !== 'awaiting_approval') return { changed: false, note: 'noteDecided' };
        const outcome = await ctx.approvals.decide(tx, { id: current.approvalId, kind: 'intune_action', actorId: user.id, decision: params.decision });
        if (outcome.kind === 'not_allowed') return { changed: false, note: 'noteNotAllowed' };
        if (outcome.kind === 'expired') {
          const minutes = ctx.settings.approvalMinutes;
          return { changed: await endAction(ctx, tx, incident, current, 'awaiting_approval', { to: 'expired', minutes }), note: 'noteExpired' };
        }
        if (outcome.kind !== 'approved' && outcome.kind !== 'rejected') return { changed: false, note: outcome.kind === 'recorded' ? 'noteAwaiting' : 'noteDecided' };
        const approved = outcome.kind === 'approved';
        const moved = await actionsRepo.transition(tx, current.id, 'awaiting_approval', approved ? 'queued' : 'rejected', { decidedBy: user.id, at: at() });
        if (!moved) return { changed: false, note: 'noteDecided' };
        if (approved) await ctx.queue.send(JOBS.deviceAction, { actionId: moved.id }, { tx });
        await incidentsRepo.addEvent(tx, incident.id, { at: at(), kind: approved ? 'action_approved' : 'action_rejected', actorId: user.id, data: { action: moved.action, targetId: moved.targetId } });
        await ctx.audit.append(tx, deviceActionAudit(incident, moved, approved ? 'approved' : 'rejected', user.id));
        return { changed: true };
      }, { allowed });
    },

    /**
     * Closes the incident with the PPC reports filed (APPI 26条: one at least when reportable). Actions
     * not started are cancelled with their approvals; the reminders of reports filed are cancelled, the
     * final report's survives a close with only the preliminary filed, and the closed card then offers
     * recording the final report (the same verb on the closed incident).
     */
    close: (user: User, params: { incidentId: string; reports: readonly ReportFiled[] }) =>
      onIncident(user, params.incidentId, async (tx, incident) => {
        if (incident.state === 'closed') return fileFinal(tx, incident, user, params.reports);
        if (incident.appiPreliminaryDue && !params.reports.length) return { changed: false, note: 'noteNoReports' };
        await cancelNotStarted(ctx, tx, incident, user.id);
        const closed = await incidentsRepo.touch(tx, incident.id, { state: 'closed', actorId: user.id, at: at(), reportsFiled: params.reports });
        const owed = outstandingReports(closed);
        await appiRepo.cancel(tx, incident.id, owed.length ? 'preliminary' : undefined);
        await incidentsRepo.addEvent(tx, incident.id, { at: at(), kind: 'closed', actorId: user.id, data: { reports: params.reports.join(',') || 'none_needed' } });
        await ctx.audit.append(tx, incidentStepAudit(incident, 'closed', user.id, params.reports));
        return { changed: true };
      }, { closedToo: true }),

    /** Reads the person's managed devices again (Graph was down when the incident opened, or a device was enrolled since). */
    async refresh(user: User, incidentId: string): Promise<AdaptiveCardJson> {
      const incident = await incidentsRepo.get(ctx.db, incidentId);
      // Graph is read outside the transaction, and only for a security member's press.
      const isMember = incident ? await member(ctx.db, incident, user) : false;
      const devices = incident && isMember && ctx.intune ? await ctx.intune.managedDevices(incident.userId) : undefined;
      return onIncident(user, incidentId, async (tx, current) => {
        if (!ctx.intune) return { changed: false, note: 'noteNoGraph' };
        if (devices) {
          await incidentsRepo.setDevices(tx, current.id, devices, current.serial);
          await incidentsRepo.touch(tx, current.id, { devicesRead: true });
        }
        await incidentsRepo.addEvent(tx, current.id, { at: at(), kind: devices ? 'devices' : 'devices_failed', data: { n: devices?.length ?? 0 } });
        return { changed: true };
      });
    },
  };
}

export type SecurityActions = ReturnType<typeof securityActions>;
