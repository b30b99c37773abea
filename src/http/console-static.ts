import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Server } from 'restify';

/** The bundle Vite builds from src/console (git-ignored); the same place from src/http and dist/http. */
const CONSOLE_BUNDLE_DIR = path.resolve(__dirname, '../../dist/console');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The tab may be framed by Teams (web, desktop, mobile hosts) and talks only to this server and
 * Entra (sign-in). Fluent UI writes its styles at run time, hence the inline styles.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://login.microsoftonline.com",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com",
].join('; ');

/** GET /console/… : the built tab. Hashed assets are cached for a year; the page never. */
export function registerConsoleStatic(server: Server, dir = CONSOLE_BUNDLE_DIR): void {
  const serve = async (relative: string, res: import('restify').Response) => {
    const file = path.resolve(dir, relative);
    if (!file.startsWith(`${dir}${path.sep}`)) return void res.send(404, { error: 'not found' });
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return void res.send(404, { error: relative === 'index.html' ? 'console not built: run npm start (it builds it) or npm run build:console' : 'not found' });
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  };
  server.get('/console', (_req, res, next) => {
    res.header('location', '/console/');
    res.send(301);
    next();
  });
  server.get('/console/*', async (req, res) => {
    const relative = decodeURIComponent(new URL(req.url ?? '', 'http://local').pathname.slice('/console/'.length));
    await serve(relative || 'index.html', res);
  });
}
