// Column tables as the Docker CLI prints them (Go's tabwriter): a header whose column names are
// separated by two or more spaces, then rows aligned under it. Cells may contain single spaces
// (`MEM USAGE / LIMIT`, `0 B / 1.02 GB`) and may be empty (a container without ports).

export interface TableColumn {
  name: string;
  start: number;
}

/** Column names and where each starts, from a header line. */
export function headerColumns(header: string): TableColumn[] {
  const columns: TableColumn[] = [];
  const pattern = /\S+(?: \S+)*/g;
  for (let match = pattern.exec(header); match; match = pattern.exec(header)) {
    columns.push({ name: match[0], start: match.index });
  }
  return columns;
}

/**
 * The cells of one row. Splitting on runs of two or more spaces survives text whose alignment
 * was lost (pasted into an issue); when that gives the wrong number of cells (an empty cell),
 * the header's positions decide.
 */
export function splitRow(line: string, columns: TableColumn[]): string[] | null {
  const bySpaces = line.trim().split(/\s{2,}/);
  if (bySpaces.length === columns.length) return bySpaces;
  const cells = columns.map((column, index) => {
    const end = columns[index + 1]?.start ?? line.length;
    return line.slice(column.start, end).trim();
  });
  const spillsOver = columns.some(
    (column, index) => index > 0 && /\S/.test(line[column.start - 1] ?? ' '),
  );
  return spillsOver ? null : cells;
}

/** Row cells keyed by header name. */
export function rowRecord(columns: TableColumn[], cells: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  columns.forEach((column, index) => {
    record[column.name] = cells[index] ?? '';
  });
  return record;
}
