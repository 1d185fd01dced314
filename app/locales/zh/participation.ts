export const participation = {
  roles: {
    participant: '参与者',
    volunteer: '志愿者',
    speaker: '发言人',
    docent: '讲解员',
    host: '主持人',
    flag_raiser: '升旗手',
    flag_guard: '护旗手',
    performer: '表演者',
    class_representative: '班级代表',
  },
  statuses: {
    attended: '出席',
    absent: '缺席',
    excused: '请假',
    unmarked: '未记录',
  },
}
