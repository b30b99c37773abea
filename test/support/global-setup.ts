import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/store/migrate';
import { dumpPglite, openPglite } from '../../src/store/pglite';
import { createJobQueue } from '../../src/jobs/queue';
import { createLogger } from '../../src/log/logger';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * A new PGlite database runs initdb (~8–11 s). Migrate one template (our schema and pg-boss's) once
 * per run; every test clones it from the dump in about a second.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'anshin-template-'));
  const db = await openPglite({});
  await migrate(db);
  const queue = createJobQueue(db, { logger: createLogger('silent') });
  await queue.start();
  await queue.stop(100);
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await (await dumpPglite(db)).arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
