import type { Db } from '../../src/store/db';
import { usersRepo } from '../../src/store/users';
import type { FakeCloudState } from './fake-cloud';

export interface Person {
  id: string;
  name: string;
  department: string;
  managerId?: string;
  isAdmin?: boolean;
  locale?: 'ja' | 'en';
  officePrefecture?: string;
  homePrefecture?: string;
  email?: string;
}

/**
 * People known to the directory (users table), to the local cloud (installed app), and with a stored
 * conversation reference pointing at the local connector — as after each of them opened the bot once.
 */
export async function seedPeople(db: Db, state: FakeCloudState, p: { tenantId: string; connectorUrl: string; people: readonly Person[] }): Promise<void> {
  await db.transaction(async (tx) => {
    for (const u of p.people) {
      await usersRepo.upsert(tx, {
        id: u.id,
        tenantId: p.tenantId,
        teamsUserId: `29:${u.id}`,
        name: u.name,
        locale: u.locale ?? 'ja',
        timeZone: 'Asia/Tokyo',
        department: u.department,
        managerId: u.managerId,
        isAdmin: u.isAdmin ?? false,
        privatePcApproved: false,
        officePrefecture: u.officePrefecture,
        homePrefecture: u.homePrefecture,
        email: u.email,
      });
      state.addUser({ aadObjectId: u.id, tenantId: p.tenantId, name: u.name, department: u.department, installed: true });
      const conv = `a:conv-${u.id}`;
      state.registerConversation(conv, { conversation: { tenantId: p.tenantId }, recipient: { aadObjectId: u.id, id: `29:${u.id}` } });
      await tx.query(
        `insert into conversation_refs (user_id, tenant_id, conversation_id, service_url, reference) values ($1, $2, $3, $4, $5)
         on conflict (user_id) do nothing`,
        [u.id, p.tenantId, conv, p.connectorUrl, JSON.stringify({ conversation: { id: conv } })],
      );
    }
  });
}

/** An organisation: `n` members in department Ops under `managers` managers, plus admins in HR. */
export function organisation(n: number, managers: number, admins = 2): { members: Person[]; managers: Person[]; admins: Person[] } {
  const ms: Person[] = Array.from({ length: managers }, (_, i) => ({ id: `mgr-${i + 1}`, name: `Manager ${i + 1}`, department: 'Management' }));
  const members: Person[] = Array.from({ length: n }, (_, i) => ({
    id: `emp-${String(i + 1).padStart(4, '0')}`,
    name: `Employee ${i + 1}`,
    department: 'Ops',
    managerId: ms[i % managers]?.id,
    locale: i % 5 === 0 ? 'en' : 'ja',
  }));
  const as: Person[] = Array.from({ length: admins }, (_, i) => ({ id: `admin-${i + 1}`, name: `Admin ${i + 1}`, department: 'HR', isAdmin: true }));
  return { members, managers: ms, admins: as };
}
