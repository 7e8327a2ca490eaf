import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintManifest, type LintOptions } from './helpers/manifest-lint';
import { readPng } from './helpers/png';
import { descendants, parseXml } from './helpers/xml';

const ROOT = join(__dirname, '..', '..');
const MANIFEST = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const SERVER = 'https://localhost:4000';

/** The repository file behind a URL of the local server: /addin/x is served from addin/x. */
function fileFor(url: string): string | null {
  if (!url.startsWith(`${SERVER}/addin/`)) return null;
  return join(ROOT, new URL(url).pathname);
}

const options: LintOptions = {
  buttonLabel: 'Segment selection',
  iconSize(url) {
    const file = fileFor(url);
    if (!file || !existsSync(file)) return null;
    const png = readPng(readFileSync(file));
    return png.width === png.height ? png.width : null;
  },
};

describe('manifest.xml', () => {
  const root = parseXml(MANIFEST);
  const all = descendants(root);
  const child = (name: string) => root.children.find((c) => c.name === name);

  test('lintManifest(manifest.xml) finds nothing: order, ids, resids, https, icons, label, ShowTaskpane', () => {
    expect(lintManifest(MANIFEST, options)).toEqual([]);
  });

  test('manifest.xml is an Excel task pane add-in needing ExcelApi 1.7 and read/write access', () => {
    expect(child('Hosts')?.children.map((h) => h.attributes.Name)).toEqual(['Workbook']);
    const sets = child('Requirements')?.children.find((c) => c.name === 'Sets')?.children ?? [];
    expect(sets.map((s) => s.attributes)).toEqual([{ Name: 'ExcelApi', MinVersion: '1.7' }]);
    expect(child('Permissions')?.text).toBe('ReadWriteDocument');
    expect(child('Id')?.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('manifest.xml opens addin/taskpane.html from the local HTTPS server, in the pane and from the ribbon', () => {
    const source = child('DefaultSettings')?.children.find((c) => c.name === 'SourceLocation');
    expect(source?.attributes.DefaultValue).toBe(`${SERVER}/addin/taskpane.html`);
    const taskpaneUrl = all.find((e) => e.name === 'bt:Url' && e.attributes.id === 'Taskpane.Url');
    expect(taskpaneUrl?.attributes.DefaultValue).toBe(`${SERVER}/addin/taskpane.html`);
    expect(existsSync(fileFor(`${SERVER}/addin/taskpane.html`) ?? '')).toBe(true);
  });

  test('manifest.xml puts its ribbon button on the Home tab through VersionOverrides 1.0', () => {
    const overrides = child('VersionOverrides');
    expect(overrides?.attributes['xsi:type']).toBe('VersionOverridesV1_0');
    expect(overrides?.attributes.xmlns).toBe('http://schemas.microsoft.com/office/taskpaneappversionoverrides');
    const tab = all.find((e) => e.name === 'OfficeTab');
    expect(tab?.attributes.id).toBe('TabHome');
    expect(descendants(tab!).filter((e) => e.name === 'Control')).toHaveLength(1);
  });
});

describe('lintManifest(xml, options)', () => {
  const lint = (xml: string) => lintManifest(xml, options);

  test('reports elements out of schema order (Permissions before DefaultSettings)', () => {
    const permissions = '  <Permissions>ReadWriteDocument</Permissions>\n';
    const swapped = MANIFEST.replace(permissions, '').replace(
      '  <DefaultSettings>',
      `${permissions}  <DefaultSettings>`,
    );
    expect(lint(swapped)).toContain('<DefaultSettings> is out of schema order in <OfficeApp>');
  });

  test('reports a missing required element and an unknown one', () => {
    const problems = lint(MANIFEST.replace(/ {2}<ProviderName>.*\n/, '  <Vendor>Quadrant</Vendor>\n'));
    expect(problems).toEqual(
      expect.arrayContaining(['<ProviderName> is missing', '<Vendor> is not allowed in <OfficeApp>']),
    );
  });

  test('reports a duplicated id and a resid that names nothing', () => {
    const problems = lint(
      MANIFEST.replace('id="Quadrant.Group"', 'id="Quadrant.SegmentButton"').replace(
        'resid="Group.Label"',
        'resid="Group.Title"',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining(['id "Quadrant.SegmentButton" is used twice', 'resid "Group.Title" names no resource']),
    );
  });

  test('reports a URL that is not https', () => {
    const problems = lint(
      MANIFEST.replace(
        `"${SERVER}/addin/taskpane.html"/>\n  </DefaultSettings>`,
        '"http://localhost:4000/addin/taskpane.html"/>\n  </DefaultSettings>',
      ),
    );
    expect(problems).toContain(
      '<SourceLocation> has a URL that is not https: http://localhost:4000/addin/taskpane.html',
    );
  });

  test('reports icons of the wrong size or missing', () => {
    const problems = lint(
      MANIFEST.replace('icon-64.png', 'icon-80.png').replace('assets/icon-16.png', 'assets/nothing.png'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        `<HighResolutionIconUrl> is not a 64 px icon: ${SERVER}/addin/assets/icon-80.png`,
        `image "Icon.16x16" is not a 16 px icon: ${SERVER}/addin/assets/nothing.png`,
      ]),
    );
  });

  test('reports an ExecuteFunction action and a missing "Segment selection" label', () => {
    const problems = lint(
      MANIFEST.replace('xsi:type="ShowTaskpane"', 'xsi:type="ExecuteFunction"').replace(
        'DefaultValue="Segment selection"',
        'DefaultValue="Segment"',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'an <Action> is ExecuteFunction, not ShowTaskpane',
        'no ribbon button is labelled "Segment selection"',
      ]),
    );
  });

  test('throws on XML that is not well-formed', () => {
    expect(() => lint(MANIFEST.replace('</Hosts>', '</Host>'))).toThrow(/closes <Hosts>/);
  });
});

describe('addin/assets icons', () => {
  test.each([16, 32, 64, 80])('icon-%i.png is a valid square 8-bit RGBA PNG of that many pixels', (size) => {
    const png = readPng(readFileSync(join(ROOT, 'addin', 'assets', `icon-${size}.png`)));
    expect(png).toEqual({ width: size, height: size, bitDepth: 8, colourType: 6 });
  });
});
