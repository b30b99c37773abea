import { z } from 'zod';

/**
 * Events from VPN gateways, MDM and SIEM (POST /api/signals). The contract is fixed: integrators
 * build against it (issue 8, DESIGN.md "Signals webhook contract"). Change it only compatibly.
 */
export const SIGNAL_TYPES = ['vpn.session.opened', 'vpn.session.closed', 'device.lost', 'device.noncompliant'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export const VPN_SIGNAL_TYPES = ['vpn.session.opened', 'vpn.session.closed'] as const satisfies readonly SignalType[];
export type VpnSignalType = (typeof VPN_SIGNAL_TYPES)[number];

export const isVpnSignalType = (type: SignalType): type is VpnSignalType => (VPN_SIGNAL_TYPES as readonly string[]).includes(type);

/** Largest accepted request body; larger ones are refused before they are read. */
export const SIGNAL_MAX_BODY_BYTES = 64 * 1024;

/** Nesting allowed in `data` (the store parses JSON recursively; real payloads are shallow). */
const SIGNAL_DATA_MAX_DEPTH = 32;

// PostgreSQL text and jsonb cannot hold NUL, and jsonb refuses unpaired surrogates: such values
// are invalid input (400), not a failure of the store (500).
const STORABLE = /\u0000|\p{Cs}/u;
const storableText = (s: string) => !STORABLE.test(s);
const text = z.string().refine(storableText, 'contains NUL or an unpaired surrogate');

/** Walks without recursion: a 64 KB body can nest 30,000 levels deep. */
function storableJson(value: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value === 'string') {
      if (!storableText(item.value)) return false;
    } else if (item.value !== null && typeof item.value === 'object') {
      if (item.depth >= SIGNAL_DATA_MAX_DEPTH) return false;
      for (const [key, child] of Object.entries(item.value)) {
        if (!storableText(key)) return false;
        stack.push({ value: child, depth: item.depth + 1 });
      }
    }
  }
  return true;
}

// Object ids are stored as Teams sends them (lower case); some senders write GUIDs in upper case.
export const signalEventSchema = z.object({
  id: text.pipe(z.string().min(1).max(200)),
  type: z.enum(SIGNAL_TYPES),
  occurredAt: z
    .string()
    .datetime({ offset: true })
    .refine((v) => Date.parse(v) >= 0, 'must be after 1970-01-01'),
  user: z
    .object({ aadObjectId: z.string().uuid().transform((v) => v.toLowerCase()).optional(), upn: text.pipe(z.string().min(1).max(1024)).optional() })
    .refine((u) => u.aadObjectId !== undefined || u.upn !== undefined, 'aadObjectId or upn is required'),
  device: z.object({ id: text.optional(), serial: text.optional(), name: text.optional() }).optional(),
  data: z.record(z.unknown()).refine(storableJson, `nested deeper than ${SIGNAL_DATA_MAX_DEPTH} levels, or holds NUL or an unpaired surrogate`).optional(),
});

export type SignalEvent = z.output<typeof signalEventSchema>;

/** What became of an authenticated, valid event (the webhook maps each to its status code). */
export type SignalOutcome = 'accepted' | 'duplicate' | 'unknown-user';
