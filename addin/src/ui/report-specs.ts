/**
 * What each report pane asks for and writes: the column pickers' guesses, data-dependent defaults, the request
 * built from the fields, and the results layout (shared/layout) of the answer.
 */
import { channelLayout } from '../../../shared/layout/channel-layout';
import { experimentLayout } from '../../../shared/layout/experiment-layout';
import { funnelLayout } from '../../../shared/layout/funnel-layout';
import { periodComparisonLayout } from '../../../shared/layout/period-comparison-layout';
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
    const report = await reports.channels(
      {
        table: tableOf(main),
        channelColumn: form.required('channels-channel', 'channel'),
        ...optional('channels-converted', 'convertedColumn'),
        ...optional('channels-value', 'valueColumn'),
        ...optional('channels-segment', 'segmentColumn'),
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
