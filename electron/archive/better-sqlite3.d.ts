// The part of better-sqlite3's API the archive uses. The package ships no types and
// @types/better-sqlite3 is not a dependency yet.
// TODO(#5): add @types/better-sqlite3 to devDependencies and delete this file.
declare module 'better-sqlite3' {
  namespace BetterSqlite3 {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    interface Statement {
      run(...parameters: unknown[]): RunResult;
      get(...parameters: unknown[]): unknown;
      all(...parameters: unknown[]): unknown[];
      iterate(...parameters: unknown[]): IterableIterator<unknown>;
      /** Return only the first column of each row. */
      pluck(toggle?: boolean): this;
    }

    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
    }

    interface PragmaOptions {
      simple?: boolean;
    }

    interface Database {
      readonly open: boolean;
      readonly name: string;
      prepare(source: string): Statement;
      exec(source: string): this;
      pragma(source: string, options?: PragmaOptions): unknown;
      transaction<Work extends (...args: never[]) => unknown>(work: Work): Work;
      close(): this;
    }

    interface DatabaseConstructor {
      new (filename: string, options?: Options): Database;
      (filename: string, options?: Options): Database;
    }
  }

  const Database: BetterSqlite3.DatabaseConstructor;
  // Lets `Database.Database` and `Database.Statement` name the types, as @types does.
  namespace Database {
    type Database = BetterSqlite3.Database;
    type Statement = BetterSqlite3.Statement;
    type RunResult = BetterSqlite3.RunResult;
  }
  export = Database;
}
