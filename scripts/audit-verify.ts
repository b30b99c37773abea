// `npm run audit:verify`: walks the audit log's hash chains (docs/audit.md) with the app's own
// configuration (DATABASE_URL or DATA_DIR, as `npm start` reads them), then compares them with the
// signed chain heads anchored outside the database (AUDIT_ANCHOR_DIR, AUDIT_ANCHOR_KEY). Prints either
// "audit log intact: N rows, M anchors" (exit 0) or the first broken link, naming its seq (exit 1).
// With PGlite (no DATABASE_URL) stop the app first: an embedded database has one user at a time.
import { loadAnchorKey, localFileAnchorStore } from '../src/audit/anchor';
import { verifyAnchors } from '../src/audit/anchor-verify';
import { ConfigError, loadConfigFromEnvironment } from '../src/config';
import { describeReport, verifyAuditLog } from '../src/audit/verify';
import { openStore } from '../src/store/open';

async function main(): Promise<number> {
  const config = loadConfigFromEnvironment();
  const db = await openStore(config.store);
  try {
    const report = await verifyAuditLog(db);
    if (report.problem) {
      process.stdout.write(`${describeReport(report)}\n`);
      return 1;
    }
    // Anchors only after the chains hold together: they catch what a consistent rewrite hides.
    const key = await loadAnchorKey(config.audit.anchor, { create: false });
    const anchors = await verifyAnchors(db, localFileAnchorStore(config.audit.anchor.dir), key?.key);
    if (anchors.problem) {
      const where = anchors.problem.seq === undefined ? '' : ` at seq ${anchors.problem.seq} (${anchors.problem.chain} chain)`;
      process.stdout.write(`audit log BROKEN${where}: ${anchors.problem.message}\n`);
      return 1;
    }
    process.stdout.write(`${describeReport(report)}, ${anchors.anchors} external anchors match\n`);
    if (!anchors.anchors) process.stdout.write(`  no external anchors in ${config.audit.anchor.dir}: a rewrite with recomputed hashes would not be noticed\n`);
    for (const c of report.chains) process.stdout.write(`  ${c.chain}: ${c.rows} rows, head seq ${c.headSeq} ${c.headHash}\n`);
    return 0;
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
