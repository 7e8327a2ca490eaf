/**
 * DrawingML chart parts (ECMA-376 Part 1, §21.2 "chart", §20.5 "spreadsheetDrawing") for the native charts of a
 * results sheet: one `c:chartSpace` per chart whose series formulas point at the table cells (with cached values,
 * so a reader that does not recalculate still draws them), and the drawing that anchors the charts to cells.
 * Element order follows the schema's sequences, which Excel enforces.
 */
import type { LayoutChartType } from '../../shared/layout/types';

/** One series: its name cell, category cells and value cells, with the values they hold now. */
export interface ChartSeries {
  nameRef: string;
  name: string;
  categoriesRef: string;
  categories: (string | number | null)[];
  valuesRef: string;
  values: (number | null)[];
  /** Excel number format of the values (axis labels and data labels follow it). */
  formatCode: string;
}

export interface ChartSpec {
  type: LayoutChartType;
  title: string;
  series: ChartSeries[];
  xAxisTitle?: string;
  yAxisTitle?: string;
}

/** The cell frame of one chart on the drawing, 0-based, `to` exclusive like Excel's anchors. */
export interface ChartAnchor {
  row: number;
  column: number;
  width: number;
  height: number;
  /** The relationship id of the chart part in the drawing's rels. */
  relId: string;
  name: string;
}

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
/** Office's default palette, first colours: blue, orange, grey, gold, light blue, green. */
const PALETTE = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'];
const CATEGORY_AXIS = 500000001;
const VALUE_AXIS = 500000002;

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!,
  );
}

/**
 * The chart part (xl/charts/chartN.xml) of one chart.
 * @example chartXml({ type: 'BarClustered', title: 'Segment sizes', series: [...] }) contains
 *   `<c:f>'Quadrant segments'!$C$6:$C$9</c:f>`
 */
export function chartXml(spec: ChartSpec): string {
  const horizontal = spec.type === 'BarClustered';
  const numericCategories = spec.series.every((s) => s.categories.every((c) => c === null || typeof c === 'number'));
  const series = spec.series.map((s, i) => seriesXml(spec.type, s, i, numericCategories)).join('');
  const valueFormat = spec.series[0]?.formatCode ?? 'General';
  let plot: string;
  let axes: string;
  if (spec.type === 'XYScatter') {
    plot =
      `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}` +
      `<c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/></c:scatterChart>`;
    axes =
      valueAxis(CATEGORY_AXIS, VALUE_AXIS, 'b', spec.xAxisTitle, 'General', false) +
      valueAxis(VALUE_AXIS, CATEGORY_AXIS, 'l', spec.yAxisTitle, valueFormat, true);
  } else if (spec.type === 'LineMarkers') {
    plot =
      `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}` +
      `<c:marker val="1"/><c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/></c:lineChart>`;
    axes =
      categoryAxis('b', spec.xAxisTitle, false) +
      valueAxis(VALUE_AXIS, CATEGORY_AXIS, 'l', spec.yAxisTitle, valueFormat, true);
  } else {
    plot =
      `<c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="clustered"/>` +
      `<c:varyColors val="0"/>${series}<c:gapWidth val="60"/>` +
      `<c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/></c:barChart>`;
    // Horizontal bars list the first table row at the top, as the table reads; the value axis then sits below.
    axes =
      categoryAxis(horizontal ? 'l' : 'b', spec.xAxisTitle, horizontal) +
      valueAxis(VALUE_AXIS, CATEGORY_AXIS, horizontal ? 'b' : 'l', spec.yAxisTitle, valueFormat, true, horizontal);
  }
  const legend = spec.series.length > 1 ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(spec.title, 1400)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${axes}</c:plotArea>${legend}` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

/** The drawing part (xl/drawings/drawingN.xml) anchoring charts to cells. */
export function drawingXml(anchors: readonly ChartAnchor[]): string {
  const frames = anchors
    .map(
      (a, i) =>
        `<xdr:twoCellAnchor editAs="oneCell">` +
        `<xdr:from><xdr:col>${a.column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${a.column + a.width}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row + a.height}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlEscape(a.name)}"/>` +
        `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="${a.relId}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${frames}</xdr:wsDr>`
  );
}

