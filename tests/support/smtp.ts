import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  readonly url: string;
  readonly received: ParsedMail[];
  /** Every RCPT TO address the server was offered, refused or not. */
  readonly offered: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives, standing in for the outside one.
 * `refuse` maps recipient addresses to the reply code RCPT TO gets for them (550, 450 …).
 */
export async function startSmtpSink(refuse: Record<string, number> = {}): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const offered: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      offered.push(address.address);
      const code = refuse[address.address];
      if (code === undefined) return callback();
      callback(Object.assign(new Error(`${code} refused`), { responseCode: code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    offered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
