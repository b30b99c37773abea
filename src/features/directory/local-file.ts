import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { localeFromTag } from '../../domain/shared/locale';
import type { Db } from '../../store/db';
import { usersRepo } from '../../store/users';

const prefecture = z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/, 'JIS prefecture code 01–47');

const directorySchema = z.object({
  tenantId: z.string().min(1),
  users: z.array(
    z.object({
      aadObjectId: z.string().min(1),
      teamsUserId: z.string().optional(),
      name: z.string(),
      email: z.string().optional(),
      /** User principal name, for signals that name people by UPN (the email is used when absent). */
      upn: z.string().min(1).optional(),
      department: z.string().optional(),
      managerAadObjectId: z.string().nullable().optional(),
      officePrefecture: prefecture.optional(),
      homePrefecture: prefecture.optional(),
      isAdmin: z.boolean().default(false),
      privatePcApproved: z.boolean().default(false),
      locale: z.string().default('ja-JP'),
      timeZone: z.string().optional(),
      schedule: z
        .object({
          startTime: z.string().optional(),
          endTime: z.string().optional(),
          workdays: z.array(z.number().int().min(0).max(6)).optional(),
          // Flextime (労基法32条の3) for this person, or null for fixed hours; absent: the company's (docs/worktime.md).
          flex: z
            .object({ settlementMonths: z.union([z.literal(1), z.literal(2), z.literal(3)]), firstMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') })
            .strict()
            .nullable()
            .optional(),
        })
        .optional(),
    }),
  ),
});

/**
 * Local mode's stand-in for Entra ID: departments, managers, prefectures and admins for the
 * playground's users (scripts/local/directory.json, the default in local mode only). Outside local
 * mode an explicitly configured file is an HR export: it is imported only for an allowed tenant, so
 * the sample (and its sample admin) cannot land in a real tenant's database.
 * Imported at start; the file is the source of truth for these fields.
 */
export async function importDirectoryFile(
  db: Db,
  file: string,
  defaults: { timeZone: string; /** Undefined: any tenant (local mode). */ allowedTenantIds?: readonly string[] },
): Promise<number> {
  const parsed = directorySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`directory file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { tenantId, users } = parsed.data;
  if (defaults.allowedTenantIds && !defaults.allowedTenantIds.includes(tenantId)) {
    throw new Error(`directory file ${file}: tenant ${tenantId} is not allowed (ALLOWED_TENANT_IDS, or MicrosoftAppTenantId)`);
  }
  await db.transaction(async (tx) => {
    for (const u of users) {
      await usersRepo.upsert(tx, {
        id: u.aadObjectId,
        tenantId,
        teamsUserId: u.teamsUserId,
        name: u.name,
        email: u.email,
        upn: u.upn,
        locale: localeFromTag(u.locale),
        timeZone: u.timeZone ?? defaults.timeZone,
        department: u.department,
        managerId: u.managerAadObjectId ?? undefined,
        officePrefecture: u.officePrefecture,
        homePrefecture: u.homePrefecture,
        // The file's own flag only: ADMIN_USER_IDS is the roles service's (src/store/roles.ts), not stored as a directory flag.
        isAdmin: u.isAdmin,
        privatePcApproved: u.privatePcApproved,
        schedule: u.schedule,
        localeFromDirectory: true,
      });
    }
  });
  return users.length;
}
