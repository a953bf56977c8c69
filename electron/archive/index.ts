// The archive's public API (docs/archive.md).
export {
  Archive,
  ARCHIVE_FILE,
  DEFAULT_TICK_INTERVAL_MS,
  defaultArchiveDirectory,
  type ArchiveOptions,
  type ArchivedFinding,
  type TickSamples,
  type RecordResult,
  type RollupChunk,
} from './archive';
export type { Aggregate } from './aggregate';
export { archiveListeners, startMaintenance, type MaintenanceSchedule } from './attach';
export { nullKinds, type NullKind } from './codec';
export type { SeriesInfo } from './dictionary';
export type { DocumentVersion } from './document-store';
export type { ArchivedEvent, HealthChange, NewEvent } from './history';
export type { MaintenanceReport } from './maintenance';
export {
  ArchiveQueryError,
  DEFAULT_TREND_POINTS,
  type Growth,
  type GrowthQuery,
  type Resolution,
  type SeriesFilter,
  type TimeInput,
  type Trend,
  type TrendBucket,
  type TrendQuery,
  type TrendsQuery,
} from './query';
export { ArchiveVersionError, SCHEMA_VERSION, migrations } from './schema';
export { seriesKey, subjectKinds, type Sample, type SubjectKind } from './series';
export { defaultRetention, rollupTiers, type Retention, type RollupTierName } from './tiers';
export {
  BUNDLE_FORMAT_VERSION,
  BundleError,
  detectFileKind,
  exportBundle,
  HEADER_BYTES,
  importBundle,
  importFile,
  importSnapshots,
  openBundleForReview,
  readBundle,
  redactFleet,
  type BundleFleetRecord,
  type BundleHeader,
  type BundleProgress,
  type BundleSummary,
  type ExportOptions,
  type FleetInput,
  type ImportResult,
  type ImportSummary,
  type ProgressListener,
  type ReviewBundle,
  type SnapshotImportSummary,
} from './bundle';
