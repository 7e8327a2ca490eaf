import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

const ROOT = join(__dirname, '..', '..');

describe('node addin/build.mjs', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'quadrant-addin-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  let result: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    result = spawnSync(process.execPath, [join(ROOT, 'addin', 'build.mjs'), '--outdir', outdir], { encoding: 'utf8' });
  });

  test('build.mjs bundles addin/src/taskpane.ts into one taskpane.js with a source map', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const bundle = join(outdir, 'taskpane.js');
    expect(existsSync(bundle)).toBe(true);
    const code = readFileSync(bundle, 'utf8');
    // esbuild marks each bundled module with its path when not minifying.
    expect(code).toContain('// addin/src/taskpane.ts');
    expect(code).toContain('// addin/src/excel/workbook.ts');
    expect(code).toMatch(/\/\/# sourceMappingURL=taskpane\.js\.map\s*$/);
    const map = JSON.parse(readFileSync(join(outdir, 'taskpane.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((source) => source.endsWith('addin/src/taskpane.ts'))).toBe(true);
  });

  test('build.mjs emits a classic ES2019 script: no import/export, no ?? or ?. left', () => {
    const code = readFileSync(join(outdir, 'taskpane.js'), 'utf8');
    expect(() => new Script(code)).not.toThrow();
    expect(code).not.toMatch(/\?\?|\?\.(?!\d)/);
  });
});
