import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { sourceItemJsonSchema, sourceItemSchema } from '../../src/model/source-item.schema';
import { EXAMPLE_ITEMS, ROOT } from './helpers';

const FILE = join(ROOT, 'config', 'schemas', 'source-item.schema.json');

describe('SourceItem schema', () => {
  it('the committed JSON Schema is generated from the zod schema (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const generated = sourceItemJsonSchema();
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(FILE, `${JSON.stringify(generated, null, 2)}\n`);
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(generated);
  });

  it('zod and the JSON Schema agree on every example line and on broken ones', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(FILE, 'utf8')) as object);
    const lines = readFileSync(EXAMPLE_ITEMS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThanOrEqual(60);
    const broken = [
      { ...lines[0], statusCategory: 'finished' },
      { ...lines[0], labels: 'one' },
      { ...lines[0], extra: 1 },
      { ...lines[0], approvalStatus: 'maybe' },
      Object.fromEntries(Object.entries(lines[0]!).filter(([k]) => k !== 'key')),
    ];
    for (const item of lines) expect([sourceItemSchema.safeParse(item).success, validate(item)]).toEqual([true, true]);
    for (const item of broken) expect([sourceItemSchema.safeParse(item).success, validate(item)]).toEqual([false, false]);
  });
});
