import type { SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'

/** Pages with several forms say which one the answer is for. */
export type FormReply = { form: string; result: SubmissionResult<string[]> }

/** Bad input: 400 with the submission, so that form shows its messages and keeps what was typed. */
export function invalidForm(form: string, result: SubmissionResult<string[]>) {
  return data<FormReply>({ form, result }, { status: 400 })
}

/** What does not exist in the user's school. */
export function notFound(): never {
  throw new Response('Not found', { status: 404 })
}
