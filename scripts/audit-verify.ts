// `npm run audit:verify`: walks the audit log's hash chains (docs/audit.md) with the app's own
// configuration (DATABASE_URL or DATA_DIR, as `npm start` reads them) and prints either
// "audit log intact: N rows" (exit 0) or the first broken link, naming its seq (exit 1).
// With PGlite (no DATABASE_URL) stop the app first: an embedded database has one user at a time.
import { ConfigError, loadConfigFromEnvironment } from '../src/config';
import { describeReport, verifyAuditLog } from '../src/audit/verify';
import { openStore } from '../src/store/open';

async function main(): Promise<number> {
  const config = loadConfigFromEnvironment();
  const db = await openStore(config.store);
  try {
    const report = await verifyAuditLog(db);
    process.stdout.write(`${describeReport(report)}\n`);
    // The heads, to note down elsewhere: a later run that shows a different past head means the
    // chain was rewritten wholesale, which a hash chain alone cannot reveal.
    for (const c of report.chains) process.stdout.write(`  ${c.chain}: ${c.rows} rows, head seq ${c.headSeq} ${c.headHash}\n`);
    return report.problem ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`audit:verify failed: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
