import type { Catalogue } from '../catalogue'
import type { awards as zh } from '../zh/awards'

export const awards: Catalogue<typeof zh> = {
  levels: {
    special: 'Special prize',
    first: 'First prize',
    second: 'Second prize',
    third: 'Third prize',
    merit: 'Merit award',
  },
  scopes: {
    school: 'School',
    district: 'District',
    city: 'City',
    national: 'National',
  },
}
