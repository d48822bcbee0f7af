#include "report/report_text.h"

#include <utility>

namespace targetcast::report {
namespace {

const ReportText kEnglish{
    .title = "Will the plan's targets be met?",
    .subtitle_experiment = "Experiment {id}",
    .subtitle_scenario = "scenario",
    .subtitle_runs = "{runs} Monte Carlo runs per scenario",
    .warning_status = "This experiment is '{status}', not complete: its rows may be partial.",
    .sec_targets = "Targets at a glance",
    .sec_joint = "The whole plan",
    .sec_fans = "Indicators over the years",
    .sec_first = "When is each target first reached?",
    .sec_scenarios = "Scenarios compared",
    .sec_parameters = "Parameters and assumptions",
    .sec_provenance = "Provenance",
    .sec_summary = "In short",
    .scenario_changes = "What it changes",
    .choose_scenario = "Scenario shown in the charts",
    .col_description = "Description",
    .intro_targets =
        "P(met) is the share of simulated futures in which the target is met at its deadline; the "
        "interval is the 95% Clopper-Pearson interval of that share (Monte Carlo error only, not model "
        "error).",
    .intro_joint =
        "Targets are judged together in every run: the probability that all of them are met at their "
        "own deadlines in the same future.",
    .intro_fans =
        "Shaded bands hold 90% (5%-95%) and 50% (25%-75%) of the simulated futures; the line is the "
        "median; a diamond marks each target at its deadline.",
    .intro_first =
        "Share of runs that first reach the target's threshold in each year. Green bars: by the "
        "deadline; amber: later; grey: not by the end of the simulation.",
    .intro_scenarios =
        "P(met) of every target under each scenario. All scenarios use the same random draws (common "
        "random numbers), so differences come from the scenario, not from chance.",
    .intro_parameters =
        "The prior of every model parameter and where it comes from. Rows flagged as assumption or "
        "illustrative are judgements of the model's authors, not figures from a document.",
    .intro_provenance =
        "Everything needed to reproduce these numbers: the same program version, input files "
        "(SHA-256 below), master seed and number of runs give the same results bit for bit.",
    .legend_status = "on track: P(met) at least {on}% · at risk: {risk}% to {on}% · off track: below {risk}%",
    .on_track = "on track",
    .at_risk = "at risk",
    .off_track = "off track",
    .no_result = "no result",
    .col_number = "#",
    .col_target = "target",
    .col_indicator = "indicator",
    .col_rule = "threshold",
    .col_deadline = "deadline",
    .col_p_met = "P(met)",
    .col_interval = "95% interval",
    .col_status = "status",
    .col_at_deadline = "value at deadline: median [5%-95%]",
    .col_first_median = "first reached (median year)",
    .col_source = "source",
    .col_basis = "basis",
    .joint_row = "all {n} targets together",
    .not_by = "not by {year}",
    .illustrative_mark = "illustrative",
    .assumption_mark = "assumption",
    .col_rests = "P(met) rests on",
    .rests_mark = "⚠ assumption",
    .joint_rests = "⚠ {k} of {n} targets on assumption",
    .rests_note =
        "⚠ assumption: the target's indicator has no base-year figure or published series; its yearly rate "
        "is a prior of ours, not evidence, so this P(met) says more about that assumption than about "
        "the plan.",
    .scenario_only_mark = "◇ scenario only",
    .scenario_only_note =
        "◇ scenario only: no random rule moves this indicator. Parks open only where a scenario opens them (or "
        "the new-parks lever when solving), so every run gives the same value and P(met) is 0% or 100%: it "
        "says what the scenario sets, not what is likely.",
    .joint_sentence = "Probability that all {n} targets are met: {p} (95% interval {lo} to {hi}).",
    .summary_counts = "{on} on track · {risk} at risk · {off} off track",
    .band_outer = "90% of runs (5%-95%)",
    .band_inner = "50% of runs (25%-75%)",
    .median = "median",
    .target_marker = "target",
    .observed = "observed",
    .median_of = "median, {scenario}",
    .col_year = "year",
    .col_scenario = "scenario",
    .col_unit = "unit",
    .col_mean = "mean",
    .col_p05 = "5%",
    .col_p25 = "25%",
    .col_p50 = "median",
    .col_p75 = "75%",
    .col_p95 = "95%",
    .share_of_runs = "share of runs",
    .first_reached = "first year reached",
    .not_by_horizon = "not by {year}",
    .deadline_marker = "deadline",
    .p_met_by = "P(met in {year})",
    .table_fans = "Indicator quantiles by year",
    .table_first = "First year the threshold is reached (share of runs)",
    .show_numbers = "Show the numbers",
    .no_observations =
        "No observed values: this experiment drew its parameters from the priors. An experiment run "
        "with a calibrated posterior shows the observations it was fitted to (dots; triangles for "
        "floors such as \"1500+\").",
    .unreproduced_box = "⚠ The model cannot reproduce {figures}: the calibrated simulations miss each by more "
                        "than 3 of its stated uncertainties. This chart's forecast does not pass near those figures; "
                        "read the probabilities that rest on this indicator with that in mind.",
    .unreproduced_figure = "{year} {measure} {value} (off by {sds} sd)",
    .measure_level = "level",
    .measure_floor = "at least",
    .measure_growth = "growth",
    .table_scenarios = "P(met) by scenario",
    .table_differences = "Difference from the reference scenario",
    .col_reference = "reference",
    .col_difference = "difference (points)",
    .col_paired_interval = "paired 95% interval (points)",
    .paired_missing = "not computed",
    .reference_note = "Reference scenario: {scenario}. The table of targets above shows the reference scenario.",
    .sec_track = "How well has this model forecast before?",
    .intro_track = "Rolling-origin backtests: for each cut year the model was calibrated only on the figures published "
                   "before it and then forecast the later ones. Were its intervals honest, about half of the figures "
                   "would fall inside the 50% interval and nine in ten inside the 90% interval. Relative CRPS is the "
                   "typical forecast error as a share of the figure; the Brier score grades the probabilities given to "
                   "target-style statements about the figure (0 = sure and right, 0.25 = a coin flip).",
    .no_track = "No backtest of this plan is stored in this results file, so this model's track record cannot be "
                "shown here.",
    .col_cut = "cut year",
    .col_held_out = "figures forecast",
    .col_in50 = "inside 50% interval",
    .col_in90 = "inside 90% interval",
    .col_crps = "relative CRPS",
    .col_brier = "Brier score",
    .held_out_counts = "{scored} values + {floors} lower bounds",
    .col_parameter = "parameter",
    .col_prior = "prior",
    .col_posterior = "posterior: median [5%-95%]",
    .col_set_in = "set in",
    .col_scenario_override = "changed in scenario",
    .flag_assumption = "assumption",
    .flag_illustrative = "illustrative",
    .parameters_counts = "{n} parameters: {a} rest on assumptions, {i} are illustrative.",
    .table_provenance = "Experiment",
    .table_inputs = "Input files",
    .col_item = "item",
    .col_value = "value",
    .col_role = "role",
    .col_path = "file",
    .col_bytes = "bytes",
    .col_sha256 = "SHA-256",
    .prov_experiment = "experiment",
    .prov_status = "status",
    .prov_plan = "plan",
    .prov_scenarios = "scenarios",
    .prov_program = "program version",
    .prov_command = "command",
    .prov_seed = "master seed",
    .prov_runs = "runs per scenario",
    .prov_threads = "threads (results do not depend on them)",
    .prov_rng = "random-stream layout version",
    .prov_created = "started (UTC)",
    .prov_finished = "finished (UTC)",
    .prov_wall = "wall-clock seconds",
    .prov_posterior = "parameters drawn from",
    .prov_priors_only = "the priors (no calibration)",
    .prov_paths = "runs from the calibration",
    .paths_continued = "each run continues one of the simulations calibration {id} accepted, unchanged up to "
                       "{year}, and draws the later years afresh: the forecast is conditioned on the figures "
                       "observed up to {year}",
    .paths_fresh = "each run takes its parameters from calibration {id} and simulates every year afresh (the "
                   "calibration fitted no figure after the base year, or fresh paths were asked for): observed "
                   "years are forecast again, not held to their figures",
    .prov_report = "report written (UTC)",
    .prov_report_command = "report command",
    .prov_echarts = "charts",
    .footer =
        "Written by targetcast {version}. Charts drawn by Apache ECharts {echarts} (Apache License 2.0), "
        "included in this file: it opens without a network connection.",
};

const ReportText kChinese{
    .title = "规划目标能否如期实现?",
    .subtitle_experiment = "实验 {id}",
    .subtitle_scenario = "情景",
    .subtitle_runs = "每个情景 {runs} 次蒙特卡洛模拟",
    .warning_status = "该实验状态为“{status}”,尚未完成:数据可能不完整。",
    .sec_targets = "目标一览",
    .sec_joint = "规划整体",
    .sec_fans = "各指标历年走势",
    .sec_first = "各目标首次达到的年份",
    .sec_scenarios = "情景比较",
    .sec_parameters = "参数与假设",
    .sec_provenance = "来源与可复现信息",
    .sec_summary = "摘要",
    .scenario_changes = "调整内容",
    .choose_scenario = "图表所示情景",
    .col_description = "说明",
    .intro_targets =
        "达成概率指在模拟的未来中于期限年末达到目标的比例;区间为该比例的95% Clopper-Pearson置信区间"
        "(仅反映蒙特卡洛误差,不含模型误差)。",
    .intro_joint = "每次模拟同时判断全部目标:所有目标均在各自期限达成的概率。",
    .intro_fans = "阴影带分别覆盖90%(5%-95%)和50%(25%-75%)的模拟结果;实线为中位数;菱形标出各目标在期限年的目标值。",
    .intro_first = "各年份首次达到目标值的模拟次数占比。绿色:期限内;橙色:期限后;灰色:模拟结束前未达到。",
    .intro_scenarios = "各情景下每项目标的达成概率。所有情景使用相同的随机数(共同随机数),差异来自情景本身而非偶然。",
    .intro_parameters = "模型各参数的先验分布及其依据。标为“假设”或“示意”的行属于模型作者的判断,并非文件中的数据。",
    .intro_provenance =
        "复现这些结果所需的全部信息:相同的程序版本、输入文件(见下方SHA-256)、主随机种子和模拟次数,"
        "可逐位复现相同结果。",
    .legend_status = "有望达成:达成概率不低于{on}% · 存在风险:{risk}%至{on}% · 难以达成:低于{risk}%",
    .on_track = "有望达成",
    .at_risk = "存在风险",
    .off_track = "难以达成",
    .no_result = "无结果",
    .col_number = "序号",
    .col_target = "目标",
    .col_indicator = "指标",
    .col_rule = "目标值",
    .col_deadline = "期限",
    .col_p_met = "达成概率",
    .col_interval = "95%区间",
    .col_status = "状态",
    .col_at_deadline = "期限年数值:中位数 [5%-95%]",
    .col_first_median = "首次达到(中位年份)",
    .col_source = "出处",
    .col_basis = "依据",
    .joint_row = "全部{n}项目标同时达成",
    .not_by = "到{year}年仍未达到",
    .illustrative_mark = "示意",
    .assumption_mark = "假设",
    .col_rests = "概率依据",
    .rests_mark = "⚠ 假设",
    .joint_rests = "⚠ {n}项中{k}项基于假设",
    .rests_note =
        "⚠ 假设:该目标的指标没有基年数据或公开统计,其年增速是本模型设定的先验而非证据,"
        "因此该达成概率更多反映这一假设,而非规划的实际进展。",
    .scenario_only_mark = "◇ 仅由情景决定",
    .scenario_only_note =
        "◇ 仅由情景决定:没有任何随机规则改变该指标。园区只在情景设定新建(或求解时使用新建园区杠杆)时增加,"
        "因此每次模拟结果相同,达成概率只能是0%或100%:它反映情景的设定,而非可能性。",
    .joint_sentence = "全部{n}项目标同时达成的概率:{p}(95%区间 {lo} 至 {hi})。",
    .summary_counts = "有望达成 {on} 项 · 存在风险 {risk} 项 · 难以达成 {off} 项",
    .band_outer = "90%模拟结果(5%-95%)",
    .band_inner = "50%模拟结果(25%-75%)",
    .median = "中位数",
    .target_marker = "目标",
    .observed = "实际值",
    .median_of = "中位数:{scenario}",
    .col_year = "年份",
    .col_scenario = "情景",
    .col_unit = "单位",
    .col_mean = "均值",
    .col_p05 = "5%",
    .col_p25 = "25%",
    .col_p50 = "中位数",
    .col_p75 = "75%",
    .col_p95 = "95%",
    .share_of_runs = "模拟次数占比",
    .first_reached = "首次达到年份",
    .not_by_horizon = "到{year}年仍未达到",
    .deadline_marker = "期限",
    .p_met_by = "{year}年达成概率",
    .table_fans = "各指标历年分位数",
    .table_first = "首次达到目标值的年份(模拟次数占比)",
    .show_numbers = "显示数据",
    .no_observations =
        "无实际观测值:本实验的参数抽自先验分布。使用校准后验分布的实验会在此显示其拟合所用的观测值(圆点;"
        "“超过”类下限值为三角形)。",
    .unreproduced_box = "⚠ 模型无法复现 {figures}:校准后的模拟与其中每个数值的偏差都超过该数值标称不确定性的 3 倍。"
                        "本图的预测并不经过这些数值附近,依赖该指标的概率请谨慎解读。",
    .unreproduced_figure = "{year}年{measure} {value}(偏差 {sds} 倍标准差)",
    .measure_level = "数值",
    .measure_floor = "不少于",
    .measure_growth = "增速",
    .table_scenarios = "各情景达成概率",
    .table_differences = "与参照情景的差异",
    .col_reference = "参照情景",
    .col_difference = "差异(百分点)",
    .col_paired_interval = "配对95%区间(百分点)",
    .paired_missing = "未计算",
    .reference_note = "参照情景:{scenario}。上方目标一览表为参照情景的结果。",
    .sec_track = "本模型过去的预测表现如何?",
    .intro_track = "滚动起点回测:对每个截断年份,模型只用此前公布的数据校准,再预测此后的数据。若区间可信,约一半的实际数据"
                   "应落在 50% 区间内,约九成落在 90% 区间内。相对 CRPS 是典型预测误差占实际值的比例;Brier 分数评价模型对"
                   "“达到某一目标值”这类判断给出的概率(0 表示确定且正确,0.25 相当于抛硬币)。",
    .no_track = "本结果文件中没有该规划的回测记录,因此无法在此展示模型的历史预测表现。",
    .col_cut = "截断年份",
    .col_held_out = "预测的数据",
    .col_in50 = "落入 50% 区间",
    .col_in90 = "落入 90% 区间",
    .col_crps = "相对 CRPS",
    .col_brier = "Brier 分数",
    .held_out_counts = "{scored} 个数值 + {floors} 个下限",
    .col_parameter = "参数",
    .col_prior = "先验分布",
    .col_posterior = "后验分布:中位数 [5%-95%]",
    .col_set_in = "设定位置",
    .col_scenario_override = "修改该参数的情景",
    .flag_assumption = "假设",
    .flag_illustrative = "示意",
    .parameters_counts = "共{n}个参数:{a}个基于假设,{i}个为示意。",
    .table_provenance = "实验",
    .table_inputs = "输入文件",
    .col_item = "项目",
    .col_value = "内容",
    .col_role = "类型",
    .col_path = "文件",
    .col_bytes = "字节",
    .col_sha256 = "SHA-256",
    .prov_experiment = "实验编号",
    .prov_status = "状态",
    .prov_plan = "规划",
    .prov_scenarios = "情景",
    .prov_program = "程序版本",
    .prov_command = "命令",
    .prov_seed = "主随机种子",
    .prov_runs = "每个情景的模拟次数",
    .prov_threads = "线程数(结果与线程数无关)",
    .prov_rng = "随机数流布局版本",
    .prov_created = "开始时间(UTC)",
    .prov_finished = "完成时间(UTC)",
    .prov_wall = "耗时(秒)",
    .prov_posterior = "参数抽样来源",
    .prov_priors_only = "先验分布(未校准)",
    .prov_paths = "由校准生成运行的方式",
    .paths_continued = "每次运行延续校准 {id} 所接受的一条模拟路径,{year} 年及以前保持不变,此后各年重新抽样:"
                       "预测以截至 {year} 年的观测数据为条件",
    .paths_fresh = "每次运行从校准 {id} 取参数,所有年份重新模拟(该校准没有拟合基准年之后的数据,或指定了重新模拟):"
                   "已观测年份重新预测,不受观测值约束",
    .prov_report = "报告生成时间(UTC)",
    .prov_report_command = "报告命令",
    .prov_echarts = "图表",
    .footer =
        "由 targetcast {version} 生成。图表由 Apache ECharts {echarts}(Apache License 2.0)绘制,已内嵌于本文件:"
        "无需联网即可打开。",
};

}  // namespace

const ReportText& report_text(std::string_view lang) {
  return lang == "zh" ? kChinese : kEnglish;
}

std::string_view stored_term(std::string_view keyword, std::string_view lang) {
  static constexpr std::pair<std::string_view, std::string_view> kChineseTerms[] = {
      {"running", "运行中"},   {"complete", "已完成"}, {"failed", "失败"},       {"interrupted", "已中断"},
      {"plan", "规划"},        {"scenario", "情景"},   {"priors", "先验"},       {"document", "文件"},
      {"published", "已发表"}, {"assumption", "假设"}, {"illustrative", "示意"}, {"lever", "政策杠杆"},
  };
  if (lang != "zh") return keyword;
  for (const auto& [key, word] : kChineseTerms) {
    if (key == keyword) return word;
  }
  return keyword;
}

std::string distribution_text(std::string_view stored, std::string_view lang) {
  std::string out(stored);
  if (lang != "zh") return out;
  // Longest first: "LogNormal" before "Normal".
  static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"LogNormal(", "对数正态分布("}, {"Normal(", "正态分布("}, {"Uniform(", "均匀分布("}, {"Fixed(", "固定值("},
      {"Beta(", "贝塔分布("},          {"Gamma(", "伽马分布("},  {" truncated to ", ",截断于"}, {"inf", "∞"},
  };
  for (const auto& [en, zh] : kWords) {
    for (std::size_t at = out.find(en); at != std::string::npos; at = out.find(en, at + zh.size())) {
      out.replace(at, en.size(), zh);
    }
  }
  return out;
}

std::string fill(std::string_view pattern, std::string_view name, std::string_view value) {
  std::string key = "{";
  key.append(name);
  key += "}";
  std::string out(pattern);
  for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size())) {
    out.replace(at, key.size(), value);
  }
  return out;
}

std::string describe_forecast_paths(std::string_view calibration, std::string_view paths, int through_year,
                                    std::string_view lang) {
  const ReportText& t = report_text(lang);
  const bool continued = paths == "continued";
  const std::string sentence = fill(continued ? t.paths_continued : t.paths_fresh, "id", calibration);
  return continued ? fill(sentence, "year", std::to_string(through_year)) : sentence;
}

}  // namespace targetcast::report
