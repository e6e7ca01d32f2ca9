/**
 * Config reload (src/pipeline/reload.ts), fast enough for `npm test`: a valid file swaps the running settings in
 * place, a file with an error changes nothing and names the file, SIGHUP triggers it. The fault suite does the same
 * against worker processes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { applyToSettings, createConfigReloader, reloadOnSignal, type ReloadResult } from '../../src/pipeline/reload';
import { settingsFromConfig } from '../../src/pipeline/settings';
import { DEMO_CONFIG } from './world';

const env = { DEMO_JIRA_URL: 'http://127.0.0.1:1', DEMO_ASANA_URL: 'http://127.0.0.1:2', DEMO_ASANA_EHR: '1200000000000001', DEMO_ASANA_PACS: '1200000000000002' };
const dir = mkdtempSync(join(tmpdir(), 'vt-reload-'));
const file = join(dir, 'vitals.yaml');
const text = readFileSync(DEMO_CONFIG, 'utf8');
const write = (publicUrl: string, edit: (y: string) => string = (y) => y): void =>
  writeFileSync(file, edit(text.replace(/^server: .*$/m, `server: { port: 8080, publicUrl: "${publicUrl}" }`)));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start() {
  write('http://one.example.test');
  const first = loadConfig(file, { env });
  if (!first.ok) throw new Error('demo config should load');
  const settings = settingsFromConfig(first.config);
  const reloader = createConfigReloader(file, first.config, { load: { env }, apply: applyToSettings(settings) });
  return { settings, reloader, sources: settings.sources };
}

describe('reloadConfig', () => {
  it('swaps the running settings in place when the file is valid', () => {
    const { settings, reloader, sources } = start();
    write('http://two.example.test', (y) => y.replace('resolvedNote: true', 'resolvedNote: false'));
    const r = reloader.reload();
    expect(r).toMatchObject({ ok: true, restartNeeded: false });
    expect(settings.publicUrl).toBe('http://two.example.test');
    expect(settings.writeback.resolvedNote).toBe(false);
    expect(settings.sources).toBe(sources);
    expect(reloader.current.server.publicUrl).toBe('http://two.example.test');
  });

  it('keeps the last good config when the file has an error, and says where', () => {
    const { settings, reloader } = start();
    const before = JSON.stringify(settings);
    write('http://three.example.test', (y) => y.replace('sources: [jira-demo, asana-demo]', 'sources: [jira-demo, asana-dmeo]'));
    const r = reloader.reload();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ file, path: expect.stringContaining('programs') });
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/asana-dmeo/);
    expect(JSON.stringify(settings)).toBe(before);
    expect(reloader.current.server.publicUrl).toBe('http://one.example.test');
    writeFileSync(file, 'sources: [\n');
    expect(reloader.reload().ok).toBe(false);
    expect(settings.publicUrl).toBe('http://one.example.test');
  });

  it('reloads on SIGHUP until stopped', () => {
    const { settings, reloader } = start();
    const seen: ReloadResult[] = [];
    const off = reloadOnSignal(reloader, silentLogger(), 'SIGHUP', (r) => seen.push(r));
    write('http://four.example.test');
    process.emit('SIGHUP', 'SIGHUP');
    off();
    write('http://five.example.test');
    process.emit('SIGHUP', 'SIGHUP');
    expect(seen.map((r) => r.ok)).toEqual([true]);
    expect(settings.publicUrl).toBe('http://four.example.test');
  });
});
