import { existsSync } from 'node:fs';
import type { AnswerPages } from './http/answer-page';
import type { ActionHandlers } from './cards/actions';
import type { FeatureVerb } from './cards/verbs';
import type { Config } from './config';
import { queueDepthByLane } from './delivery/metrics-query';
import type { Outbox } from './delivery/outbox';
import { listenToOutcomes, type DeliveryWorker } from './delivery/worker';
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
import type { ExportRoutes } from './http/server';
import type { SignalsIntake } from './http/signals-route';
import type { JobQueue } from './jobs/queue';
import { startRecurring } from './jobs/recurring';
import { registerJobHandlers, type JobHandlers } from './jobs/registry';
import { retentionTask } from './jobs/retention';
import type { Logger } from './log/logger';
import type { Db } from './store/db';
import { createTeamsBot, type TeamsBot } from './teams/app';
import { timedActions } from './telemetry/actions';
import { countJmaPolls } from './telemetry/jma';
import { buildCore, type CoreOverrides } from './wiring-core';

/** Replaceable collaborators (tests): the core's, and the signal listeners. */
export interface Overrides extends CoreOverrides {
  /** Receive processed signals instead of the features they are meant for. */
  readonly signalListeners?: readonly SignalListener[];
}
export interface Wired {
  readonly db: Db;
  readonly bot: TeamsBot;
  readonly outbox: Outbox;
  readonly queue: JobQueue;
  readonly worker: DeliveryWorker;
  readonly rounds: RoundService;
  readonly exports: ExportRoutes;
  /** The e-mail fallback's answer page (src/http/answer-page.ts). */
  readonly answers: AnswerPages;
  readonly signals: SignalsIntake;
  readonly reminders: RemindersFeature;
  readonly devices: DevicesFeature;
  readonly digests: Pick<DigestsFeature, 'runDue'>;
  readonly directory: Pick<DirectoryFeature, 'sync'>;
}

/**
 * The second half of the composition root (see main.ts): core services, then the features in the
 * order their ports need, then one merge of what they contribute. Each started part registers its
 * cleanup; the caller runs them in reverse order.
 */
