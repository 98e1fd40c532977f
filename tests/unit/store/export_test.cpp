// `hpsearch show` additions (allocations, time lost) and `hpsearch export` (CSV, JSON lines).
#include "hpsearch/core/json_writer.hpp"
#include "hpsearch/report/column_list.hpp"
#include "hpsearch/report/export.hpp"
#include "hpsearch/report/summary.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <sstream>

namespace hpsearch {
namespace {

CheckpointContents resumed() {
  CheckpointContents c;
  c.path = "r.h5";
  c.info = {"space: {}\n", "random", 7, Direction::minimize, "0.1.0", 1000.0};
  c.parameters = {"lr", "act"};
  auto add = [&](JobId id, Status s, double submitted, double finished, int allocation,
                 JobId requeue_of, std::string message = "") {
    Evaluation e;
    e.id = id;
    e.status = s;
    e.objective = s == Status::ok ? 0.5 + static_cast<double>(id) : std::nan("");
    e.config.set("lr", 0.125);
    if (id != 1) e.config.set("act", std::string("re,\"lu\""));
    e.worker_rank = 1;
    e.host = "n1";
    e.submitted_at = submitted;
    e.started_at = submitted;
    e.finished_at = finished;
    e.message = std::move(message);
    c.evaluations.push_back(e);
    c.extras.push_back(RowExtras{requeue_of, allocation});
  };
  add(0, Status::ok, 1001, 1002, 0, -1);
  add(1, Status::failed, 1001, 1003, 0, -1, "exit 1\nline two");
  add(2, Status::lost, 1004, 1010, 1, -1); // in flight when allocation 0 was killed
  add(3, Status::ok, 1021, 1025, 1, 2);
  c.allocations = {{1000, 1010, 4, 11, "", "h", "killed"},
                   {1020, 1030, 4, 12, "job9", "h", "max_evals reached"}};
  return c;
}

TEST(Summary, ShowsAllocationsAndTimeLostToReQueuedEvaluations) {
  const std::string text = format_summary(resumed());
  EXPECT_NE(text.find("6.0 s in 1 evaluations in flight"), std::string::npos) << text;
  EXPECT_NE(text.find("allocations:"), std::string::npos) << text;
  // allocation 0: 2 finished, 1 lost (by submission time); allocation 1: 1 finished
  EXPECT_NE(text.find("killed"), std::string::npos) << text;
  EXPECT_NE(text.find("job9"), std::string::npos) << text;
  EXPECT_NE(text.find("ok 2, failed 1, lost 1"), std::string::npos) << text;
}

TEST(Export, CsvHasDeepHyperColumnsAndQuotesProperly) {
  std::ostringstream out;
  write_csv(resumed(), out);
  std::istringstream in(out.str());
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header,
            "p:lr,p:act,objective,job_id,job_status,m:timestamp_submit,m:timestamp_start,"
            "m:timestamp_end,m:timestamp_gather,m:worker_rank,m:host,m:budget,"
            "m:trial_id,m:from_budget,m:rung,m:decision,m:parent_trial,m:requeue_of,m:allocation,"
            "m:message");
  const std::string text = out.str();
  EXPECT_NE(text.find("0.125,\"re,\"\"lu\"\"\",0.5,0,DONE,1,1,2,2,1,n1,0,0,0,,finished,,,0,\n"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("0.125,,F_failed,1,FAILED,1,1,3,3,1,n1,0,1,0,,finished,,,0,\"exit 1\nline two\"\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find(",3,DONE,21,21,25,25,1,n1,0,3,0,,finished,,2,1,"), std::string::npos) << text;
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a\rb"), "\"a\rb\"");
}

TEST(Export, JsonLinesAreOneObjectPerEvaluationWithNulls) {
  std::ostringstream out;
  write_json_lines(resumed(), out);
  std::istringstream in(out.str());
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_NE(lines[0].find("\"p:act\": \"re,\\\"lu\\\"\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"m:requeue_of\": null"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"objective\": 0.5, \"job_id\": 0,"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"m:timestamp_end\": 2.0,"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("\"p:act\": null"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("\"objective\": \"F_failed\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("\"m:message\": \"exit 1\\nline two\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[3].find("\"m:requeue_of\": 2"), std::string::npos) << lines[3];
  EXPECT_EQ(json_string(std::string("\x01", 1)), "\"\\u0001\"");
}

TEST(Export, NonFiniteParameterValuesAreNullInJsonLines) {
  CheckpointContents c = resumed();
  c.evaluations[0].config.set("lr", std::nan(""));
  c.evaluations[2].config.set("lr", -HUGE_VAL);
  std::ostringstream out;
  write_json_lines(c, out);
  const std::string text = out.str();
  EXPECT_EQ(text.find("NaN"), std::string::npos) << text;
  EXPECT_EQ(text.find("nan"), std::string::npos) << text;
  EXPECT_EQ(text.find("inf"), std::string::npos) << text;
  EXPECT_EQ(text.find("{\"p:lr\": null,"), 0u) << text;
}

CheckpointContents with_metrics() {
  CheckpointContents c = resumed();
  c.metric_columns = true;
  c.metrics = {"train_time"};
  c.evaluations[0].metadata = R"({"train_time":1.5,"note":"a,b","host":"gpu1","c":[1,2]})";
  c.evaluations[3].metadata = R"({"note":"z","ok":true})";
  c.evaluations[1].message = "exit 1"; // one line per row below
  return c;
}

std::vector<std::string> csv_lines(const CheckpointContents& c) {
  std::ostringstream out;
  write_csv(c, out);
  std::istringstream in(out.str());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Export, UserMetricsAreMColumnsDeclaredFirst) {
  const auto lines = csv_lines(with_metrics());
  ASSERT_EQ(lines.size(), 5u);
  const std::string tail = ",m:message,m:train_time,m:note,m:metadata.host,m:c,m:ok";
  EXPECT_EQ(lines[0].substr(lines[0].size() - tail.size()), tail) << lines[0];
  EXPECT_NE(lines[1].find(R"(,1.5,"a,b",gpu1,"[1,2]",)"), std::string::npos) << lines[1];
  EXPECT_EQ(lines[2].substr(lines[2].size() - 5), ",,,,,") << "no metrics: empty cells";
  EXPECT_EQ(lines[4].substr(lines[4].size() - 10), ",,z,,,true") << lines[4];
}

TEST(Export, UserMetricsInJsonLinesKeepTheirTypes) {
  std::ostringstream out;
  write_json_lines(with_metrics(), out);
  const std::string first = out.str().substr(0, out.str().find('\n'));
  EXPECT_NE(first.find(R"("m:train_time": 1.5, "m:note": "a,b", "m:metadata.host": "gpu1")"),
            std::string::npos)
      << first;
  EXPECT_NE(out.str().find(R"("m:ok": true)"), std::string::npos) << out.str();
}

/// The line of `text` that starts with `prefix`, or "".
std::string line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

TEST(ShowColumns, ListsUserMetricsWithTheirRows) {
  const std::string text = format_columns(with_metrics());
  EXPECT_NE(text.find("p:lr p:act"), std::string::npos) << text;
  EXPECT_NE(text.find("user metrics (5):"), std::string::npos) << text;
  const std::string declared = line_starting(text, "  m:train_time ");
  EXPECT_NE(declared.find("declared: checkpoint column m:train_time"), std::string::npos) << text;
  EXPECT_NE(declared.find("1 of 4 rows"), std::string::npos) << text;
  const std::string note = line_starting(text, "  m:note ");
  EXPECT_NE(note.find("undeclared: in the metadata column"), std::string::npos) << text;
  EXPECT_NE(note.find("2 of 4 rows"), std::string::npos) << text;
  EXPECT_NE(line_starting(text, "  m:metadata.host ").find("1 of 4 rows"), std::string::npos)
      << "a key named like a built-in column is exported as m:metadata.<key>\n"
      << text;
  EXPECT_NE(format_columns(resumed()).find("none recorded (the checkpoint was written before "
                                           "user metrics)"),
            std::string::npos);
}

} // namespace
} // namespace hpsearch
