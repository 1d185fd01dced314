import type { LoaderFunctionArgs } from '@remix-run/node'
import { findSchoolBySlug } from '~/models/calendar.server'
import { db } from '~/utils/db.server'
import { emblemHeaders, emblemPng } from '~/utils/emblem.server'
import { notFound } from '~/utils/responses'

/** /s/:slug/emblem.png: the school's emblem as a PNG, the uploaded one or the seal (share cards). */
export async function loader({ params }: LoaderFunctionArgs) {
  const school = params.slug ? await findSchoolBySlug(db, params.slug) : undefined
  if (!school) notFound()
  const png = await emblemPng(school)
  const headers = emblemHeaders('image/png', `"${school.emblemKey ?? 'seal'}-${png.byteLength}"`)
  headers.set('Content-Length', String(png.byteLength))
  return new Response(new Uint8Array(png), { headers })
}
