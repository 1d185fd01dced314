/**
 * Each strand (主线) of a season gets one colour of a small calm palette, by its position in the
 * season, so the same strand keeps its colour on every page without storing one. Every colour
 * reaches 4.5:1 on white and on the paper ground: it may carry text, not only edges and chips.
 */
export const STRAND_COLOURS = [
  { name: 'pine', ink: '#2f6b4f', soft: '#e6f0ea' },
  { name: 'lake', ink: '#2b5d8c', soft: '#e6eef6' },
  { name: 'clay', ink: '#a44a24', soft: '#f8ebe4' },
  { name: 'plum', ink: '#7a4482', soft: '#f2e9f3' },
  { name: 'ochre', ink: '#7d5f12', soft: '#f6f0dd' },
  { name: 'slate', ink: '#4a5668', soft: '#ebeef2' },
] as const

/** The palette index of the strand at this position (1 is the first strand). */
export function strandColourIndex(position: number): number {
  const n = STRAND_COLOURS.length
  return (((Math.trunc(position) - 1) % n) + n) % n
}

/** The class a strand's chip, edge or dot carries: `strand-colour-0` … `strand-colour-5`. */
export function strandColourClass(position: number): string {
  return `strand-colour-${strandColourIndex(position)}`
}
