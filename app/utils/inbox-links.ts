/** Where a message of the inbox leads its reader. */
export function messageLink(
  message: { entity: string; entityId: number; kind: string; params?: Record<string, string | number> },
  isAdmin: boolean,
) {
  if (message.entity === 'activity') return `/activities/${message.entityId}`
  if (message.entity === 'consent') return '/family/consents'
  if (message.entity === 'recap') return `/recaps/${message.entityId}`
  // Guardians hear of a notice window's opening and of their disputes' outcome; staff of disputes raised.
  if (message.entity === 'notice') {
    return message.kind === 'dispute-raised' ? `/notices/${message.entityId}` : '/family/notices'
  }
  // Staff answer a correction request on its page; the guardian reads the answer beside the child's data.
  if (message.entity === 'correction') {
    return message.kind === 'correction-requested'
      ? `/corrections/${message.entityId}`
      : `/family/children/${message.params?.studentId ?? ''}/data#corrections`
  }
  if (isAdmin && message.kind === 'season-submitted') return `/seasons/${message.entityId}/review`
  return `/seasons/${message.entityId}`
}
