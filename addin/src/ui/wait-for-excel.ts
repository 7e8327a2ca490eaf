/**
 * Whether the pane runs inside Excel, decided without ever hanging: outside Office `Office.onReady` resolves with
 * host null, and when office.js cannot load (offline, blocked CDN) there is no `Office` at all or `onReady` never
 * settles, so a timeout stands in for its answer.
 */

export type HostCheck = 'excel' | 'other-host' | 'no-host';

/** The part of the `Office` global used here. */
export interface OfficeReady {
  onReady(): Promise<{ host: unknown }>;
  HostType: { Excel: unknown };
}

/** How long office.js gets to report its host; a task pane in Excel is ready well within it. */
export const OFFICE_READY_TIMEOUT_MS = 3000;

/**
 * `'excel'` when Office.js reports the Excel host, `'other-host'` for Word, PowerPoint, …, and `'no-host'` outside
 * Office, without office.js, or when `onReady` has not answered within `timeoutMs`.
 * @example await waitForExcel(typeof Office === 'undefined' ? undefined : Office) // 'excel' in Excel
 */
export function waitForExcel(office: OfficeReady | undefined, timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<HostCheck> {
  if (!office) return Promise.resolve('no-host');
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no-host'), timeoutMs);
    const settle = (check: HostCheck) => {
      clearTimeout(timer);
      resolve(check);
    };
    office
      .onReady()
      .then(({ host }) => settle(host === office.HostType.Excel ? 'excel' : host ? 'other-host' : 'no-host'))
      // A broken office.js (no HostType, a throwing onReady) answers at once rather than after the timeout.
      .catch(() => settle('no-host'));
  });
}
