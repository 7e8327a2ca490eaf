/**
 * What each report pane asks for and writes: the column pickers' guesses, data-dependent defaults, the request
 * built from the fields, and the results layout (shared/layout) of the answer.
 */
import { assignmentLayout } from '../../../shared/layout/assignment-layout';
import { channelLayout } from '../../../shared/layout/channel-layout';
import { cohortLayout } from '../../../shared/layout/cohort-layout';
import { correlationLayout } from '../../../shared/layout/correlation-layout';
import { experimentLayout } from '../../../shared/layout/experiment-layout';
import { funnelLayout } from '../../../shared/layout/funnel-layout';
import { periodComparisonLayout } from '../../../shared/layout/period-comparison-layout';
import type { StoredRun } from '../api/reports';
import { detectColumns } from '../excel/detect-columns';
import type { Selection } from '../excel/read-selection';
import { SelectionError } from '../excel/selection-error';
import { count } from './describe';
import { levels } from './guess-column';
import { listOf, type ReportSpec } from './report-pane';

const tableOf = (s: Selection) => ({ header: s.header, rows: s.rows });

export const FUNNEL: ReportSpec = {
  pane: 'funnel',
  guesses: { 'funnel-user': 'user', 'funnel-step': 'step', 'funnel-time': 'time', 'funnel-breakdown': 'segment' },
  secondGuesses: { 'attributes-user': 'user', 'attributes-column': 'segment' },
  prepare(form, selection) {
    const step = form.column('funnel-step');
    if (step) form.setText('funnel-steps', levels(selection.rows, selection.header.indexOf(step), 8).join(', '));
  },
  async run(form, main, second, reports, signal) {
    const steps = listOf(form.text('funnel-steps'));
    if (steps.length < 2) throw new SelectionError('A funnel needs at least two steps, in order, separated by commas.');
    const timeColumn = form.column('funnel-time') ?? undefined;
    const report = await reports.funnel(
      {
        table: tableOf(main),
        userColumn: form.required('funnel-user', 'user'),
        stepColumn: form.required('funnel-step', 'step'),
        steps,
        ...(timeColumn ? { timeColumn, order: 'ORDERED' as const } : { order: 'ANY' as const }),
        // A column of the attributes table, joined by user, takes the place of a column of the events.
        ...(second && form.column('attributes-column')
          ? {
              attributes: {
                table: tableOf(second),
                userColumn: form.required('attributes-user', 'attributes user'),
                column: form.column('attributes-column')!,
              },
            }
          : form.column('funnel-breakdown')
            ? { breakdownColumn: form.column('funnel-breakdown')! }
            : {}),
      },
      signal,
    );
    const last = report.steps[report.steps.length - 1];
    return {
      layout: funnelLayout(report),
      summary: `${count(report.users, 'user')} entered; ${(last.conversionFromStart * 100).toFixed(1)}% reached "${last.name}".`,
    };
  },
};

export const CHANNELS: ReportSpec = {
  pane: 'channels',
  guesses: {
    'channels-channel': 'channel',
    'channels-converted': 'converted',
    'channels-value': 'value',
    'channels-segment': 'segment',
  },
  secondGuesses: { 'costs-channel': 'channel', 'costs-spend': 'spend', 'costs-clicks': 'clicks' },
  async run(form, main, second, reports, signal) {
    const optional = (id: string, key: string) => (form.column(id) ? { [key]: form.column(id)! } : {});
    const spend = second ? form.column('costs-spend') : null;
    const marginText = form.text('channels-margin');
    const margin = marginText === '' ? undefined : Number(marginText) / 100;
    if (margin !== undefined && !(margin > 0 && margin <= 1)) {
      throw new SelectionError(`Gross margin must be a percentage above 0 and at most 100; got "${marginText}".`);
    }
    const lifetimeText = form.text('channels-lifetime');
    const lifetimeMonths = lifetimeText === '' ? undefined : Number(lifetimeText);
    if (lifetimeMonths !== undefined && !(lifetimeMonths > 0 && Number.isFinite(lifetimeMonths))) {
      throw new SelectionError(`Customer lifetime must be a number of months above 0; got "${lifetimeText}".`);
    }
    const report = await reports.channels(
      {
        table: tableOf(main),
        channelColumn: form.required('channels-channel', 'channel'),
        ...optional('channels-converted', 'convertedColumn'),
        ...optional('channels-value', 'valueColumn'),
        ...optional('channels-segment', 'segmentColumn'),
        ...(margin !== undefined ? { margin } : {}),
        ...(lifetimeMonths !== undefined ? { lifetimeMonths } : {}),
        ...(second && spend
          ? {
              costs: {
                table: tableOf(second),
                channelColumn: form.required('costs-channel', 'costs channel'),
                spendColumn: spend,
                ...optional('costs-clicks', 'clicksColumn'),
              },
            }
          : {}),
      },
      signal,
    );
    return {
      layout: channelLayout(report),
      summary: `${count(report.channels.length, 'channel')} compared.`,
    };
  },
};

