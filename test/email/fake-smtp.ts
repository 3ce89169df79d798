import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  outboxId: string | undefined;
  to: string[];
  raw: string;
}

/** A real local SMTP server (the smtp-server package) that records what it receives. */
export class FakeSmtp {
  readonly received: ReceivedEmail[] = [];
  #server: SMTPServer | undefined;
  port = 0;
  /** reply 550 to these recipients (a permanent failure) */
  rejectRecipients = new Set<string>();

  async start(port = this.port): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1000,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address))
          return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const outboxId = /^X-Tablebookings-Outbox-Id:\s*(\S+)/im.exec(raw)?.[1];
          this.received.push({ outboxId, to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.port = (server.server.address() as { port: number }).port;
    return this.port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }
}
