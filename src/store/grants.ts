import type { Executor } from './db';

/** Tables the app may only read and append to: the audit log is the owner's, not the app's. */
const APPEND_ONLY = ['audit_log'];
/** Tables the app may only read (the database itself maintains them). */
const READ_ONLY = ['audit_head', 'schema_migrations'];
/** Tables the app may not touch at all (the owner's retention floor). */
const OWNER_ONLY = ['audit_retention_floor'];

/**
 * What the app role may do once the owner role has migrated (DATABASE_OWNER_URL): read and write the
 * app's tables, read and append to the audit log, call the retention function, and create its job
 * queue's own schema (pg-boss creates and owns `pgboss`). Run by the owner after every migration, so
 * tables a new migration adds are granted too. No UPDATE, DELETE or TRUNCATE on the log, no ownership:
 * the app role cannot drop its triggers or bypass them.
 */
export async function grantAppRole(owner: Executor, appRole: string): Promise<void> {
  const role = quoteIdent(appRole);
  const current = await owner.query<{ db: string }>('select current_database() as db');
  const database = quoteIdent(current.rows[0]?.db ?? '');
  await owner.exec(
    [
      `grant connect, create on database ${database} to ${role}`,
      `grant usage on schema public to ${role}`,
      `grant select, insert, update, delete on all tables in schema public to ${role}`,
      `grant usage, select on all sequences in schema public to ${role}`,
      ...APPEND_ONLY.map((t) => `revoke update, delete, truncate, references, trigger on ${t} from ${role}`),
      ...READ_ONLY.map((t) => `revoke insert, update, delete, truncate, references, trigger on ${t} from ${role}`),
      ...OWNER_ONLY.map((t) => `revoke all on ${t} from ${role}`),
      `grant execute on function audit_retention_remove(text, bigint) to ${role}`,
    ].join(';\n'),
  );
}

/**
 * Whether the connected role can rewrite the audit log: it owns the table, or is a superuser. Then
 * the hash chain and the external anchors still detect a rewrite, but nothing prevents it.
 */
export async function auditLogWritableBy(ex: Executor): Promise<boolean> {
  const r = await ex.query<{ writable: boolean }>(
    `select coalesce((select rolsuper from pg_roles where rolname = current_user), false)
         or pg_has_role(current_user, (select tableowner from pg_tables where schemaname = 'public' and tablename = 'audit_log'), 'USAGE') as writable`,
  );
  return r.rows[0]?.writable ?? true;
}

/** Role names come from our own configuration, but a quote in one must not end the statement. */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
