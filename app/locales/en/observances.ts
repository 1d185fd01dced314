import type { Catalogue } from '../catalogue'
import type { observances as zh } from '../zh/observances'

export const observances: Catalogue<typeof zh> = {
  'lei-feng-day': 'Lei Feng Day',
  'womens-day': "International Women's Day",
  'tree-planting-day': 'Arbor Day',
  qingming: 'Qingming Festival',
  'national-security-education-day': 'National Security Education Day',
  'youth-day': 'Youth Day',
  'childrens-day': "Children's Day",
  'party-founding-day': 'Party Founding Day',
  'army-day': 'Army Day',
  'teachers-day': "Teachers' Day",
  'national-day': 'National Day',
  chongyang: 'Double Ninth Festival',
  'constitution-day': 'Constitution Day',
  'nanjing-memorial-day': 'National Memorial Day for Nanjing Massacre Victims',
}
