// End-to-end: `targetcast serve` (issue 15) on a free port. The page is served
// whole and offline; a what-if with more funding answers with a paired
// difference for the institutions target whose interval excludes 0; bad,
// hostile and oversized requests get 4xx with the reason while the server
// keeps running; a saved scenario is a valid scenario file in the folder the
// server was started in; SIGINT stops it.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>

#include "cli.h"

// Last: see app/cmd_serve.cpp.
#include <httplib.h>

using targetcast::test::read_text;
using targetcast::test::run_cli;
using targetcast::test::start_cli;
using targetcast::test::TempDir;

namespace {

// The port the server printed once it listens (0: it stopped first).
int wait_for_port(const TempDir& dir, pid_t pid) {
  const std::regex line(R"(open http://127\.0\.0\.1:(\d+)/)");
  for (int i = 0; i < 1200; ++i) {
    std::smatch m;
    const std::string out = std::filesystem::exists(dir / "out.txt") ? read_text(dir / "out.txt") : "";
    if (std::regex_search(out, m, line)) return std::stoi(m[1]);
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) != 0) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return 0;
}

const char* kMoreFunding =
    "format = 1\n[scenario]\nid = \"more-funding\"\ntitle = { zh = \"资金翻倍\", en = \"double funding\" }\n"
    "[[lever]]\nname = \"funding_multiplier\"\nfrom = 2023\nvalue = 2.0\n";

// `targetcast serve` on a free port in `dir`; stop() sends Ctrl-C and
// returns whether it exited with status 0.
struct Served {
  pid_t pid;
  int port;
  bool stop() const {
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  // A client that waits as long as the sanitizer build needs (httplib's default is 5 s).
  std::unique_ptr<httplib::Client> client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
    c->set_read_timeout(120, 0);
    return c;
  }
};

Served serve(const TempDir& dir, const char* runs, const char* lang) {
  const pid_t pid = start_cli({"serve", "--port", "0", "--runs", runs, "--threads", "2", "--lang", lang}, dir.path());
  return {pid, wait_for_port(dir, pid)};
}

}  // namespace

TEST_CASE("serve: the workbench answers what-ifs, refuses what it must, saves scenarios, stops on SIGINT",
          "[app][serve]") {
  TempDir dir;
  const Served server = serve(dir, "400", "en");
  INFO(read_text(dir / "err.txt"));
  REQUIRE(server.port > 0);
  const auto client_owner = server.client();
  httplib::Client& client = *client_owner;
  const int port = server.port;
  const std::string origin = "http://127.0.0.1:" + std::to_string(port);

  // The page: whole, with its data, and nothing it would fetch from elsewhere.
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("What-if workbench") != std::string::npos);
  CHECK(page->body.find("connect-src 'self'") != std::string::npos);
  CHECK(page->body.find("src=\"http") == std::string::npos);  // no script or image from the network
  CHECK(page->body.find("href=\"http") == std::string::npos);

  // A what-if: funding doubled from 2023 raises the institutions target.
  auto run = client.Post("/api/run", {{"Origin", origin}}, kMoreFunding, "text/plain");
  REQUIRE(run);
  REQUIRE(run->status == 200);
  const std::regex institutions(
      R"re("id":"gd-2025-institutions",[^}]*"difference":\[([-0-9.e]+),([-0-9.e]+),([-0-9.e]+)\])re");
  std::smatch m;
  REQUIRE(std::regex_search(run->body, m, institutions));
  CHECK(std::stod(m[1]) > 0.0);
  CHECK(std::stod(m[2]) > 0.0);  // the paired 95% interval excludes 0

  // Two tabs at once both get their answer; a tab's newer request supersedes its older one.
  std::optional<httplib::Result> tab_a, tab_b;
  const auto post_from = [port](const char* tab) {
    httplib::Client tab_client("127.0.0.1", port);
    tab_client.set_read_timeout(120, 0);  // the sanitizer build is many times slower than 5 s allows
    return tab_client.Post("/api/run", {{"X-Workbench-Tab", tab}}, kMoreFunding, "text/plain");
  };
  std::thread a([&] { tab_a.emplace(post_from("a")); });
  std::thread b([&] { tab_b.emplace(post_from("b")); });
  a.join();
  b.join();
  REQUIRE((tab_a && *tab_a && tab_b && *tab_b));
  CHECK((*tab_a)->status == 200);
  CHECK((*tab_b)->status == 200);

  // Refused, with the reason, and the server goes on.
  auto bad = client.Post("/api/run", "format = 1\n[scenario]\nid = \"x\"\n", "text/plain");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(bad->body.find("scenario.title: missing required key") != std::string::npos);
  auto hostile = client.Get("/", {{"Host", "evil.example:" + std::to_string(port)}});
  REQUIRE(hostile);
  CHECK(hostile->status == 403);
  auto cross_site = client.Post("/api/run", {{"Origin", "http://evil.example"}}, kMoreFunding, "text/plain");
  REQUIRE(cross_site);
  CHECK(cross_site->status == 403);
  auto oversized = client.Post("/api/run", std::string(100 * 1024, 'a'), "text/plain");
  REQUIRE(oversized);
  CHECK(oversized->status == 413);
  auto missing = client.Get("/etc/passwd");
  REQUIRE(missing);
  CHECK(missing->status == 404);

  // Saved into the folder it was started in, as a file `validate` accepts.
  auto saved = client.Post("/api/save", {{"Origin", origin}}, kMoreFunding, "text/plain");
  REQUIRE(saved);
  CHECK(saved->status == 200);
  REQUIRE(std::filesystem::exists(dir / "what-if-1.toml"));
  const auto validated = run_cli("validate what-if-1.toml", dir.path());
  INFO(validated.out << validated.err);
  CHECK(validated.exit_code == 0);
  auto still_there = client.Get("/");
  REQUIRE(still_there);
  CHECK(still_there->status == 200);

  CHECK(server.stop());
  CHECK(read_text(dir / "out.txt").find("stopped") != std::string::npos);
}