export async function wire(config: Config, logger: Logger, clock: Clock, overrides: Overrides, cleanups: (() => Promise<void>)[], selfUrl: string): Promise<Wired> {
  const { db, graph, queue, metrics, worker, outbox, audit, signer, signedLink, roundEmail } = await buildCore(config, logger, overrides, cleanups, selfUrl, clock);
  // Before anything serves: the directory file is imported (a bad file stops the start), Graph syncs in the background.
  const directory = createDirectoryFeature({
    db, clock, logger, settings: config.directory, defaults: config.defaults, client: graph?.client,
    file: config.directoryFile && existsSync(config.directoryFile) ? config.directoryFile : undefined,
    fileDefaults: { timeZone: config.defaults.timeZone, adminUserIds: config.adminUserIds, allowedTenantIds: config.localMode ? undefined : config.allowedTenantIds },
  });
  cleanups.push(await directory.start());
  const deps: FeatureDeps = { db, clock, outbox, queue, audit: audit.log, logger, companyHolidays: config.companyHolidays };

  // The features, producers of ports before their consumers.
  const planning = { intervalSeconds: config.scheduler.intervalSeconds, horizonHours: config.scheduler.horizonHours };
  const gapcheck = createGapcheckFeature(deps, { settings: { ...config.gapCheck, presencePollMinutes: config.reminders.presencePollMinutes }, presence: graph?.presence });
  const reminders = createRemindersFeature(deps, { settings: config.reminders, presence: graph?.presence, presenceListeners: [gapcheck.presenceListener] });
  const pledge = createPledgeFeature(deps, { settings: { required: config.compliance.pledgeRequired, guidelineVersion: config.compliance.guidelineVersion } });
  const approvals = createApprovalsFeature(deps, { adminIds: config.adminUserIds, settings: config.approvals });
  const { appiPreliminaryDays: preliminaryDays, appiReminderHoursBefore: reminderHoursBefore, ...team } = config.devices;
  const devices = createDevicesFeature(deps, { intune: graph?.intune, approvals: approvals.core, settings: { ...team, appi: { preliminaryDays, reminderHoursBefore }, tickSeconds: config.reminders.tickSeconds, adminIds: config.adminUserIds } });
  const digests = createDigestsFeature(deps, {
    settings: { ...config.digests, ...planning }, unacknowledgedVpn: reminders.unacknowledgedVpn, gaps: gapcheck.gaps,
    sections: [devices.digestSection, pledge.digestSection, approvals.digestSection],
    csvLink: (managerId, localDate) => signedLink(`/api/exports/digests/${encodeURIComponent(managerId)}/${localDate}.csv`),
    worktime: config.worktime, adminIds: config.adminUserIds, linkTtlMinutes: config.exportLinkTtlMinutes,
    worktimeLink: (tenantId, month, department) => signedLink(`/api/exports/worktime/${encodeURIComponent(tenantId)}/${month}/${encodeURIComponent(department)}.csv`),
  });
  const checkins = createCheckinsFeature(deps, {
    scheduler: config.scheduler, listeners: [reminders.checkinListener, gapcheck.checkinListener, digests.checkinListener],
    reminderCounts: reminders.dayCounts, law: config.worktime.law, pledge: pledge.checkinPort, privatePcApproved: async (userId, at) => (await approvals.activeFor(userId, 'private_pc', at)) !== undefined,
  });
  const homeNetwork = createHomeNetworkFeature(deps, { settings: { monthly: config.compliance.homeNetworkMonthly, time: config.compliance.homeNetworkTime, planIntervalSeconds: planning.intervalSeconds, horizonHours: planning.horizonHours } });
  const rounds = createRoundsFeature(deps, {
    cascade: config.rounds, locationFreshHours: config.roundReach.locationFreshHours, jma: config.jma, rules: config.roundRules, adminIds: config.adminUserIds, timeZone: config.defaults.timeZone, onJmaPolled: countJmaPolls(metrics),
    exportUrl: async (roundId) => signedLink(`/api/exports/rounds/${roundId}.csv`),
    email: roundEmail,
  });
  const guideline = createGuidelineFeature(deps, {
    adminIds: config.adminUserIds,
    settings: { ...config.guideline, version: config.compliance.guidelineVersion, timeZone: config.defaults.timeZone },
  });
    const signals = createSignalsFeature(deps, {
    listeners: overrides.signalListeners ?? [reminders.signalListener, gapcheck.signalListener, devices.signalListener], incidentLimits: config.signals.incidentLimits,
  });

  const merged = mergeFeatures([checkins, rounds, reminders, gapcheck, pledge, devices, homeNetwork, approvals, digests, signals, guideline]);
  const jobHandlers: JobHandlers = merged.jobHandlers;
  const actions: ActionHandlers<FeatureVerb> = merged.actions;
  await registerJobHandlers(queue, jobHandlers);
  listenToOutcomes(worker.events, merged.deliveryOutcome);
  worker.start();
  cleanups.push(() => worker.stop(config.shutdownGraceSeconds * 1000));
  const stopGauges = metrics.observe({ queueDepth: () => queueDepthByLane(db), roundProgress: rounds.progress }, logger);
  cleanups.push(async () => stopGauges());
  if (config.scheduler.enabled) {
    const retention = retentionTask({ db, clock, audit: audit.log, logger, days: config.retention, tasks: merged.retention });
    const recurring = await startRecurring([...merged.recurring, audit.retention, audit.anchor, retention], logger);
    cleanups.push(() => recurring.stop());
  }
  for (const start of merged.starts) cleanups.push(await start());

  const bot = createTeamsBot({
    db, logger, bot: config.bot, allowedTenantIds: config.allowedTenantIds, defaultTimeZone: config.defaults.timeZone,
    actions: timedActions(actions, metrics), afterAction: merged.afterAction, commands: merged.commands, commandVisible: merged.commandVisible, errorTexts: merged.errorTexts, fieldLabels: merged.fieldLabels,
    firstContact: { run: merged.onFirstContact, wake: () => outbox.notify() }, onInstalled: merged.onInstalled, onQuestion: merged.onQuestion,
  });
  const exports: ExportRoutes = { verify: signer.verify, roundCsv: rounds.csv, auditCsv: audit.csv, digestCsv: digests.csv, worktimeCsv: digests.worktimeCsv };
  const answers: AnswerPages = { verify: signer.verify, page: rounds.service.emailPage, submit: rounds.service.emailSubmit };
  return { db, bot, outbox, queue, worker, rounds: rounds.service, exports, answers, signals: signals.intake, reminders, directory, devices, digests };
}
