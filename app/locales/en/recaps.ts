import type { Catalogue } from '../catalogue'
import type { recaps as zh } from '../zh/recaps'

export const recaps: Catalogue<typeof zh> = {
  title: 'Recaps',
}
