// Offline review: sessions over an archive opened read-only, views as of a moment, and the
// comparison of two moments (docs/review.md).
export { compareMoments } from './diff';
export { rebuildNode } from './rebuild';
export {
  openArchiveDirectory,
  openReview,
  ReviewError,
  ReviewSession,
  type OpenReviewOptions,
  type ReadOnlyArchive,
  type ReviewProgress,
  type ReviewSource,
} from './session';
export { findingsOpenAt, healthAt, snapshotAt, viewAt, wireView, type RebuiltView } from './view';
