/** The invokes bench:invoke sends: a person's card actions, as Teams sends them (the load generator and the reference set-up share it). */
export interface ActivityOptions {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly users: readonly string[];
  readonly roundId: string;
  /** The day a check-in is submitted for (today where the people work). */
  readonly date: string;
  readonly runId: string;
}

const START = {
  startTime: '09:05', place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true', notShared: 'true',
  vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4', comment: '',
};
const SAFE = { ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home', locationOther: '', comment: '' };

/** Every other invoke is a safety answer, the rest check-in submits, from people in turn. */
export function invokeActivity(o: ActivityOptions, n: number) {
  const user = o.users[Math.floor(n / 2) % o.users.length] as string;
  const [verb, data] = n % 2 === 0 ? ['safety.answer', { roundId: o.roundId, ...SAFE }] : ['checkin.start.submit', { date: o.date, ...START }];
  return {
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    id: `${o.runId}-${n}`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user}`, aadObjectId: user, name: user },
    recipient: { id: '28:anshin-bot', name: 'Anshin' },
    conversation: { id: `a:conv-${user}`, conversationType: 'personal', tenantId: o.tenantId },
    channelData: { tenant: { id: o.tenantId } },
    locale: 'ja-JP',
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: `card-${user}`,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

