import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock';
import { createChannel } from '../../src/notify/create-channel';
import type { FileSinkLine } from '../../src/notify/file/file-channel';
import { sampleAlert } from './receiver';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vt-notify-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('file sink', () => {
  it('appends one NDJSON line per alert, creating the folder', async () => {
    const path = join(dir, 'sub', 'alerts.ndjson');
    const clock = fixedClock('2026-02-25T09:00:00Z');
    const ch = createChannel({ kind: 'file', path }, { id: 'demo-file', clock });
    expect(ch.kind).toBe('file');
    expect(await ch.send(sampleAlert, { recipients: ['pmo@hospital.org'] })).toMatchObject({ ok: true, retryable: false });
    clock.advance(60_000);
    await ch.send({ ...sampleAlert, level: 'L4' });
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as FileSinkLine);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ at: '2026-02-25T09:00:00.000Z', channel: 'demo-file', recipients: ['pmo@hospital.org'], alert: sampleAlert });
    expect(lines[1]!.alert.level).toBe('L4');
    expect(lines[1]!.at).toBe('2026-02-25T09:01:00.000Z');
  });

  it('reports a path it cannot write to without throwing', async () => {
    const ch = createChannel({ kind: 'file', path: dir }, { id: 'bad' });
    const r = await ch.send(sampleAlert);
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/file sink write failed/);
  });
});
