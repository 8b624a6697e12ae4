namespace PlanPulse.Domain.Extraction;

/// <summary>
/// The word tables the extractor works from (simplified forms: matching runs on the normalised text). Kept as data
/// so that a missed pattern is usually one more table entry, not another branch.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Base units written after a number (longest first so 个百分点 wins over 个, 人次 over 人).</summary>
    public static readonly string[] Units =
    [
        "个百分点", "百分点", "台(套)", "台套", "场次", "分钟", "微克/立方米", "平方公里", "平方米", "立方米", "千瓦时", "千瓦", "公里", "千米", "公斤", "美元", "人次", "件次", "户次", "架次",
        "标箱", "公顷", "元", "人", "个", "家", "户", "所", "件", "项", "亩", "吨", "天", "条", "种", "名", "批", "座", "辆",
        "台", "套", "张", "处", "次", "倍", "米", "列", "艘", "架", "头", "场", "部", "斤", "轮", "枚",

        // Counters of things a report counts (矿业权出让111宗, 保障性租赁住房1万间). Not 岁: 60岁以上老年人 names a group.
        "宗", "笔", "例", "只", "株", "间", "栋", "篇", "册", "%", "‰",

        // Counters of pairs, pitches and kinds (缔结友城148对, 新增球类场地405片, 12类55件民生实事); 台套 (sets of
        // machines, 设备更新33.6万台套) stands at the front so that it wins over 台.
        "对", "片", "类",

        // Models (备案上线大模型105款) and weeks (号源提前2周向基层投放; not 75周年, see `NotUnitAfter`). At the front:
        // 台(套) as 西藏 writes sets (设备更新6.5万台(套), before 台), 场次 (10万余场次, before 场), 分钟 (课间时长15分钟).
        "款", "周",
    ];

    /// <summary>
    /// A unit that is not one when these follow it: 75周年 is an anniversary, 60周岁 an age (as 岁 is not a unit).
    /// </summary>
    public static readonly Dictionary<string, string[]> NotUnitAfter = new(StringComparer.Ordinal) { ["周"] = ["年", "岁"] };

    /// <summary>
    /// Lengths that bound the name they stand in, not a quantity (公交与轨道50米内换乘比例达到88%): a figure in one of
    /// these units followed by 内 and more of the name is part of the name.
    /// </summary>
    public static readonly string[] RangeUnits = ["米", "公里", "千米"];

    /// <summary>Names of a rate of change: a list item ending in one is a growth (居民消费价格涨幅…分别控制在5%和3%以内).</summary>
    public static readonly string[] GrowthNouns = ["涨幅", "增幅", "增速"];

    /// <summary>Magnitudes between the number and the unit (1.1万个, 918.6亿元).</summary>
    public static readonly string[] Magnitudes = ["万亿", "亿", "万"];

    /// <summary>Units that count things: a count directly followed by a noun (21个…项目签约落地) names its metric after it.</summary>
    public static readonly HashSet<string> CountUnits =
    [
        "个", "家", "户", "所", "件", "项", "条", "种", "名", "批", "座", "辆", "台", "套", "张", "处", "次", "人", "件次", "人次",
        "列", "艘", "架", "头", "场", "部", "轮", "枚", "宗", "笔", "例", "只", "株", "间", "栋", "篇", "册",
        "台套", "对", "片", "类", "款", "场次", "台(套)",
    ];

    /// <summary>Verbs ending a growth statement; the figure after them is a rate of change, not a level.</summary>
    public static readonly string[] GrowthVerbs = ["增长", "增加", "上升", "提高", "提升", "下降", "减少", "回落", "降低", "下滑", "增速为", "增速", "增幅", "涨幅"];

    /// <summary>Direction words that make a change negative (下降3.7% → −3.7; 低0.3个百分点 → −0.3).</summary>
    public static readonly string[] NegativeWords = ["下降", "减少", "回落", "降低", "下滑", "收窄", "下调", "低", "慢"];

    /// <summary>Comparisons that make a percentage-point gap negative wherever they stand in the lead (低于全国0.6个百分点).</summary>
    public static readonly string[] NegativeComparisons = ["低于", "慢于", "下降", "回落", "减少", "降低", "收窄"];

    /// <summary>Bounds written after the figure; they override a bound written before it (达到90%以上 → 以上).</summary>
    public static readonly string[] PostQualifiers = ["以上", "左右", "以内", "以下", "上下"];

    /// <summary>Bounds written just before the figure, in order of precedence when several stand there.</summary>
    /// Not 累计: it marks a stock against the year's flow and stays in the metric (the seed: 累计超过50人 → 超过).
    public static readonly string[] PreQualifiers = ["不低于", "不少于", "不超过", "突破", "超过", "超", "近", "约", "达到", "达"];

    /// <summary>Short spellings of a bound, reported in their full form (超50% is 超过50%; 达3% is 达到3%).</summary>
    /// 不少于 is 不低于 and 约 is 左右: every labelled file words its bounds from one vocabulary (以上 左右 以内 不低于 超过 近 余 …),
    /// and 北京's (不少于300项, 约30万辆) are labelled 不低于 and 左右.
    public static readonly Dictionary<string, string> QualifierSpellings = new(StringComparer.Ordinal)
    {
        ["达"] = "达到", ["超"] = "超过", ["不少于"] = "不低于", ["约"] = "左右",
    };

    /// <summary>Stance words that qualify the whole commitment that follows them (力争完成400亿元).</summary>
    public static readonly string[] StanceQualifiers = ["力争", "预计"];

    /// <summary>
    /// Words that may stand before a stance clause of its own (初步预计,A增长…,B增长…): such a clause qualifies every
    /// figure of its sentence, not only its own clause.
    /// </summary>
    public static readonly string[] StanceLeads = ["初步", "据", "经"];

    /// <summary>
    /// Stances that, opening a sentence with its first figure (预计全市地区生产总值增长5.2%左右,一般公共预算收入增长3.1%),
    /// cover every figure of the sentence: an estimate is made of the whole run. Not 力争: it commits its own figure
    /// (力争…增长6%以上,B…: 广西's labels).
    /// </summary>
    public static readonly string[] SentenceStances = ["预计"];

    /// <summary>Words dropped from the front of a metric: connectives and level verbs, not part of the name.</summary>
    public static readonly string[] LeadingNoise =
    [
        "全区实现", "全市实现", "全省实现", "全县实现", "全年", "同比", "带动", "拉动", "撬动", "确保", "实现", "完成", "达到", "累计", "力争", "预计", "共", "并", "和", "及", "与", "、", "为",
        "今年", "当年", "年内", "全面", "一年来",
    ];

    /// <summary>
    /// Words that start with a leading-noise word but are words of the name (与共建国家缔结友城数量: 共建 is not 共).
    /// </summary>
    public static readonly string[] NoiseLookalikes = ["共建", "共享", "共同", "共有", "并购", "为民", "和平"];

    /// <summary>Words dropped from the end of a metric: the verb or bound between the name and the figure.</summary>
    public static readonly string[] TrailingNoise =
    [
        "稳定在", "保持在", "控制在", "调整到", "调整至", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "下降到", "下降至", "达到", "突破",
        "超过", "不低于", "不少于", "不超过", "累计", "分别", "同比", "完成", "实现", "共计", "合计", "总计", "达", "为", "近", "约",
        "超", "均", "共", "是", "中", "的", "全面", "比上年", "较上年", "比去年", "年均", "各",

        // A ratio narrowed or widened to its figure (城乡居民收入比缩小至2.04∶1 → 城乡居民收入比).
        "缩小至", "缩小到", "扩大至", "扩大到",

        // The base of a ratio written 1∶N (开工备案项目比例达到1∶3.4 → 开工备案项目比例, 3.4 倍).
        "1∶", "1:",

        // A stance between the name and its verb (单位地区生产总值能耗预计下降3.2%): the stance is the qualifier.
        "预计", "力争",
    ];

    /// <summary>
    /// Verbs shared by every item of a list (新增A 1家、B 15家 → 新增B). Only verbs of making or adding: a level verb
    /// such as 实现 is not carried.
    /// </summary>
    public static readonly string[] CarriedVerbs =
    [
        "签约引进", "新认证", "新培育", "新开设", "新组建", "统筹推进", "组建", "新增", "新建", "新开", "建成", "创建", "培育", "引进", "打造", "建设",
        "改造", "整治", "实施", "争创", "争取", "推进", "开展", "提供", "救助", "发放", "完成",
    ];

    /// <summary>
    /// Verbs that may stand before a count (推动62个特别重大项目). With words between verb and count the verb is dropped
    /// and those words qualify the counted noun (制定防返贫、促衔接22条措施 → 防返贫、促衔接措施).
    /// </summary>
    public static readonly string[] CountVerbs =
    [
        .. CarriedVerbs, "推动", "制定", "落实", "安排", "新开工", "开工", "投用", "建立", "组织", "举办", "设立",

        // Verbs of two actions, kept whole: in 新建成运营5个泊位 运营 is part of the verb, not a kind of 泊位.
        "建成运营", "建成投用", "建成投产", "开工建设",
    ];

    /// <summary>Connectives that may stand before the one verb of a measure before its noun (并完成3800万平方米…改造).</summary>
    public static readonly string[] MeasureLeads = ["全年", "并", "和", "同时", "今年"];

    /// <summary>Words that end the noun of a count: what follows is an aside (17轮强降雨特别是超强台风…).</summary>
    public static readonly string[] NounEndWords = ["特别是", "尤其是"];

    /// <summary>
    /// Heads of a counted facility: with one of these last the count is of facilities, not of the places that lead
    /// the noun (610个乡镇养老服务中心 counts centres; 8个街镇污水处理厂管网改造 counts 街镇). Not 点: the seed counts
    /// 街镇 in 10个街镇全民健身路径点 (one path point per town).
    /// </summary>
    public static readonly string[] FacilityHeads = ["中心", "站", "院", "馆", "室", "所", "厂"];

    /// <summary>Level verbs written around the metric (稳定基本医疗保险参保率在97%以上): 稳定…在 is 稳定在.</summary>
    public static readonly string[] SplitLevelVerbs = ["稳定", "保持", "控制"];

    /// <summary>Counted places come last in the metric (完成8个街镇污水处理厂管网改造 → 完成污水处理厂管网改造街镇).</summary>
    public static readonly string[] PlaceWords = ["街镇", "镇街", "乡镇", "社区", "区县", "村"];

    /// <summary>Ordinals of the three sectors, written short before 产业 (一、二、三产业增加值 → 第一产业增加值 …).</summary>
    public static readonly HashSet<char> SectorOrdinals = ['一', '二', '三'];

    /// <summary>The word the sector ordinals stand before.</summary>
    public const string SectorHead = "产业";

    /// <summary>Scope words that every item of a list shares (规上工业能耗总量…、电力用量… → 规上工业电力用量).</summary>
    public static readonly string[] ScopePrefixes = ["规模以上工业", "规上工业"];

    /// <summary>
    /// Attributes of the projects a sentence has just counted (165个…项目完成投资291亿元、投资完成率92%): the metric
    /// is the counted subject plus the attribute.
    /// </summary>
    public static readonly string[] SubjectAttributes =
    [
        "完成投资", "总投资", "年度计划投资", "计划投资", "投资完成率", "完成率", "完成年度投资计划", "完成年度计划", "超年度计划",
    ];

    /// <summary>A continuation item that is only a verb takes the previous item's subject (新增市场主体9080户、净增1954户).</summary>
    public static readonly HashSet<string> BareVerbs = ["净增", "新增", "增加", "减少", "净减", "惠及", "覆盖", "涉及"];

    /// <summary>
    /// Category heads after 等 in a counted noun (6座抽水蓄能电站等项目): the category is generic, the noun before 等
    /// names what was counted.
    /// </summary>
    public static readonly string[] EtceteraHeads = ["项目", "工程", "设施", "重点项目", "重大项目"];

    /// <summary>A figure of a class, not of a quantity, when one of these follows its unit (3000吨级航道, 30万吨级油轮).</summary>
    public static readonly string[] ClassSuffixes = ["级"];

    /// <summary>Words before a figure that make it the length of a streak (连续33个榨季排全国第一), not a measured quantity.</summary>
    public static readonly string[] StreakWords = ["连续"];

    /// <summary>Verbs that end the noun of a count when another figure follows (5个…项目完成投资33亿元).</summary>
    public static readonly string[] SubjectEndVerbs = ["完成", "实现", "累计", "共计", "总投资", "年度计划投资", "计划投资"];

    /// <summary>Verbs of the level kind inside a name; dropped (经开区实现规上工业总产值 → 经开区规上工业总产值).</summary>
    public static readonly string[] InnerLevelVerbs = ["实现"];

    /// <summary>Whole verbs a garbled byte run may have cut the head off (`?;I措` is 筹措 with 筹 mangled).</summary>
    public static readonly string[] GarbleRepairVerbs = ["筹措", "筹集", "落实", "完成", "实现", "安排", "争取", "新增", "建成"];

    /// <summary>
    /// Names a magnitude without a unit ends in, with the unit they imply (冰雪运动参与人次超630万 → 万人次;
    /// 参保人数达1000万 → 万人). Longest first.
    /// </summary>
    public static readonly (string Word, string Unit)[] ImpliedUnits = [("人次", "人次"), ("人数", "人"), ("户数", "户"), ("人口", "人")];

    /// <summary>
    /// People counted after a magnitude without a unit (为358万居家老年人提供…, 惠及80余万高龄老年人): the unit is 人.
    /// Not 人民: 汇聚8500万江苏人民的力量 is the population in a closing appeal, not a count.
    /// </summary>
    public static readonly string[] PersonNouns = ["老年人", "老人", "群众", "居民", "职工", "农民", "学生", "儿童", "患者", "人员", "残疾人", "毕业生"];

    /// <summary>How far after the magnitude (in characters) the counted people may be named.</summary>
    public const int PersonNounReach = 10;

    /// <summary>
    /// Words ending in 等 that are not the 等 closing a list of examples (高等职业学校, 中等收入): 等 after examples
    /// (中俄文化大集等特色文旅活动, 五星抽水蓄能电站等518个项目) drops them from the metric.
    /// </summary>
    public static readonly string[] NotEtcetera = ["高等", "中等", "初等", "平等", "同等", "对等", "均等", "相等", "一等", "二等", "三等", "特等", "优等", "等级", "等于", "等同"];

    /// <summary>
    /// Units of a quoted figure that is a count of measures, not a name (出台“33条”增量政策 → 33 条, as the seed's
    /// 27条措施): only when the quote holds the figure and this unit alone.
    /// </summary>
    public static readonly string[] QuotedCountUnits = ["条", "项"];

    /// <summary>Shortest noun after 的 that a figure describes (总规模500亿元的…母基金); shorter is a bare word (的人).</summary>
    public const int AttributedNounLength = 3;

    /// <summary>Shortest example dropped before 等: a named instance (中俄文化大集), not a kind (供水、燃气等管网).</summary>
    public const int NamedExampleLength = 3;

    /// <summary>
    /// Words of a total: an item 总X after an item ending in X is the stock of that X (新增地铁运营里程43公里、总里程达到879公里
    /// → 地铁运营总里程), named as 累计 is, without the flow verb.
    /// </summary>
    public static readonly string[] TotalWords = ["总"];

    /// <summary>
    /// Verbs of the year's flow that a following 累计 stock drops (新获批国家先进制造业集群4个,累计14个 →
    /// 累计国家先进制造业集群; 新入选国家5G工厂113家、累计210家 → 累计国家5G工厂).
    /// </summary>
    public static readonly string[] FlowVerbs = ["新获批", "新入选", "新认定", "新培育", "新引进", "新建成", "新增", "新建", "获批", "入选"];

    /// <summary>
    /// Verbs that, alone after a list item, act on that item's object (制定规章2件、废止22件 → 废止规章; 开工742个、
    /// 完工548个 → …完工): the item's own verb is swapped for them. Not the bare verbs of a change (净增).
    /// </summary>
    public static readonly string[] SwapVerbs = ["废止", "修订", "修改", "撤销", "取消", "清理", "完工", "竣工", "开工", "投用", "关闭", "退出", "淘汰", "注销", "制定", "出台"];

    /// <summary>
    /// The count a unit names when it is the second figure of one item (改造城镇老旧小区1376个、14万户 →
    /// 改造城镇老旧小区户数): the metric is the item plus this word.
    /// </summary>
    public static readonly Dictionary<string, string> UnitNouns = new(StringComparer.Ordinal)
    {
        ["户"] = "户数", ["人"] = "人数", ["人次"] = "人次", ["套"] = "套数", ["间"] = "间数", ["家"] = "家数",
    };

    /// <summary>A unit without its magnitude (14万户 → 户).</summary>
    public static string MagnitudeFree(string unit) =>
        Magnitudes.FirstOrDefault(m => unit.Length > m.Length && unit.StartsWith(m, StringComparison.Ordinal)) is { } m ? unit[m.Length..] : unit;

    /// <summary>
    /// 城乡X split into its two items, by what follows 城乡 (the official terms: 城市低保 but 城镇居民); the empty head
    /// is the default and stays last.
    /// </summary>
    public static readonly (string Head, string Urban, string Rural)[] UrbanRural = [("低保", "城市", "农村"), ("", "城镇", "农村")];

    /// <summary>The word before a rate whose verb follows it (城乡低保分别按3%、7%稳步提标).</summary>
    public const string RateMarker = "按";

    /// <summary>Verbs of raising a level written after its rate (按3%提标, 按5%上调), besides the growth verbs.</summary>
    public static readonly string[] RaiseVerbs = ["提标", "上调", "下调"];

    /// <summary>Markers of the responsible units listed after a task (责任单位:区发展改革委、区财政局).</summary>
    public static readonly string[] SubjectUnitMarkers = ["责任单位", "牵头单位", "责任部门", "牵头部门"];
}
