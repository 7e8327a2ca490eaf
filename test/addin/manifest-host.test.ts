import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintManifest } from './helpers/manifest-lint';

const ROOT = join(__dirname, '..', '..');
const script = join(ROOT, 'scripts', 'manifest-host.mjs');

describe('npm run manifest -- --host <https origin>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quadrant-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

  test('manifest-host rewrites every URL to the host and the result still passes the manifest lint', () => {
    const out = join(dir, 'manifest.xml');
    const result = run('--host', 'https://quadrant.example.com:8443', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`manifest: 7 URLs now on https://quadrant.example.com:8443 → ${out}`);
    const xml = readFileSync(out, 'utf8');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<SourceLocation DefaultValue="https://quadrant.example.com:8443/addin/taskpane.html"/>');
    expect(
      lintManifest(xml, { buttonLabel: 'Segment selection', iconSize: () => 64 }).filter((p) => !/icon/i.test(p)),
    ).toEqual([]);
  });

  test('manifest-host refuses a host that is not an https origin, on one line, writing nothing', () => {
    const out = join(dir, 'refused.xml');
    for (const [host, message] of [
      [
        'http://quadrant.example.com',
        'manifest: --host must be https (Office loads add-ins over HTTPS only), got http:',
      ],
      [
        'https://quadrant.example.com/pane',
        'manifest: --host is the server\'s origin only, got "https://quadrant.example.com/pane"',
      ],
    ]) {
      const result = run('--host', host, '--out', out);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(message);
    }
    expect(existsSync(out)).toBe(false);
  });
});
