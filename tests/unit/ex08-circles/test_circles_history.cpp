// Exercise 8's training history and KL per dimension: which epochs the table lists, that
// scoring the held-out images every epoch leaves training as it was, that the last epoch's
// held-out numbers are the ones the report already had, and the KL split by hand.
#include <cmath>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "ex08/history.hpp"
#include "vae/analysis/latent.hpp"

namespace test_circles_history {

namespace circles = vae::circles;
namespace nn = vae::nn;

namespace {

struct SmallRun {
    vae::data::ImageMatrix train, test;
    circles::TrainSettings settings;
};

SmallRun small_run() {
    vae::data::CircleOptions o;
    o.n = 260;
    o.seed = 3;
    const vae::data::CircleImages all = vae::data::make_circles(o);
    SmallRun r;
    r.test = all.images.topRows(60);
    r.train = all.images.bottomRows(200);
    r.settings.epochs = 3;
    r.settings.batch_size = 64;
    r.settings.seed = 5;
    return r;
}

}  // namespace

TEST_CASE("table_epochs: all of a short run, the milestones of a long one", "[ex8][history]") {
    CHECK(circles::table_epochs(3) == std::vector<int>{1, 2, 3});
    CHECK(circles::table_epochs(10) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    CHECK(circles::table_epochs(12) == std::vector<int>{1, 2, 3, 4, 5, 10, 12});
    CHECK(circles::table_epochs(40) == std::vector<int>{1, 2, 3, 4, 5, 10, 15, 20, 25, 30, 35, 40});
    CHECK(circles::table_epochs(0).empty());
}

TEST_CASE("scoring the held-out images every epoch does not change the training", "[ex8][history]") {
    const SmallRun run = small_run();
    const nn::ModelSpec spec = circles::model_spec(nn::Mode::Variational, run.settings);
    nn::TrainConfig config;
    config.epochs = 2;
    config.batch_size = 64;
    config.seed = 5;
    config.parts = 2;
    nn::Model<float> without(spec, 5), with(spec, 5);
    nn::train(without, run.train, nullptr, config);
    const auto history = nn::train(with, run.train, &run.test, config);
    CHECK(with.params() == without.params());  // bit for bit: the golden numbers stay as they were
    REQUIRE(history.size() == 2);
    CHECK(history[1].has_test);
    CHECK(std::isfinite(history[1].test_recon));
}

TEST_CASE("train_model keeps a held-out column per epoch that ends where the report's numbers are",
          "[ex8][history]") {
    const SmallRun run = small_run();
    const circles::TrainedModel vae =
        circles::train_model(nn::Mode::Variational, run.train, run.test, run.settings);
    REQUIRE(vae.history.size() == 3);
    for (const nn::EpochStats& e : vae.history) CHECK(e.has_test);
    // The last epoch's evaluation and the one after training use the same eps and weights.
    CHECK(vae.history.back().test_recon == vae.test_recon);
    CHECK(vae.history.back().test_kl == vae.test_kl);
    // The KL per dimension adds up to the KL (float network, double sums: a few ulps apart).
    const vae::Vector kl = vae::analysis::mean_kl_per_dimension(vae.test_mu, vae.test_logvar);
    CHECK_THAT(kl.sum(), WithinRel(vae.test_kl, 1e-5));

    vae::Report report;
    circles::add_final_epoch_quantities(report, vae, vae);
    CHECK(report.value("vae_final_train_kl") == vae.history.back().kl);
    CHECK(report.value("ae_final_test_recon") == vae.history.back().test_recon);
    // The VAE's reconstruction terms move too much between machines to check (report.cpp).
    for (const vae::Quantity& q : report.quantities())
        CHECK(q.checked == (q.name != "vae_final_train_recon" && q.name != "vae_final_test_recon"));

    circles::history_notes(report, vae, vae);
    CHECK(report.notes().size() == 3 + 3);  // a title of two lines, a header, one line per epoch
}

TEST_CASE("KL per dimension of hand-made posteriors", "[ex8][history]") {
    const circles::TrainSettings settings;
    circles::TrainedModel vae(nn::Mode::Variational,
                              nn::Model<float>(circles::model_spec(nn::Mode::Variational, settings), 1));
    vae.test_mu.resize(2, 2);
    vae.test_mu << 1, 0, -1, 0;
    vae.test_logvar.resize(2, 2);
    vae.test_logvar << 0, std::log(0.25), 0, std::log(0.25);
    vae::Report report;
    circles::add_kl_per_dimension(report, vae);
    // KL_1 = 1/2 (mu^2 + sigma^2 - 1 - log sigma^2) = 1/2 (1 + 1 - 1 - 0) = 0.5 for both rows;
    // KL_2 = 1/2 (0 + 0.25 - 1 - log 0.25) = 1/2 (log 4 - 0.75).
    CHECK_THAT(report.value("vae_kl_dim_1"), WithinRel(0.5, 1e-15));
    CHECK_THAT(report.value("vae_kl_dim_2"), WithinRel(0.5 * (std::log(4.0) - 0.75), 1e-15));
    CHECK_FALSE(report.find("vae_kl_dim_1")->checked);
    CHECK(report.find("vae_kl_dim_3") == nullptr);
}

}  // namespace test_circles_history
