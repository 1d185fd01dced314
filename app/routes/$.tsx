import type { MetaFunction } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { pageTitle } from '~/utils/meta'

// Any URL no route claims: a translated 404 inside the normal page shell.
export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'errors.notFound.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
