/**
 * Route modules import the observance rules through this file: the lunar-calendar library they use
 * is about 100 KB gzipped and has load-time side effects, so it must never reach the browser bundle.
 */

export { HOLIDAY_KEYS, type HolidayKey, type ProposedHoliday, proposeHolidays } from '~/domain/holidays'
export {
  isObservanceKey,
  OBSERVANCE_KEYS,
  type Observance,
  type ObservanceKey,
  observancesBetween,
} from '~/domain/observances'
export { copiedSeasonTitle, observanceOn, shiftInstant, yearsBetween } from '~/domain/season-copy'
