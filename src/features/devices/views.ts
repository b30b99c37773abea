import { cardRenderer, renderCommonCard, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import { formatDateTime } from '../../cards/format';
import type { Fact } from '../../cards/types';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';
import type { DeviceCardData, IncidentCardData } from './card-data';
import { DEVICE_TEXTS, deviceText, type DeviceTextKey } from './texts';
import { outstandingReports } from '../../domain/appi/deadlines';
import type { AppiDeadline, DeviceActionRow, Incident, SkipReason } from './model';
import type { IncidentDevice, TimelineEntry } from './repository';

/**
 * Renders the lost-device cards with the device strings.
 * @internal exported for the test card catalog; the app uses the view builders below.
 */
export const renderDeviceCard = cardRenderer<DeviceCardData>(DEVICE_TEXTS);

/** Everything a card of an incident shows, read in one transaction. */
export interface IncidentSnapshot {
  readonly incident: Incident;
  readonly timeline: readonly TimelineEntry[];
  readonly devices: readonly IncidentDevice[];
  readonly actions: readonly DeviceActionRow[];
  /** Names of the people the timeline and the facts mention. */
  readonly names: ReadonlyMap<string, string>;
}

const STATE_KEYS: Readonly<Record<Incident['state'], DeviceTextKey>> = { open: 'stateOpen', acknowledged: 'stateAcknowledged', closed: 'stateClosed' };

function facts(s: IncidentSnapshot, locale: Locale, timeZone: string): Fact[] {
  const i = s.incident;
  const m = (k: DeviceTextKey) => deviceText(locale, k);
  const rows: [DeviceTextKey, string | undefined][] = [
    ['factKind', m(i.kind)],
    ['factDevice', m(i.deviceType)],
    ['factSerial', i.serial],
    ['factWhen', i.lostWhen],
    ['factWhere', i.lostWhere],
    ['factLastUsed', i.lastUsed],
    ['factEncrypted', m(i.encrypted)],
    ['factLocked', m(i.screenLocked)],
    ['factData', i.dataOnIt],
    ['factPersonal', m(i.personalData)],
    ['factPolice', i.policeReport],
    ['factReported', formatDateTime(i.discoveredAt, locale, timeZone)],
  ];
  return rows.filter((r): r is [DeviceTextKey, string] => Boolean(r[1])).map(([k, value]) => ({ title: m(k), value }));
}

function appiLine(i: Incident, locale: Locale, timeZone: string): string | undefined {
  const filed = i.reportsFiled.map((r) => deviceText(locale, r)).join(', ');
  if (i.reportsFiled.length && i.appiFinalDue && outstandingReports(i).includes('final')) {
    return deviceText(locale, 'appiFinalOwed', { reports: filed, final: formatDateTime(i.appiFinalDue, locale, timeZone) });
  }
  if (i.reportsFiled.length) return deviceText(locale, 'appiFiled', { reports: filed });
  if (!i.appiPreliminaryDue || !i.appiFinalDue) return undefined;
  return deviceText(locale, 'appiLine', { preliminary: formatDateTime(i.appiPreliminaryDue, locale, timeZone), final: formatDateTime(i.appiFinalDue, locale, timeZone) });
}

const nameOf = (s: IncidentSnapshot, id: string | undefined): string => (id ? (s.names.get(id) ?? id) : '—');

function targetName(s: IncidentSnapshot, a: Pick<DeviceActionRow, 'action' | 'targetId'>): string {
  if (a.action === 'revoke') return nameOf(s, a.targetId);
  return s.devices.find((d) => d.id === a.targetId)?.deviceName ?? a.targetId;
}

const EVENT_KEYS: Readonly<Record<string, DeviceTextKey>> = {
  reported: 'evReported', signal: 'evSignal', alerted: 'evAlerted', acknowledged: 'evAcknowledged', action_requested: 'evRequested',
  action_awaiting: 'evAwaiting', action_approved: 'evApproved', action_rejected: 'evRejected', action_succeeded: 'evSucceeded',
  action_retrying: 'evRetrying', action_failed: 'evFailed', devices: 'evDevices', devices_failed: 'evDevicesFailed', closed: 'evClosed',
  appi_reminder: 'evAppiReminder', action_unknown: 'evUnknown', alert_acknowledged: 'evAlertAck', action_expired: 'evExpired',
  action_cancelled: 'evCancelled', action_skipped: 'evSkipped', final_filed: 'evFinalFiled', appi_overdue: 'evAppiOverdue',
};

/** Why the job did not run an action, in words (never the code). */
const SKIP_KEYS: Readonly<Record<SkipReason, DeviceTextKey>> = {
  incident_closed: 'skipIncidentClosed', device_not_owned: 'skipDeviceNotOwned', approval_invalid: 'skipApprovalInvalid',
};

function timelineText(s: IncidentSnapshot, e: TimelineEntry, locale: Locale): string {
  const d = e.data;
  const action = typeof d['action'] === 'string' ? d['action'] : undefined;
  const values: Record<string, string | number> = {
    actor: nameOf(s, e.actorId),
    n: typeof d['n'] === 'number' ? d['n'] : 0,
    error: typeof d['error'] === 'string' ? d['error'] : '',
    action: action ? deviceText(locale, action as DeviceTextKey) : '',
    target: action && typeof d['targetId'] === 'string' ? targetName(s, { action: action as DeviceActionRow['action'], targetId: d['targetId'] }) : '',
    deadline: typeof d['deadline'] === 'string' ? deviceText(locale, d['deadline'] as AppiDeadline) : '',
    reports: typeof d['reports'] === 'string' ? d['reports'].split(',').map((r) => deviceText(locale, r as DeviceTextKey)).join(', ') : '',
    admins: typeof d['admins'] === 'number' ? d['admins'] : 0,
    manager: deviceText(locale, d['manager'] === false ? 'no' : 'yes'),
    reason: typeof d['reason'] === 'string' && d['reason'] in SKIP_KEYS ? deviceText(locale, SKIP_KEYS[d['reason'] as SkipReason]) : '',
  };
  const key = e.kind === 'alerted' && d['n'] === 0 ? 'evAlertedNoSecurity' : EVENT_KEYS[e.kind];
  return key ? deviceText(locale, key, values) : e.kind;
}

function headline(s: IncidentSnapshot, locale: Locale): string {
  const name = nameOf(s, s.incident.userId);
  const key: DeviceTextKey = s.incident.source === 'signal' ? 'headlineSignal' : s.incident.kind === 'stolen' ? 'headlineStolen' : 'headlineLost';
  return deviceText(locale, key, { name });
}

/** The security team's card: facts, APPI deadlines, timeline, devices with actions, pending approvals. */
export function incidentCardView(s: IncidentSnapshot, reader: User, note?: string): AdaptiveCardJson {
  const { locale, timeZone } = reader;
  const i = s.incident;
  const data: IncidentCardData = {
    incidentId: i.id,
    headline: headline(s, locale),
    state: deviceText(locale, STATE_KEYS[i.state]),
    closed: i.state === 'closed',
    finalOwed: i.state === 'closed' && outstandingReports(i).includes('final'),
    acknowledged: i.state !== 'open',
    facts: facts(s, locale, timeZone),
    appi: appiLine(i, locale, timeZone),
    timeline: s.timeline.map((e) => ({ time: formatDateTime(e.at, locale, timeZone), text: timelineText(s, e, locale) })),
    devicesNote: !i.devicesRead ? deviceText(locale, 'devicesUnread') : s.devices.length ? undefined : deviceText(locale, 'devicesNone'),
    devices: s.devices.map((d) => ({
      id: d.id,
      name: d.deviceName,
      detail: [d.operatingSystem, d.serialNumber, d.complianceState, d.matched ? deviceText(locale, 'serialMatch') : undefined].filter(Boolean).join(' · '),
      matched: d.matched,
    })),
    pending: s.actions
      .filter((a) => a.status === 'awaiting_approval')
      .map((a) => ({ actionId: a.id, text: deviceText(locale, 'pendingLine', { action: deviceText(locale, a.action), target: targetName(s, a), actor: nameOf(s, a.requestedBy) }) })),
    note,
  };
  return renderDeviceCard('incident', data, locale);
}

/**
 * The manager's alert (or an admin's, when the tenant has no security team): what was lost, whether
 * PPC reports may be due, and "seen" until someone pressed it (then who and when).
 */
export function incidentAlertView(s: IncidentSnapshot, reader: User, noSecurityTeam = false): AdaptiveCardJson {
  const { locale, timeZone } = reader;
  const seen = s.timeline.find((e) => e.kind === 'alert_acknowledged');
  return renderDeviceCard(
    'incident-alert',
    {
      incidentId: s.incident.id,
      headline: headline(s, locale),
      facts: facts(s, locale, timeZone),
      appi: appiLine(s.incident, locale, timeZone),
      ...(noSecurityTeam ? { note: deviceText(locale, 'alertNoSecurity') } : {}),
      ...(seen ? { acknowledged: deviceText(locale, 'alertAcknowledged', { actor: nameOf(s, seen.actorId), time: formatDateTime(seen.at, locale, timeZone) }) } : {}),
    },
    locale,
  );
}

/** Who was alerted, from the incident's `alerted` event: the reporter reads what really happened. */
function notifiedLines(s: IncidentSnapshot, locale: Locale): string[] {
  const alerted = s.timeline.find((e) => e.kind === 'alerted')?.data;
  if (!alerted) return [];
  const security = typeof alerted['n'] === 'number' ? alerted['n'] : 0;
  const admins = typeof alerted['admins'] === 'number' ? alerted['admins'] : 0;
  const lines = [deviceText(locale, alerted['manager'] === true ? 'notifiedManager' : 'noManager')];
  if (security > 0) lines.push(deviceText(locale, 'notifiedSecurity', { n: security }));
  else if (admins > 0) lines.push(deviceText(locale, 'noSecurityAdmins', { n: admins }));
  else lines.push(deviceText(locale, 'noOneNotified'));
  return lines;
}

function nextSteps(s: IncidentSnapshot, locale: Locale): string[] {
  const police: DeviceTextKey = s.incident.kind === 'stolen' ? 'nextStepPoliceStolen' : 'nextStepPoliceLost';
  return [deviceText(locale, police), deviceText(locale, 'nextStepPassword'), deviceText(locale, 'nextStepSecurity')];
}

/** The report form (`submitId` new per card), or, once submitted, the incident's state for the reporter. */
export function reportCardView(reader: User, submitId: string, s?: IncidentSnapshot): AdaptiveCardJson {
  const status = s
    ? {
        state: deviceText(reader.locale, STATE_KEYS[s.incident.state]),
        text: deviceText(reader.locale, 'reporterText'),
        notified: notifiedLines(s, reader.locale),
        nextSteps: nextSteps(s, reader.locale),
        facts: facts(s, reader.locale, reader.timeZone),
      }
    : undefined;
  return renderDeviceCard('lost-device-report', { submitId, status }, reader.locale);
}

export function appiReminderView(s: IncidentSnapshot, deadline: AppiDeadline, due: Date, reader: User): AdaptiveCardJson {
  const { locale, timeZone } = reader;
  const text = deviceText(locale, 'appiReminderText', { name: nameOf(s, s.incident.userId), deadline: deviceText(locale, deadline), due: formatDateTime(due, locale, timeZone) });
  const deadlineFact = { title: deviceText(locale, 'factDeadline'), value: formatDateTime(due, locale, timeZone) };
  return renderDeviceCard('appi-reminder', { headline: headline(s, locale), text, facts: [deadlineFact, ...facts(s, locale, timeZone)] }, locale);
}

/** A PPC deadline passed with its report not filed: the daily alert to the security team and the admins. */
export function appiOverdueView(s: IncidentSnapshot, deadline: AppiDeadline, due: Date, reader: User): AdaptiveCardJson {
  const { locale, timeZone } = reader;
  const text = deviceText(locale, 'appiOverdueText', { name: nameOf(s, s.incident.userId), deadline: deviceText(locale, deadline), due: formatDateTime(due, locale, timeZone) });
  const deadlineFact = { title: deviceText(locale, 'factDeadline'), value: formatDateTime(due, locale, timeZone) };
  return renderDeviceCard('appi-reminder', { headline: headline(s, locale), text, facts: [deadlineFact, ...facts(s, locale, timeZone)] }, locale);
}

export function noticeView(reader: User, title: DeviceTextKey, text: DeviceTextKey): AdaptiveCardJson {
  return renderCommonCard('notice', { title: deviceText(reader.locale, title), text: deviceText(reader.locale, text) }, reader.locale);
}

/** A proactive message: the card and the text Teams shows in the notification. */
export function deviceActivity(reader: User, card: AdaptiveCardJson, summary: DeviceTextKey, values: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  return cardMessage(card, deviceText(reader.locale, summary, values));
}
