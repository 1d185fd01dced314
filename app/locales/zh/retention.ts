export const retention = {
  title: '立即匿名化',
  lead: '这位学生已离校。匿名化后，姓名和学号被替换为中性标签，家长账号解除关联，仅有这位学生的照片被删除；参与记录、奖项和统计保留，报表数字不变。此操作无法撤销。',
  notOffered:
    '在校学生不能匿名化：学校仍需要其档案。学生毕业或离校后，档案保留 {{years}} 年后自动匿名化，也可在此立即匿名化。',
  reason: '原因',
  reasonHint: '必填，最多 200 字，记入审计日志。',
  submit: '立即匿名化',
  confirmTitle: '确认匿名化',
  confirmLead: '确定要匿名化这位学生吗？原因：{{reason}}。姓名、学号和家长关联将被永久删除，无法撤销。',
  confirm: '确认，永久匿名化',
  cancel: '取消',
  done: '已匿名化这位学生。',
  badge: '已匿名化',
  anonymisedOn: '已于 {{date}} 匿名化',
  anonymisedNote: '这位学生的档案已匿名化，不能再编辑或关联家长。参与记录、奖项和统计仍计入报表。',
  errors: {
    notDeparted: '只有已毕业或已离校的学生才能匿名化。',
    already: '这位学生已经匿名化。',
  },
}
