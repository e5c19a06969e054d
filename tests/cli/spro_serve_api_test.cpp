// spro-serve for administrators and API users, end to end on loopback:
// /metrics (Prometheus text: aggregates, never a query's text), and the
// OpenAPI description at /api/openapi.json checked against the real
// responses of every endpoint.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "test_util.h"

extern char** environ;

namespace spro {
namespace {

// spro-serve on a two-resource index.
class ServeApi : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_file(tmp_ / "in.jsonl",
                        R"({"id":"a","kind":"formation","title":"CAP cuisine","territories":["com:13055"],"publics":["jeune"],"levels":[3],"url":"https://example.org/a"})"
                        "\n"
                        R"({"id":"b","kind":"metier","title":"Cuisinier","territories":["fr"]})"
                        "\n");
    ASSERT_EQ(testing::run(std::string(SPRO_INDEX_BIN) + " build --quiet --db " + db_ + " " + (tmp_ / "in.jsonl")).exit_code, 0);
    port_ = testing::free_port();
    admin_port_ = testing::free_port();
    // The zero-result report and the metrics are served on the admin listener only.
    std::vector<std::string> args = {SPRO_SERVE_BIN, "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port_),
                                      "--count-zero-results", "--admin-listen", "127.0.0.1:" + std::to_string(admin_port_)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    ASSERT_EQ(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    httplib::Client c("127.0.0.1", port_);
    for (int i = 0; i < 100 && !c.Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  void TearDown() override {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  testing::TempDir tmp_;
  std::string db_ = tmp_ / "db";
  int port_ = 0;
  int admin_port_ = 0;
  pid_t pid_ = 0;
};

// Every sample of a Prometheus text exposition: "name{labels}" -> value.
std::map<std::string, double> samples_of(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.rfind(' ');
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

TEST_F(ServeApi, MetricsCountRequestsResultsAndTheIndexWithoutQueryText) {
  httplib::Client c("127.0.0.1", port_);
  ASSERT_EQ(c.Get("/api/search?q=cuisine")->status, 200);
  ASSERT_EQ(c.Get("/api/search?q=zygomorphes")->status, 200);  // no result
  ASSERT_EQ(c.Get("/?q=cuisinier")->status, 200);
  ASSERT_EQ(c.Get("/api/suggest?q=cuis")->status, 200);
  ASSERT_EQ(c.Get("/api/resource/a")->status, 200);
  ASSERT_EQ(c.Get("/api/resource/nope")->status, 404);
  ASSERT_EQ(c.Get("/api/search?level=12")->status, 400);
  ASSERT_EQ(c.Get("/no/such/path/zygomorphes")->status, 404);
  EXPECT_EQ(c.Get("/metrics")->status, 404);  // not on the public port

  httplib::Client admin("127.0.0.1", admin_port_);
  auto r = admin.Get("/metrics");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("text/plain"), std::string::npos);
  // Anonymity: no query text, no path a client chose.
  for (const char* secret : {"cuisine", "zygomorphes", "cuis", "nope", "no/such"}) {
    EXPECT_EQ(r->body.find(secret), std::string::npos) << secret;
  }
  auto m = samples_of(r->body);
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"search\",code=\"2xx\"}"], 2);
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"search\",code=\"4xx\"}"], 1);
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"page\",code=\"2xx\"}"], 1);
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"suggest\",code=\"2xx\"}"], 1);
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"resource\",code=\"2xx\"}"], 1);
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"resource\",code=\"4xx\"}"], 1);
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"other\",code=\"4xx\"}"], 1);
  EXPECT_GE(m["spro_http_requests_total{endpoint=\"healthz\",code=\"2xx\"}"], 1);

  // Latency histogram of the searches: cumulative buckets up to the count.
  EXPECT_EQ(m["spro_http_request_duration_seconds_count{endpoint=\"search\"}"], 3);
  EXPECT_EQ(m["spro_http_request_duration_seconds_bucket{endpoint=\"search\",le=\"+Inf\"}"], 3);
  EXPECT_LE(m["spro_http_request_duration_seconds_bucket{endpoint=\"search\",le=\"0.005\"}"],
            m["spro_http_request_duration_seconds_bucket{endpoint=\"search\",le=\"10\"}"]);
  EXPECT_GT(m["spro_http_request_duration_seconds_sum{endpoint=\"search\"}"], 0);

  // Results: the two API searches and the page's; one found nothing.
  EXPECT_EQ(m["spro_search_results_count"], 3);
  EXPECT_EQ(m["spro_search_zero_results_total"], 1);
  EXPECT_EQ(m["spro_search_results_bucket{le=\"0\"}"], 1);
  EXPECT_EQ(m["spro_search_results_bucket{le=\"+Inf\"}"], 3);

  // The index.
  EXPECT_EQ(m["spro_index_up"], 1);
  EXPECT_EQ(m["spro_index_resources"], 2);
  EXPECT_GE(m["spro_index_revision"], 1);
  EXPECT_GT(m["spro_index_size_bytes"], 0);
  EXPECT_EQ(m["spro_index_info{generation=\"gen-000001\",replica=\"0\"}"], 1);
  EXPECT_GE(m["spro_index_age_seconds"], 0);
  EXPECT_LT(m["spro_index_age_seconds"], 600);
}

