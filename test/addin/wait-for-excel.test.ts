import { OFFICE_READY_TIMEOUT_MS, waitForExcel, type OfficeReady } from '../../addin/src/ui/wait-for-excel';

const HostType = { Excel: 'Excel', Word: 'Word' };
const office = (onReady: () => Promise<{ host: unknown }>): OfficeReady => ({ onReady, HostType });

describe('waitForExcel(office, timeoutMs)', () => {
  afterEach(() => jest.useRealTimers());

  test('waitForExcel says excel when Office.onReady reports the Excel host', async () => {
    await expect(waitForExcel(office(async () => ({ host: 'Excel' })))).resolves.toBe('excel');
  });

  test('waitForExcel says other-host in Word and no-host outside Office (host null)', async () => {
    await expect(waitForExcel(office(async () => ({ host: 'Word' })))).resolves.toBe('other-host');
    await expect(waitForExcel(office(async () => ({ host: null })))).resolves.toBe('no-host');
  });

  test('waitForExcel says no-host at once when office.js did not load', async () => {
    await expect(waitForExcel(undefined)).resolves.toBe('no-host');
  });

  test('waitForExcel says no-host after the timeout when onReady never settles', async () => {
    jest.useFakeTimers();
    let settled: string | undefined;
    void waitForExcel(office(() => new Promise(() => undefined))).then((check) => (settled = check));
    await jest.advanceTimersByTimeAsync(OFFICE_READY_TIMEOUT_MS - 1);
    expect(settled).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(settled).toBe('no-host');
  });

  test('waitForExcel says no-host when onReady rejects', async () => {
    await expect(waitForExcel(office(() => Promise.reject(new Error('host gone'))))).resolves.toBe('no-host');
  });
});

describe('waitForExcel with a broken office.js', () => {
  afterEach(() => jest.useRealTimers());

  it('answers no-host without waiting for the timeout when HostType is missing', async () => {
    jest.useFakeTimers();
    const broken = { onReady: () => Promise.resolve({ host: 'Excel' }) } as unknown as OfficeReady;
    let answer: string | undefined;
    void waitForExcel(broken, 60_000).then((a) => (answer = a));
    // Let the promise callbacks run while the clock stands still: the timeout never fires.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(answer).toBe('no-host');
  });
});
