import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { addCharts } from '../../../server/workbooks/add-charts';
import { chartXml } from '../../../server/workbooks/chart-xml';

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const series = {
  nameRef: "'Bob''s results'!$B$1",
  name: 'Size',
  categoriesRef: "'Bob''s results'!$A$2:$A$3",
  categories: ['A & B', 'C'],
  valuesRef: "'Bob''s results'!$B$2:$B$3",
  values: [1, null],
  formatCode: '0.0%',
};

describe('addCharts', () => {
  it('addCharts numbers its drawing after an existing one and keeps the image, on a sheet whose name needs quoting', async () => {
    const workbook = new ExcelJS.Workbook();
    const pictures = workbook.addWorksheet('Pictures');
    pictures.addImage(workbook.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), 'A1:B2');
    const results = workbook.addWorksheet("Bob's results");
    results.addRow(['Segment', 'Size']);
    results.addRow(['A & B', 1]);
    results.addRow(['C', null]);
    const before = new Uint8Array(await workbook.xlsx.writeBuffer());
    const bytes = await addCharts(before, "Bob's results", [
      { type: 'ColumnClustered', title: 'Sizes <all>', series: [series], row: 5, column: 1, width: 8, height: 15 },
    ]);
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    expect(names).toEqual(
      expect.arrayContaining(['xl/drawings/drawing1.xml', 'xl/drawings/drawing2.xml', 'xl/charts/chart1.xml']),
    );
    expect(names.some((n) => n.startsWith('xl/media/'))).toBe(true);
    const drawing = await zip.file('xl/drawings/drawing2.xml')!.async('string');
    expect(drawing).toContain('<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row>');
    expect(drawing).toContain('<xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row>');
    const sheet = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    const rels = await zip.file('xl/worksheets/_rels/sheet2.xml.rels')!.async('string');
    const relId = /<drawing r:id="([^"]+)"\/>/.exec(sheet)![1];
    expect(rels).toContain(
      `Id="${relId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing2.xml"`,
    );
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain(
      'PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"',
    );
    // ExcelJS reads the package back (it ignores the chart, but must not choke on it).
    await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer);
  });

  it('addCharts refuses a sheet that is not in the package', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('A');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(
      addCharts(bytes, 'B', [
        { type: 'BarClustered', title: 't', series: [series], row: 0, column: 0, width: 1, height: 1 },
      ]),
    ).rejects.toThrow('addCharts: no sheet "B" in the package');
  });
});

describe('chartXml', () => {
  it('chartXml escapes text and writes cached values, skipping empty points', () => {
    const xml = chartXml({ type: 'BarClustered', title: 'Sizes <all>', series: [series] });
    expect(xml).toContain('<c:barDir val="bar"/>');
    expect(xml).toContain('<a:t>Sizes &lt;all&gt;</a:t>');
    expect(xml).toContain('<c:f>&apos;Bob&apos;&apos;s results&apos;!$A$2:$A$3</c:f>');
    expect(xml).toContain('<c:pt idx="0"><c:v>A &amp; B</c:v></c:pt>');
    expect(xml).toContain(
      '<c:formatCode>0.0%</c:formatCode><c:ptCount val="2"/><c:pt idx="0"><c:v>1</c:v></c:pt></c:numCache>',
    );
  });

  it('chartXml draws line charts with markers and scatter charts with x and y values', () => {
    const numeric = { ...series, categories: [2, 3], formatCode: '0.000' };
    expect(chartXml({ type: 'LineMarkers', title: 't', series: [numeric] })).toMatch(
      /<c:lineChart>.*<c:marker><c:symbol val="circle"\/>.*<c:cat><c:numRef>.*<c:marker val="1"\/>/,
    );
    const scatter = chartXml({ type: 'XYScatter', title: 't', series: [numeric, numeric] });
    expect(scatter).toContain('<c:scatterStyle val="lineMarker"/>');
    expect(scatter.match(/<c:xVal>/g)).toHaveLength(2);
    expect(scatter).toContain('<c:legend>');
  });
});
