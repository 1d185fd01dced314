import type { Migration } from 'kysely'
import * as m20261128090000 from './20261128090000_foundation'
import * as m20261128130000 from './20261128130000_planning'
import * as m20261128160000 from './20261128160000_records'
import * as m20261128170000 from './20261128170000_class_archive'
import * as m20261128180000 from './20261128180000_awards'
import * as m20261128190000 from './20261128190000_recaps'
import * as m20261128200000 from './20261128200000_participation_tallies'
import * as m20261207140000 from './20261207140000_workday_kind'
import * as m20261207160000 from './20261207160000_consent_answers'
import * as m20261207163000 from './20261207163000_consent_reminders'
import * as m20261207170000 from './20261207170000_user_phone_unique'
import * as m20261207180000 from './20261207180000_automatic_tasks'
import * as m20261207190000 from './20261207190000_notification_facts'
import * as m20261207200000 from './20261207200000_school_emblem'
import * as m20261208100000 from './20261208100000_read_audit'
import * as m20261208110000 from './20261208110000_correction_requests'
import * as m20261208120000 from './20261208120000_privacy_notices'
import * as m20261208130000 from './20261208130000_retention'

/**
 * Every migration, by its timestamped name. Listed statically rather than read from the folder so
 * the same list works under tsx, vitest and a bundled server alike.
 */
export const migrations: Record<string, Migration> = {
  '20261128090000_foundation': m20261128090000,
  '20261128130000_planning': m20261128130000,
  '20261128160000_records': m20261128160000,
  '20261128170000_class_archive': m20261128170000,
  '20261128180000_awards': m20261128180000,
  '20261128190000_recaps': m20261128190000,
  '20261128200000_participation_tallies': m20261128200000,
  '20261207140000_workday_kind': m20261207140000,
  '20261207160000_consent_answers': m20261207160000,
  '20261207163000_consent_reminders': m20261207163000,
  '20261207170000_user_phone_unique': m20261207170000,
  '20261207180000_automatic_tasks': m20261207180000,
  '20261207190000_notification_facts': m20261207190000,
  '20261207200000_school_emblem': m20261207200000,
  '20261208100000_read_audit': m20261208100000,
  '20261208110000_correction_requests': m20261208110000,
  '20261208120000_privacy_notices': m20261208120000,
  '20261208130000_retention': m20261208130000,
}
