// One award's certificates: the batch page's loader and view, narrowed by the :awardId segment.
export { default, ErrorBoundary, loader, meta } from './activities.$activityId_.certificates'
