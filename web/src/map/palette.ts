/**
 * 三调 land-class colours (地类图斑 fill colours by DLBM), RGB. Source and caveats: docs/web.md, "Palette".
 * A code not listed falls back to its first-level class (first two characters), then to grey.
 */
export const LAND_CLASS_COLOURS: Readonly<Record<string, readonly [number, number, number]>> = {
  '0101': [248, 208, 114], '0102': [248, 231, 28], '0103': [255, 251, 177],
  '0201': [214, 167, 201], '0202': [213, 167, 176], '0203': [231, 204, 226], '0204': [231, 204, 226],
  '0301': [49, 173, 105], '0302': [49, 173, 105], '0303': [49, 173, 105], '0304': [49, 173, 105],
  '0305': [100, 185, 104], '0306': [100, 185, 104], '0307': [151, 207, 178],
  '0401': [131, 194, 56], '0402': [131, 194, 56], '0403': [154, 206, 127], '0404': [200, 227, 160],
  '05H1': [226, 161, 149], '0508': [197, 154, 140],
  '0601': [197, 154, 140], '0602': [197, 154, 140], '0603': [197, 154, 140],
  '0701': [229, 103, 102], '0702': [236, 137, 138],
  '08H1': [241, 165, 180], '08H2': [241, 165, 180], '0809': [241, 165, 180], '0810': [129, 195, 93], '0810A': [129, 195, 93],
  '09': [193, 114, 97],
  '1001': [209, 201, 211], '1002': [209, 201, 211], '1003': [210, 216, 201], '1004': [222, 222, 221], '1005': [170, 169, 169],
  '1006': [194, 193, 193], '1007': [235, 137, 126], '1008': [235, 137, 126], '1009': [235, 137, 126],
  '1101': [163, 214, 245], '1102': [163, 214, 245], '1103': [163, 214, 245], '1104': [144, 170, 207], '1104A': [144, 170, 207],
  '1105': [179, 222, 248], '1106': [179, 222, 248], '1107': [160, 205, 240], '1107A': [160, 205, 240], '1108': [175, 200, 220],
  '1109': [230, 130, 100], '1110': [215, 237, 251],
  '1201': [225, 220, 225], '1202': [220, 180, 130], '1203': [200, 204, 210], '1204': [200, 190, 170], '1205': [200, 190, 170],
  '1206': [215, 200, 185], '1207': [222, 221, 214],
};

const FIRST_LEVEL: Readonly<Record<string, string>> = {
  '01': '0103', '02': '0204', '03': '0307', '04': '0404', '05': '05H1', '06': '0601', '07': '0702', '08': '08H1',
  '09': '09', '10': '1006', '11': '1101', '12': '1201',
};

const FALLBACK: readonly [number, number, number] = [205, 205, 205];

/** The fill colour of a DLBM code; adjustable "K" codes take their base class colour. */
export function landClassColour(dlbm: string | undefined): readonly [number, number, number] {
  if (!dlbm) return FALLBACK;
  const code = dlbm.endsWith('K') ? dlbm.slice(0, -1) : dlbm;
  return LAND_CLASS_COLOURS[code] ?? LAND_CLASS_COLOURS[FIRST_LEVEL[code.slice(0, 2)] ?? ''] ?? FALLBACK;
}

/** First-level groups shown in the legend (三调 working classification, docs/domain.md §1.2). */
export const LAND_CLASS_LEGEND: ReadonlyArray<{ code: string; name: string }> = [
  { code: '0101', name: '水田' }, { code: '0102', name: '水浇地' }, { code: '0103', name: '旱地' },
  { code: '0201', name: '园地' }, { code: '0301', name: '乔木林地' }, { code: '0305', name: '灌木林地' },
  { code: '0307', name: '其他林地' }, { code: '0404', name: '草地' }, { code: '0702', name: '农村宅基地' },
  { code: '0601', name: '工矿用地' }, { code: '1003', name: '公路用地' }, { code: '1006', name: '农村道路' },
  { code: '1101', name: '水域' }, { code: '1107', name: '沟渠' }, { code: '1202', name: '设施农用地' },
  { code: '1206', name: '裸土地' },
];

/** Change-patch screening classes (docs/screening.md): green / yellow / red, grey until screened. */
export const CHANGE_CLASS: Readonly<Record<string, { colour: string; name: string }>> = {
  green: { colour: '#2e9d4d', name: '绿色（合规）' },
  yellow: { colour: '#e8b10e', name: '黄色（待核实）' },
  red: { colour: '#d93a2b', name: '红色（违法疑似）' },
  unscreened: { colour: '#8a8f98', name: '未筛查' },
};

export function rgba(rgb: readonly [number, number, number], alpha: number): string {
  return `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${alpha})`;
}