TEST_F(ServeApi, MetricsFollowAnUpdate) {
  httplib::Client c("127.0.0.1", admin_port_);
  auto before = samples_of(c.Get("/metrics")->body);
  testing::write_file(tmp_ / "more.jsonl", R"({"id":"c","kind":"metier","title":"Boulanger","territories":["fr"]})" "\n");
  ASSERT_EQ(testing::run(std::string(SPRO_INDEX_BIN) + " update --quiet --db " + db_ + " " + (tmp_ / "more.jsonl")).exit_code, 0);
  auto after = samples_of(c.Get("/metrics")->body);
  EXPECT_EQ(after["spro_index_resources"], 3);
  EXPECT_GT(after["spro_index_revision"], before["spro_index_revision"]);
}

using Json = nlohmann::json;

// Checks `value` against an OpenAPI 3.0 schema, in the subset the
// description uses ($ref, type, required, properties, additionalProperties,
// items, enum, minimum, maximum); each mismatch is added to `errors` with
// its place in the value.
void check(const Json& spec, const Json& schema, const Json& value, const std::string& at,
           std::vector<std::string>& errors) {
  if (schema.contains("$ref")) {
    std::string ref = schema["$ref"];  // "#/components/schemas/Name"
    return check(spec, spec.at(Json::json_pointer(ref.substr(1))), value, at, errors);
  }
  auto fail = [&](const std::string& what) { errors.push_back(at + ": " + what + " in " + value.dump().substr(0, 120)); };
  std::string type = schema.value("type", "");
  if (type == "object" && !value.is_object()) return fail("not an object");
  if (type == "array" && !value.is_array()) return fail("not an array");
  if (type == "string" && !value.is_string()) return fail("not a string");
  if (type == "integer" && !value.is_number_integer()) return fail("not an integer");
  if (type == "number" && !value.is_number()) return fail("not a number");
  if (type == "boolean" && !value.is_boolean()) return fail("not a boolean");
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    return fail("not one of " + schema["enum"].dump());
  }
  if (value.is_number() && schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) fail("below minimum");
  if (value.is_number() && schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) fail("above maximum");
  if (value.is_object()) {
    for (const auto& name : schema.value("required", Json::array())) {
      if (!value.contains(name.get<std::string>())) fail("no required " + name.get<std::string>());
    }
    for (const auto& [name, member] : value.items()) {
      if (schema.contains("properties") && schema["properties"].contains(name)) {
        check(spec, schema["properties"][name], member, at + "." + name, errors);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
        check(spec, schema["additionalProperties"], member, at + "." + name, errors);
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) check(spec, schema["items"], value[i], at + "[" + std::to_string(i) + "]", errors);
  }
}

// The path template of the description that `path` matches
// ("/api/resource/{id}" for "/api/resource/a"), or "".
std::string template_of(const Json& spec, const std::string& path) {
  for (const auto& [name, item] : spec["paths"].items()) {
    std::string pattern = std::regex_replace(name, std::regex(R"(\{[^}]+\})"), "[^/]+");
    if (std::regex_match(path, std::regex(pattern))) return name;
  }
  return "";
}

