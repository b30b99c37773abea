/**
 * CPU profiles of the app's process for the benchmarks: the inspector's sampling profiler, and where
 * the time went (self time by the module that ran it).
 */
import { Session } from 'node:inspector';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
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

/**
 * Where a sample's self time goes: card rendering (src/cards and the card templates' compiler), the
 * database (PGlite's WASM and wrapper, the pg driver, our store adapters), garbage collection, idle,
 * and the rest of the turn (HTTP, Bot Framework, the features' logic, zod, logging).
 */
function partOf(node: ProfileNode): 'render' | 'database' | 'gc' | 'idle' | 'turn' {
  const { url, functionName } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)') return 'idle';
  if (functionName === '(garbage collector)') return 'gc';
  if (/\/src\/cards\//.test(url)) return 'render';
  if (url.startsWith('wasm://') || /node_modules\/(@electric-sql\/pglite|pg|pg-protocol|pg-pool|pg-types)\//.test(url) || /\/src\/store\//.test(url)) return 'database';
  return 'turn';
}

/** Shares of the busy time (idle left out), in % of it, and the busy milliseconds. */
export function cpuSplit(profile: CpuProfile): { render: number; database: number; gc: number; turn: number; busyMs: number } {
  const parts = new Map(profile.nodes.map((n) => [n.id, partOf(n)]));
  const ms = { render: 0, database: 0, gc: 0, idle: 0, turn: 0 };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) ms[parts.get(samples[i] as number) ?? 'turn'] += (deltas[i] ?? 0) / 1000;
  const busy = ms.render + ms.database + ms.gc + ms.turn;
  const pctOf = (v: number) => (busy ? Math.round((1000 * v) / busy) / 10 : 0);
  return { render: pctOf(ms.render), database: pctOf(ms.database), gc: pctOf(ms.gc), turn: pctOf(ms.turn), busyMs: Math.round(busy) };
}
