/**
 * The Segment pane: "Segment selection" reads the selection, picks the features (the analyst's picks when they
 * changed them for this header, otherwise the defaults of `detectColumns`), runs k-means, Ward or RFM on the server
 * and writes each row's segment number and name beside the selection plus a results sheet. The options panel shows
 * the detected columns with their types and every option; nothing in it needs touching for a first run.
 */
import { rfmLayout } from '../../../shared/layout/rfm-layout';
import { segmentationLayout, silhouetteText } from '../../../shared/layout/segmentation-layout';
import type { SegmentationApi, SegmentRequest } from '../api/segment';
import { detectColumns, type DetectedColumn } from '../excel/detect-columns';
import type { Selection } from '../excel/read-selection';
import { SelectionError } from '../excel/selection-error';
import { count } from './describe';
import { GUESSES, guessColumn } from './guess-column';
import type { Shell } from './shell';

/** Columns an RFM run writes beside each transaction: segment, recency, frequency, monetary, R, F, M. */
const RFM_ROW_COLUMNS = 7;

/** Fewest data rows a segmentation is run on: two segments of at least one row each, and one more to compare. */
export const MIN_ROWS = 3;

interface Pick {
  use: boolean;
  categorical: boolean;
}

export function segmentPane(doc: Document, shell: Shell, api: SegmentationApi): void {
  const $ = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  const method = $<HTMLSelectElement>('segment-method');
  const columnsBox = $<HTMLElement>('segment-columns');
  const rfmBox = $<HTMLElement>('segment-rfm');
  const source = $<HTMLElement>('segment-source');
  let header: string[] = [];
  let detected: DetectedColumn[] = [];
  const picks = new Map<string, Pick>();

  method.addEventListener('change', () => {
    rfmBox.hidden = method.value !== 'RFM';
    columnsBox.hidden = method.value === 'RFM';
  });

  /** Shows the columns of `selection`, keeping the analyst's picks when the header is the one they picked from. */
  function showColumns(selection: Selection): void {
    const sameHeader = selection.header.join('\u0000') === header.join('\u0000');
    header = selection.header;
    detected = detectColumns(selection.header, selection.rows);
    if (!sameHeader) {
      picks.clear();
      for (const c of detected) picks.set(c.name, { use: c.feature, categorical: false });
      // RFM's columns: by name first, else by type (the first date, the first number).
      const ofType = (type: string) => detected.find((c) => c.type === type)?.name ?? null;
      const rfmGuesses: [string, string | null][] = [
        [
          'rfm-customer',
          guessColumn(header, GUESSES.customer) ?? detected.find((c) => c.note === 'ID-like')?.name ?? null,
        ],
        ['rfm-date', guessColumn(header, GUESSES.date) ?? ofType('DATE')],
        ['rfm-amount', guessColumn(header, GUESSES.amount) ?? ofType('NUMBER')],
      ];
      for (const [id, chosen] of rfmGuesses) fillSelect($<HTMLSelectElement>(id), header, chosen);
    }
    source.textContent = `${selection.address} · ${count(selection.rows.length, 'row')} · ${count(header.length, 'column')}`;
    columnsBox.replaceChildren(columnTable(doc, detected, picks));
  }

  $<HTMLButtonElement>('segment-read').addEventListener('click', () =>
    shell.run('Reading the columns…', async (signal) => {
      const selection = await shell.read(signal);
      showColumns(selection);
      return `Found ${count(selection.header.length, 'column')}; ${count(features().length, 'feature')} picked.`;
    }),
  );

  const features = () => detected.filter((c) => picks.get(c.name)?.use).map((c) => c.name);

  $<HTMLButtonElement>('segment-button').addEventListener('click', () =>
    shell.run('Reading the selection…', async (signal) => {
      const selection = await shell.read(signal);
      showColumns(selection);
      if (selection.rows.length < MIN_ROWS) {
        throw new SelectionError(
          `Too few rows: the selection has ${count(selection.rows.length, 'data row')}; segmenting needs at least ${MIN_ROWS}.`,
        );
      }
      const table = { header: selection.header, rows: selection.rows };
      const onProgress = (fraction: number) =>
        shell.progress.update('server', fraction, `Segmenting on the server… ${Math.round(fraction * 100)}%`);

      if (method.value === 'RFM') {
        const [customerColumn, dateColumn, amountColumn] = ['rfm-customer', 'rfm-date', 'rfm-amount'].map(
          (id) => $<HTMLSelectElement>(id).value,
        );
        if (!customerColumn || !dateColumn || !amountColumn) {
          throw new SelectionError('RFM needs a customer, a date and an amount column: pick them under Options.');
        }
        const insert = await shell.room(selection, RFM_ROW_COLUMNS, signal);
        if (insert === null) return null;
        shell.progress.update('server', 0, 'Segmenting on the server…');
        // RFM scores need no k; a k given asks for k-means on the R, F and M values instead.
        const { k } = kOption();
        const method = k ? { k, method: 'KMEANS' as const } : {};
        const run = await api.rfm(
          { table, customerColumn, dateColumn, amountColumn, ...method },
          { signal, onProgress },
        );
        const members = await api.rfmMembers(run.id, signal);
        const at = selection.header.indexOf(customerColumn);
        const rowCustomers = selection.rows.map((row) => (row[at] === null ? null : String(row[at])));
        const written = await shell.write(selection, rfmLayout(run, { members, rowCustomers }), insert);
        shell.showResult(segmentCard(doc, run.segments));
        return `${count(
          run.segments.reduce((n, s) => n + s.size, 0),
          'customer',
        )} in ${count(run.segments.length, 'RFM segment')}: names in ${written.rowColumns}, profiles and charts on sheet "${written.sheet}".`;
      }

      const chosen = features();
      if (chosen.length === 0) {
        throw new SelectionError(
          `No usable column in ${selection.address}: no numeric, yes/no or few-valued column besides IDs. Pick features under "Columns and options".`,
        );
      }
      const request = segmentRequest(table, chosen);
      const insert = await shell.room(selection, request.rowMetrics ? 4 : 2, signal);
      if (insert === null) return null;
      shell.progress.update('server', 0, 'Segmenting on the server…');
      const run = await api.segment(request, { signal, onProgress });
      const metrics =
        run.rowDistances && run.rowSilhouettes
          ? { rowDistances: run.rowDistances, rowSilhouettes: run.rowSilhouettes }
          : {};
      const written = await shell.write(selection, segmentationLayout(run, metrics), insert);
      shell.showResult(segmentCard(doc, run.segments));
      const quality = run.silhouette != null ? `, silhouette ${silhouetteText(run, 2)}` : '';
      return `Segmented ${count(selection.rows.length, 'row')} into ${count(run.k, 'segment')} on ${count(chosen.length, 'feature')}${quality}. Names in ${written.rowColumns}; profiles, k selection and charts on sheet "${written.sheet}".`;
    }),
  );

  function kOption(): { k?: number; kMin?: number; kMax?: number } {
    const text = $<HTMLInputElement>('segment-k').value.trim();
    if (text === '' || /^auto$/i.test(text)) {
      const kMin = Number($<HTMLInputElement>('segment-kmin').value) || undefined;
      const kMax = Number($<HTMLInputElement>('segment-kmax').value) || undefined;
      return { kMin, kMax };
    }
    const k = Number(text);
    if (!Number.isInteger(k) || k < 2)
      throw new SelectionError(`Segments (k) must be a whole number of at least 2, or Auto; got "${text}".`);
    return { k };
  }

  function segmentRequest(table: SegmentRequest['table'], chosen: string[]): SegmentRequest {
    const categorical = detected.filter(
      (c) => c.type === 'NUMBER' && picks.get(c.name)?.use && picks.get(c.name)?.categorical,
    );
    return {
      table,
      features: chosen,
      ...(categorical.length > 0 ? { categorical: categorical.map((c) => c.name) } : {}),
      method: method.value as SegmentRequest['method'],
      missing: $<HTMLSelectElement>('segment-missing').value as SegmentRequest['missing'],
      scaling: $<HTMLSelectElement>('segment-scaling').value as SegmentRequest['scaling'],
      excludeOutliers: $<HTMLInputElement>('segment-outliers').checked,
      ...($<HTMLInputElement>('segment-metrics').checked ? { rowMetrics: true } : {}),
      ...kOption(),
    };
  }
}

