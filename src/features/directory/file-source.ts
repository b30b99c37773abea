import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Db } from '../../store/db';
import { importDirectoryFile } from './local-file';
import type { PrefectureOverride } from './repository';
import type { DirectorySource } from './source';

/** The directory file as the only source: imported whole (it is the source of truth for what it lists). */
export function fileDirectorySource(db: Db, file: string, defaults: Parameters<typeof importDirectoryFile>[2]): DirectorySource {
  return {
    kind: 'file',
    async sync() {
      const users = await importDirectoryFile(db, file, defaults);
      return { source: 'file', mode: 'file', users, removed: 0, pages: 1, throttled: 0 };
    },
  };
}

const code = z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/, 'JIS prefecture code 01–47').optional();
const prefecturesSchema = z.object({
  users: z.array(z.object({ aadObjectId: z.string().min(1), officePrefecture: code, homePrefecture: code })),
});

/**
 * Next to the Graph sync, the file only says prefectures: Entra ID has no home address and its
 * office address may be too vague to name a prefecture. Read at every sync, so an edited file applies.
 */
export async function filePrefectures(file: string): Promise<PrefectureOverride[]> {
  const parsed = prefecturesSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`directory file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.users
    .filter((u) => u.officePrefecture || u.homePrefecture)
    .map((u) => ({ id: u.aadObjectId, office: u.officePrefecture, home: u.homePrefecture }));
}
