import { cardRenderer, renderCommonCard, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import { fitCount } from '../../cards/fit';
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

function facts(snapshot: IncidentSnapshot, locale: Locale, timeZone: string): Fact[] {
  const i = snapshot.incident;
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

function appiLine(incident: Incident, locale: Locale, timeZone: string): string | undefined {
  const filed = incident.reportsFiled.map((r) => deviceText(locale, r)).join(', ');
  if (incident.reportsFiled.length && incident.appiFinalDue && outstandingReports(incident).includes('final')) {
    return deviceText(locale, 'appiFinalOwed', { reports: filed, final: formatDateTime(incident.appiFinalDue, locale, timeZone) });
  }
  if (incident.reportsFiled.length) return deviceText(locale, 'appiFiled', { reports: filed });
  if (!incident.appiPreliminaryDue || !incident.appiFinalDue) return undefined;
  return deviceText(locale, 'appiLine', { preliminary: formatDateTime(incident.appiPreliminaryDue, locale, timeZone), final: formatDateTime(incident.appiFinalDue, locale, timeZone) });
}

const nameOf = (s: IncidentSnapshot, id: string | undefined): string => (id ? (s.names.get(id) ?? id) : '—');

function targetName(snapshot: IncidentSnapshot, action: Pick<DeviceActionRow, 'action' | 'targetId'>): string {
  if (action.action === 'revoke') return nameOf(snapshot, action.targetId);
  return snapshot.devices.find((d) => d.id === action.targetId)?.deviceName ?? action.targetId;
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

function timelineText(snapshot: IncidentSnapshot, entry: TimelineEntry, locale: Locale): string {
  const d = entry.data;
  const action = typeof d['action'] === 'string' ? d['action'] : undefined;
  const values: Record<string, string | number> = {
    actor: nameOf(snapshot, entry.actorId),
    n: typeof d['n'] === 'number' ? d['n'] : 0,
    error: typeof d['error'] === 'string' ? d['error'] : '',
    action: action ? deviceText(locale, action as DeviceTextKey) : '',
    target: action && typeof d['targetId'] === 'string' ? targetName(snapshot, { action: action as DeviceActionRow['action'], targetId: d['targetId'] }) : '',
    deadline: typeof d['deadline'] === 'string' ? deviceText(locale, d['deadline'] as AppiDeadline) : '',
    reports: typeof d['reports'] === 'string' ? d['reports'].split(',').map((r) => deviceText(locale, r as DeviceTextKey)).join(', ') : '',
    admins: typeof d['admins'] === 'number' ? d['admins'] : 0,
    manager: deviceText(locale, d['manager'] === false ? 'no' : 'yes'),
    reason: typeof d['reason'] === 'string' && d['reason'] in SKIP_KEYS ? deviceText(locale, SKIP_KEYS[d['reason'] as SkipReason]) : '',
  };
  const key = entry.kind === 'alerted' && d['n'] === 0 ? 'evAlertedNoSecurity' : EVENT_KEYS[entry.kind];
  return key ? deviceText(locale, key, values) : entry.kind;
}

function headline(snapshot: IncidentSnapshot, locale: Locale): string {
  const name = nameOf(snapshot, snapshot.incident.userId);
  const key: DeviceTextKey = snapshot.incident.source === 'signal' ? 'headlineSignal' : snapshot.incident.kind === 'stolen' ? 'headlineStolen' : 'headlineLost';
  return deviceText(locale, key, { name });
}

/** The security team's card: facts, APPI deadlines, timeline, devices with actions, pending approvals. */
export function incidentCardView(snapshot: IncidentSnapshot, reader: User, note?: string): AdaptiveCardJson {
  const { locale, timeZone } = reader;
  const timeline = snapshot.timeline.map((e) => ({ time: formatDateTime(e.at, locale, timeZone), text: timelineText(snapshot, e, locale) }));
  // Retries and reminders can add hundreds of events: the newest that fit one Teams message are listed, the earlier counted.
  return fitCount(timeline.length, (count) => {
    const earlier = timeline.length - count;
    const shown = { timeline: timeline.slice(earlier), ...(earlier ? { timelineMore: deviceText(locale, 'timelineEarlier', { n: earlier }) } : {}) };
    return renderDeviceCard('incident', incidentCardData(snapshot, reader, shown, note), locale);
  });
}

function incidentCardData(snapshot: IncidentSnapshot, reader: User, shown: Pick<IncidentCardData, 'timeline' | 'timelineMore'>, note?: string): IncidentCardData {
  const { locale, timeZone } = reader;
  const i = snapshot.incident;
  return {
    incidentId: i.id,
    headline: headline(snapshot, locale),
    state: deviceText(locale, STATE_KEYS[i.state]),
    closed: i.state === 'closed',
    finalOwed: i.state === 'closed' && outstandingReports(i).includes('final'),
    acknowledged: i.state !== 'open',
    facts: facts(snapshot, locale, timeZone),
    appi: appiLine(i, locale, timeZone),
    ...shown,
    devicesNote: !i.devicesRead ? deviceText(locale, 'devicesUnread') : snapshot.devices.length ? undefined : deviceText(locale, 'devicesNone'),
    devices: snapshot.devices.map((device) => ({
      id: device.id,
      name: device.deviceName,
      detail: [device.operatingSystem, device.serialNumber, device.complianceState, device.matched ? deviceText(locale, 'serialMatch') : undefined].filter(Boolean).join(' · '),
      matched: device.matched,
    })),
    pending: snapshot.actions
      .filter((a) => a.status === 'awaiting_approval')
      .map((a) => ({ actionId: a.id, text: deviceText(locale, 'pendingLine', { action: deviceText(locale, a.action), target: targetName(snapshot, a), actor: nameOf(snapshot, a.requestedBy) }) })),
    note,
  };
}

/**
 * The manager's alert (or an admin's, when the tenant has no security team): what was lost, whether
 * PPC reports may be due, and "seen" until someone pressed it (then who and when).
 */
export function incidentAlertView(snapshot: IncidentSnapshot, reader: User, noSecurityTeam = false): AdaptiveCardJson {
  const { locale, timeZone } = reader;
  const seen = snapshot.timeline.find((e) => e.kind === 'alert_acknowledged');
  return renderDeviceCard(
    'incident-alert',
    {
      incidentId: snapshot.incident.id,
      headline: headline(snapshot, locale),
      facts: facts(snapshot, locale, timeZone),
      appi: appiLine(snapshot.incident, locale, timeZone),
      ...(noSecurityTeam ? { note: deviceText(locale, 'alertNoSecurity') } : {}),
      ...(seen ? { acknowledged: deviceText(locale, 'alertAcknowledged', { actor: nameOf(snapshot, seen.actorId), time: formatDateTime(seen.at, locale, timeZone) }) } : {}),
    },
    locale,
  );
}

/** Who was alerted, from the incident's `alerted` event: the reporter reads what really happened. */
function notifiedLines(snapshot: IncidentSnapshot, locale: Locale): string[] {
  const alerted = snapshot.timeline.find((e) => e.kind === 'alerted')?.data;
  if (!alerted) return [];
  const security = typeof alerted['n'] === 'number' ? alerted['n'] : 0;
  const admins = typeof alerted['admins'] === 'number' ? alerted['admins'] : 0;
  const lines = [deviceText(locale, alerted['manager'] === true ? 'notifiedManager' : alerted['managerInactive'] === true ? 'managerInactive' : 'noManager')];
  if (security > 0) lines.push(deviceText(locale, 'notifiedSecurity', { n: security }));
  else if (admins > 0) lines.push(deviceText(locale, 'noSecurityAdmins', { n: admins }));
  else lines.push(deviceText(locale, 'noOneNotified'));
  return lines;
}

function nextSteps(snapshot: IncidentSnapshot, locale: Locale): string[] {
  const police: DeviceTextKey = snapshot.incident.kind === 'stolen' ? 'nextStepPoliceStolen' : 'nextStepPoliceLost';
  return [deviceText(locale, police), deviceText(locale, 'nextStepPassword'), deviceText(locale, 'nextStepSecurity')];
}

/** The report form (`submitId` new per card), or, once submitted, the incident's state for the reporter. */
export function reportCardView(reader: User, submitId: string, snapshot?: IncidentSnapshot): AdaptiveCardJson {
  const status = snapshot
    ? {
        state: deviceText(reader.locale, STATE_KEYS[snapshot.incident.state]),
        text: deviceText(reader.locale, 'reporterText'),
        notified: notifiedLines(snapshot, reader.locale),
        nextSteps: nextSteps(snapshot, reader.locale),
        facts: facts(snapshot, reader.locale, reader.timeZone),
      }
    : undefined;
  return renderDeviceCard('lost-device-report', { submitId, status }, reader.locale);
}

export function appiReminderView(snapshot: IncidentSnapshot, deadline: AppiDeadline, due: Date, reader: User): AdaptiveCardJson {
  const { locale, timeZone } = reader;
  const text = deviceText(locale, 'appiReminderText', { name: nameOf(snapshot, snapshot.incident.userId), deadline: deviceText(locale, deadline), due: formatDateTime(due, locale, timeZone) });
  const deadlineFact = { title: deviceText(locale, 'factDeadline'), value: formatDateTime(due, locale, timeZone) };
  return renderDeviceCard('appi-reminder', { headline: headline(snapshot, locale), text, facts: [deadlineFact, ...facts(snapshot, locale, timeZone)] }, locale);
}

/** A PPC deadline passed with its report not filed: the daily alert to the security team and the admins. */
export function appiOverdueView(snapshot: IncidentSnapshot, deadline: AppiDeadline, due: Date, reader: User): AdaptiveCardJson {
  const { locale, timeZone } = reader;
  const text = deviceText(locale, 'appiOverdueText', { name: nameOf(snapshot, snapshot.incident.userId), deadline: deviceText(locale, deadline), due: formatDateTime(due, locale, timeZone) });
  const deadlineFact = { title: deviceText(locale, 'factDeadline'), value: formatDateTime(due, locale, timeZone) };
  return renderDeviceCard('appi-reminder', { headline: headline(snapshot, locale), text, facts: [deadlineFact, ...facts(snapshot, locale, timeZone)] }, locale);
}

export function noticeView(reader: User, title: DeviceTextKey, text: DeviceTextKey): AdaptiveCardJson {
  return renderCommonCard('notice', { title: deviceText(reader.locale, title), text: deviceText(reader.locale, text) }, reader.locale);
}

/** A proactive message: the card and the text Teams shows in the notification. */
export function deviceActivity(reader: User, card: AdaptiveCardJson, summary: DeviceTextKey, values: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  return cardMessage(card, deviceText(reader.locale, summary, values));
}
