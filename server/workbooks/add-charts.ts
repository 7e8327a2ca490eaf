/**
 * Adds native charts to a worksheet of an .xlsx package written by ExcelJS, which has no chart support (exceljs
 * issue #141): for each chart a part xl/charts/chartN.xml, one drawing xl/drawings/drawingN.xml anchoring them, the
 * relationships between sheet, drawing and charts, the content-type overrides, and the sheet's `<drawing r:id>`.
 * Part numbers continue after any the package already has, so images ExcelJS wrote are kept.
 */
import JSZip from 'jszip';
import { chartXml, drawingXml, type ChartAnchor, type ChartSpec } from './chart-xml';

export interface PlacedChartSpec extends ChartSpec {
  row: number;
  column: number;
  width: number;
  height: number;
}

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const TYPE_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const TYPE_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** Elements a worksheet may have after `<drawing>` (CT_Worksheet's sequence); the drawing goes before the first. */
const AFTER_DRAWING = [
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/**
 * Returns the package with the charts drawn on `sheetName`.
 * @throws Error when the sheet is not in the package or already has a drawing (the results sheet never does).
 */
export async function addCharts(
  xlsx: Uint8Array,
  sheetName: string,
  charts: readonly PlacedChartSpec[],
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  if (charts.length === 0) return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const sheetPath = await sheetPart(zip, sheetName);
  const sheetRelsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
  let sheetXml = await text(zip, sheetPath);
  if (/<drawing\b/.test(sheetXml)) throw new Error(`addCharts: sheet "${sheetName}" already has a drawing`);

  const drawingNumber = nextNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);
  const firstChart = nextNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  const anchors: ChartAnchor[] = [];
  const drawingRels: string[] = [];
  charts.forEach((chart, i) => {
    const n = firstChart + i;
    zip.file(`xl/charts/chart${n}.xml`, chartXml(chart));
    const relId = `rId${i + 1}`;
    drawingRels.push(`<Relationship Id="${relId}" Type="${REL_CHART}" Target="../charts/chart${n}.xml"/>`);
    anchors.push({
      row: chart.row,
      column: chart.column,
      width: chart.width,
      height: chart.height,
      relId,
      name: chart.title,
    });
  });
  zip.file(`xl/drawings/drawing${drawingNumber}.xml`, drawingXml(anchors));
  zip.file(`xl/drawings/_rels/drawing${drawingNumber}.xml.rels`, relationships(drawingRels));

  const existingRels = zip.file(sheetRelsPath) ? await text(zip, sheetRelsPath) : relationships([]);
  const drawingRelId = unusedRelId(existingRels);
  zip.file(
    sheetRelsPath,
    existingRels.replace(
      '</Relationships>',
      `<Relationship Id="${drawingRelId}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNumber}.xml"/></Relationships>`,
    ),
  );
  if (!/xmlns:r="/.test(sheetXml.slice(0, sheetXml.indexOf('>', sheetXml.indexOf('<worksheet'))))) {
    sheetXml = sheetXml.replace(
      '<worksheet',
      '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
    );
  }
  zip.file(sheetPath, insertDrawing(sheetXml, drawingRelId));

  let types = await text(zip, '[Content_Types].xml');
  const overrides = [
    `<Override PartName="/xl/drawings/drawing${drawingNumber}.xml" ContentType="${TYPE_DRAWING}"/>`,
    ...charts.map((_, i) => `<Override PartName="/xl/charts/chart${firstChart + i}.xml" ContentType="${TYPE_CHART}"/>`),
  ];
  types = types.replace('</Types>', `${overrides.join('')}</Types>`);
  zip.file('[Content_Types].xml', types);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** The worksheet part of a sheet name, from workbook.xml and its relationships. */
async function sheetPart(zip: JSZip, sheetName: string): Promise<string> {
  const workbook = await text(zip, 'xl/workbook.xml');
  const rels = await text(zip, 'xl/_rels/workbook.xml.rels');
  for (const match of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const tag = match[0];
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name === undefined || xmlUnescape(name) !== sheetName) continue;
    const id = /\br:id="([^"]*)"/.exec(tag)?.[1];
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${id}"`));
    const target = rel && /\bTarget="([^"]*)"/.exec(rel)?.[1];
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  throw new Error(`addCharts: no sheet "${sheetName}" in the package`);
}

function insertDrawing(sheetXml: string, relId: string): string {
  const tag = `<drawing r:id="${relId}"/>`;
  let at = -1;
  for (const name of AFTER_DRAWING) {
    const i = sheetXml.search(new RegExp(`<${name}[\\s/>]`));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = sheetXml.lastIndexOf('</worksheet>');
  return sheetXml.slice(0, at) + tag + sheetXml.slice(at);
}

function nextNumber(zip: JSZip, pattern: RegExp): number {
  let max = 0;
  zip.forEach((path) => {
    const m = pattern.exec(path);
    if (m) max = Math.max(max, Number(m[1]));
  });
  return max + 1;
}

function unusedRelId(rels: string): string {
  const used = new Set([...rels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

function relationships(items: readonly string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`
  );
}

async function text(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`addCharts: the package has no ${path}`);
  return file.async('string');
}

function xmlUnescape(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g,
    (_, name: string, dec?: string, hex?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name]!;
    },
  );
}
