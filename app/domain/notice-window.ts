/**
 * The 公示 (notice period) of a class's recorded hours: guardians may object while it is open; once
 * it has closed the entries it covers are locked. Days are school-local YYYY-MM-DD, both ends included.
 */
export type NoticeWindowState = 'upcoming' | 'open' | 'closed'

export function noticeWindowState(
  window: { opensOn: string; closesOn: string },
  today: string,
): NoticeWindowState {
  if (today < window.opensOn) return 'upcoming'
  return today > window.closesOn ? 'closed' : 'open'
}

/** An entry may no longer change once the window covering it has closed. */
export function isEntryLocked(window: { opensOn: string; closesOn: string } | null, today: string): boolean {
  return window !== null && noticeWindowState(window, today) === 'closed'
}
