import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ICON_NAMES } from './icon-names'

/**
 * Kept beside the icon names, outside the app's import graph (a build step, not a module the pages
 * use). Builds public/icons.svg: one <symbol> per icon Siji uses, taken from lucide-static. Run with
 * `npm run icons` after changing app/components/icon-names.ts; the result is committed, so the
 * server needs nothing at run time and the browser fetches one cacheable file.
 */
const iconsDir = join(dirname(createRequire(import.meta.url).resolve('lucide-static/package.json')), 'icons')

/** The drawing inside one Lucide file: its root <svg> and licence comment dropped. */
function iconBody(name: string): string {
  const source = readFileSync(join(iconsDir, `${name}.svg`), 'utf8')
  const body = source.match(/<svg[^>]*>([\s\S]*)<\/svg>/)?.[1]
  if (!body) throw new Error(`No drawing in ${name}.svg`)
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('')
}

export function buildSprite(names: readonly string[] = ICON_NAMES): string {
  // Lucide's stroke settings live on each file's root; a <g> carries them into every <use>.
  const symbols = names.map(
    (name) =>
      `<symbol id="${name}" viewBox="0 0 24 24"><g fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${iconBody(name)}</g></symbol>`,
  )
  return [
    '<!-- Lucide icons (lucide-static, ISC licence, https://lucide.dev); built by npm run icons -->',
    '<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true">',
    ...symbols,
    '</svg>',
    '',
  ].join('\n')
}

export const SPRITE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'icons.svg')

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SPRITE_PATH, buildSprite())
  console.log(`Wrote ${ICON_NAMES.length} icons to ${SPRITE_PATH}`)
}
