import { existsSync } from 'node:fs';
import type { AnswerPages } from './http/answer-page';
import type { ActionHandlers } from './cards/actions';
import type { FeatureVerb } from './cards/verbs';
import type { Config } from './config';
import type { Outbox } from './delivery/outbox';
import { markRead } from './delivery/read-receipts';
import type { DeliveryWorker } from './delivery/worker';
import type { Clock } from './domain/shared/clock';
import { createApprovalsFeature } from './features/approvals';
import { createCheckinsFeature } from './features/checkins';
import { createDevicesFeature, type DevicesFeature } from './features/devices';
import { createDigestsFeature, type DigestsFeature } from './features/digests';
import { createDirectoryFeature, type DirectoryFeature } from './features/directory';
import { mergeFeatures, type FeatureDeps } from './features/feature';
import { createGapcheckFeature } from './features/gapcheck';
import { createGuidelineFeature } from './features/guideline';
import { createHomeNetworkFeature } from './features/home-network';
import { createPledgeFeature } from './features/pledge';
import { createRemindersFeature, type RemindersFeature } from './features/reminders';
import { createRoundsFeature, type RoundService } from './features/rounds';
import { createSignalsFeature, type SignalListener } from './features/signals';
import { createConsolePorts, type ConsolePorts } from './http/console-ports';
import type { ExportRoutes } from './http/server';
import type { SignalsIntake } from './http/signals-route';
import type { JobQueue } from './jobs/queue';
import type { Logger } from './log/logger';
import type { Db } from './store/db';
import { createRoles } from './store/roles';
import { createTeamsBot, type TeamsBot } from './teams/app';
import { timedActions } from './telemetry/actions';
import { countJmaPolls } from './telemetry/jma';
import { buildCore, startWork, type CoreOverrides } from './wiring-core';

/** Replaceable collaborators (tests): the core's, and the signal listeners. */
export interface Overrides extends CoreOverrides {
  readonly signalListeners?: readonly SignalListener[]; // receive processed signals instead of the features
}
export interface Wired {
  readonly db: Db;
  readonly bot: TeamsBot;
  readonly outbox: Outbox;
  readonly queue: JobQueue;
  readonly worker: DeliveryWorker;
  readonly rounds: RoundService;
  readonly exports: ExportRoutes;
  readonly answers: AnswerPages; // the e-mail fallback's answer page
  readonly signals: SignalsIntake;
  readonly reminders: RemindersFeature;
  readonly devices: DevicesFeature;
  readonly digests: Pick<DigestsFeature, 'runDue'>;
  readonly directory: Pick<DirectoryFeature, 'sync'>;
  readonly console: ConsolePorts;
}

/**
 * The second half of the composition root (see main.ts): core services, then the features in the
 * order their ports need, then one merge of what they contribute. Each started part registers its
 * cleanup; the caller runs them in reverse order.
 */
