import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import type { SourceItem } from '../../src/model';
import { minimizeItems, referencedCustomFields } from '../../src/pipeline/minimize';

const root = join(__dirname, '..', '..');
const example = join(root, 'config', 'examples', 'st-elsewhere-ehr.yaml');

function item(customFields: SourceItem['customFields']): SourceItem {
  return {
    tool: 'asana', instance: 'asana-main', key: '1201', id: '1201', url: 'https://app.asana.com/0/1/1201', title: 't',
    type: 'default_task', status: 'open', statusCategory: 'todo', assignee: null, project: '1', created: '2026-01-01T00:00:00Z',
    updated: '2026-01-02T00:00:00Z', start: null, due: null, completed: null, labels: [], components: [], parent: null,
    section: null, tags: [], customFields, approvalStatus: null, priority: null, resolution: null, fixVersions: [], blockedBy: [], version: 'v1',
  };
}

describe('data minimisation before storage', () => {
  const loaded = loadConfig(example, { env: {}, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error('example config must load');
  const keep = referencedCustomFields(loaded.config.programs);

  it('keeps exactly the custom fields a rule matches on or reads severity from', () => {
    const referenced = loaded.config.programs.flatMap((p) =>
      p.rules.flatMap((r) => [...Object.keys(r.when.customFields ?? {}), ...(typeof r.set.severity === 'object' && r.set.severity.from === 'field' && r.set.severity.field ? [r.set.severity.field] : [])]),
    );
    expect([...keep].sort()).toEqual([...new Set(referenced)].sort());
  });

  it('drops a free-text field no rule reads (it may hold PHI) and leaves the rest of the item alone', () => {
    const kept = [...keep];
    const fields: SourceItem['customFields'] = { 'Patient notes': 'Jane Doe MRN 12345678' };
    for (const name of kept) fields[name] = 'x';
    const [out] = minimizeItems([item(fields)], keep);
    expect(Object.keys(out?.customFields ?? {}).sort()).toEqual(kept.sort());
    expect(JSON.stringify(out)).not.toContain('Jane Doe');
    expect(out?.version).toBe('v1');
  });

  it('returns an item that carries nothing extra unchanged (same object: no copy on the hot path)', () => {
    const input = item({});
    expect(minimizeItems([input], keep)[0]).toBe(input);
  });
});
