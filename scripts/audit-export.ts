// `npm run audit:export -- --from 2026-04-01 --to 2027-03-31 [--tenant <id>] [--out file.csv | --link]`
// The audit log of a period (local dates in DEFAULT_TIME_ZONE, both included) as the auditors' CSV
// (docs/audit.md), with the app's own configuration. --out writes the file (default
// audit-<from>-<to>.csv); --link prints a signed download link instead (valid
// EXPORT_LINK_TTL_MINUTES, on PUBLIC_BASE_URL) to hand to an auditor. Without --tenant: every tenant.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { auditCsv, isValidRange } from '../src/audit/export';
import { ConfigError, loadConfigFromEnvironment } from '../src/config';
import { auditExportLink } from '../src/http/audit-export';
import { createLinkSigner } from '../src/http/signing';
import { openStore } from '../src/store/open';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, tenant: { type: 'string' }, out: { type: 'string' }, link: { type: 'boolean', default: false } },
  });
  const query = { from: values.from ?? '', to: values.to ?? '', ...(values.tenant ? { tenantId: values.tenant } : {}) };
  if (!isValidRange(query)) throw new Error('--from and --to must be dates (YYYY-MM-DD), from ≤ to');
  const config = loadConfigFromEnvironment();
  const db = await openStore(config.store);
  try {
    if (values.link) {
      const signer = await createLinkSigner(db);
      const base = config.publicBaseUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
      process.stdout.write(`${base}${auditExportLink(signer.sign, query, config.exportLinkTtlMinutes * 60)}\n`);
      return;
    }
    const out = values.out ?? `audit-${query.from}-${query.to}${values.tenant ? `-${values.tenant.replace(/[^A-Za-z0-9_-]/g, '_')}` : ''}.csv`;
    await pipeline(Readable.from(auditCsv(db, query, config.defaults.timeZone)), createWriteStream(out));
    process.stdout.write(`wrote ${out}\n`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`audit:export failed: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
