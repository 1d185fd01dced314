import type { Catalogue } from '../catalogue'
import type { news as zh } from '../zh/news'

export const news: Catalogue<typeof zh> = {
  title: 'School news',
}
