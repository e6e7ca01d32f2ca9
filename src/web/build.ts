/** `npm run build:web`: bundles the dashboard client (chart.js included, no CDN) into src/web/public/build/app.js. */
import { build } from 'esbuild';
import { join } from 'node:path';

export async function buildWeb(root = join(__dirname, '..', '..')): Promise<string> {
  const outfile = join(root, 'src', 'web', 'public', 'build', 'app.js');
  await build({
    entryPoints: [join(root, 'src', 'web', 'client', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    outfile,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

if (require.main === module) {
  buildWeb()
    .then((f) => console.log(`build:web: wrote ${f}`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