export const EXPERIMENT: ReportSpec = {
  pane: 'experiment',
  guesses: { 'experiment-variant': 'variant', 'experiment-conversion': 'converted', 'experiment-revenue': 'value' },
  async run(form, main, _second, reports, signal) {
    const revenue = form.column('experiment-revenue');
    const report = await reports.experiment(
      {
        table: tableOf(main),
        variantColumn: form.required('experiment-variant', 'variant'),
        control: form.required('experiment-control', 'control variant'),
        conversionColumn: form.required('experiment-conversion', 'conversion'),
        ...(revenue ? { revenueColumn: revenue } : {}),
      },
      signal,
    );
    const winners = report.variants.filter((v) => !v.isControl && v.significant).map((v) => v.name);
    return {
      layout: experimentLayout(report),
      summary: `${count(report.variants.length, 'variant')}; ${winners.length > 0 ? `significant: ${winners.join(', ')}` : 'no significant difference from control'}.`,
    };
  },
};

export const COMPARE: ReportSpec = {
  pane: 'compare',
  guesses: { 'compare-period': 'period', 'compare-value': 'sales', 'compare-customers': 'customer' },
  prepare(form, selection) {
    const used = ['compare-period', 'compare-value', 'compare-customers'].map((id) => form.column(id));
    // Dimensions: the text columns with few values, not already used.
    const dimensions = selection.header.filter((name, j) => {
      if (used.includes(name)) return false;
      const values = selection.rows.slice(0, 2000).map((r) => r[j]);
      return values.some((v) => typeof v === 'string') && levels(selection.rows, j, 51).length <= 50;
    });
    form.setText('compare-dimensions', dimensions.join(', '));
  },
  async run(form, main, _second, reports, signal) {
    const dimensions = listOf(form.text('compare-dimensions'));
    if (dimensions.length === 0)
      throw new SelectionError('Name at least one dimension column to break the totals down by.');
    const customers = form.column('compare-customers');
    const report = await reports.periodComparison(
      {
        table: tableOf(main),
        periodColumn: form.required('compare-period', 'period'),
        base: form.required('compare-base', 'base period'),
        compare: form.required('compare-compare', 'compared period'),
        dimensions,
        valueColumn: form.required('compare-value', 'value'),
        ...(customers ? { customersColumn: customers } : {}),
      },
      signal,
    );
    const growth = report.totals.growth;
    return {
      layout: periodComparisonLayout(report),
      summary: `${report.compare} against ${report.base}: ${growth == null ? 'no base total' : `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%`}.`,
    };
  },
};

