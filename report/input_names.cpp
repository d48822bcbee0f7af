#include "report/input_names.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace targetcast::report {
namespace {

struct Name {
  std::string_view code, zh, en;
};

// One line per engine parameter, in the order of seeds/priors.toml (whose
// comments say what each one means), then the levers of docs/scenarios.md.
constexpr std::array kNames = {
    Name{"n0", "基期人工智能企业数", "AI firms in the base year"},
    Name{"c0", "基期核心产业规模", "core AI industry in the base year"},
    Name{"sigma0", "基期企业规模差异", "spread of firm sizes in the base year"},
    Name{"f_park0", "基期园区内企业占比", "share of firms in parks in the base year"},
    Name{"park_capacity", "每个园区可容纳企业数", "firms one park can hold"},
    Name{"sigma_cg", "共同增长冲击幅度", "size of common growth shocks"},
    Name{"sigma_ce", "共同新增冲击幅度", "size of common start-up shocks"},
    Name{"sigma_cq", "机器人产量冲击幅度", "size of robot-output shocks"},
    Name{"rho_ge", "增长与新增冲击的相关性", "link between growth and start-up shocks"},
    Name{"rho_gq", "增长与机器人冲击的相关性", "link between growth and robot shocks"},
    Name{"rho_eq", "新增与机器人冲击的相关性", "link between start-up and robot shocks"},
    Name{"phi_c", "共同增长冲击的持续性", "persistence of common growth shocks"},
    Name{"lambda_soc", "每元财政资金带动的社会资金", "social money per yuan of provincial money"},
    Name{"c_proj", "每个项目的省级资金", "provincial money per project"},
    Name{"alpha_alloc", "项目向大企业集中的程度", "how strongly projects go to big firms"},
    Name{"w_lag1", "项目第1年完成的比例", "share of projects completed after one year"},
    Name{"w_lag2", "项目第2年完成的比例", "share of projects completed after two years"},
    Name{"w_lag3", "项目第3年完成的比例", "share of projects completed after three years"},
    Name{"p_scn", "项目形成应用场景的概率", "chance a project yields an application scenario"},
    Name{"p_res", "项目形成标志性成果的概率", "chance a project yields a landmark result"},
    Name{"roi", "每亿元投资带来的企业收入", "firm revenue per 100 million yuan invested"},
    Name{"mu_g", "企业收入的典型年增速", "typical yearly growth of firm revenue"},
    Name{"gamma_park", "园区内企业的额外增速", "extra growth of firms in parks"},
    Name{"sigma_g", "单个企业增速的波动", "volatility of a firm's growth"},
    Name{"r_ref", "参照企业收入", "reference firm revenue"},
    Name{"kappa", "小企业波动放大系数", "extra volatility of small firms"},
    Name{"sigma_max", "企业增速波动上限", "cap on a firm's growth volatility"},
    Name{"shock_max", "企业单年变化上限", "cap on a firm's yearly jump"},
    Name{"nu_t", "企业冲击的厚尾程度", "fat tails of firm shocks"},
    Name{"h0", "参照企业的年退出概率", "yearly exit chance of a reference firm"},
    Name{"zeta", "小企业退出放大系数", "extra exit risk of small firms"},
    Name{"h_max", "年退出概率上限", "cap on the yearly exit chance"},
    Name{"lambda0", "每年新增企业数", "new AI firms per year"},
    Name{"k_e", "新增企业数的年际离散度", "irregularity of yearly start-ups"},
    Name{"eps_c", "新增企业对产业规模的弹性", "response of start-ups to industry size"},
    Name{"beta_park", "园区空位对新增企业的吸引", "pull of free park places on start-ups"},
    Name{"mu_e", "新企业的典型收入", "typical revenue of a new firm"},
    Name{"sigma_e", "新企业收入的差异", "spread of new firms' revenues"},
    Name{"p_park", "新企业入驻园区的概率", "chance a new firm settles in a park"},
    Name{"tau_lead", "领军企业的收入门槛", "revenue that makes a leading firm"},
    Name{"tau_top", "龙头企业的收入门槛", "revenue that makes a top firm"},
    Name{"m_rel", "核心产业对相关产业的带动倍数", "related industry per unit of core industry"},
    Name{"gbar_q", "机器人产量的长期增速", "long-run growth of robot output"},
    Name{"phi_q", "机器人增速的持续性", "persistence of robot-output growth"},
    Name{"nu_s", "每年新增应用场景", "application scenarios per year"},
    Name{"rho_k", "每年新增创新机构", "new research institutions per year"},
    Name{"eps_k", "创新机构对财政资金的弹性", "response of new institutions to funding"},
    Name{"rho_a", "每年新增产业技术创新联盟", "new industry technology alliances per year"},
    Name{"rho_t", "每年新增智库", "new AI think tanks per year"},
    Name{"rho_b", "项目外每年标志性成果", "landmark results per year outside projects"},
    // Parameters a region file adds for its own indicators (seeds/<plan>.toml).
    Name{"rho_k_national", "每年新增国家级研发机构", "new national-level R&D institutions per year"},
    Name{"eps_k_national", "国家级研发机构对财政资金的弹性", "response of national-level institutions to funding"},
    Name{"rho_platforms", "每年新增人工智能平台", "new AI platforms per year"},
    Name{"rho_new_rd", "每年新认定新型研发机构", "new-type R&D institutions recognised per year"},
    Name{"rho_competitions", "每年创办大赛的概率", "yearly chance of launching the competition"},
    Name{"changan_rate", "长安投资每年完成剩余部分的比例", "share of Chang'an's remaining investment completed a year"},
    Name{"changan_concentration", "长安投资年度进度的稳定程度", "steadiness of Chang'an's yearly investment pace"},
    // Levers (scenario files, `targetcast solve --lever`).
    Name{"funding_multiplier", "省级资金倍数", "provincial funding multiplier"},
    Name{"funding_yi", "省级资金(亿元/年)", "provincial funding (100 million yuan a year)"},
    Name{"entry_multiplier", "企业新增倍数", "start-up rate multiplier"},
    Name{"exit_multiplier", "企业退出风险倍数", "exit risk multiplier"},
    Name{"park_capacity_multiplier", "园区容量倍数", "park capacity multiplier"},
    Name{"new_parks", "新增园区数", "number of new parks"},
    // The runs' own randomness (analysis/sensitivity.cpp): what no input explains.
    Name{"intrinsic_randomness", "每次模拟自身的随机性", "each run's own randomness"},
};

// The seed documents (shared/seeds/README.md): title and issuing body.
constexpr std::array kSources = {
    Name{"000_6775d99e6e85b5bb.txt", "广东省科学技术厅关于“5G+AI”提案的答复(粤科函高字〔2020〕893号)",
         "Guangdong Department of Science and Technology, reply on \"5G+AI\" (2020 No. 893)"},
    Name{"001_516a70e7097989af.txt", "广州市人工智能产业链三年行动计划(2021-2023年)(征求意见稿)",
         "Guangzhou AI industry chain three-year action plan 2021-2023 (draft)"},
    Name{"002_b10e5fe339225739.txt", "广东省人民政府《广东省新一代人工智能创新发展行动计划(2022-2025年)》",
         "Guangdong Provincial Government, New-Generation AI Innovation and Development Action Plan 2022-2025"},
    Name{"003_2c7aaefc8ff34ecb.txt", "东莞市政协第20200255号提案及有关部门答复",
         "Dongguan CPPCC proposal 20200255 and the departments' replies"},
    Name{"004_07a138e961f3ce39.txt", "广西壮族自治区科学技术厅对第20210143号提案的答复",
         "Guangxi Department of Science and Technology, reply to proposal 20210143"},
};

template <std::size_t N>
const Name* find(const std::array<Name, N>& names, std::string_view code) {
  for (const Name& n : names) {
    if (n.code == code) return &n;
  }
  return nullptr;
}

}  // namespace

