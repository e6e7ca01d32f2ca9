import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding Vitals' package.json, whether we run from `dist/` or from source under tsx/jest. */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'config', 'presets'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`vitals: cannot find the package root above ${__dirname}`);
    dir = up;
  }
}

export function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
