// How far each rollup tier has got, per node: everything before `doneUntilMs` is rolled up.
import type Database from 'better-sqlite3';
import type { RollupTierName } from './tiers';

export class RollupProgress {
  private readonly doneUntil = new Map<string, number>();
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      all: db.prepare('SELECT tier, node_id, done_until_ms FROM rollup_progress'),
      upsert: db.prepare(
        'INSERT INTO rollup_progress (tier, node_id, done_until_ms) VALUES (?, ?, ?) ' +
          'ON CONFLICT (tier, node_id) DO UPDATE SET done_until_ms = excluded.done_until_ms',
      ),
    };
    this.reload();
  }

  reload(): void {
    this.doneUntil.clear();
    for (const row of this.statements.all.all() as ProgressRow[]) {
      this.doneUntil.set(`${row.tier}|${row.node_id}`, row.done_until_ms);
    }
  }

  /** Undefined until the tier has rolled up anything of the node. */
  get(tier: RollupTierName, nodeId: number): number | undefined {
    return this.doneUntil.get(`${tier}|${nodeId}`);
  }

  set(tier: RollupTierName, nodeId: number, doneUntilMs: number): void {
    this.statements.upsert.run(tier, nodeId, doneUntilMs);
    this.doneUntil.set(`${tier}|${nodeId}`, doneUntilMs);
  }
}

interface ProgressRow {
  tier: RollupTierName;
  node_id: number;
  done_until_ms: number;
}
