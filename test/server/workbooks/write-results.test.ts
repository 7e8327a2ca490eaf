import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { ResultLayout } from '../../../shared/layout/types';
import { writeResults } from '../../../server/workbooks/write-results';

/** A results sheet with one 2×2 table under a colour scale of `kind`. */
const layout = (kind?: 'diverging' | 'correlation' | 'sequential'): ResultLayout => ({
  rowColumns: null,
  sheet: {
    name: 'Heat',
    title: 'Heat map',
    notes: [],
    charts: [],
    tables: [
      {
        name: 'Matrix',
        title: 'Matrix',
        columns: [
          { header: 'Column', format: 'text' },
          { header: 'a', format: 'decimal3' },
          { header: 'b', format: 'decimal3' },
        ],
        rows: [
          ['a', 1, 0.2],
          ['b', 0.2, 1],
        ],
        colorScale: { firstColumn: 1, lastColumn: 2, ...(kind ? { kind } : {}) },
      },
    ],
  },
});

async function colourScaleXml(result: ResultLayout): Promise<string> {
  const { bytes } = await writeResults(new ExcelJS.Workbook(), result, null);
  const zip = await JSZip.loadAsync(bytes);
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  return /<colorScale>.*?<\/colorScale>/s.exec(sheet)![0];
}

describe('writeResults(workbook, layout) colour scales, as the Excel pane writes them', () => {
  it('writes a correlation heat map with fixed ends at −1 and +1 around white at 0', async () => {
    const xml = await colourScaleXml(layout('correlation'));
    expect(xml.match(/<cfvo [^>]*>/g)).toEqual([
      '<cfvo type="num" val="-1"/>',
      '<cfvo type="num" val="0"/>',
      '<cfvo type="num" val="1"/>',
    ]);
  });

  it('writes a sequential scale (retention) from white at the lowest to green at the highest, no midpoint', async () => {
    const xml = await colourScaleXml(layout('sequential'));
    expect(xml.match(/<cfvo [^>]*>/g)).toEqual(['<cfvo type="min"/>', '<cfvo type="max"/>']);
    expect(xml.match(/rgb="(\w+)"/g)).toEqual(['rgb="FFFFFFFF"', 'rgb="FF63BE7B"']);
  });

  it('keeps the z-score scale (lowest, 0, highest) when no kind is given', async () => {
    const xml = await colourScaleXml(layout());
    expect(xml.match(/<cfvo [^>]*>/g)).toEqual([
      '<cfvo type="min"/>',
      '<cfvo type="num" val="0"/>',
      '<cfvo type="max"/>',
    ]);
  });
});
