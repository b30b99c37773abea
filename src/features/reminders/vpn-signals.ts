import { isWorkday, scheduleFor } from '../../domain/checkins/schedule';
import { localDateOf } from '../../domain/calendar';
import { vpnSignalDueAt } from '../../domain/reminders/rules';
import { usersRepo } from '../../store/users';
import type { VpnSignal } from '../signals';
import type { ReminderContext } from './context';
import { reminderId, remindersRepo } from './repository';
import { closeOpen } from './send';
import { vpnSessionsRepo, workdaysRepo } from './state-repository';

/**
 * The gateway's word on a VPN session. `closed` resolves the person's VPN reminders without asking
 * (planned and still queued ones are cancelled). `opened` plans the check that reminds if the session
 * is still open after the end of work (see vpnSignalDueAt). Events may come twice or out of order: an
 * event older than the one recorded changes nothing.
 */
export async function onVpnSignal(ctx: ReminderContext, event: VpnSignal): Promise<void> {
  const user = await usersRepo.get(ctx.db, event.userId);
  if (!user || user.tenantId !== event.tenantId) {
    ctx.logger.warn({ user: event.userId, eventId: event.eventId }, 'VPN signal for an unknown user; ignored');
    return;
  }
  const open = event.type === 'vpn.session.opened';
  await ctx.db.transaction(async (tx) => {
    const recorded = await vpnSessionsRepo.record(tx, { userId: user.id, tenantId: user.tenantId, open, eventId: event.eventId, occurredAt: event.occurredAt });
    if (!recorded) return;
    if (!open) {
      await closeOpen(ctx, tx, { userId: user.id, kind: 'vpn' }, 'vpn_closed', 'resolved');
      return;
    }
    const schedule = scheduleFor(user, ctx.companyHolidays);
    const workDate = localDateOf(event.occurredAt, schedule.timeZone);
    const day = await workdaysRepo.get(tx, user.id, workDate);
    if (!isWorkday(workDate, schedule) || day?.status === 'day_off' || day?.status === 'office') return;
    await remindersRepo.planVpnFirst(tx, {
      id: reminderId('vpn', user.id, workDate, '1'),
      userId: user.id,
      tenantId: user.tenantId,
      workDate,
      kind: 'vpn',
      reason: 'vpn_signal',
      seq: 1,
      dueAt: vpnSignalDueAt({ workDate, schedule, openedAt: event.occurredAt, endedAt: day?.endedAt, policy: ctx.policy }),
    });
  });
}
