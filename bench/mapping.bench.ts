/**
 * `npm run bench -- mapping`: 100,000 generated items (Jira and Asana shapes, seeded) through a 50-rule program
 * loaded by the real config loader. Reports the median of 5 timed runs after a warm-up; target < 200 ms per 100k.
 */
import { readFileSync } from 'node:fs';
import type { Bench } from './lib/report';
import { loadConfig } from '../src/config';
import { createMapper } from '../src/mapping';
import type { SourceItem } from '../src/model';
import { mulberry32 as rng } from '../src/health/rng';
import { itemUid } from '../src/model';

const N = 100_000;

const LABELS = ['hipaa-sra', 'downtime', 'clia', 'epcs', 'phase', 'compliance', 'interface', 'conversion', 'training', 'go-live-blocker', 'ux', 'perf'];
const COMPONENTS = ['Lab Interfaces', 'Orders', 'Nursing', 'Pharmacy', 'ADT', 'Radiology', 'Billing'];
const TAGS = ['minimum-necessary', 'npp', 'breach-readiness', 'safer-guides', 'info-blocking', 'soc2', 'hipaa-sra'];
const SECTIONS = ['BAA inventory', 'Sign-offs', 'Training readiness', 'Super-user roster', 'Upcoming', 'In progress', 'Milestones'];
const TYPES = ['Task', 'Story', 'Bug', 'Epic', 'Sign-off', 'Sub-task'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

export function generateItems(n: number, seed = 42): SourceItem[] {
  const r = rng(seed);
  const items: SourceItem[] = [];
  for (let i = 0; i < n; i++) {
    const jira = r() < 0.6;
    const labels = jira ? Array.from({ length: Math.floor(r() * 3) }, () => pick(r, LABELS)) : [];
    items.push({
      tool: jira ? 'jira' : 'asana',
      instance: jira ? 'jira-main' : 'asana-main',
      key: jira ? `EHR-${i}` : String(1209000000000000 + i),
      id: String(i),
      url: '',
      title: `Generated work item ${i} ${pick(r, ['risk analysis', 'order set build', 'interface test', 'training plan', 'cutover step'])}`,
      type: jira ? pick(r, TYPES) : pick(r, ['default_task', 'default_task', 'approval', 'milestone']),
      status: pick(r, ['To Do', 'In Progress', 'Done', 'Blocked']),
      statusCategory: pick(r, ['todo', 'in_progress', 'done'] as const),
      assignee: null,
      project: jira ? pick(r, ['EHR', 'INT']) : '1209000000000101',
      created: '2026-01-01T00:00:00Z',
      updated: '2026-11-01T00:00:00Z',
      start: null,
      due: null,
      completed: null,
      labels,
      components: jira && r() < 0.5 ? [pick(r, COMPONENTS)] : [],
      parent: jira && r() < 0.6 ? `EHR-${1 + Math.floor(r() * 9)}` : null,
      section: jira ? null : pick(r, SECTIONS),
      tags: jira ? [] : Array.from({ length: Math.floor(r() * 2) }, () => pick(r, TAGS)),
      customFields: jira ? { Severity: pick(r, ['Sev1', 'Sev2', 'Sev3', 'Sev4']) } : { 'Sign-off role': pick(r, ['CMIO', 'CNIO', 'Lab', 'CISO', 'Sponsor']) },
      approvalStatus: null,
      priority: jira ? pick(r, ['Highest', 'High', 'Medium', 'Low']) : null,
      resolution: null,
      fixVersions: [],
      blockedBy: [],
      version: '1',
    });
  }
  return items;
}

/** The example config with its rule list replaced by 50 rules over every kind of condition. */
function fiftyRuleConfig(): string {
  const example = readFileSync(`${__dirname}/../config/examples/st-elsewhere-ehr.yaml`, 'utf8');
  const head = example.slice(0, example.indexOf('    rules:'));
  const rules: string[] = [];
  const phases = ['initiation', 'planning', 'design', 'build', 'testing', 'training', 'golive', 'stabilization'];
  // Rare, specific rules first (most items fall through many of them), broad ones last.
  for (let i = 0; i < 10; i++) rules.push(`      - { id: title-${i}, when: { source: [jira-main], type: [Story], title: "zz-never-${i}|^impossible" }, set: { phase: build } }`);
  for (let i = 0; i < 10; i++) rules.push(`      - { id: cf-${i}, when: { customFields: { Severity: [Sev${(i % 4) + 1}] }, type: [Sign-off], labels: [x-${i}] }, set: { signoff: cmio } }`);
  ['hipaa-sra', 'downtime', 'clia', 'epcs'].forEach((l, i) => rules.push(`      - { id: label-${i}, when: { labels: [${l}], components: [Lab Interfaces, Orders] }, set: { gate: ${['hipaa-sra', 'hipaa-contingency', 'clia-results', 'epcs'][i]} } }`));
  TAGS.forEach((t, i) => rules.push(`      - { id: tag-${i}, when: { source: [asana-main], tags: [${t}] }, set: { gate: hipaa-privacy } }`));
  ['CMIO', 'CNIO', 'Lab', 'CISO', 'Sponsor'].forEach((role, i) => rules.push(`      - { id: approval-${i}, when: { type: [approval], customFields: { Sign-off role: [${role}] } }, set: { signoff: ${['cmio', 'cnio', 'lab', 'security', 'sponsor'][i]} } }`));
  rules.push('      - { id: bugs, when: { type: [Bug] }, set: { severity: { from: field, field: Severity }, goLiveBlockingLabel: go-live-blocker } }');
  rules.push('      - { id: milestones, when: { type: [milestone] }, set: { milestone: go-live } }');
  phases.forEach((ph, i) => rules.push(`      - { id: parent-${ph}, when: { parent: [EHR-${i + 1}] }, set: { phase: ${ph} } }`));
  SECTIONS.slice(0, 3).forEach((s, i) => rules.push(`      - { id: section-${i}, when: { section: [${s}] }, set: { phase: training } }`));
  rules.push('      - { id: risk-title, when: { title: "risk analysis" }, set: { gate: hipaa-sra } }');
  while (rules.length < 50) rules.push(`      - { id: filler-${rules.length}, when: { project: [P${rules.length}] }, set: { phase: build } }`);
  return `${head}    rules:\n${rules.slice(0, 50).join('\n')}\n`;
}

export const bench: Bench = {
  name: 'mapping',
  description: `${N.toLocaleString('en-US')} generated items through a 50-rule config (median of 5 runs)`,
  async run() {
    const text = fiftyRuleConfig();
    const file = '/bench/fifty-rules.yaml';
    const loaded = loadConfig(file, { env: {}, readFile: (p) => (p === file ? text : readFileSync(p, 'utf8')) });
    if (!loaded.ok) throw new Error(`bench config invalid: ${loaded.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    const rules = loaded.config.programs[0]!.rules.length;
    if (rules !== 50) throw new Error(`expected 50 rules, got ${rules}`);
    const items = generateItems(N);
    const map = createMapper(loaded.config.programs);
    map(items); // warm-up
    const times: number[] = [];
    const cpu: number[] = [];
    let mapped = 0;
    for (let i = 0; i < 5; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      const r = map(items);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      mapped = r.items.length;
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const median = times[2] ?? 0;
    // What merely allocating 100k WorkItem-shaped results costs on this machine: the floor for any mapper.
    const floorCpu = process.cpuUsage();
    const floor: unknown[] = [];
    for (const item of items) floor.push({ uid: itemUid(item), source: item, program: 'p', phase: null, kind: 'task', status: 'todo', severity: null, gate: null, signoff: null, milestone: null, goLiveBlocking: false, rule: 'r' });
    const floorUsed = process.cpuUsage(floorCpu);
    const compileStart = performance.now();
    createMapper(loaded.config.programs);
    const compileMs = performance.now() - compileStart;
    return [
      { bench: 'mapping', name: 'wall time per 100k items (median)', value: median, unit: 'ms', target: 200, note: `min ${times[0]?.toFixed(0)} ms` },
      { bench: 'mapping', name: 'throughput', value: Math.round(N / (median / 1000)), unit: 'items/s', target: 500_000, higherIsBetter: true },
      // CPU time of this process: what one core spends, whatever else the shared machine is running.
      { bench: 'mapping', name: 'CPU time per 100k items (median)', value: cpu[2] ?? 0, unit: 'ms', target: 200 },
      { bench: 'mapping', name: 'allocation floor (100k results, CPU)', value: (floorUsed.user + floorUsed.system) / 1000, unit: 'ms', note: `${floor.length} objects` },
      { bench: 'mapping', name: 'items mapped', value: mapped, unit: 'items' },
      { bench: 'mapping', name: 'rule compile', value: compileMs, unit: 'ms' },
    ];
  },
};
