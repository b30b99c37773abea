/**
 * CPU profiles of the app's process for the benchmarks: the inspector's sampling profiler, and where
 * the time went (self time by the module that ran it).
 */
import { Session } from 'node:inspector';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** The inspector's sampling profiler on this process; the returned function stops it and gives the profile. */
export async function startProfile(): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    return profile;
  };
}

/** The parts a profile's busy time is split into (bench:invoke prints them in this order). */
export const PARTS = ['render', 'database', 'gc', 'sdk', 'http', 'app'] as const;
type Part = (typeof PARTS)[number] | 'idle' | 'profiler';

/**
 * Where a frame's self time goes, by the module that ran it: card rendering (src/cards), the database
 * (PGlite's WASM and wrapper, the pg driver, our store adapters), garbage collection, the Bot Framework
 * and Teams AI SDKs with the Azure client libraries under them (sdk), the HTTP server and client
 * (restify, node:http, undici: http), and the rest of the app (features, zod, logging, delivery).
 * Undefined for a native frame (a system call such as writev) and Node's plumbing (sockets, streams,
 * events): it counts for the caller — pg's socket writes are the database's, a response's are http's.
 */
function ownPart(node: ProfileNode): Part | undefined {
  const { url, functionName } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)') return 'idle';
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === 'dispatch' && !url) return 'profiler';
  if (/\/src\/cards\//.test(url)) return 'render';
  if (url.startsWith('wasm://') || /node_modules\/(@electric-sql\/pglite|pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//.test(url) || /\/src\/store\//.test(url)) return 'database';
  if (/node_modules\/(botbuilder[^/]*|botframework-[^/]+|@microsoft\/teams-ai|@azure\/[^/]+|@typespec\/[^/]+|jsonwebtoken|jose)\//.test(url)) return 'sdk';
  if (/node_modules\/(restify[^/]*|find-my-way|send)\//.test(url) || /^node:(_http|internal\/(http|deps\/undici))/.test(url)) return 'http';
  // Node's own plumbing (sockets, streams, events, timers, promises) works for whoever called it.
  if (!url || url.startsWith('node:')) return undefined;
  return 'app';
}

/** Shares of the busy time (idle and the profiler itself left out), in % of it, and the busy milliseconds. */
export function cpuSplit(profile: CpuProfile): Record<(typeof PARTS)[number], number> & { busyMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOfId = new Map<number, Part>();
  const partOf = (id: number): Part => {
    const known = partOfId.get(id);
    if (known) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const part = (node && ownPart(node)) ?? (up === undefined ? 'app' : partOf(up));
    partOfId.set(id, part);
    return part;
  };
  const ms: Record<Part, number> = { render: 0, database: 0, gc: 0, sdk: 0, http: 0, app: 0, idle: 0, profiler: 0 };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) ms[partOf(samples[i] as number)] += (deltas[i] ?? 0) / 1000;
  const busy = PARTS.reduce((n, p) => n + ms[p], 0);
  const pctOf = (v: number) => (busy ? Math.round((1000 * v) / busy) / 10 : 0);
  return { ...(Object.fromEntries(PARTS.map((p) => [p, pctOf(ms[p])])) as Record<(typeof PARTS)[number], number>), busyMs: Math.round(busy) };
}
