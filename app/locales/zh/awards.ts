export const awards = {
  levels: {
    special: '特等奖',
    first: '一等奖',
    second: '二等奖',
    third: '三等奖',
    merit: '优秀奖',
  },
  scopes: {
    school: '校级',
    district: '区级',
    city: '市级',
    national: '国家级',
  },
}
