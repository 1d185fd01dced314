import { describe, expect, it } from 'vitest'
import {
  AcknowledgeSchema,
  acknowledgeReturnPath,
  defaultPrivacyNotice,
  isAcknowledgementDue,
  PrivacyNoticeSchema,
} from '../../app/domain/privacy-notice'
import { RETENTION } from '../../app/domain/retention'

describe('isAcknowledgementDue', () => {
  it('asks a guardian who has not acknowledged the current version, and nobody else', () => {
    expect(isAcknowledgementDue('parent', { acknowledged: false })).toBe(true)
    expect(isAcknowledgementDue('parent', { acknowledged: true })).toBe(false)
    expect(isAcknowledgementDue('parent', null)).toBe(false)
    expect(isAcknowledgementDue('teacher', { acknowledged: false })).toBe(false)
    expect(isAcknowledgementDue('admin', { acknowledged: false })).toBe(false)
  })
})

describe('acknowledgeReturnPath', () => {
  const at = (path: string) => acknowledgeReturnPath(new URL(path, 'http://localhost'))
  it('returns to the page asked for, with its query but without Remix’s data parameters', () => {
    expect(at('/family')).toBe('/family')
    expect(at('/calendar?view=week&date=2026-12-07')).toBe('/calendar?view=week&date=2026-12-07')
    expect(at('/family/consents?_data=routes%2Ffamily.consents')).toBe('/family/consents')
    expect(at('/family?index&_data=routes%2Ffamily._index')).toBe('/family')
  })
  it('never returns to the privacy pages themselves', () => {
    expect(at('/privacy/acknowledge?redirectTo=%2Ffamily')).toBe('/')
  })
})

describe('the default notice', () => {
  it('names the school and states the retention periods the retention job applies', () => {
    const notice = defaultPrivacyNotice('  闵行区纪王学校 ')
    expect(notice.bodyZh).toMatch(/^闵行区纪王学校使用/)
    expect(notice.bodyZh).toContain(`保留 ${RETENTION.departedPupilYears} 年`)
    expect(notice.bodyZh).toContain(`保留 ${RETENTION.sessionDays} 天`)
    expect(notice.bodyZh).toContain(`审计日志）保留 ${RETENTION.auditYears} 年`)
    expect(notice.bodyZh).toContain('不满十四周岁')
    expect(notice.bodyEn).toContain(`kept for ${RETENTION.departedPupilYears} years`)
    expect(notice.bodyEn).toContain('/family/children/<child>/data')
    expect(PrivacyNoticeSchema.safeParse(notice).success).toBe(true)
  })
})

describe('the forms', () => {
  it('requires both texts and a contact', () => {
    const result = PrivacyNoticeSchema.safeParse({ bodyZh: ' \n ', bodyEn: 'x', contact: '' })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['bodyZh', 'validation.required'],
      ['contact', 'validation.required'],
    ])
  })
  it('requires the box ticked', () => {
    expect(AcknowledgeSchema.safeParse({ agree: true }).success).toBe(true)
    expect(AcknowledgeSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'privacy.acknowledge.agreeRequired',
    )
    expect(AcknowledgeSchema.safeParse({ agree: false }).success).toBe(false)
  })
})
