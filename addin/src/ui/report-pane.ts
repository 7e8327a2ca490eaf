/**
 * The panes whose results are a report sheet (Funnel, Channels, Experiment, Compare, Correlations, Cohorts, Assign):
 * "Use the selection" reads the table and fills the column pickers with guesses from the header; a second table
 * (costs) is read the same way; Run sends the table to the server and writes the report's tables and chart on a
 * new sheet, and, for a pane with per-row results (Assign), its columns beside the rows — into empty cells, or
 * into inserted ones when the analyst agrees. Each pane's own part is a `ReportSpec`.
 */
import type { ResultLayout } from '../../../shared/layout/types';
import type { ReportsApi } from '../api/reports';
import type { Selection } from '../excel/read-selection';
import { SelectionError } from '../excel/selection-error';
import { count } from './describe';
import { GUESSES, guessColumn, levels } from './guess-column';
import type { Shell } from './shell';

/** Read access to a pane's fields by element id. */
export interface Form {
  /** A picker's value; null for "(none)". */
  column(id: string): string | null;
  /** A required picker's value. @throws SelectionError naming the field when none is chosen. */
  required(id: string, field: string): string;
  text(id: string): string;
  setText(id: string, value: string): void;
  /** Replaces a picker's choices, keeping the current choice when it is still offered. */
  setOptions(id: string, options: readonly { value: string; label: string }[]): void;
}

export interface ReportSpec {
  pane: string;
  /** Guess (a key of GUESSES) for each column picker of the main table, by element id. */
  guesses: Record<string, string>;
  /** The same for the second table's pickers. */
  secondGuesses?: Record<string, string>;
  /** Defaults that depend on the data (the funnel's steps, the comparison's dimensions) or on the server. */
  prepare?(form: Form, selection: Selection, reports: ReportsApi, signal: AbortSignal): void | Promise<void>;
  /** Columns the run writes beside the selection's rows (its layout's rowColumns); none when absent. */
  rowColumns?: number;
  run(
    form: Form,
    main: Selection,
    second: Selection | null,
    reports: ReportsApi,
    signal: AbortSignal,
  ): Promise<{ layout: ResultLayout; summary: string }>;
}

const NONE = '';

export function reportPane(doc: Document, shell: Shell, reports: ReportsApi, spec: ReportSpec): void {
  const pane = doc.getElementById(`pane-${spec.pane}`)!;
  const $ = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  const [source, secondSource] = [
    pane.querySelector<HTMLElement>('.source:not(.second-source)')!,
    pane.querySelector<HTMLElement>('.second-source'),
  ];
  let main: Selection | null = null;
  let second: Selection | null = null;

  const form: Form = {
    column: (id) => $<HTMLSelectElement>(id).value || null,
    required(id, field) {
      const value = form.column(id);
      if (!value) throw new SelectionError(`Choose the ${field} column.`);
      return value;
    },
    text: (id) => $<HTMLInputElement>(id).value.trim(),
    setText: (id, value) => ($<HTMLInputElement>(id).value = value),
    setOptions(id, options) {
      const select = $<HTMLSelectElement>(id);
      const current = select.value;
      select.replaceChildren(...options.map((o) => new Option(o.label, o.value, false, o.value === current)));
    },
  };

  function fill(selection: Selection, guesses: Record<string, string>): void {
    const taken: string[] = [];
    for (const [id, guess] of Object.entries(guesses)) {
      const select = $<HTMLSelectElement>(id);
      const optional = select.hasAttribute('data-optional');
      const chosen = guessColumn(selection.header, GUESSES[guess], taken);
      if (chosen) taken.push(chosen);
      select.replaceChildren(
        ...(optional ? [new Option('(none)', NONE)] : []),
        ...selection.header.map((name) => new Option(name, name, false, name === chosen)),
      );
      if (!chosen) select.value = optional ? NONE : (selection.header[0] ?? NONE);
    }
  }

  /** Pickers of a column's values (the control variant, the periods) follow their column's picker. */
  function fillLevels(): void {
    if (!main) return;
    for (const select of pane.querySelectorAll<HTMLSelectElement>('select[data-levels-of]')) {
      const column = form.column(select.dataset.levelsOf!);
      const values = column ? levels(main.rows, main.header.indexOf(column)) : [];
      const sorted = select.id === 'experiment-control' ? values : [...values].sort();
      const preferred =
        select.id === 'experiment-control'
          ? (values.find((v) => /control|baseline/i.test(v)) ?? values.find((v) => /^a$/i.test(v)) ?? values[0])
          : select.id === 'compare-compare'
            ? sorted[sorted.length - 1]
            : sorted[Math.max(0, sorted.length - 2)];
      select.replaceChildren(...sorted.map((v) => new Option(v, v, false, v === preferred)));
    }
  }
  for (const select of pane.querySelectorAll<HTMLSelectElement>('select[data-column]')) {
    select.addEventListener('change', fillLevels);
  }

  async function use(selection: Selection, signal: AbortSignal): Promise<void> {
    main = selection;
    source.textContent = `${selection.address} · ${count(selection.rows.length, 'row')}`;
    fill(selection, spec.guesses);
    fillLevels();
    await spec.prepare?.(form, selection, reports, signal);
  }

  pane.querySelector<HTMLButtonElement>('.use-selection')!.addEventListener('click', () =>
    shell.run('Reading the selection…', async (signal) => {
      await use(await shell.read(signal), signal);
      return `Using ${main!.address}: check the columns, then Run.`;
    }),
  );
  pane.querySelector<HTMLButtonElement>('.use-second')?.addEventListener('click', () =>
    shell.run('Reading the second table…', async (signal) => {
      second = await shell.read(signal);
      secondSource!.textContent = `${second.address} · ${count(second.rows.length, 'row')}`;
      fill(second, spec.secondGuesses ?? {});
      return `Using ${second.address} as the second table.`;
    }),
  );
  pane.querySelector<HTMLButtonElement>('.run')!.addEventListener('click', () =>
    shell.run('Running…', async (signal) => {
      // Tables chosen earlier are read again from where they are, so the report is of the data as it is now.
      if (!main) await use(await shell.read(signal), signal);
      else main = await shell.read(signal, main.address);
      if (second) second = await shell.read(signal, second.address);
      const insert = spec.rowColumns ? await shell.room(main!, spec.rowColumns, signal) : false;
      if (insert === null) return null;
      shell.progress.update('server', 0.1, 'Computing on the server…');
      const { layout, summary } = await spec.run(form, main!, second, reports, signal);
      const written = await shell.write(main!, layout, insert);
      const beside = written.rowColumns ? ` Results beside the rows in ${written.rowColumns};` : '';
      return `${summary}${beside} Tables and chart on sheet "${written.sheet}".`;
    }),
  );
}

/** A comma-separated list as trimmed, non-empty items. */
export function listOf(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
