// Exercise 6's anomaly scores: the splits by held-out class, each score against a closed form
// (a network made constant by hand), the ELBO score against lib's forward pass, and the AUCs.
#include <cmath>
#include <stdexcept>

#include "catch_compat.hpp"
#include "ex06/anomaly.hpp"
#include "vae/rng.hpp"

namespace test_tabular_anomaly {

using namespace vae::tabular;
namespace nn = vae::nn;

namespace {

Dataset three_classes() {
    Dataset d;
    d.name = "toy";
    d.train.features.resize(6, 2);
    d.train.features << 0, 0, 1, 1, 10, 10, 11, 11, 20, 20, 21, 21;
    d.train.labels = {0, 0, 1, 1, 2, 2};
    d.train.class_names = {"a", "b", "c"};
    d.test.features.resize(3, 2);
    d.test.features << 2, 2, 12, 12, 22, 22;
    d.test.labels = {0, 1, 2};
    d.test.class_names = d.train.class_names;
    d.feature_names = {"u", "v"};
    return d;
}

// A 2-feature VAE whose encoder head ignores x, giving mu = (m, m) and log sigma^2 = (lv, lv),
// and whose decoder ignores z, giving the mean c for every row.
nn::Model<double> constant_network(nn::Likelihood likelihood, double m, double lv,
                                   const Eigen::RowVector2d& c) {
    nn::Model<double> model(nn::ModelSpec::mirrored(2, {4}, 2, nn::Activation::ReLU, likelihood), 5);
    auto head = model.layer(model.head_layer());
    head.W.setZero();
    head.b << m, m, lv, lv;  // [mu | log sigma^2]
    auto out = model.layer(model.num_layers() - 1);
    out.W.setZero();
    out.b = c;
    return model;
}

Scaling identity_scaling() {
    Scaling s;
    s.offset = Eigen::RowVector2d::Zero();
    s.scale = Eigen::RowVector2d::Ones();
    return s;
}

}  // namespace

TEST_CASE("anomaly_splits: one per class, the held-out class from both splits", "[ex6][anomaly]") {
    const auto splits = anomaly_splits(three_classes());
    REQUIRE(splits.size() == 3);
    const AnomalySplit& b = splits[1];
    CHECK(b.held_out == 1);
    CHECK(b.class_name == "b");
    REQUIRE(b.train.rows() == 4);  // training rows of a and c
    CHECK(b.train(0, 0) == 0);
    CHECK(b.train(1, 0) == 1);
    CHECK(b.train(2, 0) == 20);
    CHECK(b.train(3, 0) == 21);
    REQUIRE(b.normal.rows() == 2);  // test rows of a and c
    CHECK(b.normal(0, 0) == 2);
    CHECK(b.normal(1, 0) == 22);
    REQUIRE(b.anomalous.rows() == 3);  // every row of b: training first, then test
    CHECK(b.anomalous(0, 0) == 10);
    CHECK(b.anomalous(1, 0) == 11);
    CHECK(b.anomalous(2, 0) == 12);
}

TEST_CASE("the scores of a constant network, by closed form", "[ex6][anomaly]") {
    const Eigen::RowVector2d c(0.5, 0.25);
    const double m = 0.3, lv = -0.4, sigma = 0.2;
    const nn::Model<double> model = constant_network(nn::Likelihood::Gaussian, m, lv, c);
    RowMatrix x(3, 2);
    x << 0.5, 0.25, 1.5, 0.25, -0.5, 1.25;
    // Squared distance to c: 0, 1 and 1 + 1 = 2.
    const Eigen::VectorXd err = reconstruction_error(model, x);
    CHECK_THAT(err(0), WithinAbs(0.0, 1e-15));
    CHECK_THAT(err(1), WithinAbs(1.0, 1e-14));
    CHECK_THAT(err(2), WithinAbs(2.0, 1e-14));

    // recon = |x - c|^2 / (2 sigma^2) whatever z is; KL = 2 * 1/2 (e^lv + m^2 - lv - 1).
    const double kl = std::exp(lv) + m * m - lv - 1;
    const Eigen::VectorXd elbo =
        negative_elbo_per_row(model, x, Decoder{nn::Likelihood::Gaussian, sigma}, 7, 3);
    for (int i = 0; i < 3; ++i) CHECK_THAT(elbo(i), WithinRel(err(i) / (2 * sigma * sigma) + kl, 1e-13));
}

TEST_CASE("one draw of the ELBO score is lib's test loss at beta = 1, row by row", "[ex6][anomaly]") {
    for (const auto likelihood : {nn::Likelihood::Gaussian, nn::Likelihood::Bernoulli}) {
        const nn::Model<double> model(nn::ModelSpec::mirrored(3, {6}, 2, nn::Activation::ReLU, likelihood),
                                      9);
        RowMatrix x(5, 3);
        x << 0.1, 0.5, 0.9, 0.3, 0.2, 0.8, 1.0, 0.0, 0.4, 0.6, 0.7, 0.2, 0.45, 0.55, 0.5;
        const Decoder decoder{likelihood, likelihood == nn::Likelihood::Gaussian ? 0.1 : 1.0};
        // 6c's test evaluation: Rng(seed, Noise) afresh, one forward pass over the rows.
        vae::Rng noise(17, vae::Stream::Noise);
        nn::Workspace<double> ws;
        const nn::LossParts lib = model.forward(x, noise, ws);
        const double expected = lib.recon * decoder.recon_weight() + lib.kl;
        CHECK_THAT(negative_elbo_per_row(model, x, decoder, 1, 17).mean(), WithinRel(expected, 1e-12));
        // More draws average over eps: close to one draw, and not the same numbers.
        const Eigen::VectorXd many = negative_elbo_per_row(model, x, decoder, 64, 17);
        CHECK(many != negative_elbo_per_row(model, x, decoder, 1, 17));
        CHECK(many.allFinite());
    }
}

TEST_CASE("score_anomalies: rows far from what the model makes score above the rest", "[ex6][anomaly]") {
    const nn::Model<double> model =
        constant_network(nn::Likelihood::Gaussian, 0.0, 0.0, Eigen::RowVector2d(1, 1));
    AnomalySplit split;
    split.class_name = "far";
    split.train = RowMatrix::Ones(2, 2);
    split.normal.resize(3, 2);
    split.normal << 1, 1, 1.1, 0.9, 0.8, 1.2;
    split.anomalous.resize(2, 2);
    split.anomalous << 5, 5, -3, 1;
    const AnomalyResult r = score_anomalies(split, identity_scaling(), model, Decoder{}, 1);
    CHECK(r.auc_recon == 1.0);
    CHECK(r.auc_elbo == 1.0);
    // Swap the roles: every normal row now scores above every anomaly.
    std::swap(split.normal, split.anomalous);
    const AnomalyResult swapped = score_anomalies(split, identity_scaling(), model, Decoder{}, 1);
    CHECK(swapped.auc_recon == 0.0);
    CHECK(swapped.auc_elbo == 0.0);
    // An autoencoder has no ELBO to score with.
    const nn::Model<double> ae(nn::ModelSpec::mirrored(2, {4}, 2, nn::Activation::ReLU,
                                                       nn::Likelihood::Gaussian, nn::Mode::Autoencoder),
                               1);
    CHECK_THROWS_AS(negative_elbo_per_row(ae, split.normal, Decoder{}, 1, 1), std::invalid_argument);
}

}  // namespace test_tabular_anomaly
