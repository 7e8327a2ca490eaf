/// <reference types="office-js" />
/**
 * Entry of the task pane bundle: wires Excel (excel/), the server (api/) and the screen (ui/) together.
 */
import { createGraphQLClient } from './api/graphql-client';
import { segment } from './api/segment';
import { createExcelWorkbook } from './excel/workbook';
import { findPaneElements, startPane } from './ui/pane';
import { segmentSelection } from './ui/segment-selection';
import { waitForExcel } from './ui/wait-for-excel';

const client = createGraphQLClient();
const workbook = createExcelWorkbook((batch) => Excel.run(batch));

void startPane(findPaneElements(document), {
  // Without office.js (blocked CDN, plain browser) there is no Office global at all.
  waitForExcel: () => waitForExcel(typeof Office === 'undefined' ? undefined : Office),
  segmentSelection: () => segmentSelection(workbook, (request) => segment(client, request)),
});
