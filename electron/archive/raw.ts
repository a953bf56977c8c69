// Raw rows: one per node per tick, holding that node's samples in the order of its layout.
import type Database from 'better-sqlite3';
import { ByteReader, ByteWriter, readValue, writeValue, type DecodedValue } from './codec';
import type { NullKind } from './codec';
import type { Dictionary } from './dictionary';
import type { Sample } from './series';

export type SampleVisitor = (
  seriesId: number,
  atMs: number,
  value: number | null,
  nullKind: NullKind | null,
) => void;

interface RawRow {
  at_ms: number;
  layout_id: number;
  samples: Buffer;
}

export class RawStore {
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly dictionary: Dictionary,
  ) {
    this.statements = {
      insert: db.prepare(
        'INSERT OR REPLACE INTO raw_tick (node_id, at_ms, layout_id, samples) VALUES (?, ?, ?, ?)',
      ),
      range: db.prepare(
        'SELECT at_ms, layout_id, samples FROM raw_tick ' +
          'WHERE node_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms',
      ),
    };
  }

  /** Writes one node's samples of one tick; a series named twice keeps its first sample. */
  write(node: string, atMs: number, samples: readonly Sample[]): number {
    const seen = new Set<number>();
    const seriesIds: number[] = [];
    const writer = new ByteWriter();
    for (const sample of samples) {
      const id = this.dictionary.seriesId(node, sample.subject, sample.metric);
      if (seen.has(id)) continue;
      seen.add(id);
      seriesIds.push(id);
      writeValue(writer, sample.value, sample.nullKind ?? undefined);
    }
    const layoutId = this.dictionary.layoutId(seriesIds);
    this.statements.insert.run(this.dictionary.nodeId(node), atMs, layoutId, writer.finish());
    return seriesIds.length;
  }

  /**
   * Visits the samples of `wanted` series (all when null) of one node in [fromMs, toMs), in time
   * order.
   */
  read(
    nodeId: number,
    fromMs: number,
    toMs: number,
    wanted: ReadonlySet<number> | null,
    visit: SampleVisitor,
  ): void {
    const scratch: DecodedValue = { value: null, nullKind: null };
    const ends = new Map<number, number>();
    for (const row of this.statements.range.iterate(nodeId, fromMs, toMs) as Iterable<RawRow>) {
      const layout = this.dictionary.layout(row.layout_id);
      let end = ends.get(row.layout_id);
      if (end === undefined) ends.set(row.layout_id, (end = decodeEnd(layout, wanted)));
      const reader = new ByteReader(row.samples);
      for (let index = 0; index < end; index++) {
        const seriesId = layout[index] as number;
        if (wanted !== null && !wanted.has(seriesId)) {
          reader.skipValue();
          continue;
        }
        readValue(reader, scratch);
        visit(seriesId, row.at_ms, scratch.value, scratch.nullKind);
      }
    }
  }
}

/** How many values of a layout must be decoded to reach every wanted series. */
function decodeEnd(layout: readonly number[], wanted: ReadonlySet<number> | null): number {
  if (wanted === null) return layout.length;
  let end = 0;
  layout.forEach((seriesId, index) => {
    if (wanted.has(seriesId)) end = index + 1;
  });
  return end;
}
