/** A real local HTTP receiver on an ephemeral port that records what arrived and answers as scripted. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alert } from '../../src/notify/alert';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

export interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer (to exercise timeouts). */
  hang?: boolean;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Replies used in order for the next requests; afterwards `fallback`. */
  script: Reply[];
  fallback: Reply;
  close(): Promise<void>;
}

export async function startReceiver(fallback: Reply = { status: 200, body: 'ok' }): Promise<Receiver> {
  const received: Received[] = [];
  const state = { script: [] as Reply[], fallback };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks) });
      const reply = state.script.shift() ?? state.fallback;
      if (reply.hang) return;
      // No keep-alive: the client's pooled socket would otherwise outlive the test and hold the worker open.
      res.writeHead(reply.status, { connection: 'close', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get script() {
      return state.script;
    },
    set script(s: Reply[]) {
      state.script = s;
    },
    get fallback() {
      return state.fallback;
    },
    set fallback(r: Reply) {
      state.fallback = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sampleAlert: Alert = {
  kind: 'escalation',
  fingerprint: 'esc:hipaa-sra:2026-02-20:L3',
  level: 'L3',
  severity: 'high',
  programId: 'ehr-golive',
  subject: 'hipaa-sra',
  heading: '[L3] Compliance escalation: hipaa-sra (ehr-golive)',
  lines: ['Due 2026-02-20, 3 business day(s) overdue. Escalation level L3.', 'Items: EHR-41 "Fix <script> & [NAME]"'],
  links: [
    { rel: 'item', text: 'Open the item', url: 'https://jira.example/browse/EHR-41' },
    { rel: 'program', text: 'Program page', url: 'https://vitals.example/programs/ehr-golive' },
    { rel: 'ack', text: 'Acknowledge', url: 'https://vitals.example/api/actions?a=ack&s=00' },
  ],
  audience: ['gate_owner', 'pmo'],
};
