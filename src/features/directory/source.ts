/**
 * The directory port: where people, departments, managers, prefectures and admins come from. Two
 * adapters: the Graph sync (Entra ID, the default outside local mode) and the directory file (local
 * mode's sample, or an HR export).
 */
export interface DirectorySyncReport {
  readonly source: 'graph' | 'file';
  /** full: every user read (first run, or an expired delta link); delta: only the changes; file: the file imported. */
  readonly mode: 'full' | 'delta' | 'file';
  /** People written (new or changed). */
  readonly users: number;
  /** People deactivated because they left the tenant. */
  readonly removed: number;
  readonly pages: number;
  /** 429 answers waited out. */
  readonly throttled: number;
}

export interface DirectorySource {
  readonly kind: 'graph' | 'file';
  /** One sync; undefined when there was nothing to do (another replica is syncing). Throws when the source failed. */
  sync(signal?: AbortSignal): Promise<DirectorySyncReport | undefined>;
}
