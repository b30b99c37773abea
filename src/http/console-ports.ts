import type { User } from '../domain/people/user';
import type { Db } from '../store/db';
import type { Roles } from '../store/roles';
import { usersRepo } from '../store/users';
import type { ConsoleIdentity } from './console-auth';
import { complianceOverview, complianceWatch, type CompliancePorts } from './console-compliance';

/** What a console user may do; a manager is anyone with active direct reports. */
export interface ConsoleRoles {
  readonly admin: boolean;
  readonly manager: boolean;
  readonly security: boolean;
}

export interface ConsoleViewer {
  readonly user: User;
  readonly roles: ConsoleRoles;
}

/** A person of the local directory, for the local-mode picker. */
export interface PickerPerson {
  readonly id: string;
  readonly name: string;
  readonly department?: string;
  readonly roles: ConsoleRoles;
}

/**
 * What the console API needs from the features, handed over by the composition root (src/wiring.ts):
 * src/http never imports a feature. Results are JSON the browser reads; the features own their shape.
 */
export interface ConsolePorts {
  /** The signed-in (or picked) person, when the directory knows them in that tenant and they are active. */
  viewer(identity: ConsoleIdentity): Promise<ConsoleViewer | undefined>;
  /** Local mode's picker: the local directory's people. */
  people(): Promise<readonly PickerPerson[]>;
  readonly rounds: {
    list(user: User): Promise<unknown>;
    live(user: User, roundId: string): Promise<unknown>;
    attention(user: User, roundId: string, department?: string): Promise<unknown>;
    /** The round's report (answer curve, milestones, department ranking, never answered, the previous drill). */
    report(user: User, roundId: string): Promise<unknown>;
    reportCsv(user: User, roundId: string): Promise<string>;
    resendNow(user: User, roundId: string, p: { department?: string; requestId: string }): Promise<{ queued: number }>;
    close(user: User, roundId: string): Promise<unknown>;
    phone(user: User, p: { roundId: string; userId: string; result: 'safe' | 'injured' | 'unreachable' }): Promise<unknown>;
    /** The round's CSV (the same rows the signed export link serves); only after `live` allowed the viewer. */
    csv(roundId: string): Promise<string | undefined>;
    /** Calls `onChange` (coalesced) whenever the round's recipients or deliveries change, on any replica. */
    subscribe(roundId: string, onChange: () => void): () => void;
  };
  /** The compliance overview the viewer's roles allow (console-compliance.ts). */
  compliance(viewer: ConsoleViewer): Promise<unknown>;
  /** Its working-time watch list, asked for separately (the slow part). */
  complianceWatch(viewer: ConsoleViewer): Promise<unknown>;
}

/**
 * The console's ports from the store and the rounds feature's console port (handed in by the
 * composition root): who a viewer is and which roles they hold, the local picker's people, the rounds.
 */
export function createConsolePorts(deps: { db: Db; roles: Roles; rounds: ConsolePorts['rounds']; compliance: CompliancePorts; now: () => Date }): ConsolePorts {
  const { db, roles } = deps;
  const rolesOf = async (user: User): Promise<ConsoleRoles> => ({
    admin: roles.isAdmin(user),
    manager: (await usersRepo.managerIds(db, user.tenantId)).has(user.id),
    security: await roles.isSecurity(db, user),
  });
  return {
    async viewer({ tenantId, userId }) {
      const user = tenantId ? await usersRepo.getInTenant(db, tenantId, userId) : await usersRepo.get(db, userId);
      return user?.active ? { user, roles: await rolesOf(user) } : undefined;
    },
    async people() {
      const managers = await usersRepo.managerIds(db);
      const security = new Set(await roles.securityMemberIds(db));
      return (await usersRepo.listActive(db)).map((person) => ({
        id: person.id, name: person.name, department: person.department,
        roles: { admin: roles.isAdmin(person), manager: managers.has(person.id), security: security.has(person.id) },
      }));
    },
    rounds: deps.rounds,
    compliance: (viewer) => complianceOverview(deps.compliance, viewer, deps.now()),
    complianceWatch: (viewer) => complianceWatch(deps.compliance, viewer, deps.now()),
  };
}
