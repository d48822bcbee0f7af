// targetcast serve: the what-if workbench in the browser (issue 15). HTTP by
// cpp-httplib (Debian's libcpp-httplib-dev); what a request means is
// workflow/workbench.h's, what the page shows report/workbench_*.h's.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "app/commands.h"
#include "model/monte_carlo.h"
#include "model/spec_error.h"
#include "report/html_escape.h"
#include "report/report_options.h"
#include "report/workbench_json.h"
#include "report/workbench_page.h"
#include "store/store_error.h"
#include "workflow/report.h"
#include "workflow/workbench.h"

// Last: included before Eigen's headers (which the project headers above pull
// in), it breaks their compilation with g++ 12 ("no declaration matches" in
// Eigen's matrix-product kernels).
#include <httplib.h>

namespace targetcast::app {
namespace {

// A scenario file is a few kilobytes; anything far larger is not one.
constexpr std::size_t kMaxBody = 64 * 1024;

struct ServeOptions {
  workflow::WorkbenchOptions workbench;
  std::string host = "127.0.0.1";
  int port = 8765;
  std::string lang = "zh";
  std::string out_dir = ".";
};

// Only each tab's newest what-if runs: a newer request of the same tab (the
// page sends its random X-Workbench-Tab id) raises the older one's stop flag,
// so no queue of stale calculations builds up while a lever is dragged, and
// several tabs do not cancel each other.
class Newest {
 public:
  std::shared_ptr<std::atomic<bool>> start(const std::string& tab) {
    auto mine = std::make_shared<std::atomic<bool>>(false);
    const std::lock_guard lock(mutex_);
    if (current_.size() > kTabs && current_.count(tab) == 0) current_.clear();  // bounded
    auto& slot = current_[tab];
    if (slot) slot->store(true);
    slot = mine;
    return mine;
  }

 private:
  static constexpr std::size_t kTabs = 256;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> current_;
};

std::string problems_text(const model::SpecError& e) {
  std::string out;
  for (const model::Problem& p : e.problems()) out += p.to_string() + "\n";
  return out;
}

void answer_problem(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_content(text, "text/plain; charset=utf-8");
}

// Runs `body` and answers a request's failure with a 4xx and the reason: bad
// settings (400, every problem), a database that cannot take the run (409:
// locked, read-only, missing posterior), a calculation stopped by a newer
// request or by Ctrl-C (409).
template <class Body>
void answering(httplib::Response& res, Body&& body) {
  try {
    body();
  } catch (const model::SpecError& e) {
    answer_problem(res, 400, problems_text(e));
  } catch (const store::StoreError& e) {
    answer_problem(res, 409, e.what());
  } catch (const model::Interrupted&) {
    answer_problem(res, 409, "stopped: superseded by a newer request, or the server is stopping");
  }
}

// What the page says after a what-if was kept as an experiment.
std::string stored_json(const workflow::StoredWhatIf& s, const ServeOptions& o) {
  return fmt::format(R"({{"experiment":{},"file":{},"db":{}}})", s.experiment_id,
                     report::json_string(s.scenario_file.filename().string()), report::json_string(o.workbench.db_path));
}

void add_routes(httplib::Server& server, const workflow::Workbench& bench, const ServeOptions& o, Newest& newest) {
  report::ReportOptions report_options;
  report_options.lang = o.lang;
  const std::string page = report::workbench_html(
      bench.baseline(), report::baseline_json(bench.baseline(), bench.baseline_results(), report_options),
      o.workbench.runs, o.workbench.posterior, o.lang);
  server.Get("/", [page](const httplib::Request&, httplib::Response& res) {
    res.set_content(page, "text/html; charset=utf-8");
  });
  server.Post("/api/run", [&bench, &newest, report_options](const httplib::Request& req, httplib::Response& res) {
    const auto stop = newest.start(req.get_header_value("X-Workbench-Tab").substr(0, 64));
    const auto began = std::chrono::steady_clock::now();
    answering(res, [&] {
      const workflow::WhatIf w = bench.run(req.body, stop.get());
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
      res.set_content(report::what_if_json(bench.baseline(), bench.baseline_results(), w.results, w.comparison,
                                           seconds, report_options),
                      "application/json");
    });
  });
  server.Post("/api/save", [&bench, &o](const httplib::Request& req, httplib::Response& res) {
    answering(res, [&] {  // the page says "saved as …"
      res.set_content(bench.save(req.body, o.out_dir).filename().string(), "text/plain; charset=utf-8");
    });
  });
  // Experiments are written one at a time (one SQLite writer); a signal
  // stops the one running and marks it interrupted.
  static std::mutex writing;
  server.Post("/api/store", [&bench, &o](const httplib::Request& req, httplib::Response& res) {
    answering(res, [&] {
      const std::lock_guard lock(writing);
      res.set_content(stored_json(bench.store(req.body, o.out_dir, stop_on_signals()), o), "application/json");
    });
  });
  server.Post("/api/report", [&bench, &o, report_options](const httplib::Request& req, httplib::Response& res) {
    answering(res, [&] {
      const std::lock_guard lock(writing);
      const workflow::StoredWhatIf stored = bench.store(req.body, o.out_dir, stop_on_signals());
      report::ReportOptions options = report_options;
      options.report_command = fmt::format("targetcast report --db {} --experiment {} --lang {}",
                                           o.workbench.db_path, stored.experiment_id, o.lang);
      res.set_content(workflow::render_report_of(o.workbench.db_path, stored.experiment_id, options),
                      "text/html; charset=utf-8");
      res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"targetcast-report-{}.html\"", stored.experiment_id));
      res.set_header("X-Workbench-Experiment", std::to_string(stored.experiment_id));
      res.set_header("X-Workbench-File", stored.scenario_file.filename().string());
    });
  });
}

