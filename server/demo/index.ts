import { channelCostsDataset } from './channel-costs';
import { crmUsageDataset } from './crm-usage';
import { customersDataset } from './customers';
import type { DemoDataset } from './demo-dataset';
import { departmentSalesDataset } from './department-sales';
import { emailCampaignDataset } from './email-campaign';
import { transactionsDataset } from './transactions';
import { usersDataset } from './users';
import { websiteEventsDataset } from './website-events';

export type { DemoCell, DemoDataset } from './demo-dataset';

/**
 * The demo data sets `npm start` imports on first start, in the order the demo walks through them: segmentation
 * (CRM usage, Customers), funnel (Website events, Users), channel economics (Users, Channel costs), experiment
 * (E-mail campaign), RFM (Transactions) and period comparison (Department sales). The same seed gives the same
 * cells, bit for bit.
 *
 * @example
 * demoDatasets().map((d) => d.name); // ['CRM usage', 'Customers', 'Website events', …]
 */
export function demoDatasets(seed = 42): DemoDataset[] {
  return [
    crmUsageDataset(seed),
    customersDataset(seed),
    websiteEventsDataset(seed),
    usersDataset(seed),
    channelCostsDataset(seed),
    emailCampaignDataset(seed),
    transactionsDataset(seed),
    departmentSalesDataset(seed),
  ];
}
