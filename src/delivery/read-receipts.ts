import type { Executor } from '../store/db';

/**
 * A Teams client reports a read receipt with the id of the last message the person read in that
 * 1:1 chat. Teams message ids are the message's creation time in epoch milliseconds; the Bot
 * Connector's activity ids for our proactive sends are sometimes the same kind of number and
 * sometimes opaque (`1:…`). So a sent card counts as read when its activity id is a number not
 * above the receipt's, or, for an opaque id, when it was sent no later than that moment plus
 * `SEND_LAG_MS` (our `sent_at` is stamped after the connector answered, a moment after Teams
 * created the message). Nothing else is touched: people whose receipts are off keep "sent".
 */
const SEND_LAG_MS = 2000;
const NUMERIC = /^\d{1,20}$/;

export interface ReadReceipt {
  readonly recipientId: string;
  readonly conversationId: string;
  readonly lastReadMessageId: string;
  /** When the receipt arrived (the application clock); stored as the read time. */
  readonly at: Date;
}

/** Marks the person's sent deliveries in that conversation up to the receipt as read; returns how many. */
export async function markRead(ex: Executor, receipt: ReadReceipt): Promise<number> {
  if (!NUMERIC.test(receipt.lastReadMessageId)) return 0;
  const r = await ex.query(
    `update deliveries set read_at = $4
     where recipient_id = $1 and conversation_id = $2 and status = 'sent' and read_at is null and kind = 'send'
       and case when activity_id ~ '^\\d{1,20}$' then activity_id::numeric <= $3::numeric
                else sent_at <= to_timestamp(($3::numeric + ${SEND_LAG_MS}) / 1000.0) end
     returning id`,
    [receipt.recipientId, receipt.conversationId, receipt.lastReadMessageId, receipt.at],
  );
  return r.rows.length;
}
