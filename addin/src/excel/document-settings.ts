/// <reference types="office-js" />
/**
 * The pane's settings (server URL, API key) in the document's add-in settings (`Office.context.document.settings`),
 * so they travel with the workbook and need no browser storage, which Office webviews may clear.
 */

export interface PaneSettings {
  /** Base URL of the Quadrant server ("https://quadrant.example.com"); empty = the server that serves the pane. */
  serverUrl: string;
  /** Sent as `Authorization: Bearer <key>` when not empty. */
  apiKey: string;
}

/** The part of `Office.Settings` used here. */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message: string } }) => void): void;
}

const KEYS = { serverUrl: 'quadrant.serverUrl', apiKey: 'quadrant.apiKey' } as const;

export function loadSettings(store: SettingsStore): PaneSettings {
  const read = (key: string) => {
    const value = store.get(key);
    return typeof value === 'string' ? value : '';
  };
  return { serverUrl: read(KEYS.serverUrl), apiKey: read(KEYS.apiKey) };
}

/**
 * Stores and saves the settings with the document.
 * @throws Error with Office's message when saving fails.
 */
export function saveSettings(store: SettingsStore, settings: PaneSettings): Promise<void> {
  store.set(KEYS.serverUrl, settings.serverUrl.trim().replace(/\/+$/, ''));
  store.set(KEYS.apiKey, settings.apiKey.trim());
  return new Promise((resolve, reject) =>
    store.saveAsync((result) =>
      result.status === 'failed'
        ? reject(new Error(`Saving the settings failed: ${result.error?.message}`))
        : resolve(),
    ),
  );
}