export const CORRELATIONS: ReportSpec = {
  pane: 'correlations',
  guesses: { 'correlation-target': 'value' },
  prepare(form, selection) {
    // The columns Segment would pick: numbers, yes/no and few-valued text; not IDs, dates or free text.
    const columns = detectColumns(selection.header, selection.rows).filter((c) => c.feature);
    form.setText('correlation-columns', columns.map((c) => c.name).join(', '));
  },
  async run(form, main, _second, reports, signal) {
    const target = form.column('correlation-target') ?? undefined;
    const listed = listOf(form.text('correlation-columns'));
    const columns = target && !listed.includes(target) ? [...listed, target] : listed;
    if (columns.length < 2) throw new SelectionError('Name at least two columns to correlate, separated by commas.');
    const method = form.text('correlation-method') as 'PEARSON' | 'SPEARMAN';
    const report = await reports.correlations(
      { table: tableOf(main), columns, method, ...(target ? { target } : {}) },
      signal,
    );
    const strongest = report.target.find((t) => t.r !== null);
    return {
      layout: correlationLayout(report, target),
      summary: `${count(report.columns.length, 'column')} correlated over ${count(report.rows, 'row')}${
        strongest ? `; strongest with ${target}: ${strongest.column} (r = ${strongest.r!.toFixed(2)})` : ''
      }.`,
    };
  },
};

export const COHORTS: ReportSpec = {
  pane: 'cohorts',
  guesses: { 'cohort-customer': 'customer', 'cohort-date': 'date', 'cohort-amount': 'amount' },
  async run(form, main, _second, reports, signal) {
    const periodsText = form.text('cohort-periods');
    const periods = periodsText === '' ? undefined : Number(periodsText);
    if (periods !== undefined && !(Number.isInteger(periods) && periods >= 1)) {
      throw new SelectionError(
        `Periods shown must be a whole number of at least 1, or empty for all; got "${periodsText}".`,
      );
    }
    const amount = form.column('cohort-amount');
    const period = form.text('cohort-period') as 'MONTH' | 'WEEK';
    const report = await reports.cohorts(
      {
        table: tableOf(main),
        customerColumn: form.required('cohort-customer', 'customer'),
        dateColumn: form.required('cohort-date', 'date'),
        ...(amount ? { amountColumn: amount } : {}),
        period,
        ...(periods ? { periods } : {}),
      },
      signal,
    );
    const customers = report.cohorts.reduce((n, c) => n + c.customers, 0);
    const unit = period === 'WEEK' ? 'weekly' : 'monthly';
    return {
      layout: cohortLayout(report),
      summary: `${count(report.cohorts.length, `${unit} cohort`)} of ${count(customers, 'customer')}.`,
    };
  },
};

/** Stored runs whose features all appear in the header come first: those are the ones these rows can go into. */
function runChoices(runs: StoredRun[], header: readonly string[]) {
  const fits = (run: StoredRun) =>
    (run.featureNames ?? []).every((f) => header.includes(f) || header.includes(f.slice(0, f.lastIndexOf('='))));
  return [...runs.filter(fits), ...runs.filter((run) => !fits(run))].map((run) => ({
    value: run.id,
    label: `${run.name ?? 'Segments'} · k = ${run.k} · ${run.rowCount?.toLocaleString('en-US')} rows · ${(
      run.createdAt ?? ''
    ).slice(0, 16)}${fits(run) ? '' : ' (other columns)'}`,
  }));
}

export const ASSIGN: ReportSpec = {
  pane: 'assign',
  guesses: {},
  rowColumns: 3,
  async prepare(form, selection, reports, signal) {
    const runs = await reports.storedRuns(signal);
    if (runs.length === 0) {
      throw new SelectionError(
        'No stored segmentation to assign rows to: run Segment selection first on the rows the segments come from.',
      );
    }
    form.setOptions('assign-run', runChoices(runs, selection.header));
  },
  async run(form, main, _second, reports, signal) {
    const segmentationId = form.column('assign-run');
    if (!segmentationId) throw new SelectionError('Choose the stored segmentation to assign the rows to.');
    const assignment = await reports.assignSegments({ segmentationId, table: tableOf(main) }, signal);
    const segments = new Set(assignment.labels.filter((l) => l !== null)).size;
    return {
      layout: assignmentLayout(assignment),
      summary: `${count(assignment.rows, 'row')} placed in ${count(segments, 'segment')}.`,
    };
  },
};