function fillSelect(select: HTMLSelectElement, header: string[], chosen: string | null): void {
  select.replaceChildren(...header.map((name) => new Option(name, name, false, name === chosen)));
}

/** The detected columns: use (checkbox), name, type with a note, and "categorical" for numeric codes. */
function columnTable(doc: Document, columns: DetectedColumn[], picks: Map<string, Pick>): HTMLElement {
  const table = doc.createElement('table');
  table.innerHTML =
    '<thead><tr><th>Use</th><th>Column</th><th>Type</th><th title="One-hot encode numeric codes">Codes</th></tr></thead>';
  const body = doc.createElement('tbody');
  for (const column of columns) {
    const pick = picks.get(column.name)!;
    const row = doc.createElement('tr');
    const use = checkbox(doc, pick.use, (on) => (pick.use = on));
    use.setAttribute('aria-label', `Use ${column.name}`);
    const name = doc.createElement('td');
    name.textContent = column.name;
    const type = doc.createElement('td');
    type.textContent = column.type.toLowerCase();
    if (column.note) {
      const note = doc.createElement('span');
      note.className = 'note';
      note.textContent = ` · ${column.note}`;
      type.append(note);
    }
    const codes = doc.createElement('td');
    if (column.type === 'NUMBER') codes.append(checkbox(doc, pick.categorical, (on) => (pick.categorical = on)));
    const useCell = doc.createElement('td');
    useCell.append(use);
    row.append(useCell, name, type, codes);
    body.append(row);
  }
  table.append(body);
  return table;
}

function checkbox(doc: Document, checked: boolean, onChange: (checked: boolean) => void): HTMLInputElement {
  const box = doc.createElement('input');
  box.type = 'checkbox';
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  return box;
}

/** The result card: each segment with its size and a bar of its share. */
function segmentCard(doc: Document, segments: readonly { name: string; size: number; share: number }[]): HTMLElement {
  const card = doc.createElement('div');
  const title = doc.createElement('h3');
  title.textContent = 'Segments';
  const table = doc.createElement('table');
  const largest = Math.max(...segments.map((s) => s.share));
  for (const s of segments) {
    const row = table.insertRow();
    row.insertCell().textContent = s.name;
    const size = row.insertCell();
    size.className = 'num';
    size.textContent = `${s.size.toLocaleString('en-US')} · ${(s.share * 100).toFixed(1)}%`;
    const bar = row.insertCell();
    bar.className = 'share';
    const fill = doc.createElement('span');
    fill.style.width = `${Math.max(2, Math.round((s.share / largest) * 100))}%`;
    bar.append(fill);
  }
  card.append(title, table);
  return card;
}
