import type { MetaFunction } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'

// Any URL no route claims: a translated 404 inside the normal page shell.
export function loader() {
  notFound()
}

export default function NotFound() {
  return null
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'errors.notFound.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
