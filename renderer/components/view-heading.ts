/** The id of every view's `<h1>`, the skip link's and the navigation's focus target. */
export const VIEW_HEADING_ID = 'view-heading';
