// Exercise 8's machinery: flags to generator settings, the held-out split, the report (what
// goes into the golden file, and which TODO each number depends on), and the helpers the plots
// use (tiling images, the latent range). The checks before training: test_circles_checks.cpp.
#include <cmath>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "ex08/plots.hpp"
#include "ex08/report.hpp"
#include "vae/error.hpp"

namespace test_circles_report {

namespace {

vae::circles::Settings parse(const std::vector<std::string>& args) {
    return vae::parse_command_line(vae::circles::add_flags, args).settings;
}

vae::Options parse_options(const std::vector<std::string>& args) {
    return vae::parse_command_line(vae::circles::add_flags, args).options;
}

}  // namespace

TEST_CASE("image_options: flags become the generator's settings", "[ex8]") {
    const auto o = vae::circles::image_options(parse({"--n", "30", "--test-n", "12", "--seed", "9", "--shape",
                                                      "ring", "--min-radius", "3", "--max-radius", "4.5"}));
    CHECK(o.n == 42);  // held-out images first, then the training images
    CHECK(o.seed == 9);
    CHECK(o.style == vae::data::CircleStyle::Ring);
    CHECK(o.min_radius == 3.0);
    CHECK(o.max_radius == 4.5);
    CHECK(o.height == 28);
    CHECK(o.width == 28);

    const auto defaults = vae::circles::image_options(parse({}));
    CHECK(defaults.style == vae::data::CircleStyle::Disc);
    CHECK(defaults.min_radius == 5.0);
    CHECK(defaults.max_radius == 5.0);
    CHECK(defaults.n == 11000);
}

TEST_CASE("image_options refuses radii out of order or too large, naming the flag", "[ex8]") {
    REQUIRE_THROWS_WITH(vae::circles::image_options(parse({"--max-radius", "4"})),
                        ContainsText("--max-radius"));
    // A disc of radius 13 with a 1-pixel margin needs 28 pixels: fits exactly. 13.5 does not.
    CHECK_NOTHROW(vae::circles::image_options(parse({"--min-radius", "13", "--max-radius", "13"})));
    REQUIRE_THROWS_AS(vae::circles::image_options(parse({"--max-radius", "13.5"})), vae::UsageError);
    // A ring adds half its 1.5-pixel stroke: radius 12.25 fits, 12.5 does not.
    CHECK_NOTHROW(vae::circles::image_options(
        parse({"--shape", "ring", "--min-radius", "12.25", "--max-radius", "12.25"})));
    REQUIRE_THROWS_AS(vae::circles::image_options(parse({"--shape", "ring", "--max-radius", "12.5"})),
                      vae::UsageError);
    REQUIRE_THROWS_WITH(vae::circles::image_options(parse({"--test-n", "9"})), ContainsText("--test-n"));
}

TEST_CASE("split holds out the first images, so they do not depend on --n", "[ex8]") {
    vae::data::CircleOptions o;
    o.n = 20;
    const auto all = vae::data::make_circles(o);
    const auto parts = vae::circles::split(all, 5);
    REQUIRE(parts.test.size() == 5);
    REQUIRE(parts.train.size() == 15);
    CHECK(parts.test.images == all.images.topRows(5));
    CHECK(parts.train.images == all.images.bottomRows(15));
    CHECK(parts.train.centres.row(0) == all.centres.row(5));
    CHECK(parts.test.radii(4) == all.radii(4));

    o.n = 8;  // fewer images in total: the held-out five are the same
    const auto fewer = vae::circles::split(vae::data::make_circles(o), 5);
    CHECK(fewer.test.images == parts.test.images);
    REQUIRE_THROWS_AS(vae::circles::split(all, 20), std::invalid_argument);
}

namespace {

// Both models trained for one epoch on a few images: enough to report on, in well under a second.
struct TinyRun {
    vae::data::CircleImages test;
    vae::circles::TrainedModel ae, vae;
};

TinyRun tiny_run() {
    vae::data::CircleOptions o;
    o.n = 80;
    o.style = vae::data::CircleStyle::Disc;
    const auto parts = vae::circles::split(vae::data::make_circles(o), 20);
    vae::circles::TrainSettings s;
    s.epochs = 1;
    s.batch_size = 30;
    return {parts.test,
            vae::circles::train_model(vae::nn::Mode::Autoencoder, parts.train.images, parts.test.images, s),
            vae::circles::train_model(vae::nn::Mode::Variational, parts.train.images, parts.test.images, s)};
}

}  // namespace

TEST_CASE("report_circles: the golden file gets what the objective fixes, each tagged with its TODO",
          "[ex8]") {
    const TinyRun run = tiny_run();
    const auto r_ae = vae::circles::library_correlations(run.ae.test_mu, run.test.centres);
    const auto r_vae = vae::circles::library_correlations(run.vae.test_mu, run.test.centres);
    const vae::Report report =
        vae::circles::report_circles("t", parse_options({"--no-plots"}), run.test, run.ae, r_ae, run.vae,
                                     r_vae, vae::circles::GeneratorCheck{});
    std::vector<std::string> checked, unchecked;
    for (const auto& q : report.quantities()) (q.checked ? checked : unchecked).push_back(q.name);
    // clang-format off
    const std::vector<std::string> golden = {
        "generator_max_pixel_diff", "generator_max_centre_diff", "pixel_variance", "pearson_max_diff",
        "ae_recon_mse", "ae_variance_explained", "ae_canonical_r1", "ae_canonical_r2", "ae_abs_r_z1_z2",
        "vae_recon_mse", "vae_variance_explained", "vae_canonical_r1", "vae_canonical_r2", "vae_abs_r_z1_z2",
        "vae_test_kl", "vae_sigma_min", "vae_sigma_max", "ae_final_train_recon", "ae_final_test_recon",
        "vae_final_train_kl"};
    CHECK(checked == golden);
    const std::vector<std::string> printed_only = {
        "ae_r_z1_x", "ae_r_z1_y", "ae_r_z2_x", "ae_r_z2_y", "ae_r_z1_z2", "ae_axis_alignment",
        "ae_best_rotation_deg", "ae_rotated_alignment", "vae_r_z1_x", "vae_r_z1_y", "vae_r_z2_x", "vae_r_z2_y",
        "vae_r_z1_z2", "vae_axis_alignment", "vae_best_rotation_deg", "vae_rotated_alignment",
        "vae_elbo_gap_rotate45", "vae_kl_dim_1", "vae_kl_dim_2", "vae_final_train_recon",
        "vae_final_test_recon"};
    // clang-format on
    CHECK(unchecked == printed_only);

    for (const auto& q : report.quantities()) {
        INFO(q.name);
        // The student's own r (ae_r_z1_x ...) and their gap to lib's; all else lib computes.
        const bool correlation =
            q.name == "pearson_max_diff" || q.name.rfind("ae_r_", 0) == 0 || q.name.rfind("vae_r_", 0) == 0;
        CHECK(q.depends_on ==
              (correlation ? "8d-e (pearson, correlate)" : "8a-c (pixel_value, draw_circle, make_images)"));
    }

    CHECK(report.value("pearson_max_diff") == 0.0);
    CHECK(report.value("ae_abs_r_z1_z2") == std::abs(r_ae.z1_z2));
    CHECK(report.value("vae_abs_r_z1_z2") == std::abs(r_vae.z1_z2));
    CHECK(report.value("vae_sigma_min") <= report.value("vae_sigma_max"));
    const vae::circles::Vector sigma = (0.5 * run.vae.test_logvar.array()).exp().colwise().mean().transpose();
    CHECK(report.value("vae_sigma_min") == sigma.minCoeff());
    CHECK(report.value("vae_sigma_max") == sigma.maxCoeff());
    CHECK(report.find("generator_max_pixel_diff")->tolerance == 1e-6);
    CHECK(report.find("pearson_max_diff")->tolerance == 1e-12);
}

TEST_CASE("report_circles: pearson_max_diff is the largest gap between the student's r and lib's", "[ex8]") {
    const TinyRun run = tiny_run();
    const auto lib_ae = vae::circles::library_correlations(run.ae.test_mu, run.test.centres);
    const auto lib_vae = vae::circles::library_correlations(run.vae.test_mu, run.test.centres);
    auto r_ae = lib_ae, r_vae = lib_vae;
    r_ae.z2_x += 1e-9;
    r_vae.z1_z2 -= 3e-6;
    const vae::Report report =
        vae::circles::report_circles("t", parse_options({"--no-plots"}), run.test, run.ae, r_ae, run.vae,
                                     r_vae, vae::circles::GeneratorCheck{});
    CHECK_THAT(report.value("pearson_max_diff"), WithinAbs(3e-6, 1e-15));
    // The table shows the student's numbers; the golden |r(z_1, z_2)| is lib's.
    CHECK(report.value("vae_r_z1_z2") == r_vae.z1_z2);
    CHECK(report.value("vae_abs_r_z1_z2") == std::abs(lib_vae.z1_z2));
}

TEST_CASE("tile_images lays images out row by row with one-pixel gaps", "[ex8]") {
    // Three 2 x 2 images, two per row: a 2 x 2 grid of tiles, 5 x 5 pixels with gaps.
    vae::data::ImageMatrix images(3, 4);
    images << 1, 2, 3, 4,  //
        5, 6, 7, 8,        //
        9, 10, 11, 12;
    const vae::circles::Matrix t = vae::circles::tile_images(images, 2, 2, 2, -1);
    REQUIRE(t.rows() == 5);
    REQUIRE(t.cols() == 5);
    vae::circles::Matrix expected(5, 5);
    expected << 1, 2, -1, 5, 6,  //
        3, 4, -1, 7, 8,          //
        -1, -1, -1, -1, -1,      //
        9, 10, -1, -1, -1,       //
        11, 12, -1, -1, -1;
    CHECK(t == expected);
}

TEST_CASE("latent_range: 2nd and 98th percentiles and the median of each column", "[ex8]") {
    // Column 0 holds 0..100 (shuffled by a stride), column 1 the same times -2.
    vae::circles::Matrix codes(101, 2);
    for (int i = 0; i < 101; ++i) {
        const int v = (37 * i) % 101;
        codes(i, 0) = v;
        codes(i, 1) = -2.0 * v;
    }
    const vae::circles::Matrix r = vae::circles::latent_range(codes);
    CHECK(r(0, 0) == 2.0);
    CHECK(r(1, 0) == 98.0);
    CHECK(r(2, 0) == 50.0);
    CHECK(r(0, 1) == -196.0);
    CHECK(r(1, 1) == -4.0);
    CHECK(r(2, 1) == -100.0);
}

}  // namespace test_circles_report
