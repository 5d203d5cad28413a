// The dashboard's landing page: an optional confirmation notice, the default-model picker, this month's
// spend against budget and the cost-per-user table, inside the shared layout.
import type { FC } from 'hono/jsx';
import { BudgetPanel, type BudgetPanelProps } from './budget-panel.js';
import { type HeaderProps, Layout } from './layout.js';
import { ModelPicker, type ModelPickerProps } from './model-picker.js';
import { UsageTable, type UsageTableProps } from './usage-table.js';

export interface OverviewPageProps {
  styleHref: string;
  header: HeaderProps;
  notice?: string | undefined;
  picker: ModelPickerProps;
  usage: UsageTableProps;
  budgets?: BudgetPanelProps | undefined;
}

export const OverviewPage: FC<OverviewPageProps> = ({
  styleHref,
  header,
  notice,
  picker,
  usage,
  budgets,
}) => (
  <Layout title="Overview" styleHref={styleHref} header={{ ...header, active: 'overview' }}>
    <h1>Overview</h1>
    {notice === undefined ? null : (
      <p class="notice" role="status">
        {notice}
      </p>
    )}
    <ModelPicker {...picker} />
    {budgets === undefined ? null : <BudgetPanel {...budgets} />}
    <UsageTable {...usage} />
  </Layout>
);
