import crypto from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  claimOutboxRow,
  findDueOutbox,
  loadOutboxRow,
  settleOutboxRow,
  type OutboxKey,
  type OutboxRow,
} from '../db/queries/outbox.ts';
import { fillSecrets } from './outbox-secrets.ts';
import { outboxKeyOf } from '../services/sealed-box.ts';
import { defaultFrom, transportFor, type MailTransport, type MinimalLogger, type OutgoingEmail } from './transport.ts';

/** An email written at send time (e.g. a reminder: from the booking as it is then). */
export interface RenderedEmail {
  subject: string;
  text: string;
  html?: string;
  ics?: string;
}

/**
 * Renders rows of one kind at send time; `null` means "not to be sent any more" (the
 * booking was cancelled meanwhile): the row is settled as cancelled.
 */
export type OutboxRenderer = (row: OutboxRow) => Promise<RenderedEmail | null>;

export interface OutboxSenderOptions {
  db: Kysely<DB>;
  /** secretKey opens the sealed manage links (the same SECRET_KEY as the app servers) */
  config: { smtpUrl?: string; baseUrl: string; secretKey?: string };
  logger?: MinimalLogger;
  /** defaults to nodemailer SMTP for config.smtpUrl, else the log */
  transport?: MailTransport;
  /** unique per process; defaults to host:pid:random */
  workerId?: string;
  clock?: () => number;
  intervalMs?: number;
  /** how long a claim holds before another sender may take the row over */
  leaseMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  /** told after every delivery attempt (metrics: tablebookings_emails_total) */
  onOutcome?: (kind: string, outcome: 'sent' | 'retrying' | 'failed') => void;
  backoffMaxMs?: number;
  batchSize?: number;
  from?: string;
  /** renderers by outbox `kind` for emails written at send time */
  renderers?: Record<string, OutboxRenderer>;
}

export interface OutboxSender {
  readonly workerId: string;
  /** one pass over due rows; resolves to the number sent */
  runOnce(): Promise<number>;
  /** stops the loop and waits for the pass in flight */
  stop(): Promise<void>;
}

const SENT_CLEARED = { body_text: '', body_html: null, ics: null, sealed_fields: null, sealed_token: null } as const;

const SILENT: MinimalLogger = { info() {}, warn() {}, error() {} };

interface Settings {
  db: Kysely<DB>;
  transport: MailTransport;
  logger: MinimalLogger;
  workerId: string;
  clock: () => number;
  leaseMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  batchSize: number;
  from: string;
  renderers: Record<string, OutboxRenderer>;
  onOutcome: (kind: string, outcome: 'sent' | 'retrying' | 'failed') => void;
  outboxKey?: Buffer;
}

