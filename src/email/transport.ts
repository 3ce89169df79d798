import { createRequire } from 'node:module';
import type * as Nodemailer from 'nodemailer';

/** nodemailer is loaded when SMTP is configured, not at every start (start-up time, issue 12). */
const load = createRequire(import.meta.url);

/** One email as the sender hands it to a transport. */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** an HTML part with the same content as the text */
  html?: string;
  messageId: string;
  headers: Record<string, string>;
  attachments: { filename: string; content: string; contentType: string }[];
}

export interface MailTransport {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface MinimalLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** nodemailer's SMTP transport for `SMTP_URL` (smtp:// or smtps://), with bounded timeouts. */
export function smtpTransport(smtpUrl: string): MailTransport {
  const nodemailer = load('nodemailer') as typeof Nodemailer;
  const transporter = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    async send(email) {
      await transporter.sendMail(email);
    },
    close() {
      transporter.close();
    },
  };
}

/** Without SMTP_URL emails go to the log: who, what and which booking, never the body (it holds the manage link). */
export function logTransport(logger: MinimalLogger): MailTransport {
  return {
    async send(email) {
      logger.info(
        {
          email: {
            to: email.to,
            subject: email.subject,
            messageId: email.messageId,
            attachments: email.attachments.map((a) => a.filename),
          },
        },
        'email not sent (no SMTP_URL): logged instead',
      );
    },
    close() {},
  };
}

export function transportFor(smtpUrl: string | undefined, logger: MinimalLogger): MailTransport {
  return smtpUrl ? smtpTransport(smtpUrl) : logTransport(logger);
}

/** The From address: no-reply at the site's own host name. */
export function defaultFrom(baseUrl: string): string {
  let host = 'localhost';
  try {
    host = new URL(baseUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return `tablebookings <no-reply@${host.includes('.') ? host : `${host}.localdomain`}>`;
}
