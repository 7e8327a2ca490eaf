/**
 * What a copy written by ExcelJS loses from the original package: ExcelJS keeps cells, styles, formulas, tables,
 * merged cells, conditional formats and images, but drops charts, pivot tables, slicers and macros. Counting those
 * parts lets the command line say so before the analyst finds out (the original file keeps them).
 */
import JSZip from 'jszip';

const KINDS: [pattern: RegExp, one: string, many: string][] = [
  [/^xl\/charts\/chart\d+\.xml$/, 'chart', 'charts'],
  [/^xl\/pivotTables\/pivotTable\d+\.xml$/, 'pivot table', 'pivot tables'],
  [/^xl\/slicers\/slicer\d+\.xml$/, 'slicer', 'slicers'],
  [/^xl\/vbaProject\.bin$/, 'macro project', 'macro projects'],
];

/**
 * A warning listing what the copy will not keep, or null when it keeps everything.
 * @example await droppedPartsWarning(bytes, 'sales.xlsx') → 'sales.xlsx has 2 charts and 1 pivot table that …'
 */
export async function droppedPartsWarning(data: Uint8Array, fileName: string): Promise<string | null> {
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files);
  const found = KINDS.map(([pattern, one, many]) => {
    const n = names.filter((name) => pattern.test(name)).length;
    return n === 0 ? null : `${n} ${n === 1 ? one : many}`;
  }).filter((part): part is string => part !== null);
  if (found.length === 0) return null;
  const list = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} and ${found[found.length - 1]}`;
  return `${fileName} has ${list} that the copy does not keep (the original file keeps them)`;
}
