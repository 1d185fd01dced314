import type { IconName } from './icon-names'

/**
 * One icon from the sprite (public/icons.svg). Beside text it is decoration and hidden from
 * assistive technology; standing alone it needs a `label`, which becomes its accessible name.
 */
export function Icon({ name, label, className }: { name: IconName; label?: string; className?: string }) {
  const classes = className ? `icon ${className}` : 'icon'
  if (label)
    return (
      <svg className={classes} role="img" aria-label={label} focusable="false">
        <use href={`/icons.svg#${name}`} />
      </svg>
    )
  return (
    <svg className={classes} aria-hidden="true" focusable="false">
      <use href={`/icons.svg#${name}`} />
    </svg>
  )
}
