// The checks lib adds to exercises 2, 3 and 5: the student's typical mistakes must change a
// golden quantity, every golden quantity names its TODO, and the notes say the right thing.
#include <algorithm>
#include <string>

#include "catch_compat.hpp"
#include "ex01-05/report.hpp"
#include "ex01-05/settings.hpp"
#include "vae/error.hpp"

namespace test_sheet_report {

using vae::Matrix;
using vae::sheet::ForwardPass;

namespace {

Matrix right_affine(const vae::AffineMap& map, const Matrix& X) {
    Matrix Y = X * map.W.transpose();
    Y.rowwise() += map.b.transpose();
    return Y;
}

// The mistake the probe is for: Y = X W, which agrees with X W^T whenever W is symmetric.
Matrix untransposed_affine(const vae::AffineMap& map, const Matrix& X) {
    Matrix Y = X * map.W;
    Y.rowwise() += map.b.transpose();
    return Y;
}

double right_crossover(const ForwardPass& s, const ForwardPass& c) {
    if (s.kl <= c.kl) throw vae::NumericError("no crossover");
    return (c.recon - s.recon) / (s.kl - c.kl);
}
double unguarded_crossover(const ForwardPass& s, const ForwardPass& c) {
    return (c.recon - s.recon) / (s.kl - c.kl);
}
double unwritten_crossover(const ForwardPass&, const ForwardPass&) { vae::todo("5: crossover_beta"); }

vae::Report probes_report(vae::sheet::AffineFunction affine) {
    const Matrix p = vae::sheet::affine_probe_points();
    return vae::sheet::report_probes("t", p, p, p, p, affine);
}

vae::Options no_plots() { return vae::parse_command_line(vae::sheet::beta_flags, {"--no-plots"}).options; }

ForwardPass pass(double recon, double kl) {
    ForwardPass f;
    f.recon = recon;
    f.kl = kl;
    return f;
}

vae::Report beta_report(double beta, vae::sheet::CrossoverFunction crossover) {
    const ForwardPass s = pass(2.0, 1.5), c = pass(6.0, 0.5);  // crossover at (6 - 2) / (1.5 - 0.5) = 4
    return vae::sheet::report_beta("t", no_plots(), beta, s, c, s.recon + beta * s.kl, c.recon + beta * c.kl,
                                   4.0, {}, crossover);
}

bool has_note(const vae::Report& r, const std::string& text) {
    return std::any_of(r.notes().begin(), r.notes().end(),
                       [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("the affine probe tells X W^T from X W", "[sheet]") {
    const vae::Report right = probes_report(right_affine);
    // W (1, 1) + b = (3, 7) + (0.5, -1);  W (2, -1) + b = (0, 2) + (0.5, -1)
    CHECK(right.value("affine_probe1_y1") == 3.5);
    CHECK(right.value("affine_probe1_y2") == 6.0);
    CHECK(right.value("affine_probe2_y1") == 0.5);
    CHECK(right.value("affine_probe2_y2") == 1.0);
    CHECK(right.find("affine_probe1_y1")->depends_on == "2 (apply_affine)");

    const vae::Report wrong = probes_report(untransposed_affine);
    for (const char* name : {"affine_probe1_y1", "affine_probe1_y2", "affine_probe2_y1", "affine_probe2_y2"})
        CHECK(wrong.value(name) != right.value(name));
}

TEST_CASE("crossover_beta is tried on pairs with and without a crossover", "[sheet]") {
    const vae::Report right = beta_report(0.2, right_crossover);
    CHECK(right.value("crossover_by_hand") == 0.5);
    CHECK(right.value("no_crossover_refused") == 1.0);
    CHECK(right.value("equal_kl_refused") == 1.0);
    CHECK(right.find("no_crossover_refused")->depends_on == "5 (crossover_beta)");

    // The division by K - K_c = 0 gives inf; a number is not a refusal either way.
    const vae::Report unguarded = beta_report(0.2, unguarded_crossover);
    CHECK(unguarded.value("crossover_by_hand") == 0.5);
    CHECK(unguarded.value("no_crossover_refused") == 0.0);
    CHECK(unguarded.value("equal_kl_refused") == 0.0);

    // An unwritten TODO must reach the golden test as NotImplemented, so it reports "skipped".
    REQUIRE_THROWS_AS(beta_report(0.2, unwritten_crossover), vae::NotImplemented);
}

TEST_CASE("exercise 5 names the cheaper encoder on either side of the crossover", "[sheet]") {
    // Below beta* = 4 the standard encoder is cheaper; above it the collapsed one.
    CHECK(has_note(beta_report(1.0, right_crossover), "the standard encoder's loss is lower by 3"));
    CHECK(has_note(beta_report(6.0, right_crossover), "the collapsed encoder's loss is lower by 2"));
    CHECK(has_note(beta_report(4.0, right_crossover), "both encoders' losses are equal"));
}

TEST_CASE("every golden quantity of exercises 2-5 names its TODO", "[sheet]") {
    const Matrix X = vae::sheet::sample_data(50, 1);
    const Matrix eps = vae::sheet::sample_noise(50, 1);
    const ForwardPass s = vae::sheet::forward(X, vae::sheet::standard_encoder(), vae::sheet::decoder(), eps);
    const ForwardPass c = vae::sheet::forward(X, vae::sheet::collapse_encoder(), vae::sheet::decoder(), eps);
    const vae::Options options = no_plots();
    const Matrix m = vae::sheet::sample_mean(X), S = vae::sheet::sample_covariance(X);

    const auto untagged = [](const vae::Report& r) {
        std::string names;
        for (const auto& q : r.quantities())
            if (q.checked && q.depends_on.empty()) names += q.name + " ";
        return names;
    };
    CHECK(untagged(vae::sheet::report_data("1", options, X, m, S)).empty());
    CHECK(untagged(probes_report(right_affine)).empty());
    CHECK(untagged(vae::sheet::report_forward("3", options, X, s.z, s.x_prime, s.recon, s.kl, s.recon + s.kl,
                                              right_affine))
              .empty());
    // Exercise 4 reports scenario 1 beside scenario 2: those are lib's numbers, no TODO's.
    CHECK(untagged(vae::sheet::report_collapse("4", options, X, s, c, c.recon + c.kl)) ==
          "L_recon L_KL Loss mu_std ");
    CHECK(untagged(beta_report(0.2, right_crossover)).empty());
}

}  // namespace test_sheet_report