std::string input_name(std::string_view code, std::string_view lang) {
  const bool zh = lang == "zh";
  if (const Name* n = find(kNames, code)) return std::string(zh ? n->zh : n->en);
  // A lever of a sensitivity analysis or solve (analysis/policy_lever.h):
  // "<lever>_from_<year>" (from that year on) or "new_parks_<year>" (in that year).
  for (const std::string_view joint : {std::string_view("_from_"), std::string_view("_")}) {
    const std::size_t at = code.rfind(joint);
    if (at == std::string_view::npos) continue;
    const std::string_view year = code.substr(at + joint.size());
    int y = 0;
    const auto [end, ec] = std::from_chars(year.data(), year.data() + year.size(), y);
    const Name* n = find(kNames, code.substr(0, at));
    if (n == nullptr || ec != std::errc() || end != year.data() + year.size()) continue;
    if (joint == "_") return zh ? fmt::format("{}({}年)", n->zh, y) : fmt::format("{} in {}", n->en, y);
    return zh ? fmt::format("{}({}年起)", n->zh, y) : fmt::format("{} from {}", n->en, y);
  }
  return std::string(code);
}

std::string source_name(std::string_view file, std::string_view lang) {
  if (const Name* n = find(kSources, file)) return std::string(lang == "zh" ? n->zh : n->en);
  return std::string(file);
}

}  // namespace targetcast::report