export async function wire(config: Config, logger: Logger, clock: Clock, overrides: Overrides, cleanups: (() => Promise<void>)[], selfUrl: string): Promise<Wired> {
  const core = await buildCore(config, logger, overrides, cleanups, selfUrl, clock);
  const { db, graph, queue, metrics, worker, outbox, audit, signer, signedLink, roundEmail } = core;
  const roles = createRoles({ adminIds: config.adminUserIds, securityIds: config.devices.securityTeamUserIds });
  // Before anything serves: the directory file is imported (a bad file stops the start), Graph syncs in the background.
  const directory = createDirectoryFeature({
    db, clock, logger, outbox, audit: audit.log, roles, settings: config.directory, defaults: config.defaults, client: graph?.client,
    file: config.directoryFile && existsSync(config.directoryFile) ? config.directoryFile : undefined,
    fileDefaults: { timeZone: config.defaults.timeZone, allowedTenantIds: config.localMode ? undefined : config.allowedTenantIds },
  });
  cleanups.push(await directory.start());
  const deps: FeatureDeps = { db, clock, outbox, queue, audit: audit.log, logger, companyHolidays: config.companyHolidays, roles };

  // The features, producers of ports before their consumers.
  const planning = { intervalSeconds: config.scheduler.intervalSeconds, horizonHours: config.scheduler.horizonHours };
  const gapcheck = createGapcheckFeature(deps, { settings: { ...config.gapCheck, presencePollMinutes: config.reminders.presencePollMinutes }, presence: graph?.presence });
  const reminders = createRemindersFeature(deps, { settings: config.reminders, presence: graph?.presence, presenceListeners: [gapcheck.presenceListener] });
  const pledge = createPledgeFeature(deps, { settings: { required: config.compliance.pledgeRequired, guidelineVersion: config.compliance.guidelineVersion } });
  const approvals = createApprovalsFeature(deps, { settings: config.approvals });
  const { appiPreliminaryDays: preliminaryDays, appiReminderHoursBefore: reminderHoursBefore, ...team } = config.devices;
  const devices = createDevicesFeature(deps, { intune: graph?.intune, approvals: approvals.core, settings: { ...team, appi: { preliminaryDays, reminderHoursBefore }, tickSeconds: config.reminders.tickSeconds } });
  const digests = createDigestsFeature(deps, {
    settings: { ...config.digests, ...planning }, unacknowledgedVpn: reminders.unacknowledgedVpn, gaps: gapcheck.gaps,
    sections: [devices.digestSection, pledge.digestSection, approvals.digestSection],
    csvLink: (managerId, localDate) => signedLink(`/api/exports/digests/${encodeURIComponent(managerId)}/${localDate}.csv`),
    worktime: config.worktime, linkTtlMinutes: config.exportLinkTtlMinutes,
    worktimeLink: (tenantId, month, department) => signedLink(`/api/exports/worktime/${encodeURIComponent(tenantId)}/${month}/${encodeURIComponent(department)}.csv`),
  });
  const checkins = createCheckinsFeature(deps, {
    scheduler: config.scheduler, listeners: [reminders.checkinListener, gapcheck.checkinListener, digests.checkinListener],
    reminderCounts: reminders.dayCounts, law: config.worktime.law, pledge: pledge.checkinPort, privatePcApproved: async (userId, at) => (await approvals.activeFor(userId, 'private_pc', at)) !== undefined,
  });
  const homeNetwork = createHomeNetworkFeature(deps, { settings: { monthly: config.compliance.homeNetworkMonthly, time: config.compliance.homeNetworkTime, planIntervalSeconds: planning.intervalSeconds, horizonHours: planning.horizonHours } });
  const rounds = createRoundsFeature(deps, {
    cascade: config.rounds, locationFreshHours: config.roundReach.locationFreshHours, jma: config.jma, rules: config.roundRules, timeZone: config.defaults.timeZone, onJmaPolled: countJmaPolls(metrics),
    exportUrl: async (roundId) => signedLink(`/api/exports/rounds/${roundId}.csv`),
    email: roundEmail,
  });
  const guideline = createGuidelineFeature(deps, { settings: { ...config.guideline, version: config.compliance.guidelineVersion, timeZone: config.defaults.timeZone } });
  const signalListeners = overrides.signalListeners ?? [reminders.signalListener, gapcheck.signalListener, devices.signalListener];
  const signals = createSignalsFeature(deps, { listeners: signalListeners, incidentLimits: config.signals.incidentLimits });

  const merged = mergeFeatures([checkins, rounds, reminders, gapcheck, pledge, devices, homeNetwork, approvals, digests, signals, guideline]);
  const actions: ActionHandlers<FeatureVerb> = merged.actions;
  await startWork(core, config, logger, cleanups, { ...merged, roundProgress: rounds.progress });

  const bot = createTeamsBot({
    db, logger, bot: config.bot, allowedTenantIds: config.allowedTenantIds, defaultTimeZone: config.defaults.timeZone,
    actions: timedActions(actions, metrics), afterAction: merged.afterAction, commands: merged.commands, commandVisible: merged.commandVisible, errorTexts: merged.errorTexts, fieldLabels: merged.fieldLabels,
    firstContact: { run: merged.onFirstContact, wake: () => outbox.notify() }, onInstalled: merged.onInstalled, onQuestion: merged.onQuestion,
    onReadReceipt: (p) => markRead(db, { recipientId: p.userId, conversationId: p.conversationId, lastReadMessageId: p.lastReadMessageId, at: clock.now() }),
  });
  const exports: ExportRoutes = { verify: signer.verify, roundCsv: rounds.csv, auditCsv: audit.csv, digestCsv: digests.csv, worktimeCsv: digests.worktimeCsv };
  const answers: AnswerPages = { verify: signer.verify, page: rounds.service.emailPage, submit: rounds.service.emailSubmit };
  const consoleRounds = { ...rounds.console, close: rounds.service.close, phone: rounds.service.phone, csv: rounds.csv };
  const compliance = { ...checkins.compliance, ...digests.compliance, ...reminders.compliance, ...approvals.compliance, ...devices.compliance };
  const consolePorts = createConsolePorts({ db, roles, rounds: consoleRounds, compliance, now: () => clock.now() });
  return { db, bot, outbox, queue, worker, rounds: rounds.service, exports, answers, signals: signals.intake, reminders, directory, devices, digests, console: consolePorts };
}
