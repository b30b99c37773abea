import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@microsoft/microsoft-graph-client';

/** One plain e-mail to one person (the round's answer link); text and HTML bodies say the same. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Stable id (round + person): the .eml file name locally, a header for support. */
  readonly id: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Graph `POST /users/{mailbox}/sendMail` with the application permission Mail.Send. An Exchange
 * application access policy must restrict the app to this one mailbox (docs/rounds.md), or it could
 * send as anyone in the tenant.
 */
export function createGraphMailer(client: Client, mailbox: string): Mailer {
  return {
    async send(mail) {
      await client.api(`/users/${encodeURIComponent(mailbox)}/sendMail`).post({
        message: {
          subject: mail.subject,
          body: { contentType: 'HTML', content: mail.html },
          toRecipients: [{ emailAddress: { address: mail.to } }],
          internetMessageHeaders: [{ name: 'X-Anshin-Mail-Id', value: mail.id }],
        },
        saveToSentItems: false,
      });
    },
  };
}

/** Local mode: every e-mail becomes `<dir>/<id>.eml`, which any mail program opens. */
export function createEmlMailer(dir: string, from = 'anshin@localhost'): Mailer {
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const boundary = `anshin-${mail.id.replace(/[^A-Za-z0-9]/g, '')}`;
      const encoded = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/(.{76})/g, '$1\r\n');
      const eml = [
        `From: ${from}`,
        `To: ${mail.to}`,
        `Subject: =?UTF-8?B?${Buffer.from(mail.subject, 'utf8').toString('base64')}?=`,
        'MIME-Version: 1.0',
        `X-Anshin-Mail-Id: ${mail.id}`,
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: base64',
        '',
        encoded(mail.text),
        `--${boundary}`,
        'Content-Type: text/html; charset=UTF-8',
        'Content-Transfer-Encoding: base64',
        '',
        encoded(mail.html),
        `--${boundary}--`,
        '',
      ].join('\r\n');
      await writeFile(path.join(dir, `${mail.id.replace(/[^A-Za-z0-9_.-]/g, '_')}.eml`), eml);
    },
  };
}
