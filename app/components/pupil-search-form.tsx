import { Form } from '@remix-run/react'

/** The longest pupil search kept from `?q=`: a name or a student number is far shorter. */
export const PUPIL_SEARCH_MAX = 40

/** `?q=` as a pupil search: trimmed and bounded. */
export function pupilSearchFrom(url: URL): string {
  return url.searchParams.get('q')?.trim().slice(0, PUPIL_SEARCH_MAX) ?? ''
}

/** A plain GET form: the search lives in the URL and works without JavaScript. */
export function PupilSearchForm({
  id,
  label,
  region,
  submit,
  search,
}: {
  id: string
  label: string
  /** The search landmark's name */
  region: string
  submit: string
  search: string
}) {
  return (
    <Form method="get" className="inline-form filter-form" role="search" aria-label={region}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          key={search}
          id={id}
          name="q"
          type="search"
          defaultValue={search}
          maxLength={PUPIL_SEARCH_MAX}
          autoComplete="off"
        />
      </div>
      <button type="submit" className="button">
        {submit}
      </button>
    </Form>
  )
}