function seriesXml(type: LayoutChartType, s: ChartSeries, index: number, numericCategories: boolean): string {
  const colour = PALETTE[index % PALETTE.length];
  const name =
    `<c:tx><c:strRef><c:f>${xmlEscape(s.nameRef)}</c:f><c:strCache><c:ptCount val="1"/>` +
    `<c:pt idx="0"><c:v>${xmlEscape(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`;
  const categories = numericCategories
    ? numRef(s.categoriesRef, s.categories as (number | null)[], 'General')
    : strRef(s.categoriesRef, s.categories);
  const values = numRef(s.valuesRef, s.values, s.formatCode);
  if (type === 'XYScatter' || type === 'LineMarkers') {
    const line =
      `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln></c:spPr>` +
      `<c:marker><c:symbol val="circle"/><c:size val="7"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>` +
      `<a:ln><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr></c:marker>`;
    const data =
      type === 'XYScatter'
        ? `<c:xVal>${categories}</c:xVal><c:yVal>${values}</c:yVal>`
        : `<c:cat>${categories}</c:cat><c:val>${values}</c:val>`;
    return `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${name}${line}${data}<c:smooth val="0"/></c:ser>`;
  }
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${name}` +
    `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
    `<c:dLbls><c:numFmt formatCode="${xmlEscape(s.formatCode)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>` +
    `<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>` +
    `<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
    `<c:cat>${categories}</c:cat><c:val>${values}</c:val></c:ser>`
  );
}

function strRef(ref: string, cells: (string | number | null)[]): string {
  const points = cells
    .map((c, i) => (c === null ? '' : `<c:pt idx="${i}"><c:v>${xmlEscape(String(c))}</c:v></c:pt>`))
    .join('');
  return `<c:strRef><c:f>${xmlEscape(ref)}</c:f><c:strCache><c:ptCount val="${cells.length}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(ref: string, cells: (number | null)[], formatCode: string): string {
  const points = cells
    .map((c, i) => (c === null || !Number.isFinite(c) ? '' : `<c:pt idx="${i}"><c:v>${c}</c:v></c:pt>`))
    .join('');
  return (
    `<c:numRef><c:f>${xmlEscape(ref)}</c:f><c:numCache><c:formatCode>${xmlEscape(formatCode)}</c:formatCode>` +
    `<c:ptCount val="${cells.length}"/>${points}</c:numCache></c:numRef>`
  );
}

function titleXml(text: string, size: number): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}" b="1"/><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`
  );
}

const GRIDLINES =
  '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>';
const AXIS_LINE = '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>';

function categoryAxis(position: 'b' | 'l', title: string | undefined, reversed: boolean): string {
  return (
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/><c:scaling><c:orientation val="${reversed ? 'maxMin' : 'minMax'}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${position}"/>${title ? titleXml(title, 1000) : ''}` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/>${AXIS_LINE}<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valueAxis(
  id: number,
  cross: number,
  position: 'b' | 'l',
  title: string | undefined,
  formatCode: string,
  gridlines: boolean,
  crossAtMax = false,
): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${position}"/>${gridlines ? GRIDLINES : ''}${title ? titleXml(title, 1000) : ''}` +
    `<c:numFmt formatCode="${xmlEscape(formatCode)}" sourceLinked="0"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${AXIS_LINE}<c:crossAx val="${cross}"/>` +
    `<c:crosses val="${crossAtMax ? 'max' : 'autoZero'}"/><c:crossBetween val="${id === VALUE_AXIS ? 'between' : 'midCat'}"/></c:valAx>`
  );
}