TEST_F(ServeApi, OpenApiDescriptionMatchesEveryEndpointsRealResponses) {
  httplib::Client c("127.0.0.1", port_);
  auto doc = c.Get("/api/openapi.json");
  ASSERT_TRUE(doc);
  ASSERT_EQ(doc->status, 200);
  Json spec = Json::parse(doc->body);
  ASSERT_EQ(spec["openapi"].get<std::string>().substr(0, 2), "3.");

  ASSERT_EQ(c.Get("/api/search?q=zygomorphes")->status, 200);  // fills the zero-result report
  // Each endpoint's answers, successes and errors, with the parameters the
  // description lists.
  const std::vector<std::pair<std::string, int>> calls = {
      {"/api/search?q=cuisine", 200},
      {"/api/search?q=cuisine&territory=dep:13&level=3&kind=formation&public=jeune&sort=title&limit=5&offset=0", 200},
      {"/api/search?q=cap&near=Marseille&radius=50&sort=distance&facets=0&places=0&local=1", 200},
      {"/api/search?q=cuisne", 200},  // corrected
      {"/api/search?level=12", 400},
      {"/api/search?sort=sideways", 400},
      {"/api/suggest?q=cuis&limit=5", 200},
      {"/api/resource/a", 200},
      {"/api/resource/nope", 404},
      {"/api/pathway/b?territory=Marseille&public=jeune&limit=3", 200},
      {"/api/pathway/b?level=12", 400},
      {"/api/pathway/nope", 404},
      {"/healthz", 200},
      {"/api/stats/zero-results", 200},  // admin listener
      {"/api/openapi.json", 200},
      {"/metrics", 200},  // admin listener
  };
  httplib::Client admin("127.0.0.1", admin_port_);
  std::set<std::string> exercised;
  for (const auto& [path, status] : calls) {
    SCOPED_TRACE(path);
    bool on_admin = path == "/metrics" || path.starts_with("/api/stats/");
    auto r = on_admin ? admin.Get(path) : c.Get(path);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, status);
    std::string name = template_of(spec, path.substr(0, path.find('?')));
    ASSERT_FALSE(name.empty()) << "not in the description";
    exercised.insert(name);
    const Json& operation = spec["paths"][name]["get"];
    // Every query parameter used is described.
    if (size_t q = path.find('?'); q != std::string::npos) {
      std::istringstream params(path.substr(q + 1));
      std::string pair;
      while (std::getline(params, pair, '&')) {
        std::string key = pair.substr(0, pair.find('='));
        bool described = false;
        for (const auto& p : operation.value("parameters", Json::array())) described |= p["name"] == key;
        EXPECT_TRUE(described) << "parameter " << key;
      }
    }
    ASSERT_TRUE(operation["responses"].contains(std::to_string(status))) << "status " << status << " not described";
    const Json& content = operation["responses"][std::to_string(status)]["content"];
    std::string type = r->get_header_value("Content-Type");
    std::string media = type.substr(0, type.find(';'));
    ASSERT_TRUE(content.contains(media)) << media << " not described";
    if (media != "application/json") continue;
    std::vector<std::string> errors;
    check(spec, content[media]["schema"], Json::parse(r->body), "$", errors);
    for (const auto& e : errors) ADD_FAILURE() << e;
  }
  // Every path the description lists was checked.
  for (const auto& [name, item] : spec["paths"].items()) EXPECT_TRUE(exercised.contains(name)) << name << " not exercised";
}

// The page's pathway view, /parcours/{id}: HTML in French whatever the
// outcome (200, 404 for an unknown id or address, 400 for a bad value),
// counted apart in the metrics, the id never echoed.
TEST_F(ServeApi, PathwayPageAnswersInFrenchAndIsCountedApart) {
  httplib::Client c("127.0.0.1", port_);
  auto page = c.Get("/?q=cuisinier");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("href=\"/parcours/b?q=cuisinier\">Voir le parcours"), std::string::npos);
  auto ok = c.Get("/parcours/b?q=cuisinier&place=Marseille&public=jeune");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_NE(ok->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(ok->body.find(">Devenir cuisinier</h1>"), std::string::npos);
  EXPECT_NE(ok->body.find("Pour : Jeunes (16-25 ans), près de Marseille."), std::string::npos);
  EXPECT_NE(ok->body.find("<h3>Mission locale <span class=\"count\">"), std::string::npos);
  auto missing = c.Get("/parcours/zygomorphes%3C%2Fp%3E");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(missing->body.find("Ce parcours n&#39;existe pas"), std::string::npos);
  EXPECT_EQ(missing->body.find("zygomorphes"), std::string::npos);
  auto bad = c.Get("/parcours/b?level=abc");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("valeur incorrecte (niveau)"), std::string::npos);
  auto nowhere = c.Get("/nulle/part");
  ASSERT_TRUE(nowhere);
  EXPECT_EQ(nowhere->status, 404);
  EXPECT_NE(nowhere->body.find("<h1>Page introuvable</h1>"), std::string::npos);
  auto api = c.Get("/api/nulle-part");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->get_header_value("Content-Type").find("text/html"), std::string::npos) << "the API answers JSON";

  httplib::Client admin("127.0.0.1", admin_port_);
  // A request is counted once its answer is written: wait for the last ones.
  std::map<std::string, double> m;
  for (int i = 0; i < 40; ++i) {
    m = samples_of(admin.Get("/metrics")->body);
    if (m["spro_http_requests_total{endpoint=\"pathway\",code=\"2xx\"}"] + m["spro_http_requests_total{endpoint=\"pathway\",code=\"4xx\"}"] >= 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"pathway\",code=\"2xx\"}"], 1);
  EXPECT_EQ(m["spro_http_requests_total{endpoint=\"pathway\",code=\"4xx\"}"], 2);
}

}  // namespace
}  // namespace spro
