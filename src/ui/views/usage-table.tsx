// The cost-per-user table: images and estimated list-price cost per visible user with a total row. Admins
// get a link from each user to that user's gallery. Pure: it renders a UsageTable built by usage-view.ts.
import type { FC } from 'hono/jsx';
import { formatUsd, formatUtc } from '../format.js';
import { galleryHref } from '../paths.js';
import type { UsageTable as UsageTableData } from '../usage-view.js';

export interface UsageTableProps {
  table: UsageTableData;
  viewerEmail: string;
  /** Admins see everyone and can open anyone's gallery. */
  isAdmin: boolean;
}

/** An e-mail that may wrap after the @ on a narrow screen, and nowhere else. */
const Email: FC<{ address: string }> = ({ address }) => {
  const at = address.lastIndexOf('@');
  if (at <= 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
};

export const UsageTable: FC<UsageTableProps> = ({ table, viewerEmail, isAdmin }) => (
  <section class="panel" aria-labelledby="cost-heading">
    <h2 id="cost-heading">{isAdmin ? 'Cost per user' : 'My usage'}</h2>
    <div class="table-wrap">
      <table>
        <caption class="muted">Estimated at list prices; Google's bill is the reference.</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col" class="num">
              Images
            </th>
            <th scope="col" class="num">
              Estimated cost
            </th>
            <th scope="col" class="wide-only">
              Latest image
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              <th scope="row">
                <a href={galleryHref({ owner: row.email === viewerEmail ? undefined : row.email })}>
                  <Email address={row.email} />
                </a>
              </th>
              <td class="num">{row.images}</td>
              <td class="num">{formatUsd(row.cost)}</td>
              <td class="when wide-only">
                {row.lastCreated === undefined ? '—' : formatUtc(row.lastCreated)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{`Total (${table.total.users} ${table.total.users === 1 ? 'user' : 'users'})`}</th>
            <td class="num">{table.total.images}</td>
            <td class="num">{formatUsd(table.total.cost)}</td>
            <td class="wide-only" />
          </tr>
        </tfoot>
      </table>
    </div>
  </section>
);
