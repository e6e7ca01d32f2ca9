import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE, EXAMPLE_ITEMS, ROOT } from './helpers';

/** The real command line in a child process (through tsx, so no build is needed). */
function vitals(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', "require('./src/cli').main(process.argv)", 'vitals', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('vitals config (child process)', () => {
  it('check exits 0 on the example and 1 with three located lines on a broken copy', () => {
    const ok = vitals(['config', 'check', EXAMPLE, '--items', EXAMPLE_ITEMS]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('config ok:');
    expect(ok.out).toContain('items: 66 read, 64 mapped, 2 unmapped');

    const dir = mkdtempSync(join(tmpdir(), 'vitals-cfg-'));
    try {
      const broken = readFileSync(EXAMPLE, 'utf8')
        .replace('token: ${ASANA_TOKEN:-sandbox-asana-token}', 'token: ${ASANA_TOKEN}')
        .replace('includeSubtasks', 'includeSubtask')
        .replace('hipaa-sra: { leadTimeDays: 63 }', 'hipaa-sra: { leadTimeDays: 63, blocksPhase: go-live }');
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, broken.replace('crossToolField: Blocked by Jira', 'crossToolField: Blocked by Jira\n    includeSubtask: true'));
      const bad = vitals(['config', 'check', file], { ASANA_TOKEN: '' });
      expect(bad.code).toBe(1);
      expect(bad.out).toBe('');
      const located = bad.err.split('\n').filter((l) => l.startsWith(`${file}:`));
      expect(located).toHaveLength(3);
      expect(bad.err).toContain('environment variable ASANA_TOKEN is not set');
      expect(bad.err).toContain('did you mean `includeSubtasks`?');
      expect(bad.err).toContain('did you mean `golive`?');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('schema prints the JSON Schema', () => {
    const schema = vitals(['config', 'schema']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.out)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
  });
});