TEST_CASE("serve: a what-if is stored as an experiment that `targetcast report` reports, or downloaded as its report",
          "[app][serve]") {
  TempDir dir;
  const Served server = serve(dir, "300", "zh");
  INFO(read_text(dir / "err.txt"));
  REQUIRE(server.port > 0);
  const auto client_owner = server.client();
  httplib::Client& client = *client_owner;

  auto stored = client.Post("/api/store", kMoreFunding, "text/plain");
  REQUIRE(stored);
  CHECK(stored->status == 200);
  CHECK(stored->body == R"({"experiment":1,"file":"what-if-1.toml","db":"results.sqlite"})");
  const auto listed = run_cli("experiments --db results.sqlite", dir.path());
  CHECK(listed.out.find("complete") != std::string::npos);
  CHECK(listed.out.find("baseline,more-funding") != std::string::npos);
  const auto reported = run_cli("report --db results.sqlite --experiment 1 --out r.html", dir.path());
  INFO(reported.out << reported.err);
  CHECK(reported.exit_code == 0);

  auto report = client.Post("/api/report", kMoreFunding, "text/plain");
  REQUIRE(report);
  CHECK(report->status == 200);
  CHECK(report->get_header_value("Content-Disposition") == "attachment; filename=\"targetcast-report-2.html\"");
  CHECK(report->get_header_value("X-Workbench-File") == "what-if-2.toml");
  CHECK(report->body.find("<html lang=\"zh-CN\"") != std::string::npos);

  // Not valid: a 400 with the reason; nothing saved, nothing stored.
  auto bad = client.Post("/api/store", "format = 1\n[scenario]\nid = \"x\"\n", "text/plain");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK_FALSE(std::filesystem::exists(dir / "what-if-3.toml"));
  // A database another program holds locked: a 409 with the reason (after
  // the store's 10 s wait for the lock), and the server goes on.
  sqlite3* holder = nullptr;
  REQUIRE(sqlite3_open((dir / "results.sqlite").c_str(), &holder) == SQLITE_OK);
  REQUIRE(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto locked = client.Post("/api/store", kMoreFunding, "text/plain");
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  REQUIRE(locked);
  CHECK(locked->status == 409);
  CHECK(locked->body.find("results.sqlite") != std::string::npos);
  auto again = client.Post("/api/store", kMoreFunding, "text/plain");
  REQUIRE(again);
  CHECK(again->status == 200);

  CHECK(server.stop());
}
