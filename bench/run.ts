/**
 * `npm run bench [-- name ...]`: runs the named benchmarks (all when none is named), prints one table and
 * writes bench/results/latest.json. Each benchmark is `bench/<name>.bench.ts` exporting `bench: Bench`.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench, Figure } from './lib/report';
import { formatTable, ratio } from './lib/report';

async function main(): Promise<void> {
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''))
    .sort();
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = asked.length ? asked : available;
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length) {
    console.error(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
    process.exit(2);
  }
  const figures: Figure[] = [];
  for (const name of names) {
    const mod = (await import(join(__dirname, `${name}.bench.ts`))) as { bench: Bench };
    console.log(`\n== ${name}: ${mod.bench.description}`);
    const out = await mod.bench.run(process.argv.slice(2));
    console.log(formatTable(out));
    figures.push(...out);
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  writeFileSync(
    file,
    JSON.stringify({ at: new Date().toISOString(), node: process.version, figures: figures.map((f) => ({ ...f, ratio: ratio(f) })) }, null, 2),
  );
  console.log(`\n== all figures\n${formatTable(figures)}\n\nwritten: ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
