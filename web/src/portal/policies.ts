/**
 * Farmland-protection policies the public most often asks about, with the provisions that matter to a citizen. Kept
 * in the page (public documents, no personal data), searchable offline. Texts are summaries; the title names the
 * authoritative document.
 */
export interface Policy { title: string; issuer: string; year: number; points: string[]; tags: string[] }

export const policies: Policy[] = [
  {
    title: '中华人民共和国土地管理法', issuer: '全国人民代表大会常务委员会', year: 2019,
    points: [
      '第三十条：国家保护耕地，严格控制耕地转为非耕地，实行占用耕地补偿制度（占多少，垦多少）。',
      '第三十三条：国家实行永久基本农田保护制度。',
      '第三十五条：永久基本农田经依法划定后，任何单位和个人不得擅自占用或者改变其用途。',
      '第三十七条：禁止占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等；禁止占用永久基本农田发展林果业和挖塘养鱼。',
      '第三十八条：禁止任何单位和个人闲置、荒芜耕地。',
    ],
    tags: ['耕地', '永久基本农田', '占补平衡', '建房', '挖塘', '撂荒', '法律'],
  },
  {
    title: '中华人民共和国土地管理法实施条例', issuer: '国务院', year: 2021,
    points: [
      '第十二条：严格控制耕地转为林地、草地、园地等其他农用地，确需转为其他农用地的，应当优先使用难以长期稳定利用的耕地。',
      '非农业建设占用耕地的，按照“占多少，垦多少”的原则补充数量和质量相当的耕地。',
    ],
    tags: ['耕地', '进出平衡', '非粮化', '占补平衡', '法规'],
  },
  {
    title: '基本农田保护条例', issuer: '国务院', year: 2011,
    points: [
      '禁止任何单位和个人在基本农田保护区内建窑、建房、建坟、挖砂、采石、采矿、取土、堆放固体废弃物或者进行其他破坏基本农田的活动。',
      '禁止任何单位和个人闲置、荒芜基本农田。',
    ],
    tags: ['永久基本农田', '建房', '撂荒', '法规'],
  },
  {
    title: '国务院办公厅关于坚决制止耕地“非农化”行为的通知（国办发明电〔2020〕24号）', issuer: '国务院办公厅', year: 2020,
    points: [
      '严禁违规占用耕地绿化造林；严禁超标准建设绿色通道；严禁违规占用耕地挖湖造景。',
      '严禁占用永久基本农田扩大自然保护地；严禁违规占用耕地从事非农建设；严禁违法违规批地用地。',
    ],
    tags: ['非农化', '绿化造林', '挖湖造景', '非农建设'],
  },
  {
    title: '国务院办公厅关于防止耕地“非粮化”稳定粮食生产的意见（国办发〔2020〕44号）', issuer: '国务院办公厅', year: 2020,
    points: [
      '永久基本农田重点用于发展粮食生产，特别是保障稻谷、小麦、玉米三大谷物的种植面积。',
      '严禁在永久基本农田上种植苗木、草皮等用于绿化装饰以及其他破坏耕作层的植物。',
    ],
    tags: ['非粮化', '永久基本农田', '粮食生产', '种树'],
  },
  {
    title: '农村乱占耕地建房“八不准”', issuer: '自然资源部、农业农村部', year: 2020,
    points: [
      '不准占用永久基本农田建房；不准强占多占耕地建房；不准买卖、流转耕地违法建房；不准在承包耕地上违法建房。',
      '不准巧立名目违法占用耕地建房；不准违反“一户一宅”规定占用耕地建房；不准非法出售占用耕地建的房屋；不准违法审批占用耕地建房。',
    ],
    tags: ['建房', '农村', '宅基地', '一户一宅'],
  },
  {
    title: '自然资源部 农业农村部 国家林业和草原局关于严格耕地用途管制有关问题的通知（自然资发〔2021〕166号）', issuer: '自然资源部等', year: 2021,
    points: [
      '耕地原则上只能转为耕地以外的其他农用地的，须落实“进出平衡”：年度内耕地转出的，应当通过其他农用地转入补足同等数量、质量的耕地。',
      '永久基本农田不得转为林地、草地、园地等其他农用地及农业设施建设用地。',
    ],
    tags: ['进出平衡', '用途管制', '设施农业', '永久基本农田'],
  },
  {
    title: '中共中央 国务院关于加强耕地保护和改进占补平衡的意见', issuer: '中共中央、国务院', year: 2017,
    points: [
      '坚守耕地红线，实行耕地数量、质量、生态“三位一体”保护。',
      '地方各级党委和政府对本行政区域内耕地保有量和永久基本农田保护面积负责，实行耕地保护责任目标考核。',
    ],
    tags: ['耕地红线', '占补平衡', '考核', '田长制'],
  },
  {
    title: '中华人民共和国刑法 第三百四十二条（非法占用农用地罪）', issuer: '全国人民代表大会', year: 2001,
    points: [
      '违反土地管理法规，非法占用耕地、林地等农用地，改变被占用土地用途，数量较大，造成耕地、林地等农用地大量毁坏的，处五年以下有期徒刑或者拘役，并处或者单处罚金。',
    ],
    tags: ['刑事责任', '非法占用', '法律'],
  },
];

/** Policies whose title, issuer, provisions or tags contain every word of the query (spaces separate words). */
export function searchPolicies(query: string): Policy[] {
  const words = query.trim().split(/\s+/).filter((w) => w.length > 0);
  return policies.filter((p) => {
    const text = [p.title, p.issuer, ...p.points, ...p.tags].join(' ');
    return words.every((w) => text.includes(w));
  });
}
