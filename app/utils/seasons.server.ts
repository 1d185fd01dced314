import { isEditable } from '~/domain/approval'
import { parseId } from '~/domain/schemas'
import { getSeason, type SeasonDetail } from '~/models/seasons.server'
import type { SessionUser } from './auth.server'
import { db } from './db.server'
import { notFound } from './responses'

/** The season of the URL in the user's school; another school's or a malformed id is 404. */
export async function requireSeason(user: SessionUser, seasonId: string | undefined): Promise<SeasonDetail> {
  const id = parseId(seasonId)
  const season = id ? await getSeason(db, { schoolId: user.schoolId, id }) : undefined
  return season ?? notFound()
}

/** The same, still open to planning: a closed season is history (403). */
export async function requireEditableSeason(
  user: SessionUser,
  seasonId: string | undefined,
): Promise<SeasonDetail> {
  const season = await requireSeason(user, seasonId)
  if (!isEditable(season.status)) throw new Response('Season closed', { status: 403 })
  return season
}