function settingsOf(o: OutboxSenderOptions): Settings {
  const logger = o.logger ?? SILENT;
  return {
    db: o.db,
    logger,
    transport: o.transport ?? transportFor(o.config.smtpUrl, logger),
    workerId: o.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`.slice(0, 64),
    clock: o.clock ?? Date.now,
    leaseMs: o.leaseMs ?? 120_000,
    maxAttempts: o.maxAttempts ?? 8,
    backoffBaseMs: o.backoffBaseMs ?? 30_000,
    backoffMaxMs: o.backoffMaxMs ?? 3_600_000,
    batchSize: o.batchSize ?? 20,
    from: o.from ?? defaultFrom(o.config.baseUrl),
    onOutcome: o.onOutcome ?? (() => {}),
    renderers: o.renderers ?? {},
    outboxKey: o.config.secretKey ? outboxKeyOf(o.config.secretKey) : undefined,
  };
}

/** An email stored at enqueue time, with its sealed manage link filled in now. */
function storedEmail(row: OutboxRow, key: Buffer | undefined): RenderedEmail {
  const html = row.body_html ? fillSecrets(row.body_html, row.sealed_fields ?? null, key, true) : undefined;
  return {
    subject: row.subject,
    text: fillSecrets(row.body_text, row.sealed_fields ?? null, key),
    html,
    ics: row.ics ?? undefined,
  };
}

async function emailOf(s: Settings, row: OutboxRow): Promise<OutgoingEmail | null> {
  const render = s.renderers[row.kind];
  const rendered = render ? await render(row) : storedEmail(row, s.outboxKey);
  if (!rendered) return null;
  return {
    from: s.from,
    to: row.to_address,
    subject: rendered.subject,
    text: rendered.text,
    ...(rendered.html ? { html: rendered.html } : {}),
    messageId: `<${row.id}@tablebookings>`,
    headers: { 'X-Tablebookings-Outbox-Id': row.id, 'X-Tablebookings-Kind': row.kind },
    attachments: rendered.ics
      ? [{ filename: 'booking.ics', content: rendered.ics, contentType: 'text/calendar; charset=utf-8' }]
      : [],
  };
}

/** Exponential back-off after the n-th failed attempt (n >= 1). */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

async function failOrRetry(s: Settings, key: OutboxKey, row: OutboxRow, error: unknown): Promise<void> {
  const attempts = Number(row.attempts);
  const message = String((error as Error)?.message ?? error).slice(0, 500);
  const final = attempts >= s.maxAttempts || isPermanent(error);
  await settleOutboxRow(
    s.db,
    key,
    s.workerId,
    final
      ? { status: 'failed', last_error: message }
      : {
          status: 'pending',
          last_error: message,
          next_attempt_at: s.clock() + backoffMs(attempts, s.backoffBaseMs, s.backoffMaxMs),
        },
  );
  const log = { outboxId: row.id, kind: row.kind, attempts, error: message };
  s.onOutcome(row.kind, final ? 'failed' : 'retrying');
  if (final) s.logger.error(log, 'email failed permanently');
  else s.logger.warn(log, 'email not sent; will retry');
}

/** Claims one row and delivers it; true when this sender sent it. */
async function deliverOne(s: Settings, key: OutboxKey): Promise<boolean> {
  if (!(await claimOutboxRow(s.db, key, s.workerId, s.clock(), s.leaseMs))) return false;
  const row = await loadOutboxRow(s.db, key);
  if (!row) return false;
  try {
    const email = await emailOf(s, row);
    if (!email) {
      await settleOutboxRow(s.db, key, s.workerId, { status: 'cancelled', last_error: null });
      return false;
    }
    await s.transport.send(email);
  } catch (error) {
    await failOrRetry(s, key, row, error);
    return false;
  }
  // A sent email keeps its subject and address for the staff list, never its text or link.
  await settleOutboxRow(s.db, key, s.workerId, {
    status: 'sent',
    sent_at: s.clock(),
    last_error: null,
    ...SENT_CLEARED,
  });
  s.onOutcome(row.kind, 'sent');
  return true;
}

async function runPass(s: Settings): Promise<number> {
  const due = await findDueOutbox(s.db, s.clock(), s.batchSize);
  let sent = 0;
  for (const key of due) if (await deliverOne(s, key)) sent++;
  return sent;
}

/**
 * Starts the outbox sender loop of this process: every intervalMs it claims due rows
 * (one UPDATE per row, affected rows = 1 wins, so no two processes send the same email),
 * sends them, and marks them sent — or retries with exponential back-off, and after
 * maxAttempts marks them failed (visible to managers at GET …/outbox?status=failed).
 */
export function startOutboxSender(options: OutboxSenderOptions & { autoStart?: boolean }): OutboxSender {
  const s = settingsOf(options);
  const intervalMs = options.intervalMs ?? 1_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<number> | undefined;

  const runOnce = (): Promise<number> => (inFlight ??= runPass(s).finally(() => (inFlight = undefined)));
  const tick = async () => {
    try {
      const sent = await runOnce();
      if (sent > 0) s.logger.info({ sent, worker: s.workerId }, 'emails sent');
    } catch (error) {
      s.logger.warn(
        { err: { message: (error as Error).message, code: (error as { code?: string }).code } },
        'outbox pass failed; will retry',
      );
    }
    // ±25 % jitter (same mean): the workers of a cluster drift apart instead of polling together
    if (!stopped) timer = setTimeout(tick, intervalMs * (0.75 + Math.random() * 0.5));
  };
  if (options.autoStart !== false) timer = setTimeout(tick, 0);

  return {
    workerId: s.workerId,
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight?.catch(() => {});
      s.transport.close();
    },
  };
}
