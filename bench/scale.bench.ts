/**
 * `npm run bench -- scale`: how the cost grows. The health engine and the whole pipeline at 1k, 10k and 100k items
 * (10 programs), so a reader can see whether the cost is linear before sizing a deployment. `--quick` stops at 10k.
 */
import { evaluateProgram } from '../src/health';
import { bench as pipeline } from './pipeline.bench';
import { portfolio } from './evaluate.bench';
import type { Bench, Figure } from './lib/report';

const SIZES = [1_000, 10_000, 100_000];
const PROGRAMS = 10;

function evaluateMs(total: number): number {
  const inputs = portfolio(PROGRAMS, total / PROGRAMS);
  const warm = inputs[0];
  if (warm) evaluateProgram(warm);
  const t0 = performance.now();
  for (const input of inputs) evaluateProgram(input);
  return performance.now() - t0;
}

async function pipelineSeconds(total: number): Promise<number> {
  const figures = await pipeline.run([`--items=${total}`]);
  const wall = figures.find((f) => f.name.startsWith('empty → all evaluated'));
  if (!wall) throw new Error('scale: the pipeline bench did not report its wall time');
  return wall.value;
}

export const bench: Bench = {
  name: 'scale',
  description: 'scale curve: evaluate and pipeline time at 1k, 10k and 100k items over 10 programs',
  async run(args: string[]): Promise<Figure[]> {
    const sizes = args.includes('--quick') ? SIZES.slice(0, 2) : SIZES;
    const figures: Figure[] = [];
    let first: { evaluate: number; pipeline: number; size: number } | null = null;
    for (const size of sizes) {
      const tag = `${size / 1000}k`;
      const ev = evaluateMs(size);
      const pl = await pipelineSeconds(size);
      first ??= { evaluate: ev, pipeline: pl, size };
      const growth = size / first.size;
      figures.push(
        { bench: 'scale', name: `evaluate ${tag} items`, value: ev, unit: 'ms', note: `×${(ev / first.evaluate).toFixed(1)} for ×${growth} items` },
        { bench: 'scale', name: `pipeline ${tag} items (empty → commented)`, value: pl, unit: 's', note: `×${(pl / first.pipeline).toFixed(1)} for ×${growth} items` },
      );
      console.log(`scale ${tag}: evaluate ${ev.toFixed(0)} ms, pipeline ${pl.toFixed(1)} s`);
    }
    return figures;
  },
};
