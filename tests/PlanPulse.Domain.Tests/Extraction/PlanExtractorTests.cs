using System.Text;
using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Text;

namespace PlanPulse.Domain.Tests.Extraction;

/// <summary>
/// Each pattern of issue 5 as a table. Every case runs four times: as written (traditional, as the seed),
/// converted to simplified, with full-width digits and punctuation, and after a garbled sentence (`?;`).
/// "seed" marks a sentence from tests/fixtures/seed; "invented" one written for the pattern.
/// </summary>
public sealed class PlanExtractorTests
{
    private const string Review = "一、2022年國民經濟和社會發展計劃執行情況\n";
    private const string Plan = "三、2023年實現國民經濟和社會發展計劃的重點工作\n";

    public enum Variant
    {
        Traditional,
        Simplified,
        FullWidth,
        AfterGarble,
    }

    public static TheoryData<string, string, string, string, string?, string?, string?, string?> Cases => new()
    {
        // source, part, sentence, metric, value, unit, growth, qualifier
        { "seed 一、 value then growth across a comma", Review, "全年實現地區生產總值918.6億元,同比增長2.6%。", "地區生產總值", "918.6", "亿元", "2.6", null },
        { "seed 一、 分别 distribution of growth", Review, "固定資產投資、社會消費品零售總額、進出口總額分別增長5.2%、0.6%和43%。", "進出口總額", null, null, "43", null },
        { "seed 一、 分别 distribution, second item", Review, "固定資產投資、社會消費品零售總額、進出口總額分別增長5.2%、0.6%和43%。", "社會消費品零售總額", null, null, "0.6", null },
        { "seed 一、(一) values then 分别 growth", Review, "高技術產業和戰新產業實現產值161.7億元、303.7億元,分別增長39.4%、15.8%。", "戰新產業產值", "303.7", "亿元", "15.8", null },
        { "seed 一、(一) value、growth", Review, "全區實現規上工業總產值1471.5億元、增長3.7%。", "規上工業總產值", "1471.5", "亿元", "3.7", null },
        { "seed 三、(二) paired list without 分别", Plan, "確保糧食播種面積、產量穩定在90萬畝、36萬噸。", "產量", "36", "万吨", null, null },
        { "seed 三、(二) paired list, first item", Plan, "確保糧食播種面積、產量穩定在90萬畝、36萬噸。", "糧食播種面積", "90", "万亩", null, null },
        { "seed 一、(一) count after 新增, list verb carried", Review, "新增國家企業技術中心1家、市級研發機構15家。", "新增市級研發機構", "15", "家", null, null },
        { "seed 一、(一) count after 新培育", Review, "新培育科技型企業108家、高新技術企業42家。", "新培育高新技術企業", "42", "家", null, null },
        { "seed 一、(二) count after 建成", Review, "建成高標準農田5.1萬畝。", "建成高標準農田", "5.1", "万亩", null, null },
        { "seed 一、(一) count before noun after 完成", Review, "完成50個智能化改造項目。", "完成智能化改造項目", "50", "个", null, null },
        { "seed 一、(五) count after 引进 (list)", Review, "其中簽約引進百億級項目2個、十億級項目16個。", "簽約引進十億級項目", "16", "个", null, null },
        { "seed 一、(一) share", Review, "R&D投入占GDP比重達3%。", "R&D投入占GDP比重", "3", "%", null, null },
        { "seed 三、(二) share written 达到…的", Plan, "文旅產業增加值達到GDP的4.5%。", "文旅產業增加值占GDP", "4.5", "%", null, "达到" },
        { "seed 一、(七) percentage points, faster", Review, "其中農村居民人均可支配收入增速比城鎮居民快2.1個百分點。", "農村居民人均可支配收入增速比城鎮居民快", "2.1", "个百分点", null, null },
        { "invented: percentage points down", Review, "城鎮調查失業率下降0.3個百分點。", "城鎮調查失業率", "-0.3", "个百分点", null, null },
        { "seed 一、(六) completion rate", Review, "165個年度重大建設項目完成投資291億元、投資完成率92%。", "年度重大建設項目投資完成率", "92", "%", null, null },
        { "seed 一、(五) above the annual plan", Review, "5個川渝共建年度重大項目完成投資33億元,超年度計劃73%。", "川渝共建年度重大項目超年度計劃", "73", "%", null, null },
        { "seed 一、(六) completion of the annual plan", Review, "27個市級重大建設項目完成投資154億元、完成年度投資計劃134%。", "市級重大建設項目完成年度投資計劃", "134", "%", null, null },
        { "seed 三、(一) growth with 以上", Plan, "規上工業總產值增長10%以上。", "規上工業總產值", null, null, "10", "以上" },
        { "seed 三、(七) days with 以上", Plan, "空氣質量優良天數提高到325天以上。", "空氣質量優良天數", "325", "天", null, "以上" },
        { "seed 三、(五) 左右", Plan, "專業市場全年交易額達150億元左右。", "專業市場全年交易額", "150", "亿元", null, "左右" },
        { "seed 三、(一) 突破", Plan, "其中新材料產值突破380億元。", "其中新材料產值", "380", "亿元", null, "突破" },
        { "invented: 不低于", Plan, "研發經費投入強度不低於2.5%。", "研發經費投入強度", "2.5", "%", null, "不低于" },
        { "invented: 以内", Plan, "城鎮調查失業率控制在5.5%以內。", "城鎮調查失業率", "5.5", "%", null, "以内" },
        { "invented: 预计", Review, "預計全年地區生產總值增長6%。", "地區生產總值", null, null, "6", "预计" },
        { "seed 三、(五) target 达到", Plan, "綠色貸款占各項貸款比重達到8%。", "綠色貸款占各項貸款比重", "8", "%", null, "达到" },
        { "seed 一、(八) actual 达到 is no qualifier", Review, "城區空氣優良天數達到320天。", "城區空氣優良天數", "320", "天", null, null },
        { "seed 一、(八) decrease", Review, "單位GDP能耗強度下降3.7%。", "單位GDP能耗強度", null, null, "-3.7", null },
        { "seed 一、(八) decreases by 分别", Review, "安全生產事故起數和死亡人數分別下降15.8%、10.5%。", "死亡人數", null, null, "-10.5", null },
        { "invented: 回落", Review, "居民消費價格漲幅回落1.2%。", "居民消費價格漲幅", null, null, "-1.2", null },
        { "seed 一、(六) foreign currency", Review, "離岸服務外包完成1.5億美元。", "離岸服務外包", "1.5", "亿美元", null, null },
        { "invented: foreign currency 万美元", Review, "實際利用外資8600萬美元。", "實際利用外資", "8600", "万美元", null, null },
        { "seed 二、(二) stretch target", Plan, "帶動全年固定資產投資完成350億元,力爭完成400億元。", "固定資產投資", "400", "亿元", null, "力争" },
        { "seed 二、(二) base target", Plan, "帶動全年固定資產投資完成350億元,力爭完成400億元。", "固定資產投資", "350", "亿元", null, null },
        { "seed 一、(一) 规上 is no qualifier", Review, "規上數字經濟產值突破70億元。", "規上數字經濟產值", "70", "亿元", null, "突破" },
        { "seed 一、(三) 万余个", Review, "新增公共停車位1.1萬余個。", "新增公共停車位", "1.1", "万个", null, "余" },
        { "seed 一、(五) 近", Review, "幫銷農副產品近2200萬元。", "幫銷農副產品", "2200", "万元", null, "近" },
        { "seed 一、(五) 累计超过", Review, "雙方互派掛職人員累計超過50人。", "雙方互派掛職人員", "50", "人", null, "超过" },
        { "seed 一、(七) count before noun", Review, "4所學校建成投用。", "學校建成投用", "4", "所", null, null },
        { "seed 三、(二) counted places", Plan, "完成8個街鎮污水處理廠管網改造。", "完成污水處理廠管網改造街鎮", "8", "个", null, null },
        { "seed 一、(四) bare verb takes the subject", Review, "全年新增市場主體9080戶、凈增1954戶。", "市場主體凈增", "1954", "户", null, null },
        { "seed 一、(七) share of spending", Review, "民生支出占一般公共預算支出的64%。", "民生支出占一般公共預算支出", "64", "%", null, null },
        { "seed 三、(一) share with 以上", Plan, "其中戰新產業占工業引資的40%以上。", "戰新產業占工業引資", "40", "%", null, "以上" },
        { "江苏 2025 report: shared tail of short items", Plan, "全年交通、水利、能源、市政領域投資分別達2300億元、600億元、1700億元、1000億元。", "水利領域投資", "600", "亿元", null, "达到" },
        { "北京 2025 report: growth as a multiple", Review, "入境游客大幅增長186.8%,入境消費增長近3倍。", "入境消費", "3", "倍", null, "近" },
        { "北京 2025 report: a bare verb borrows the clause before", Review, "持續推進老舊小區綜合整治,完成5.7萬個。", "持續推進老舊小區綜合整治", "5.7", "万个", null, null },
        { "invented: thousands separator", Review, "全年接待游客1,234.5萬人次。", "接待游客", "1234.5", "万人次", null, null },
        { "广西 2025 report: unit 亿斤", Review, "糧食產量280.76億斤。", "糧食產量", "280.76", "亿斤", null, null },
        { "广西 2025 report: count in 轮 before its noun", Review, "成功應對17輪強降雨。", "成功應對強降雨", "17", "轮", null, null },
        { "广西 2025 report: unit 枚", Review, "獲世界三大賽獎牌36枚。", "獲世界三大賽獎牌", "36", "枚", null, null },
        { "广西 2025 report: 涨幅 is the growth of the price level", Plan, "居民消費價格漲幅2%左右。", "居民消費價格", null, null, "2", "左右" },
        { "广西 2025 report: 超 is 超过", Review, "高鐵運營總里程超2400公里。", "高鐵運營總里程", "2400", "公里", null, "超过" },
        { "北京 2025 report: growth with 超", Review, "示範區規模以上重點企業技術收入增長超10%。", "示範區規模以上重點企業技術收入", null, null, "10", "超过" },
        { "广西 2025 report: a bound between count and noun", Plan, "實施100個以上關鍵技術攻關項目。", "實施關鍵技術攻關項目", "100", "个", null, "以上" },
        { "广西 2025 report: 各 gives the figure to each item", Review, "新增職業技術大學、高等職業學校各2所。", "新增高等職業學校", "2", "所", null, null },
        { "广西 2025 report: 各, first item", Review, "新增職業技術大學、高等職業學校各2所。", "新增職業技術大學", "2", "所", null, null },
        { "invented: 各 before a growth", Review, "進口和出口各增長5%。", "出口", null, null, "5", null },
        { "广西 2025 report: 惠及 takes the previous subject", Review, "發放社會救助資金118.7億元、惠及310萬人。", "社會救助資金惠及", "310", "万人", null, null },
        { "广西 2025 report: 以及 starts an item, 等项目 is generic", Review, "開工建設白龍核電一期以及6座抽水蓄能電站等項目。", "抽水蓄能電站", "6", "座", null, null },
        { "广西 2025 report: items ending alike share the tail", Review, "製造業、戰略性新興產業貸款分別增長12.7%、27.2%。", "製造業貸款", null, null, "12.7", null },
        { "四川 2025 report: counter 宗", Review, "礦業權出讓111宗、出讓收益超過133.6億元。", "礦業權出讓", "111", "宗", null, null },
        { "invented: counter 间 before its noun", Plan, "籌集1萬間保障性租賃住房。", "籌集保障性租賃住房", "1", "万间", null, null },
        { "广西 2025 report: 特别是 ends the counted noun", Review, "成功應對17輪強降雨特別是超強颱風影響。", "成功應對強降雨", "17", "轮", null, null },
        { "广西 2025 report: 稳定…在 around the name", Plan, "穩定基本醫療保險參保率在97%以上。", "基本醫療保險參保率", "97", "%", null, "以上" },
        { "广西 2025 report: 撬动 is a connective", Review, "撬動新增貸款2317.3億元。", "新增貸款", "2317.3", "亿元", null, null },
        { "广西 2025 report: a verb of two actions before a count", Review, "北部灣港新建成運營5個泊位。", "建成運營泊位", "5", "个", null, null },
        { "广西 2025 report: 新组建 carried", Review, "新組建自治區實驗室3家、綜合領域類技術創新中心5家。", "新組建綜合領域類技術創新中心", "5", "家", null, null },
        { "广西 2025 report: facilities counted, not places", Review, "建成610個鄉鎮養老服務中心。", "建成鄉鎮養老服務中心", "610", "个", null, null },
        { "广西 2025 report: a count with magnitude before its noun", Review, "長期護理保險制度試點惠及1.7萬個家庭。", "長期護理保險制度試點惠及家庭", "1.7", "万个", null, null },
        { "广西 2025 report: projects counted by name then number", Plan, "自治區層面統籌推進重大項目2200個以上,完成投資5000億元以上。", "自治區層面統籌推進重大項目完成投資", "5000", "亿元", null, "以上" },
        { "广西 2025 report: sector ordinals take 第", Review, "經濟平穩增長,一、二、三產業增加值分別增長4%、5.3%、3.4%。", "第一產業增加值", null, null, "4", null },
        { "广西 2025 report: sector ordinals, last item", Review, "經濟平穩增長,一、二、三產業增加值分別增長4%、5.3%、3.4%。", "第三產業增加值", null, null, "3.4", null },
        { "invented: sector ordinals written with 第", Review, "經濟平穩增長,第一、二產業增加值分別增長4%、5.3%。", "第二產業增加值", null, null, "5.3", null },
        { "invented: items ending in 业 share the tail", Review, "工業、農業、服務業投資分別增長3%、2%、5%。", "農業投資", null, null, "2", null },
        { "广西 2025 report: a stance clause qualifies its sentence", Review, "初步預計,外貿進出口總額增長9.4%,一般公共預算收入增長3%。", "一般公共預算收入", null, null, "3", "预计" },
        { "江苏 2025 report: unit 台套 (sets of machines)", Review, "完成工業領域設備更新33.6萬台套。", "工業領域設備更新", "33.6", "万台套", null, null },
        { "江苏 2025 report: counter 对", Review, "與共建國家締結友城數量達148對。", "共建國家締結友城數量", "148", "对", null, null },
        { "江苏 2025 report: counter 片", Review, "公園綠地共新增球類場地405片。", "公園綠地共新增球類場地", "405", "片", null, null },
        { "江苏 2025 report: a share written as a fraction", Review, "船舶海工出口規模佔全國1/3。", "船舶海工出口規模佔全國", "33.33", "%", null, null },
        { "江苏 2025 report: a fraction with 近", Review, "實際使用外資規模佔全國近1/6。", "實際使用外資規模佔全國", "16.67", "%", null, "近" },
        { "江苏 2025 report: 占 after an item is that item's share", Review, "城鎮新增就業143.02萬人、佔全國1/10以上。", "城鎮新增就業佔全國", "10", "%", null, "以上" },
        { "江苏 2025 report: a ratio to one is a multiple", Review, "城鄉居民收入比縮小至2.04∶1。", "城鄉居民收入比", "2.04", "倍", null, null },
        { "江苏 2025 report: a magnitude before counted people", Review, "為358萬居家老年人提供專業上門服務。", "為居家老年人提供專業上門服務", "358", "万人", null, null },
        { "invented: a magnitude after a name in 人次", Review, "冰雪運動參與人次超630萬。", "冰雪運動參與人次", "630", "万人次", null, "超过" },
        { "江苏 2025 report: two counts of one noun, the categories", Plan, "優化安排12類45件民生實事。", "安排民生實事類", "12", "类", null, null },
        { "江苏 2025 report: two counts of one noun, the things", Plan, "優化安排12類45件民生實事。", "安排民生實事", "45", "件", null, null },
        { "黑龙江 2025 report: a bound between verb and count", Review, "城鄉低保惠及超140萬名困難群眾。", "城鄉低保惠及困難群眾", "140", "万名", null, "超过" },
        { "黑龙江 2025 report: a stance between name and verb", Review, "單位地區生產總值能耗預計下降3.2%。", "單位地區生產總值能耗", null, null, "-3.2", "预计" },
        { "黑龙江 2025 report: examples before a count", Review, "五星抽水蓄能電站等518個項目開工建設。", "項目開工建設", "518", "个", null, null },
        { "江苏 2025 report: listed examples after the verb", Plan, "重點打造智能電網、工程機械等10條具有國際優勢的重點產業鏈。", "打造具有國際優勢的重點產業鏈", "10", "条", null, null },
        { "黑龙江 2025 report: examples inside a name", Review, "舉辦中俄文化大集等特色文旅活動2萬餘場。", "舉辦特色文旅活動", "2", "万场", null, "余" },
        { "广西 2025 report: kinds before 等 stay in the name", Review, "新建改造供水、燃氣、排水等管網5000公里。", "新建改造供水、燃氣、排水等管網", "5000", "公里", null, null },
        { "黑龙江 2025 report: 5大 counts in 个", Plan, "做強做大玉米等5大加工產業。", "加工產業", "5", "个", null, null },
        { "江苏 2025 report: 累计 after the year's flow", Review, "新入選國家5G工廠113家、累計210家。", "累計國家5G工廠", "210", "家", null, null },
        { "江苏 2025 report: 累计 in its own clause", Review, "新獲批國家先進製造業集群4個,累計14個。", "累計國家先進製造業集群", "14", "个", null, null },
        { "广西 2025 report: a verb alone after an item takes its object", Review, "制定自治區政府規章2件、廢止22件。", "廢止自治區政府規章", "22", "件", null, null },
        { "invented: a verb alone after an item replaces its verb", Review, "老舊小區改造開工742個、完工548個。", "老舊小區改造完工", "548", "个", null, null },
        { "广西 2025 report: a second figure of one item in another unit", Review, "改造城鎮老舊小區1376個、14萬戶。", "改造城鎮老舊小區户数", "14", "万户", null, null },
        { "江苏 2025 report: a quoted count of measures", Review, "出臺“33條”增量政策。", "出臺增量政策", "33", "条", null, null },
        { "江苏 2025 report: a figure describing the noun after 的", Review, "設立總規模500億元的省戰略性新興產業母基金。", "省戰略性新興產業母基金總規模", "500", "亿元", null, null },
        { "黑龙江 2025 report: a rate after 按 raised by the verb after it, rural item", Review, "城鄉低保分別按3%、7%穩步提標。", "農村低保", null, null, "7", null },
        { "黑龙江 2025 report: 城乡 split, urban 低保 is 城市", Review, "城鄉低保分別按3%、7%穩步提標。", "城市低保", null, null, "3", null },
        { "江苏 2025 report: 城乡居民 split into 城镇 and 农村", Review, "城鄉居民人均可支配收入分別達6.6萬元和3.2萬元。", "城鎮居民人均可支配收入", "6.6", "万元", null, null },
        { "invented: a rate after 按 lowered", Plan, "非居民用氣價格按2%下調。", "非居民用氣價格", null, null, "-2", null },

        // Round 3 (北京 and 西藏 tuned on).
        { "北京 2025 report: models counted in 款", Review, "備案上線大模型105款。", "備案上線大模型", "105", "款", null, null },
        { "北京 2025 report: weeks", Review, "市屬醫院全量門診預約號源提前2周向基層投放。", "市屬醫院全量門診預約號源提前", "2", "周", null, null },
        { "北京 2025 report: minutes, 调整到 dropped", Review, "義務教育學校課間時長調整到15分鐘。", "義務教育學校課間時長", "15", "分钟", null, null },
        { "西藏 2025 report: shows in 场次", Review, "開展各類文化惠民活動10萬餘場次。", "開展各類文化惠民活動", "10", "万场次", null, "余" },
        { "西藏 2025 report: sets written 台(套)", Review, "完成設備更新6.5萬台(套)。", "設備更新", "6.5", "万台(套)", null, null },
        { "北京 2025 report: a distance inside the name", Review, "公交與軌道50米內換乘比例提高到90%。", "公交與軌道50米內換乘比例", "90", "%", null, null },
        { "北京 2025 report: 约 is 左右", Review, "在京生產新能源汽車約30萬輛。", "在京生產新能源汽車", "30", "万辆", null, "左右" },
        { "北京 2025 report: 不少于 is 不低于", Plan, "實現城鎮新增就業不少於26萬人。", "城鎮新增就業", "26", "万人", null, "不低于" },
        { "北京 2025 report: 均 gives the figure to each item", Review, "適齡兒童入園率和普惠率均達到93%。", "普惠率", "93", "%", null, null },
        { "北京 2025 report: 均 with items ending alike", Review, "食品、藥品抽檢合格率均超99%。", "食品抽檢合格率", "99", "%", null, "超过" },
        { "西藏 2025 report: 分别 gives the last bound to every figure", Review, "城鎮調查失業率、居民消費價格漲幅分別控制在5%和3%以內。", "城鎮調查失業率", "5", "%", null, "以内" },
        { "西藏 2025 report: a 涨幅 item of a 分别 list is a growth", Review, "城鎮調查失業率、居民消費價格漲幅分別控制在5%和3%以內。", "居民消費價格", null, null, "3", "以内" },
        { "西藏 2025 report: the stretch target of a growth is a growth", Plan, "地區生產總值增長7%以上、力爭達到8%。", "地區生產總值", null, null, "8", "力争" },
        { "北京 2025 report: one to a number is a multiple", Review, "開工備案項目比例達到1∶3.4。", "開工備案項目比例", "3.4", "倍", null, null },
        { "北京 2025 report: a share before its noun", Review, "50%以上村衛生室實現與鄉鎮衛生院一體化管理。", "村衛生室實現與鄉鎮衛生院一體化管理", "50", "%", null, "以上" },
        { "西藏 2025 report: a share before its noun after a figure-less item", Review, "實現所有鄉鎮和90%以上行政村通硬化路。", "行政村通硬化路", "90", "%", null, "以上" },
        { "北京 2025 report: a total after the year's addition", Review, "新增地鐵運營里程43公里、總里程達到879公里。", "地鐵運營總里程", "879", "公里", null, null },
        { "北京 2025 report: a measure before its noun keeps the verb", Plan, "加快建築低碳發展,完成3800萬平方米建築智能化供熱改造。", "完成建築智能化供熱改造", "3800", "万平方米", null, null },
        { "北京 2025 report: 预计 opening the sentence covers its later figures", Review, "預計全市地區生產總值增長5.2%左右,一般公共預算收入增長3.1%。", "一般公共預算收入", null, null, "3.1", "预计" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_Pattern_FindsFact(string source, string part, string sentence, string metric, string? value, string? unit, string? growth, string? qualifier)
    {
        foreach (var variant in Enum.GetValues<Variant>())
        {
            var text = part + Apply(sentence, variant);
            var facts = PlanExtractor.Extract(text).Facts;
            var expectedValue = value is null ? (decimal?)null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            var expectedGrowth = growth is null ? (decimal?)null : decimal.Parse(growth, System.Globalization.CultureInfo.InvariantCulture);
            var found = facts.Any(f =>
                Chinese.Normalize(f.Metric) == Chinese.Normalize(metric)
                && f.Value == expectedValue && f.Unit == unit && f.GrowthPct == expectedGrowth && f.Qualifier == qualifier);
            Assert.True(found, $"{source} [{variant}]: no {metric} {value} {unit} g{growth} {qualifier} in\n" + string.Join('\n', facts.Select(f => $"{f.Metric} | {f.Value} {f.Unit} | g {f.GrowthPct} | {f.Qualifier}")));
            Assert.All(facts, f => Assert.Equal(f.Quote, text[f.Start..f.End]));
        }
    }

    [Theory]
    [InlineData("2022年國民經濟和社會發展計劃執行情況", 2022, FactKind.Actual)]
    [InlineData("2023年國民經濟和社會發展計劃總體考慮", 2023, FactKind.Target)]
    [InlineData("2024年工作回顾", 2024, FactKind.Actual)]
    [InlineData("2025年重点工作", 2025, FactKind.Target)]
    public void Extract_TopHeading_SetsYearAndKind(string heading, int year, FactKind kind)
    {
        var facts = PlanExtractor.Extract($"一、{heading}\n地区生产总值增长5%。").Facts;
        var f = Assert.Single(facts);
        Assert.Equal(year, f.Year);
        Assert.Equal(kind, f.Kind);
        Assert.Equal("一、", f.Section);
    }

    [Fact]
    public void Extract_HeadingWithoutYear_TakesYearFromTitle()
    {
        var text = "关于2024年计划执行情况与2025年计划草案的报告\n一、过去一年的执行情况\n(一)工业\n工业投资增长8%。\n二、今年的主要目标\n(二)消费\n社会消费品零售总额增长6%左右。";
        var facts = PlanExtractor.Extract(text).Facts;
        Assert.Equal([(2024, FactKind.Actual, "一、(一)"), (2025, FactKind.Target, "二、(二)")], facts.Select(f => (f.Year ?? 0, f.Kind ?? FactKind.Actual, f.Section)).ToArray());
    }

    [Theory]
    [InlineData("市域鐵路C7線啟動預可研。", "railway name")]
    [InlineData("實施“3113”項目攻堅行動計劃。", "name of a plan")]
    [InlineData("國土空間生態保護修復專項規劃(2021—2035年)。", "period in a title")]
    [InlineData("協同推進黃葛至G50高速云臺互通連線。", "road name")]
    [InlineData("打造三大品牌、十項工程。", "Chinese numerals")]
    [InlineData("2023年,在統籌考慮國家政策導向之上。", "reference year")]
    [InlineData("欽州港首次滿載靠泊30萬噸級超大型油輪。", "class of a ship")]
    [InlineData("開工建設西江航運干線3000噸級航道工程。", "class of a channel")]
    [InlineData("食糖產量連續33個榨季排全國第一。", "length of a streak")]
    [InlineData("接續出臺穩增長“18條”。", "a quoted package name with no noun after it")]
    [InlineData("匯聚8500萬江蘇人民的奮進力量。", "a magnitude without unit that counts no people")]
    [InlineData("報告於2024/1/3發布。", "a date, not a fraction")]
    [InlineData("省級財政按1:1配套。", "a ratio with no ratio named")]
    [InlineData("慶祝新中國成立75周年。", "an anniversary, not weeks")]
    [InlineData("優化公交與軌道50米內換乘。", "a distance bounding a name")]
    public void Extract_NumbersThatAreNotFacts_Ignored(string sentence, string why)
    {
        foreach (var variant in Enum.GetValues<Variant>())
        {
            Assert.True(PlanExtractor.Extract(Review + Apply(sentence, variant)).Facts.Count == 0, $"{why} [{variant}]");
        }
    }

    /// <summary>A 名词解释 glossary after the last part explains policies; its numbers are neither results nor targets.</summary>
    [Theory]
    [InlineData("名词解释")]
    [InlineData("附:名词解释")]
    [InlineData("名詞解釋")]
    [InlineData("  附件  ")]
    [InlineData("附录:")]
    public void Extract_AppendixAfterTheParts_NoFactsFromIt(string heading)
    {
        var text = "一、2024年工作回顾\n地区生产总值增长5%。\n二、2025年工作安排\n(一)投资\n固定资产投资增长6%左右。\n" + heading
            + "\n1.“18条”:包括6个方面18条措施,支持100个商圈。\n(一)补充说明\n约1000辆氢燃料物流车投入运营。";
        var facts = PlanExtractor.Extract(text).Facts;
        Assert.Equal(["地区生产总值", "固定资产投资"], facts.Select(f => Chinese.Normalize(f.Metric)).ToArray());
        Assert.Single(PlanExtractor.Extract(text).Tasks);
    }

    [Fact]
    public void Extract_AppendixWordInsideASentence_NotAnAppendix()
    {
        var text = "一、2024年工作回顾\n按附件要求完成名词解释工作,新增企业15家。\n附件材料\n地区生产总值增长5%。";
        Assert.Equal(2, PlanExtractor.Extract(text).Facts.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no Chinese at all, 123 and 4.5")]
    [InlineData("\0\u0001\u0002???;;;")]
    public void Extract_TextWithoutFacts_ReturnsEmpty(string text)
    {
        Assert.Empty(PlanExtractor.Extract(text).Facts);
    }

    [Fact]
    public void Extract_PlanPart_CommitmentBecomesTaskWithUnits()
    {
        var text = Plan + "(一)产业\n新增规上工业企业20家(责任单位:区经济信息委、区市场监管局)。";
        var task = Assert.Single(PlanExtractor.Extract(text).Tasks);
        Assert.Equal(20m, task.Quantity);
        Assert.Equal("家", task.Unit);
        Assert.Equal("三、(一)", task.Section);
        Assert.Equal(["区经济信息委", "区市场监管局"], task.SubjectUnits);
        Assert.Contains("新增规上工业企业20家", task.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ReviewPart_GivesNoTasks()
    {
        Assert.Empty(PlanExtractor.Extract(Review + "新增規上工業企業20家。").Tasks);
    }

    private static string Apply(string sentence, Variant variant) => variant switch
    {
        Variant.Traditional => sentence,
        Variant.Simplified => Chinese.ToSimplified(sentence),
        Variant.FullWidth => Widen(sentence),
        Variant.AfterGarble => "全力緩解企業流動性難題?;" + sentence,
        _ => sentence,
    };

    private static string Widen(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c is >= '0' and <= '9' or '%' or ',' or '.' or '(' or ')' ? (char)(c + 0xFEE0) : c);
        }

        return sb.ToString();
    }
}
