/**
 * Builds the portfolio and program views with a render cache: a program's snapshot and score history are read
 * again only when its version changes, and rendered JSON is reused while the version, the override, the
 * escalation records and the day stay the same. Overrides and records are re-read on every request (one Redis
 * pipeline), so an acknowledgement made through another API process shows at once.
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
}

export class PortfolioService {
  private readonly bases = new Map<string, Base>();
  private readonly rows = new Map<string, Rendered<PortfolioRow>>();
  private readonly details = new Map<string, Rendered<ProgramDetail>>();

  constructor(
    private readonly store: PortfolioStore,
    private readonly catalog: ProgramCatalog,
    private readonly clock: Clock,
    private readonly historyPoints = 200,
  ) {}

  /** Configured programs the caller may see, in config order. */
  programs(visible: (id: string) => boolean): Program[] {
    return this.catalog.list().filter((p) => visible(p.id));
  }

  private async loadBases(ids: string[]): Promise<Base[]> {
    const versions = await this.store.getVersions(ids);
    return Promise.all(
      ids.map(async (id, i) => {
        const cached = this.bases.get(id);
        const v = versions[i] ?? null;
        if (cached && cached.version === v) return cached;
        const [snap, scores] = await Promise.all([this.store.getSnapshot(id), this.store.getHistory(id, this.historyPoints)]);
        const base: Base = { version: snap?.version ?? null, evaluation: snap?.evaluation ?? null, scores };
        this.bases.set(id, base);
        return base;
      }),
    );
  }

  private async dynamic(ids: string[]): Promise<{ overrides: Array<RagOverride | null>; records: EscalationRecord[][] }> {
    const [overrides, records] = await Promise.all([this.store.getOverrides(ids), Promise.all(ids.map((id) => this.store.getEscalations(id)))]);
    return { overrides, records };
  }

  private inputs(programs: Program[], bases: Base[], d: { overrides: Array<RagOverride | null>; records: EscalationRecord[][] }, now: Date) {
    return programs.map((program, i): { input: ViewInput; key: string } => {
      const base = bases[i] as Base;
      const override = d.overrides[i] ?? null;
      const records = d.records[i] ?? [];
      const input: ViewInput = { program, evaluation: base.evaluation, version: base.version, scores: base.scores, override, records, now };
      const key = [base.version, now.toISOString().slice(0, 10), JSON.stringify(override), JSON.stringify(records)].join('|');
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
      const r = { key, value, json: JSON.stringify(value) };
      this.rows.set(input.program.id, r);
      return r;
    });
  }

  /** The portfolio as a JSON string, assembled from cached rows. */
  async portfolioJson(programs: Program[]): Promise<{ json: string; rows: PortfolioRow[] }> {
    const rows = await this.rowsFor(programs);
    const json = `{"generatedAt":${JSON.stringify(this.clock().toISOString())},"programs":[${rows.map((r) => r.json).join(',')}]}`;
    return { json, rows: rows.map((r) => r.value) };
  }

  async detail(program: Program): Promise<Rendered<ProgramDetail>> {
    const now = this.clock();
    const [bases, d] = await Promise.all([this.loadBases([program.id]), this.dynamic([program.id])]);
    const [{ input, key } = this.never()] = this.inputs([program], bases, d, now);
    const hit = this.details.get(program.id);
    if (hit && hit.key === key) return hit;
    const value = programDetail(input);
    const r = { key, value, json: JSON.stringify(value) };
    this.details.set(program.id, r);
    return r;
  }

  private never(): never {
    throw new Error('unreachable: one program in, one view out');
  }
}
