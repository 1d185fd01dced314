import { useActionData } from '@remix-run/react'
import type { FormReply } from './responses'

/** The action's answer for this form only: several forms share a page and tell theirs apart by id. */
export function useFormReply(form: string) {
  const reply = useActionData() as FormReply | undefined
  return reply?.form === form ? reply.result : undefined
}
