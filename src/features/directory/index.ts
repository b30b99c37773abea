/**
 * The directory feature's public file: people, departments, managers, prefectures, admins and the
 * security team, from Entra ID through Microsoft Graph or from a directory file (docs/directory.md).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../../config';
import { startRecurring } from '../../jobs/recurring';
import { fileDirectorySource, filePrefectures } from './file-source';
import { graphDirectorySource, type GraphSyncDeps } from './graph-sync';
import { directoryJobs } from './jobs';
import { roleGroupGuard, type DirectoryServices } from './role-groups';
import type { importDirectoryFile } from './local-file';
import type { DirectorySource, DirectorySyncReport } from './source';

export type { DirectorySyncReport } from './source';

/** db, clock, logger; outbox, audit and roles for the admins' cards when a role group cannot be read (role-groups.ts). */
export interface DirectoryDeps extends DirectoryServices {
  readonly settings: Config['directory'];
  readonly defaults: Config['defaults'];
  /** The directory file, when one is configured and exists. */
  readonly file?: string;
  readonly fileDefaults: Parameters<typeof importDirectoryFile>[2];
  /** Graph, when enabled. */
  readonly client?: Client;
  /** @internal tests shorten the Graph reader's waits. */
  readonly retry?: GraphSyncDeps['retry'];
}

export function createDirectoryFeature(deps: DirectoryDeps) {
  const logger = deps.logger.child({ component: 'directory' });
  const source = directorySource(deps);
  const stopping = new AbortController();
  let running: Promise<DirectorySyncReport | undefined> | undefined;

  /** One sync now; a sync already under way is joined rather than doubled. */
  const sync = (): Promise<DirectorySyncReport | undefined> =>
    (running ??= source.sync(stopping.signal).finally(() => {
      running = undefined;
    }));

  return {
    sync,
    /**
     * File: imported before the app serves anyone (a bad file stops the start). Graph: the first
     * sync runs in the background, so readiness never waits for a tenant's worth of pages, then
     * every DIRECTORY_SYNC_MINUTES. Returns the cleanup that stops it.
     */
    async start(): Promise<() => Promise<void>> {
      if (source.kind === 'file') {
        const report = await sync();
        if (report) logger.info({ users: report.users }, 'directory imported');
        return async () => undefined;
      }
      // A round cut short by the shutdown is not a failure: the next start carries on from the stored link.
      const quietAtShutdown = (err: unknown) => {
        if (!stopping.signal.aborted) throw err;
      };
      sync()
        .catch(quietAtShutdown)
        .catch((err: unknown) => logger.error({ err: String(err) }, 'directory sync failed; retrying at the next interval'));
      const jobs = directoryJobs({ syncMinutes: deps.settings.syncMinutes, sync: () => sync().catch(quietAtShutdown) });
      const work = await startRecurring(jobs.recurring, logger);
      return async () => {
        stopping.abort(new Error('shutting down'));
        await work.stop();
        await running?.catch(() => undefined);
      };
    },
  };
}

export type DirectoryFeature = ReturnType<typeof createDirectoryFeature>;

function directorySource(deps: DirectoryDeps): DirectorySource {
  const { settings, file } = deps;
  if (settings.source === 'file') {
    if (!file) return { kind: 'file', sync: async () => undefined };
    return fileDirectorySource(deps.db, file, deps.fileDefaults);
  }
  if (!deps.client || !settings.tenantId) throw new Error('directory: the Graph source needs Graph and a tenant id');
  const roleGroups = roleGroupGuard({
    ...deps, logger: deps.logger.child({ component: 'directory', tenantId: settings.tenantId }), tenantId: settings.tenantId,
    groups: settings.groups, failClosedHours: settings.roleSyncFailClosedHours,
  });
  return graphDirectorySource({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    client: deps.client,
    tenantId: settings.tenantId,
    defaults: deps.defaults,
    groups: settings.groups,
    prefectureOverrides: file ? () => filePrefectures(file) : undefined,
    retry: deps.retry,
    roleGroups,
  });
}
