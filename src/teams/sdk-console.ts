import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import type { Logger } from '../log/logger';

/**
 * The Bot Framework SDK writes to the console on its own: a stack trace and the JWKS key for every
 * bad token (botframework-connector's JwtTokenExtractor, CloudAdapter.process), warnings for odd
 * activities. Those lines are not JSON, bypass the logger's redaction, and let anyone with a bad
 * token flood the log. While the SDK handles a request, the console goes to the JSON logger at debug
 * level instead: one line per call, its first line only, tokens and keys cut out. Outside a request
 * (and in other code running meanwhile) the console is untouched.
 */
const METHODS = ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const;
type Method = (typeof METHODS)[number];

const scope = new AsyncLocalStorage<Logger>();
const INSTALLED = Symbol.for('anshin.sdkConsole');
const MAX_CHARS = 200;

/** Runs `work` (a request through the SDK) with the SDK's console output sent to `logger`. */
export function withSdkConsole<T>(logger: Logger, work: () => Promise<T>): Promise<T> {
  installConsoleRouting();
  return scope.run(logger.child({ component: 'bot-sdk' }), work);
}

/** Once per process; the console methods stay as they were outside withSdkConsole. */
function installConsoleRouting(): void {
  const target = console as Console & { [INSTALLED]?: true };
  if (target[INSTALLED]) return;
  target[INSTALLED] = true;
  for (const method of METHODS) {
    const original = console[method].bind(console) as (...args: unknown[]) => void;
    console[method] = (...args: unknown[]) => {
      const log = scope.getStore();
      if (log) log.debug({ console: method satisfies Method, detail: summary(args) }, 'bot sdk console output');
      else original(...args);
    };
  }
}

/** The first line of what was printed, with anything like a token or a key removed. */
function summary(args: readonly unknown[]): string {
  const text = args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : format('%o', a))).join(' ');
  const firstLine = text.replace(/-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g, '[key]').split('\n')[0] ?? '';
  return firstLine
    .replace(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[token]')
    .replace(/Bearer\s+\S+/gi, 'Bearer [token]')
    .replace(/[A-Za-z0-9+/_=-]{40,}/g, '[redacted]')
    .slice(0, MAX_CHARS);
}
