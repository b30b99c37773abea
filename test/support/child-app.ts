import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface ChildApp {
  readonly url: string;
  readonly proc: ChildProcess;
  /** Resolves with the exit code (null when killed by the signal). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `src/main.ts` in its own process (as `npm start` does), waits until /readyz says ready. */
export async function spawnApp(env: Record<string, string>, logFile: string, timeoutMs = 60_000): Promise<ChildApp> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  proc.stderr?.pipe(log);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in ${timeoutMs} ms; see ${logFile}`)), timeoutMs);
    let buf = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buf += chunk.toString();
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"Anshin is ready"/.exec(buf);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}; see ${logFile}`));
    });
  });
  return {
    url,
    proc,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        proc.kill(signal);
      }),
  };
}
