// Normalisation of a policy document before a plan is drafted from it
// (io/draft_text.h, io/draft_quantity.h).
#include <catch2/catch.hpp>

#include "io/draft_quantity.h"
#include "io/draft_text.h"

using namespace targetcast::io::draft;

TEST_CASE("traditional characters become simplified and quotes come from the original", "[io][draft]") {
  const std::string original = "到2025年，培育領軍企業300家以上。";
  const NormalisedText t(original);
  CHECK(t.text() == "到2025年,培育领军企业300家以上。");
  // The quote of the normalised clause "培育领军企业300家以上" is the original's.
  const std::size_t begin = t.text().find("培育");
  const std::size_t end = t.text().find("。");
  CHECK(t.original_span(begin, end) == "培育領軍企業300家以上");
  CHECK(to_simplified("廣東省人工智慧產業") == "广东省人工智慧产业");
}

TEST_CASE("full-width digits and punctuation become ASCII", "[io][draft]") {
  const NormalisedText t("建設１０個產業園（其中國家級３個）；");
  CHECK(t.text() == "建设10个产业园(其中国家级3个);");
  CHECK(t.original_span(t.text().find("10"), t.text().find("10") + 2) == "１０");
}

TEST_CASE("Chinese numerals before a measure word become digits, words stay", "[io][draft]") {
  CHECK(NormalisedText("着力打造七家平台").text() == "着力打造7家平台");
  CHECK(NormalisedText("两万人").text() == "2万人");
  CHECK(NormalisedText("二十三个项目").text() == "23个项目");
  CHECK(NormalisedText("一千五百家企业").text() == "1500家企业");
  // Not numbers: words with numeral characters, and 一批 ("a number of").
  CHECK(NormalisedText("形成一批重大成果,三批项目").text() == "形成一批重大成果,3批项目");
  CHECK(NormalisedText("一流创新生态,十四五规划,“一十百千”计划").text() == "一流创新生态,十四五规划,“一十百千”计划");
  // The original numeral is what a quote shows.
  const NormalisedText t("打造七家平台");
  CHECK(t.original_span(t.text().find("7"), t.text().size()) == "七家平台");
  CHECK(chinese_numeral_value("十") == 10);
  CHECK(chinese_numeral_value("一千零五") == 1005);
  CHECK(chinese_numeral_value("平台") == -1);
}

TEST_CASE("quantities are read with their units, money in 亿元", "[io][draft]") {
  const auto trillion = read_quantity("1.5万亿元", 0);
  REQUIRE(trillion);
  CHECK(trillion->money);
  CHECK(trillion->unit == "亿元");
  CHECK(trillion->value == Approx(15000.0));
  const auto bare = find_quantities("规模超万亿元");
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].value == Approx(10000.0));
  const auto sets = read_quantity("11.02万套", 0);
  REQUIRE(sets);
  CHECK(sets->value == Approx(110200.0));
  CHECK(sets->unit == "套");
  const auto firms = read_quantity("900多家", 0);
  REQUIRE(firms);
  CHECK(firms->rough_floor);
  CHECK(firms->value == 900.0);
  // Two 万 (两万 normalised to 2万) people.
  const auto people = find_quantities(NormalisedText("培养两万人").text());
  REQUIRE(people.size() == 1);
  CHECK(people[0].value == 20000.0);
  // Years, "5G" and bare numbers are not quantities.
  CHECK(find_quantities("到2025年,5G网络,第3").empty());
  CHECK(read_quantity("56.5%", 0)->value == Approx(0.565));
}
