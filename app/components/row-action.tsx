import { Form } from '@remix-run/react'

/**
 * A one-button form acting on one row of a table: `values` are posted as hidden fields beside the
 * intent, and `who` (the row's name) completes the button's name for screen readers.
 */
export function RowAction({
  intent,
  values,
  label,
  who,
  danger,
}: {
  intent: string
  values: Record<string, string | number>
  label: string
  who: string
  danger?: boolean
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        className={danger ? 'button button-danger button-small' : 'button button-secondary button-small'}
      >
        {label}
        <span className="visually-hidden"> {who}</span>
      </button>
    </Form>
  )
}
