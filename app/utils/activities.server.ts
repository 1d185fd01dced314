import { parseId } from '~/domain/schemas'
import { type ActivityDetail, getActivity } from '~/models/activities.server'
import type { SessionUser } from './auth.server'
import { db } from './db.server'
import { notFound } from './responses'

/** The activity of the URL in the user's school; another school's or a malformed id is 404. */
export async function requireActivity(
  user: SessionUser,
  activityId: string | undefined,
): Promise<ActivityDetail> {
  const id = parseId(activityId)
  const activity = id ? await getActivity(db, { schoolId: user.schoolId, id }) : undefined
  return activity ?? notFound()
}
