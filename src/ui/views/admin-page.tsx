// The admin page: per person the images kept and generated, spend, images per model, the last 30 days
// and the last generation; then the last 14 days as a server-drawn chart and a day-by-day table. Pure:
// it renders AdminStats built by admin-stats.ts, with model ids already turned into labels.
import type { FC } from 'hono/jsx';
import type { AdminDay, AdminStats } from '../admin-stats.js';
import { formatUsd, formatUtc } from '../format.js';
import { galleryHref } from '../paths.js';
import { type HeaderProps, Layout } from './layout.js';
import { SpendChart } from './spend-chart.js';

export interface AdminPageProps {
  styleHref: string;
  header: HeaderProps;
  stats: AdminStats;
  modelLabel: (modelId: string) => string;
}

export const AdminPage: FC<AdminPageProps> = ({ styleHref, header, stats, modelLabel }) => (
  <Layout title="Admin" styleHref={styleHref} header={{ ...header, active: 'admin' }}>
    <h1>Admin</h1>
    <section class="panel" aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      <div class="table-wrap">
        <table class="people">
          <caption class="muted">
            Spend at list prices, deleted images included. "Kept" counts the images still stored.
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col" class="num">
                Kept
              </th>
              <th scope="col" class="num">
                Made
              </th>
              <th scope="col" class="num">
                Spend
              </th>
              <th scope="col">Per model</th>
              <th scope="col" class="num">
                Last 30 days
              </th>
              <th scope="col" class="wide-only">
                Last generation
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.people.map((row) => (
              <tr>
                <th scope="row">
                  <a href={galleryHref({ owner: row.email === header.email ? undefined : row.email })}>
                    {row.email}
                  </a>
                </th>
                <td class="num">{row.kept}</td>
                <td class="num">{row.generated}</td>
                <td class="num">{formatUsd(row.spend)}</td>
                <td>
                  <ul class="models">
                    {row.models.map((m) => (
                      <li>{`${modelLabel(m.model)} × ${m.count}`}</li>
                    ))}
                  </ul>
                </td>
                <td class="num">{`${row.last30.count} · ${formatUsd(row.last30.spend)}`}</td>
                <td class="when wide-only">
                  {row.lastCreated === undefined ? '—' : formatUtc(row.lastCreated)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{`Total (${stats.people.length} ${stats.people.length === 1 ? 'person' : 'people'})`}</th>
              <td class="num">{stats.totals.kept}</td>
              <td class="num">{stats.totals.generated}</td>
              <td class="num">{formatUsd(stats.totals.spend)}</td>
              <td />
              <td class="num">{`${stats.totals.last30.count} · ${formatUsd(stats.totals.last30.spend)}`}</td>
              <td class="wide-only" />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
    <section class="panel" aria-labelledby="days-heading">
      <h2 id="days-heading">Last 14 days</h2>
      <SpendChart days={stats.days} />
      <DayTable days={stats.days} />
    </section>
  </Layout>
);

const DayTable: FC<{ days: readonly AdminDay[] }> = ({ days }) => (
  <div class="table-wrap">
    <table class="days">
      <caption class="muted">Days in UTC, newest first.</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col" class="num">
            Images
          </th>
          <th scope="col" class="num">
            Spend
          </th>
        </tr>
      </thead>
      <tbody>
        {[...days].reverse().map((d) => (
          <tr>
            <th scope="row">{d.day}</th>
            <td class="num">{d.count}</td>
            <td class="num">{formatUsd(d.spend)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
