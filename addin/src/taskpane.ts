/// <reference types="office-js" />
/**
 * Entry of the task pane bundle: wires Excel (excel/), the server (api/) and the screen (ui/) together.
 */
import { createGraphQLClient } from './api/graphql-client';
import { reportsApi } from './api/reports';
import { segmentationApi } from './api/segment';
import { loadSettings, saveSettings } from './excel/document-settings';
import { createExcelWorkbook } from './excel/workbook';
import { startPane } from './ui/pane';
import { waitForExcel } from './ui/wait-for-excel';

void startPane(document, {
  // Without office.js (blocked CDN, plain browser) there is no Office global at all.
  waitForExcel: () => waitForExcel(typeof Office === 'undefined' ? undefined : Office),
  connect() {
    const store = Office.context.document.settings;
    const client = createGraphQLClient({ connection: () => loadSettings(store) });
    return {
      workbook: createExcelWorkbook(
        (batch) => Excel.run(batch),
        () => Office.context.requirements.isSetSupported('ExcelApi', '1.12'),
      ),
      segmentation: segmentationApi(client),
      reports: reportsApi(client),
      settings: { load: () => loadSettings(store), save: (settings) => saveSettings(store, settings) },
    };
  },
});
