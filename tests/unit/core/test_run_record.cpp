// Run records (runs/<program>.json) for ./workbook report: where they go, what they hold, and
// that a failed run leaves none behind.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "catch_compat.hpp"
#include "temp_dir.hpp"
#include "vae/run_record.hpp"
#include "vae/written_files.hpp"

namespace test_run_record {

namespace fs = std::filesystem;

namespace {

const vae::ExerciseInfo kInfo{"exercise9", "A \"quoted\" title", {}};

struct Settings {
    std::uint64_t seed = 42;
    long n = 100;
};
void add_flags(vae::Flags& flags, Settings& s) { flags.seed(s.seed).n(s.n); }

vae::Options parse(const std::vector<std::string>& args) {
    return vae::parse_command_line(add_flags, args).options;
}

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Unsets VAE_RUNS_DIR for the scope, so that a developer's setting cannot change the result.
struct NoRunsDirVariable {
    NoRunsDirVariable() {
        if (const char* v = std::getenv("VAE_RUNS_DIR")) saved = v, had = true;
        ::unsetenv("VAE_RUNS_DIR");
    }
    ~NoRunsDirVariable() {
        if (had) ::setenv("VAE_RUNS_DIR", saved.c_str(), 1);
    }
    std::string saved;
    bool had = false;
};

}  // namespace

TEST_CASE("records go to runs/ beside the plot folder, or to $VAE_RUNS_DIR", "[run_record]") {
    NoRunsDirVariable clean;
    CHECK(vae::runs_dir(parse({"--plot-dir", "/tmp/somewhere/plots"})) == "/tmp/somewhere/runs");
    CHECK(vae::runs_dir(parse({"--plot-dir", "/tmp/somewhere/plots/"})) == "/tmp/somewhere/runs");
    CHECK(vae::runs_dir(parse({})) == std::string(VAE_SOURCE_DIR) + "/runs");  // beside the project's plots/
    CHECK(vae::run_record_path("solution9", parse({"--plot-dir", "/a/plots"})) == "/a/runs/solution9.json");
    ::setenv("VAE_RUNS_DIR", "/elsewhere", 1);
    CHECK(vae::runs_dir(parse({"--plot-dir", "/tmp/somewhere/plots"})) == "/elsewhere");
    ::unsetenv("VAE_RUNS_DIR");
}

TEST_CASE("a reference solution draws into reference/, and its record stays beside the plot folder",
          "[run_record]") {
    NoRunsDirVariable clean;
    vae::Options reference = parse({"--plot-dir", "/a/plots"});
    reference.draw_in_subfolder("reference");
    CHECK(reference.plot_dir() == "/a/plots/reference");
    CHECK(reference.plot_folder() == "/a/plots");
    CHECK(vae::run_record_path("solution9", reference) == "/a/runs/solution9.json");
    CHECK(parse({"--plot-dir", "/a/plots"}).plot_dir() == "/a/plots");  // the student's program
}

TEST_CASE("a record holds the flags, quantities, notes and plots, as valid JSON strings", "[run_record]") {
    vae::Report report("title");
    report.add("L_recon", 0.1, "a \\ backslash", 1e-12);
    report.add_unchecked("angle", -2.5, "orientation");
    report.note("line one\twith a tab");
    const std::string json =
        vae::run_record_json("solution9", kInfo, parse({"--seed", "7", "--plot-dir", "/p"}), report,
                             {"/p/exercise9_a.png"}, "2025-01-31T12:00:00Z");
    CHECK_THAT(json, ContainsText("\"format\": 1"));
    CHECK_THAT(json, ContainsText("\"title\": \"A \\\"quoted\\\" title\""));
    CHECK_THAT(json, ContainsText("\"flags\": {\"seed\": \"7\", \"n\": \"100\"}"));
    // 17 digits: the page compares exactly the values the program computed.
    CHECK_THAT(json, ContainsText("\"name\": \"L_recon\", \"value\": 0.10000000000000001"));
    CHECK_THAT(json, ContainsText("\"meaning\": \"a \\\\ backslash\""));
    CHECK_THAT(json, ContainsText("\"checked\": false"));
    CHECK_THAT(json, ContainsText("\"line one\\u0009with a tab\""));
    CHECK_THAT(json, ContainsText("\"plots\": [\n    \"/p/exercise9_a.png\"\n  ]"));
    CHECK_THAT(json, ContainsText("\"finished_at\": \"2025-01-31T12:00:00Z\""));
}

TEST_CASE("record_run writes the record with the noted plots; forget_last_run removes it", "[run_record]") {
    NoRunsDirVariable clean;
    vae_test::TempDir dir;
    const auto options = parse({"--plot-dir", dir.file("plots")});
    vae::note_written_file(dir.file("plots/exercise9_a.png"));
    vae::note_written_file(dir.file("plots/exercise9_a.png"));  // written twice, listed once
    vae::Report report;
    report.add("x", 1.0, "one");
    vae::record_run("solution9", kInfo, options, report);
    const std::string path = dir.file("runs/solution9.json");
    REQUIRE(fs::exists(path));
    const std::string json = contents(path);
    CHECK_THAT(json, ContainsText("\"" + dir.file("plots/exercise9_a.png") + "\""));
    CHECK(json.find("exercise9_a.png") == json.rfind("exercise9_a.png"));
    vae::forget_last_run("solution9", options);
    CHECK_FALSE(fs::exists(path));
    vae::forget_last_run("solution9", options);  // nothing to remove is fine
}

TEST_CASE("a record that cannot be written warns and does not throw", "[run_record]") {
    NoRunsDirVariable clean;
    vae_test::TempDir dir;
    dir.write("runs", "a file where the folder should be");
    vae::Report report;
    report.add("x", 1.0, "one");
    CHECK_NOTHROW(vae::record_run("solution9", kInfo, parse({"--plot-dir", dir.file("plots")}), report));
    CHECK_FALSE(fs::exists(dir.file("runs/solution9.json")));
}

}  // namespace test_run_record
