import { tableFromCsv } from '../../../shared/table/from-csv';

describe('tableFromCsv(text)', () => {
  it('parses quoted fields, detects the delimiter and skips blank lines', () => {
    const t = tableFromCsv('\ufeffname;amount;note\n"Smith, J";"1.234,50";"said ""hi"""\n\nLee;10;\n');
    expect(t.rowCount).toBe(2);
    expect(t.columns.map((c) => c.name)).toEqual(['name', 'amount', 'note']);
    const amount = t.columns[1];
    if (amount.type !== 'NUMBER') throw new Error(`amount is ${amount.type}`);
    expect(Array.from(amount.values)).toEqual([1234.5, 10]);
    const name = t.columns[0];
    if (name.type !== 'TEXT') throw new Error(`name is ${name.type}`);
    expect(name.values).toEqual(['Smith, J', 'Lee']);
  });

  it('refuses empty text and a header with no data', () => {
    expect(() => tableFromCsv('')).toThrow('csv: the CSV is empty');
    expect(() => tableFromCsv('  \n ')).toThrow('csv: the CSV is empty');
    expect(() => tableFromCsv('a,b\n')).toThrow('csv: the CSV has a header but no data rows');
  });

  it('names the ragged row and the duplicate or blank header', () => {
    expect(() => tableFromCsv('a,b\n1,2\n3,4,5\n')).toThrow('csv: row 2 has 3 fields; the header has 2');
    expect(() => tableFromCsv('a,b,a\n1,2,3\n')).toThrow('appears twice (columns 1 and 3)');
    expect(() => tableFromCsv('a,,c\n1,2,3\n')).toThrow('header: column 2 has no name');
  });

  it('reads rows across chunk boundaries without losing or splitting any', () => {
    const lines = ['id,v'];
    for (let i = 0; i < 120000; i++) lines.push(`${i},"x${i % 7}"`);
    const t = tableFromCsv(lines.join('\r\n'));
    expect(t.rowCount).toBe(120000);
    const id = t.columns[0];
    if (id.type !== 'NUMBER') throw new Error(`id is ${id.type}`);
    let ok = true;
    for (let i = 0; i < 120000; i++) if (id.values[i] !== i) ok = false;
    expect(ok).toBe(true);
  });
});
