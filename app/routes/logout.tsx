import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { endSession, requireSameOrigin } from '~/utils/auth.server'

export function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  return endSession(request)
}