// Refuses requests from other sites (Host, Origin) before any route runs.
void guard(httplib::Server& server, const ServeOptions& o) {
  server.set_pre_routing_handler([&o](const httplib::Request& req, httplib::Response& res) {
    const std::string why =
        workflow::refuse_request(req.get_header_value("Host"), req.get_header_value("Origin"), o.host, o.port);
    if (why.empty()) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 403;
    res.set_content(why, "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.set_payload_max_length(kMaxBody);
}

int run_serve(ServeOptions& o) {
  if (o.host != "127.0.0.1" && o.host != "localhost" && o.host != "::1") {
    fmt::print(stderr,
               "targetcast serve: WARNING: listening on {} makes the workbench reachable from other machines; "
               "anyone who can reach it can run simulations and save scenario files in {}\n",
               o.host, o.out_dir);
  }
  fmt::print("reading the plan and simulating the baseline ({} runs)…\n", o.workbench.runs);
  const workflow::Workbench bench(o.workbench);
  httplib::Server server;
  Newest newest;
  guard(server, o);
  add_routes(server, bench, o, newest);
  const bool bound = o.port == 0 ? (o.port = server.bind_to_any_port(o.host)) > 0 : server.bind_to_port(o.host, o.port);
  if (!bound) {
    fmt::print(stderr, "targetcast serve: cannot listen on {}:{} (in use, or not an address of this machine)\n",
               o.host, o.port);
    return kExitBadInput;
  }
  const std::atomic<bool>* stop = stop_on_signals();
  fmt::print("what-if workbench: open http://{}:{}/  (Ctrl-C stops it)\n", o.host, o.port);
  std::fflush(stdout);
  // Server::stop() does nothing until listen_after_bind has started, so once
  // a signal came the watcher asks again until the server has ended (a
  // signal in between would otherwise leave it deaf to Ctrl-C).
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    while (!finished.load()) {
      if (stop->load()) server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  server.listen_after_bind();
  finished.store(true);
  watcher.join();
  fmt::print("stopped\n");
  return 0;
}

}  // namespace

Command add_serve_command(CLI::App& cli) {
  auto o = std::make_shared<ServeOptions>();
  auto* sub = cli.add_subcommand("serve", "The what-if workbench in the browser: move a lever, see the odds move");
  sub->add_option("--baseline", o->workbench.inputs.baseline, "Plan seed file (default: the embedded Guangdong plan)");
  sub->add_option("--priors", o->workbench.inputs.priors, "Prior file (default: priors.toml beside the plan)");
  sub->add_option_function<std::int64_t>(
      "--posterior", [o](const std::int64_t& id) { o->workbench.posterior = id; },
      "Draw the parameters from this calibration's posterior (read from --db)");
  sub->add_option("--db", o->workbench.db_path, "SQLite results file: --posterior is read from it, stored what-ifs go to it")->default_val("results.sqlite");
  sub->add_option("--runs", o->workbench.runs, "Monte Carlo runs of the baseline and of each what-if")
      ->default_val(2000)
      ->check(CLI::Range(10u, 1000000u));
  sub->add_option("--rng-seed", o->workbench.master_seed, "Master seed")->default_val(1);
  sub->add_option("--threads", o->workbench.threads, "Threads (0 = all cores)")->default_val(0)->check(CLI::Range(0, 1024));
  sub->add_option("--host", o->host, "Address to listen on (127.0.0.1: this machine only)")->default_val("127.0.0.1");
  sub->add_option("--port", o->port, "Port (0: any free port, printed)")->default_val(8765)->check(CLI::Range(0, 65535));
  sub->add_option("--lang", o->lang, "Language of the page")->default_val("zh")->check(CLI::IsMember({"en", "zh"}));
  sub->add_option("--out-dir", o->out_dir, "Folder where saved and stored scenario files go")
      ->default_val(".")
      ->check(CLI::ExistingDirectory);
  return {sub, [o](const model::Executor&) { return run_serve(*o); }};
}

}  // namespace targetcast::app
