// The containers of one node: sortable by any column, filtered by text (name, image, tag) and by
// state; memory with a sparkline of this page's recent snapshots; each row marked where it
// differs from the peer node. Built on @tanstack/react-table (v9: explicit features).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  columnFilteringFeature,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import { containerStates, type Container } from '../../shared/snapshot';
import { Sparkline } from '../components/Sparkline';
import { seriesKey, seriesValues } from '../state/history';
import { useAppState } from '../state/react';
import type { ContainerRow } from './node-model';
import { formatBytes, formatCount, formatPercent } from './overview-format';

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  filterFns: { includesString: filterFn_includesString },
});

const helper = createColumnHelper<typeof features, ContainerRow>();

/** Null readings sort last and never as 0. */
const orUndefined = (value: number | null) => value ?? undefined;

const columns = helper.columns([
  helper.accessor((row) => row.container.name, { id: 'name', sortFn: 'alphanumeric' }),
  helper.accessor((row) => `${row.container.image} ${row.container.tag ?? ''}`, {
    id: 'image',
    sortFn: 'alphanumeric',
  }),
  helper.accessor((row) => row.container.state, { id: 'state', sortFn: 'alphanumeric' }),
  helper.accessor((row) => row.container.health, { id: 'health', sortFn: 'alphanumeric' }),
  helper.accessor((row) => orUndefined(row.container.restartCount), {
    id: 'restarts',
    sortUndefined: 'last',
  }),
  helper.accessor((row) => orUndefined(row.container.memoryBytes), {
    id: 'memory',
    sortUndefined: 'last',
  }),
  helper.accessor((row) => orUndefined(row.container.cpuPct), { id: 'cpu', sortUndefined: 'last' }),
  helper.accessor((row) => orUndefined(row.container.sizeRwBytes), {
    id: 'writable',
    sortUndefined: 'last',
  }),
]);

type ColumnId = 'name' | 'image' | 'state' | 'health' | 'restarts' | 'memory' | 'cpu' | 'writable';

export function ContainersTable(props: {
  node: string;
  peer: string | null;
  rows: ContainerRow[];
}) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const [stateFilter, setStateFilter] = useState('');
  const data = useMemo(
    () => props.rows.filter((row) => !stateFilter || row.container.state === stateFilter),
    [props.rows, stateFilter],
  );
  const table = useTable({
    features,
    columns,
    data,
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: 'includesString',
    getColumnCanGlobalFilter: (column) => column.id === 'name' || column.id === 'image',
  });
  const rows = table.getRowModel().rows;

  return (
    <section className="panel" aria-labelledby="containers-heading">
      <h2 id="containers-heading">{t('node.containers')}</h2>
      <div className="filters">
        <label>
          {t('node.filterText')}{' '}
          <input
            type="search"
            value={globalFilter}
            onChange={(event) => setGlobalFilter(event.target.value)}
          />
        </label>
        <label>
          {t('node.filterState')}{' '}
          <select
            aria-label={t('node.filterState')}
            value={stateFilter}
            onChange={(event) => setStateFilter(event.target.value)}
          >
            <option value="">{t('node.allStates')}</option>
            {containerStates.map((state) => (
              <option key={state} value={state}>
                {t(`containerStates.${state}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" role="status">
          {t('node.shownCount', { shown: rows.length, total: props.rows.length })}
        </span>
      </div>
      <table className="table table--wide">
        <caption className="visually-hidden">
          {t('node.containersCaption', { node: props.node })}
        </caption>
        <thead>
          <tr>
            {table.getHeaderGroups()[0]?.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'
                  }
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={header.column.getToggleSortingHandler()}
                  >
                    {t(`node.columns.${header.id as ColumnId}`)}
                    <span aria-hidden="true">
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ContainerRowView key={row.id} node={props.node} peer={props.peer} row={row.original} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ContainerRowView(props: { node: string; peer: string | null; row: ContainerRow }) {
  const { t, i18n } = useTranslation();
  const { container, peer } = props.row;
  const language = i18n.language;
  const history = useAppState((state) => state.history);
  const memorySeries = useMemo(
    () =>
      seriesValues(history, seriesKey(props.node, 'container.memoryBytes', container.name)).map(
        (point) => point.value,
      ),
    [history, props.node, container.name],
  );

  return (
    <tr data-peer={peer.kind} data-state={container.state}>
      <th scope="row">
        {container.name}
        <PeerBadge comparison={peer} peer={props.peer} />
      </th>
      <td>
        <code>{container.tag ?? container.image}</code>
      </td>
      <td>
        <span className="state-word" data-state={container.state}>
          {t(`containerStates.${container.state}`)}
        </span>
        {container.oomKilled === true && (
          <strong className="tag-warning"> {t('node.oomKilled')}</strong>
        )}
      </td>
      <td>{t(`containerHealth.${container.health}`)}</td>
      <td>
        {valueOrReason(container, 'restartCount', (value) => formatCount(value, language), t)}
      </td>
      <td>
        {valueOrReason(container, 'memoryBytes', (value) => formatBytes(value, language), t)}{' '}
        <Sparkline
          values={memorySeries}
          label={t('node.memorySparkline', { container: container.name })}
        />
      </td>
      <td>{valueOrReason(container, 'cpuPct', (value) => formatPercent(value, language), t)}</td>
      <td>{valueOrReason(container, 'sizeRwBytes', (value) => formatBytes(value, language), t)}</td>
    </tr>
  );
}

function PeerBadge(props: { comparison: ContainerRow['peer']; peer: string | null }) {
  const { t } = useTranslation();
  const { comparison, peer } = props;
  if (comparison.kind === 'only-here') {
    return <span className="diff-badge"> ◇ {t('node.onlyHere', { peer: peer ?? '' })}</span>;
  }
  if (comparison.kind === 'other-tag') {
    const tag = comparison.peerTag ?? '';
    return <span className="diff-badge"> ≠ {t('node.otherTag', { peer: peer ?? '', tag })}</span>;
  }
  return null;
}

type NumberField = 'restartCount' | 'memoryBytes' | 'cpuPct' | 'sizeRwBytes';

function valueOrReason(
  container: Container,
  field: NumberField,
  format: (value: number) => string,
  t: TFunction,
) {
  const value = container[field];
  if (value !== null) return format(value);
  return (
    <span className="no-reading" title={container.missing[field]?.detail}>
      {t('overview.noReading')}
    </span>
  );
}
