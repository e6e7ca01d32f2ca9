/**
 * Builds the portfolio and program views with a render cache: a program's snapshot and score history are read
 * again only when its version changes, and rendered JSON is reused while the version, the override, the
 * escalation records and the day stay the same. Versions, overrides and escalation records are re-checked at
 * most once per `freshMs` (concurrent requests share one check); a write through this process invalidates its
 * program at once, and one through another process shows within `freshMs`.
 */
import type { Clock } from '../clock';
import type { EscalationRecord, ProgramEvaluation } from '../model/evaluation';
import type { Program, RagOverride } from '../model/program';
import type { PortfolioStore, ProgramCatalog } from './ports';
import type { PortfolioRow, ProgramDetail } from './schemas';
import { portfolioRow, programDetail, type ViewInput } from './view';

interface Base {
  version: string | null;
  evaluation: ProgramEvaluation | null;
  scores: Array<{ at: string; score: number }>;
}

interface Rendered<T> {
  key: string;
  value: T;
  json: string;
  /** `json` encoded once, sent as is. */
  body: Buffer;
}

interface Checked {
  at: number;
  version: string | null;
  override: RagOverride | null;
  records: EscalationRecord[];
}

export class PortfolioService {
  private readonly bases = new Map<string, Base>();
  private readonly checked = new Map<string, Checked>();
  private readonly bodies = new Map<string, { json: string; body: Buffer }>();
  private inflight: Promise<unknown> | null = null;
  private readonly rows = new Map<string, Rendered<PortfolioRow>>();
  private readonly details = new Map<string, Rendered<ProgramDetail>>();

  constructor(
    private readonly store: PortfolioStore,
    private readonly catalog: ProgramCatalog,
    private readonly clock: Clock,
    private readonly historyPoints = 200,
    private readonly freshMs = 1000,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Forget what is known of a program (after a write through this process). */
  invalidate(program: string): void {
    this.checked.delete(program);
  }

  /**
   * Programs never checked (or invalidated) are checked before answering; programs whose check is older than
   * `freshMs` are served from cache while one shared background check renews them (stale-while-revalidate), so
   * the periodic re-check never sits in a request's latency.
   */
  private async refresh(ids: string[]): Promise<void> {
    const t = this.nowMs();
    const missing = ids.filter((id) => !this.checked.has(id));
    const stale = ids.filter((id) => {
      const c = this.checked.get(id);
      return c !== undefined && t - c.at > this.freshMs;
    });
    if (stale.length && !this.inflight) {
      this.inflight = this.check(stale, t)
        .catch(() => undefined)
        .finally(() => {
          this.inflight = null;
        });
    }
    if (missing.length) await this.check(missing, t);
  }

  private async check(ids: string[], at: number): Promise<void> {
    const [versions, overrides, records] = await Promise.all([
      this.store.getVersions(ids),
      this.store.getOverrides(ids),
      Promise.all(ids.map((id) => this.store.getEscalations(id))),
    ]);
    await Promise.all(
      ids.map(async (id, i) => {
        const version = versions[i] ?? null;
        const cached = this.bases.get(id);
        if (!cached || cached.version !== version) {
          const [snap, scores] = await Promise.all([this.store.getSnapshot(id), this.store.getHistory(id, this.historyPoints)]);
          this.bases.set(id, { version: snap?.version ?? null, evaluation: snap?.evaluation ?? null, scores });
        }
        this.checked.set(id, { at, version, override: overrides[i] ?? null, records: records[i] ?? [] });
      }),
    );
  }

  /** Configured programs the caller may see, in config order. */
  programs(visible: (id: string) => boolean): Program[] {
    return this.catalog.list().filter((p) => visible(p.id));
  }

  private async loadBases(ids: string[]): Promise<Base[]> {
    await this.refresh(ids);
    return ids.map((id) => this.bases.get(id) ?? { version: null, evaluation: null, scores: [] });
  }

  private async dynamic(ids: string[]): Promise<{ overrides: Array<RagOverride | null>; records: EscalationRecord[][] }> {
    await this.refresh(ids);
    return { overrides: ids.map((id) => this.checked.get(id)?.override ?? null), records: ids.map((id) => this.checked.get(id)?.records ?? []) };
  }

  private inputs(programs: Program[], bases: Base[], d: { overrides: Array<RagOverride | null>; records: EscalationRecord[][] }, now: Date) {
    return programs.map((program, i): { input: ViewInput; key: string } => {
      const base = bases[i] as Base;
      const override = d.overrides[i] ?? null;
      const records = d.records[i] ?? [];
      const input: ViewInput = { program, evaluation: base.evaluation, version: base.version, scores: base.scores, override, records, now };
      const key = [base.version, now.toISOString().slice(0, 10), this.checked.get(program.id)?.at ?? 0].join('|');
      return { input, key };
    });
  }

  /** Rows for the given programs, each rendered once per cache key. */
  async rowsFor(programs: Program[]): Promise<Array<Rendered<PortfolioRow>>> {
    const ids = programs.map((p) => p.id);
    const now = this.clock();
    const [bases, d] = await Promise.all([this.loadBases(ids), this.dynamic(ids)]);
    return this.inputs(programs, bases, d, now).map(({ input, key }) => {
      const hit = this.rows.get(input.program.id);
      if (hit && hit.key === key) return hit;
      const value = portfolioRow(input);
      const json = JSON.stringify(value);
      const r = { key, value, json, body: Buffer.alloc(0) };
      this.rows.set(input.program.id, r);
      return r;
    });
  }

  /** The portfolio as JSON, assembled from cached rows; the encoded body is reused while no row changed. */
  async portfolioJson(programs: Program[]): Promise<{ json: string; body: Buffer; rows: PortfolioRow[] }> {
    const rows = await this.rowsFor(programs);
    const generatedAt = this.clock().toISOString();
    const key = `${generatedAt}|${rows.map((r) => `${r.value.id}@${r.key}`).join(',')}`;
    const hit = this.bodies.get(key);
    if (hit) return { json: hit.json, body: hit.body, rows: rows.map((r) => r.value) };
    const json = `{"generatedAt":${JSON.stringify(generatedAt)},"programs":[${rows.map((r) => r.json).join(',')}]}`;
    const body = Buffer.from(json);
    // A handful of scopes are in use at a time; drop everything when that stops being true.
    if (this.bodies.size > 64) this.bodies.clear();
    this.bodies.set(key, { json, body });
    return { json, body, rows: rows.map((r) => r.value) };
  }

  async detail(program: Program): Promise<Rendered<ProgramDetail>> {
    const now = this.clock();
    const [bases, d] = await Promise.all([this.loadBases([program.id]), this.dynamic([program.id])]);
    const [{ input, key } = this.never()] = this.inputs([program], bases, d, now);
    const hit = this.details.get(program.id);
    if (hit && hit.key === key) return hit;
    const value = programDetail(input);
    const json = JSON.stringify(value);
    const r = { key, value, json, body: Buffer.from(json) };
    this.details.set(program.id, r);
    return r;
  }

  private never(): never {
    throw new Error('unreachable: one program in, one view out');
  }
}
