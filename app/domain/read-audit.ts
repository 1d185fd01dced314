/** The audited reads of pupils' data (PIPL), as `audit_log.action`; `/school/audit` labels each. */
export const READ_ACTIONS = {
  pupilRecord: 'read-pupil-record',
  classRoster: 'read-class-roster',
  consentList: 'read-consent-list',
  // The exports kept the names their entries had before reads were audited.
  rosterExport: 'roster-exported',
  noticeExport: 'notice-exported',
} as const

/**
 * What a family's "staff viewed N times this term" counts: views of the child's record and of lists
 * the child is on. Exports are files for the school's records, not views, so they are left out.
 */
export const FAMILY_COUNTED_READS: readonly string[] = [
  READ_ACTIONS.pupilRecord,
  READ_ACTIONS.classRoster,
  READ_ACTIONS.consentList,
]
