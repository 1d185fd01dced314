import type { LoaderFunctionArgs } from '@remix-run/node'
import { findSchoolBySlug } from '~/models/calendar.server'
import { db } from '~/utils/db.server'
import { emblemHeaders, generatedEmblemSvg } from '~/utils/emblem.server'
import { notFound } from '~/utils/responses'

/** /s/:slug/emblem.svg: the seal generated from the school's name (public, as the news page is). */
export async function loader({ params }: LoaderFunctionArgs) {
  const school = params.slug ? await findSchoolBySlug(db, params.slug) : undefined
  if (!school) notFound()
  const svg = generatedEmblemSvg(school)
  return new Response(svg, { headers: emblemHeaders('image/svg+xml; charset=utf-8', `"seal-${svg.length}"`) })
}
