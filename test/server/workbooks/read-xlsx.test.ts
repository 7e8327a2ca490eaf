import ExcelJS from 'exceljs';
import { InputError } from '../../../shared/errors';
import { readXlsxTable } from '../../../server/workbooks/read-xlsx';

async function bytesOf(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function errorOf(data: Uint8Array, sheet?: string): Promise<string> {
  try {
    await readXlsxTable(data, 'crm.xlsx', sheet);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('readXlsxTable did not throw');
}

describe('readXlsxTable', () => {
  it('readXlsxTable(bytes) reads the first sheet from its first non-empty row, skipping empty rows, dates as ISO', async () => {
    const data = await bytesOf((wb) => {
      const ws = wb.addWorksheet('Customers');
      ws.getCell('B3').value = 'id';
      ws.getCell('C3').value = 'signup';
      ws.getCell('D3').value = 'clv';
      ws.getRow(4).values = [undefined, 'c1', new Date(Date.UTC(2025, 0, 3)), 120.5];
      ws.getRow(6).values = [
        undefined,
        'c2',
        new Date(Date.UTC(2025, 1, 11, 9, 30)),
        { richText: [{ text: '3' }, { text: '10' }] },
      ];
      wb.addWorksheet('Other').getCell('A1').value = 'x';
    });
    const { table } = await readXlsxTable(data, 'crm.xlsx');
    expect(table).toMatchObject({
      sheetName: 'Customers',
      header: ['id', 'signup', 'clv'],
      rows: [
        ['c1', '2025-01-03', 120.5],
        ['c2', '2025-02-11T09:30:00Z', '310'],
      ],
      headerRow: 3,
      rowNumbers: [4, 6],
      firstColumn: 2,
      lastColumn: 4,
      warnings: [],
    });
  });

  it('readXlsxTable uses the cached values of formulas and warns, naming the first formula cell', async () => {
    const data = await bytesOf((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['a', 'b']);
      ws.addRow([1, { formula: 'A2*2', result: 2 }]);
      ws.addRow([2, { formula: 'A3*2' }]);
    });
    const { table } = await readXlsxTable(data, 'crm.xlsx');
    expect(table.rows).toEqual([
      [1, 2],
      [2, null],
    ]);
    expect(table.warnings).toEqual([
      'crm.xlsx, sheet "Data": 2 data cells hold formulas (first B2); their cached values were used; 1 had none and count as empty',
    ]);
  });

  it('readXlsxTable(bytes, "Missing") names the sheets the workbook has', async () => {
    const data = await bytesOf((wb) => wb.addWorksheet('Customers').addRow(['a']));
    expect(await errorOf(data, 'Missing')).toBe('crm.xlsx: no sheet "Missing"; its sheets are "Customers"');
  });

  it('readXlsxTable refuses a merged header cell, naming the column and the merged range', async () => {
    const data = await bytesOf((wb) => {
      const ws = wb.addWorksheet('Customers');
      ws.addRow(['id', 'spend', null, 'region']);
      ws.addRow(['c1', 1, 2, 'EU']);
      ws.mergeCells('B1:C1');
    });
    expect(await errorOf(data)).toBe(
      'crm.xlsx, sheet "Customers", column B: the header cell B1 is merged (B1:C1); unmerge it so every column has its own name',
    );
  });

  it('readXlsxTable refuses an empty header cell between named ones, naming the column', async () => {
    const data = await bytesOf((wb) => {
      const ws = wb.addWorksheet('Customers');
      ws.addRow(['id', null, 'region']);
      ws.addRow(['c1', 5, 'EU']);
    });
    expect(await errorOf(data)).toBe('crm.xlsx, sheet "Customers", column B: the header cell B1 is empty');
  });

  it('readXlsxTable refuses a value in a column without a header, naming the cell', async () => {
    const data = await bytesOf((wb) => {
      const ws = wb.addWorksheet('Customers');
      ws.addRow(['id', 'region']);
      ws.addRow(['c1', 'EU', 'stray']);
    });
    expect(await errorOf(data)).toBe(
      'crm.xlsx, sheet "Customers", column C: cell C2 has a value but its column has no header',
    );
  });

  it('readXlsxTable refuses an empty sheet and a header without rows', async () => {
    expect(await errorOf(await bytesOf((wb) => wb.addWorksheet('Blank')))).toBe(
      'crm.xlsx, sheet "Blank": the sheet is empty',
    );
    expect(await errorOf(await bytesOf((wb) => wb.addWorksheet('Head').addRow(['a', 'b'])))).toBe(
      'crm.xlsx, sheet "Head": the header in row 1 has no data rows below it',
    );
  });

  it('readXlsxTable tells a password-protected (OLE compound) file from a corrupt one', async () => {
    // Office encrypts a workbook into an OLE compound file (MS-OFFCRYPTO): it starts with the CFB signature.
    const encrypted = new Uint8Array(4096);
    encrypted.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await errorOf(encrypted)).toBe(
      'crm.xlsx: the workbook is password-protected (encrypted) or an old binary .xls; save an unprotected copy as .xlsx and try that',
    );
    const good = await bytesOf((wb) => wb.addWorksheet('A').addRow(['a']));
    expect(await errorOf(good.slice(0, Math.floor(good.length / 2)))).toMatch(
      /^crm\.xlsx: the workbook is corrupt and cannot be read \(.+\)$/,
    );
    expect(await errorOf(new TextEncoder().encode('id,region\n1,EU\n'))).toBe(
      'crm.xlsx: not an .xlsx workbook (it is not a zip package)',
    );
  });
});
