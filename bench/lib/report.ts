/** One measured figure, with its target and how it compares. Lower-is-better unless `higherIsBetter`. */
export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  target?: number;
  higherIsBetter?: boolean;
  note?: string;
}

export interface Bench {
  name: string;
  description: string;
  run(args: string[]): Promise<Figure[]>;
}

/** value/target for lower-is-better, target/value for higher-is-better: a ratio ≤ 1 meets the target. */
export function ratio(f: Figure): number | null {
  if (f.target === undefined || f.target === 0) return null;
  if (f.higherIsBetter) return f.value === 0 ? Infinity : f.target / f.value;
  return f.value / f.target;
}

export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const r = ratio(f);
    return [
      f.bench,
      f.name,
      `${round(f.value)} ${f.unit}`,
      f.target === undefined ? '' : `${f.higherIsBetter ? '≥' : '≤'} ${round(f.target)} ${f.unit}`,
      r === null ? '' : `${r.toFixed(2)} ${r <= 1 ? 'ok' : 'MISS'}`,
      f.note ?? '',
    ];
  });
  const head = ['bench', 'figure', 'value', 'target', 'ratio', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function round(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}
