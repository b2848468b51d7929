// Golden files: the format round-trips exactly, broken files are refused with a useful
// message, and the committed goldens of exercises 1-5 agree with lib's independent code.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "catch_compat.hpp"
#include "ex01-05/sheet.hpp"
#include "vae/error.hpp"
#include "vae/golden.hpp"

namespace test_golden_file {

namespace fs = std::filesystem;

namespace {

std::string temp_file(const std::string& name, const std::string& content) {
    const fs::path dir = fs::temp_directory_path() / "vae_golden_tests";
    fs::create_directories(dir);
    const std::string path = (dir / name).string();
    std::ofstream(path) << content;
    return path;
}

double golden_value(const vae::GoldenFile& g, const std::string& name) {
    for (const auto& q : g.quantities)
        if (q.name == name) return q.value;
    FAIL("golden file has no " << name);
    return 0;
}

const std::string kGoldenDir = std::string(VAE_SOURCE_DIR) + "/golden/";

}  // namespace

TEST_CASE("golden files round-trip every double exactly", "[golden]") {
    vae::GoldenFile g;
    g.exercise = "exercise9";
    g.generator = "test generator";
    g.parameters = {{"seed", "7"}, {"n", "10"}};
    g.quantities = {{"a", 0.1, "", 1e-12}, {"b", 1.0 / 3.0, "", 1e-9}, {"c", -2.5e-300, "", 0}};
    const std::string path = temp_file("roundtrip.golden", "");
    vae::write_golden(path, g);
    const vae::GoldenFile back = vae::read_golden(path);
    REQUIRE(back.exercise == "exercise9");
    REQUIRE(back.generator == "test generator");
    REQUIRE(back.parameters == g.parameters);
    REQUIRE(back.quantities.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(back.quantities[i].value == g.quantities[i].value);
        CHECK(back.quantities[i].tolerance == g.quantities[i].tolerance);
    }
}

TEST_CASE("a missing or corrupt golden file names itself and the regenerate command", "[golden]") {
    REQUIRE_THROWS_WITH(
        vae::read_golden("/nonexistent/exercise3.golden"),
        ContainsText("/nonexistent/exercise3.golden") && ContainsText("cmake --build build --target golden"));
    const std::string header = "# VAE Workbook golden file\nformat 1\nexercise exercise3\n";
    const std::string bad_number = temp_file("bad_number.golden", header + "value L_KL 1.2x 1e-12\n");
    REQUIRE_THROWS_WITH(vae::read_golden(bad_number),
                        ContainsText("bad_number.golden:4") && ContainsText("target golden"));
    const std::string truncated = temp_file("truncated.golden", header);
    REQUIRE_THROWS_WITH(vae::read_golden(truncated), ContainsText("no 'value' lines"));
    const std::string foreign = temp_file("foreign.golden", "hello\n");
    REQUIRE_THROWS_AS(vae::read_golden(foreign), vae::InputError);
    const std::string empty = temp_file("empty.golden", "");
    REQUIRE_THROWS_AS(vae::read_golden(empty), vae::InputError);
}

TEST_CASE("a golden line with trailing junk or a repeated name is refused at its line", "[golden]") {
    const std::string first = "# VAE Workbook golden file\n";
    const std::string value = "value L_KL 1.5 1e-12\n";
    const struct {
        const char* name;
        std::string content;
        int line;
        const char* message;
    } cases[] = {
        {"exercise_junk", first + "format 1\nexercise exercise3 extra\n" + value, 3,
         "expected 'exercise NAME'"},
        {"exercise_empty", first + "format 1\nexercise\n" + value, 3, "expected 'exercise NAME'"},
        {"format_junk", first + "format 1 2\nexercise exercise3\n" + value, 2, "expected 'format 1'"},
        {"param_junk", first + "format 1\nexercise exercise3\nparam seed 42 43\n" + value, 4,
         "expected 'param NAME VALUE'"},
        {"exercise_twice", first + "format 1\nexercise exercise3\nexercise exercise4\n" + value, 4,
         "a second 'exercise' line"},
        {"format_twice", first + "format 1\nexercise exercise3\nformat 1\n" + value, 4,
         "a second 'format' line"},
        {"generator_twice", first + "format 1\nexercise exercise3\ngenerator a\ngenerator b\n" + value, 5,
         "a second 'generator' line"},
        {"param_twice", first + "format 1\nexercise exercise3\nparam seed 42\nparam seed 43\n" + value, 5,
         "a second 'param seed' line"},
        {"value_twice", first + "format 1\nexercise exercise3\n" + value + "value L_KL 2.5 1e-12\n", 5,
         "a second 'value L_KL' line"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const std::string path = temp_file(std::string(c.name) + ".golden", c.content);
        const std::string where = std::string(c.name) + ".golden:" + std::to_string(c.line) + ":";
        REQUIRE_THROWS_WITH(vae::read_golden(path),
                            ContainsText(where) && ContainsText(c.message) && ContainsText("target golden"));
    }
}

TEST_CASE("a report refuses a tolerance the golden reader would refuse", "[golden]") {
    vae::Report r;
    for (double bad : {-1e-12, std::nan(""), HUGE_VAL, -HUGE_VAL}) {
        INFO(bad);
        REQUIRE_THROWS_WITH(r.add("L_KL", 1.0, "", bad), ContainsText("L_KL") && ContainsText("tolerance"));
    }
    REQUIRE(r.quantities().empty());
    r.add("L_KL", 1.0, "", 0.0);  // exact comparison: allowed
    REQUIRE(r.quantities().size() == 1);
}

TEST_CASE("tolerance is relative above 1 and absolute below", "[golden]") {
    CHECK(vae::within_tolerance(1000.0, 1000.0 + 1e-10, 1e-12 * 1000 / 1000));  // 1e-10 <= 1e-9
    CHECK_FALSE(vae::within_tolerance(1000.0, 1000.0 + 2e-9, 1e-12));
    CHECK(vae::within_tolerance(0.001, 0.001 + 5e-13, 1e-12));
    CHECK_FALSE(vae::within_tolerance(0.001, 0.001 + 2e-12, 1e-12));
    CHECK_FALSE(vae::within_tolerance(1.0, std::nan(""), 1.0));
}

TEST_CASE("a report is compared quantity by quantity", "[golden]") {
    vae::GoldenFile g;
    g.quantities = {{"x", 1.0, "", 1e-12}, {"y", 2.0, "", 1e-12}, {"z", 3.0, "", 1e-12}};
    vae::Report r;
    r.add("x", 1.0, "");
    r.add("y", 2.1, "");
    const auto rows = vae::compare(g, r);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].passed);
    CHECK_FALSE(rows[1].passed);
    CHECK_THAT(rows[1].difference, WithinAbs(0.1, 1e-12));
    CHECK_FALSE(rows[2].present);
    CHECK_FALSE(vae::all_passed(rows));
}

