// Realistic Chinese customer-service material for the demo data set and the benchmarks: a lighting
// manufacturer's customers, products and faults (the seeds' 灯具厂). Deterministic for a given seed.

export function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}
export type Rng = ReturnType<typeof random>;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const CITIES = [
  "上海",
  "苏州",
  "杭州",
  "南京",
  "宁波",
  "合肥",
  "北京",
  "天津",
  "武汉",
  "长沙",
  "广州",
  "深圳",
  "成都",
  "重庆",
  "西安",
  "沈阳",
];
const BRANDS = [
  "光明",
  "华亮",
  "恒星",
  "瑞丰",
  "金辉",
  "永盛",
  "鼎新",
  "宏远",
  "东方",
  "新城",
  "天成",
  "博源",
];
const TRADES = ["照明工程", "物业管理", "建筑装饰", "市政工程", "酒店管理", "商贸", "电气设备", "智能科技"];
const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "赵",
  "黄",
  "周",
  "吴",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
];
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "磊",
  "强",
  "洋",
  "艳",
  "军",
  "杰",
  "涛",
  "明",
  "超",
  "霞",
  "平",
];
export const PRODUCTS = [
  "LED 平板灯",
  "吸顶灯",
  "LED 路灯",
  "工矿灯",
  "投光灯",
  "筒灯",
  "射灯",
  "应急照明灯",
  "智能照明控制器",
  "驱动电源",
  "隧道灯",
  "庭院灯",
];
const FAULTS = [
  "不亮",
  "频闪",
  "运行时异响",
  "亮度不足",
  "色温偏差",
  "外壳开裂",
  "漏电跳闸",
  "遥控失灵",
  "局部暗区",
  "启动缓慢",
  "发热严重",
  "进水起雾",
];
const PLACES = [
  "办公室",
  "车间",
  "仓库",
  "地下车库",
  "小区道路",
  "酒店大堂",
  "会议室",
  "商场中庭",
  "学校教室",
  "医院走廊",
];
const ASKS = [
  "请尽快安排工程师上门检修",
  "希望给出处理方案",
  "要求更换新品",
  "询问是否在保修期内",
  "要求退货退款",
  "需要提供检测报告",
];
const INQUIRIES = [
  "询问产品报价",
  "咨询安装规范",
  "索取产品规格书",
  "咨询节能改造方案",
  "查询订单发货进度",
  "咨询发票开具",
];

export const companyName = (rng: Rng) =>
  `${pick(rng, CITIES)}${pick(rng, BRANDS)}${pick(rng, TRADES)}有限公司`;
export const personName = (rng: Rng) =>
  `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}${rng() < 0.5 ? pick(rng, GIVEN) : ""}`;
export const mobile = (rng: Rng) =>
  `1${pick(rng, ["3", "5", "8", "9"])}${String(Math.floor(rng() * 1e9)).padStart(9, "0")}`;

/** A ticket's type, title and description, e.g. 报修 "车间工矿灯频闪". */
export function ticketText(rng: Rng) {
  const product = pick(rng, PRODUCTS);
  const place = pick(rng, PLACES);
  const roll = rng();
  if (roll < 0.3) {
    const topic = pick(rng, INQUIRIES);
    return {
      type: "inquiry" as const,
      title: `${topic}（${product}）`,
      description: `客户来电${topic}，涉及产品：${product}，用于${place}。`,
    };
  }
  const fault = pick(rng, FAULTS);
  const type = roll < 0.6 ? ("repair" as const) : roll < 0.85 ? ("complaint" as const) : ("return" as const);
  const count = 1 + Math.floor(rng() * 12);
  return {
    type,
    title: `${place}${product}${fault}`,
    description: `客户反映${place}安装的${count}套${product}${fault}，已影响正常使用，${pick(rng, ASKS)}。`,
  };
}
