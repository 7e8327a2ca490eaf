/**
 * The task pane: "Open this pane in Excel" outside Excel; inside it, the tabs (Segment, Funnel, Channels,
 * Experiment, Compare, Correlations, Cohorts, Assign), the settings form and the shared status, progress and result areas.
 */
import type { ReportsApi } from '../api/reports';
import type { SegmentationApi } from '../api/segment';
import type { PaneSettings } from '../excel/document-settings';
import type { Workbook } from '../excel/workbook';
import { describeError } from './describe';
import { ProgressView } from './progress-view';
import { reportPane } from './report-pane';
import { ASSIGN, CHANNELS, COHORTS, COMPARE, CORRELATIONS, EXPERIMENT, FUNNEL } from './report-specs';
import { segmentPane } from './segment-pane';
import { Shell } from './shell';
import type { HostCheck } from './wait-for-excel';

export interface PaneServices {
  waitForExcel(): Promise<HostCheck>;
  /** Created once Excel is there (Office.js objects exist only then). */
  connect(): {
    workbook: Workbook;
    segmentation: SegmentationApi;
    reports: ReportsApi;
    settings: { load(): PaneSettings; save(settings: PaneSettings): Promise<void> };
  };
}

/** Waits for the host, then either shows "Open this pane in Excel" or wires up every pane. */
export async function startPane(doc: Document, services: PaneServices): Promise<void> {
  const $ = <T extends HTMLElement>(id: string) => {
    const element = doc.getElementById(id);
    if (!element) throw new Error(`taskpane.html has no element #${id}`);
    return element as T;
  };
  const status = $('status');
  if ((await services.waitForExcel()) !== 'excel') {
    $('ready').hidden = true;
    $('not-in-excel').hidden = false;
    return;
  }
  const { workbook, segmentation, reports, settings } = services.connect();
  const runButtons = [
    ...doc.querySelectorAll<HTMLButtonElement>('#segment-button, #segment-read, .run, .use-selection, .use-second'),
  ];
  const progress = new ProgressView({
    box: $('progress'),
    label: $('progress-label'),
    fill: $('progress-fill'),
    bar: doc.querySelector<HTMLElement>('#progress .bar')!,
    cancel: $<HTMLButtonElement>('cancel-button'),
  });
  const shell = new Shell(
    {
      status,
      result: $('result'),
      confirm: $('confirm'),
      confirmText: $('confirm-text'),
      confirmInsert: $<HTMLButtonElement>('confirm-insert'),
      confirmCancel: $<HTMLButtonElement>('confirm-cancel'),
      runButtons,
    },
    progress,
    workbook,
  );

  segmentPane(doc, shell, segmentation);
  for (const spec of [FUNNEL, CHANNELS, EXPERIMENT, COMPARE, CORRELATIONS, COHORTS, ASSIGN])
    reportPane(doc, shell, reports, spec);

  const tabs = [...doc.querySelectorAll<HTMLButtonElement>('.tabs [data-pane]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      for (const other of tabs) {
        other.setAttribute('aria-selected', String(other === tab));
        $(`pane-${other.dataset.pane}`).hidden = other !== tab;
      }
    });
  }

  const settingsBox = $('settings');
  const url = $<HTMLInputElement>('settings-url');
  const key = $<HTMLInputElement>('settings-key');
  $<HTMLButtonElement>('settings-button').addEventListener('click', () => {
    const current = settings.load();
    url.value = current.serverUrl;
    key.value = current.apiKey;
    settingsBox.hidden = false;
    $('ready').hidden = true;
  });
  const close = () => {
    settingsBox.hidden = true;
    $('ready').hidden = false;
  };
  $<HTMLButtonElement>('settings-close').addEventListener('click', close);
  $<HTMLButtonElement>('settings-save').addEventListener('click', async () => {
    try {
      await settings.save({ serverUrl: url.value, apiKey: key.value });
      close();
      shell.setStatus(
        `Settings saved: server ${url.value.trim() || 'this pane\u2019s own'}, ${key.value.trim() ? 'with' : 'no'} API key.`,
        'done',
      );
    } catch (error) {
      close();
      shell.setStatus(describeError(error), 'error');
    }
  });

  $<HTMLButtonElement>('settings-button').disabled = false;
  runButtons.forEach((b) => (b.disabled = false));
  shell.setStatus('Select a table whose first row names the columns, then choose Segment selection.', 'idle');
}