TEST_CASE("a report refuses NaN instead of printing it", "[golden]") {
    vae::Report r;
    REQUIRE_THROWS_AS(r.add("L_KL", std::nan(""), ""), vae::NumericError);
}

TEST_CASE("committed goldens of exercises 1, 3 and 4 agree with lib's own computation", "[golden]") {
    // The goldens come from the reference solutions; lib's sheet functions are separate code.
    const auto g1 = vae::read_golden(kGoldenDir + "exercise1.golden");
    const long n = std::stol(g1.parameters.at("n"));
    const std::uint64_t seed = std::stoull(g1.parameters.at("seed"));
    const vae::Matrix X = vae::sheet::sample_data(n, seed);
    const vae::Vector m = vae::sheet::sample_mean(X);
    const vae::Matrix S = vae::sheet::sample_covariance(X);
    CHECK_THAT(golden_value(g1, "mean_x1"), WithinRel(m(0), 1e-12));
    CHECK_THAT(golden_value(g1, "cov_12"), WithinAbs(S(0, 1), 1e-12));
    CHECK_THAT(golden_value(g1, "row1_x2"), WithinRel(X(0, 1), 1e-12));

    const auto g3 = vae::read_golden(kGoldenDir + "exercise3.golden");
    const auto eps = vae::sheet::sample_noise(n, seed);
    const auto s = vae::sheet::forward(X, vae::sheet::standard_encoder(), vae::sheet::decoder(), eps);
    CHECK_THAT(golden_value(g3, "L_recon"), WithinRel(s.recon, 1e-12));
    CHECK_THAT(golden_value(g3, "L_KL"), WithinRel(s.kl, 1e-12));
    CHECK_THAT(golden_value(g3, "Loss"), WithinRel(s.recon + s.kl, 1e-12));

    const auto g4 = vae::read_golden(kGoldenDir + "exercise4.golden");
    const auto c = vae::sheet::forward(X, vae::sheet::collapse_encoder(), vae::sheet::decoder(), eps);
    CHECK_THAT(golden_value(g4, "L_recon_c"), WithinRel(c.recon, 1e-12));
    CHECK_THAT(golden_value(g4, "L_KL_c"), WithinRel(c.kl, 1e-12));

    const auto g5 = vae::read_golden(kGoldenDir + "exercise5.golden");
    CHECK_THAT(golden_value(g5, "Loss_beta0.2"), WithinRel(s.recon + 0.2 * s.kl, 1e-12));
    CHECK_THAT(golden_value(g5, "beta_crossover"), WithinRel((c.recon - s.recon) / (s.kl - c.kl), 1e-12));
}

TEST_CASE("exercise 2's golden matches the sheet's probe values worked by hand", "[golden]") {
    const auto g2 = vae::read_golden(kGoldenDir + "exercise2.golden");
    // x = (3, 2): mu = (0.5*3 - 0.5, 0.5*2 - 0.25) = (1, 0.75); log s2 = (0.3 - 1, 0.2 - 1);
    // x' = decoder(mu) = (1.4*1 + 1.5, 1.4*0.75 + 1) = (2.9, 2.05).
    CHECK_THAT(golden_value(g2, "p1_mu1"), WithinRel(1.0, 1e-15));
    CHECK_THAT(golden_value(g2, "p1_mu2"), WithinRel(0.75, 1e-15));
    CHECK_THAT(golden_value(g2, "p1_logvar1"), WithinRel(-0.7, 1e-15));
    CHECK_THAT(golden_value(g2, "p1_logvar2"), WithinRel(-0.8, 1e-15));
    CHECK_THAT(golden_value(g2, "p1_xprime1"), WithinRel(2.9, 1e-15));
    CHECK_THAT(golden_value(g2, "p1_xprime2"), WithinRel(2.05, 1e-15));
    CHECK_THAT(golden_value(g2, "p2_sigma1"), WithinRel(std::exp(-0.5), 1e-15));
    // x = (4, 1): mu = (1.5, 0.25), x' = (3.6, 1.35)
    CHECK_THAT(golden_value(g2, "p3_xprime1"), WithinRel(3.6, 1e-15));
    CHECK_THAT(golden_value(g2, "p3_xprime2"), WithinRel(1.35, 1e-15));
}

}  // namespace test_golden_file
