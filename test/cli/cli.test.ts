import { buildProgram } from '../../src/cli';
import { readPackageVersion } from '../../src/paths';

describe('vitals CLI', () => {
  it('reports the package version', () => {
    expect(readPackageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists its commands in --help', () => {
    const help = buildProgram().helpInformation();
    expect(help).toContain('demo');
  });
});
