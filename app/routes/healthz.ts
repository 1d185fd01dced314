import { sql } from 'kysely'
import { db } from '~/utils/db.server'

// Public by design: load balancers ask it before any user exists.
export async function loader() {
  try {
    await sql`select 1`.execute(db)
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch {
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
