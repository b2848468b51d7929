// Exercise 6's machinery: the checks it runs on a student's scaler and ELBO, the feature
// ranking behind the scatter matrix, the collapse rule, the error measure, the settings.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "ex06/report.hpp"
#include "vae/error.hpp"

namespace test_tabular {

using namespace vae::tabular;
namespace nn = vae::nn;

namespace {

RowMatrix small_data() {
    RowMatrix x(6, 3);
    x << 1, 1, 5,  //
        2, 2, 5,   //
        3, 3, 5,   //
        7, 1, 9,   //
        8, 2, 9,   //
        9, 3, 9;
    return x;
}
const std::vector<int> kSmallLabels = {0, 0, 0, 1, 1, 1};

Settings parse(const std::vector<std::string>& args) {
    return vae::parse_command_line(add_flags, args).settings;
}

// A tiny model and one forward pass on fixed rows, so tests can compute the ELBO by hand.
struct Pass {
    nn::Model<double> model;
    nn::Workspace<double> ws;
    RowMatrix x;
    nn::LossParts lib;
};

Pass forward_pass(nn::Likelihood likelihood) {
    Pass p{nn::Model<double>(nn::ModelSpec::mirrored(3, {5}, 2, nn::Activation::ReLU, likelihood), 7),
           {},
           RowMatrix(4, 3),
           {}};
    p.x << 0.1, 0.5, 0.9,  //
        0.3, 0.2, 0.8,     //
        1.0, 0.0, 0.4,     //
        0.6, 0.7, 0.2;
    RowMatrix eps(4, 2);
    eps << 0.3, -1.2, 0.5, 0.1, -0.7, 2.0, 1.1, -0.4;
    p.lib = p.model.forward(p.x, eps, p.ws);
    return p;
}

// The negative ELBO written out element by element, independently of any Eigen expression.
Losses by_hand(const Pass& p, double beta, const Decoder& d) {
    const auto l = p.ws.logits();
    const auto mu = p.ws.mu();
    const auto lv = p.ws.logvar();
    double recon = 0, kl = 0;
    for (Eigen::Index i = 0; i < p.x.rows(); ++i) {
        for (Eigen::Index j = 0; j < p.x.cols(); ++j) {
            const double x = p.x(i, j), logit = l(i, j);
            if (d.likelihood == nn::Likelihood::Bernoulli) {
                // -[x log s + (1 - x) log(1 - s)] with s = sigmoid(logit)
                const double s = 1.0 / (1.0 + std::exp(-logit));
                recon += -(x * std::log(s) + (1 - x) * std::log(1 - s));
            } else {
                recon += (x - logit) * (x - logit) / (2 * d.sigma * d.sigma);
            }
        }
        for (Eigen::Index k = 0; k < mu.cols(); ++k)
            kl += 0.5 * (std::exp(lv(i, k)) + mu(i, k) * mu(i, k) - lv(i, k) - 1);
    }
    const double B = double(p.x.rows());
    return {recon / B, kl / B, recon / B + beta * kl / B};
}

}  // namespace

TEST_CASE("A Gaussian decoder's weight turns lib's squared error into the NLL term", "[tabular]") {
    CHECK_THAT((Decoder{nn::Likelihood::Gaussian, 0.1}.recon_weight()), WithinRel(50.0, 1e-15));
    CHECK_THAT((Decoder{nn::Likelihood::Gaussian, 0.5}.recon_weight()), WithinRel(2.0, 1e-15));
    CHECK((Decoder{nn::Likelihood::Bernoulli, 0.1}.recon_weight()) == 1.0);

    const Decoder gaussian{nn::Likelihood::Gaussian, 0.25};
    const Pass p = forward_pass(nn::Likelihood::Gaussian);
    CHECK_THAT(p.lib.recon * gaussian.recon_weight(), WithinRel(by_hand(p, 1.0, gaussian).recon, 1e-12));
}

TEST_CASE("check_elbo accepts a correct ELBO and names the term of a wrong one", "[tabular]") {
    for (const Decoder d :
         {Decoder{nn::Likelihood::Bernoulli, 1.0}, Decoder{nn::Likelihood::Gaussian, 0.3}}) {
        const Pass p = forward_pass(d.likelihood);
        const double beta = 4.0;
        const Losses right = by_hand(p, beta, d);
        INFO(d.describe());
        CHECK_NOTHROW(check_elbo(right, p.lib, beta, d));

        Losses wrong_kl = right;
        wrong_kl.kl *= 1.0 + 1e-6;
        REQUIRE_THROWS_WITH(check_elbo(wrong_kl, p.lib, beta, d), ContainsText("KL term"));

        Losses unweighted = right;  // recon + KL, forgetting beta
        unweighted.total = right.recon + right.kl;
        REQUIRE_THROWS_WITH(check_elbo(unweighted, p.lib, beta, d), ContainsText("total"));
    }
    // A Gaussian term without the 1 / (2 sigma^2): the reconstruction term is named.
    const Decoder d{nn::Likelihood::Gaussian, 0.3};
    const Pass p = forward_pass(d.likelihood);
    Losses raw = by_hand(p, 1.0, d);
    raw.recon = p.lib.recon;
    raw.total = raw.recon + raw.kl;
    REQUIRE_THROWS_WITH(check_elbo(raw, p.lib, 1.0, d), ContainsText("reconstruction term"));

    // NaN from lib is divergence, reported as such rather than as a wrong ELBO.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    REQUIRE_THROWS_AS(check_elbo({nan, 1, nan}, nn::LossParts{nan, 1}, 1.0, d), vae::NumericError);
}

TEST_CASE("check_scaling finds a scaler fitted on the wrong rows or with n - 1", "[tabular]") {
    const RowMatrix train = small_data().topRows(5);
    Scaling right{ScalingKind::MinMax, Eigen::RowVectorXd(3), Eigen::RowVectorXd(3)};
    right.offset << 1, 1, 5;  // column minima of the first 5 rows
    right.scale << 7, 2, 4;   // ranges: 8 - 1, 3 - 1, 9 - 5
    CHECK_NOTHROW(check_scaling(right, train));

    Scaling all_rows = right;  // fitted on all 6 rows: the maximum of column 1 is 9
    all_rows.scale(0) = 8;
    REQUIRE_THROWS_WITH(check_scaling(all_rows, train), ContainsText("column 1"));
    REQUIRE_THROWS_WITH(check_scaling(all_rows, train), ContainsText("more than the training split"));

    Scaling below = right;
    below.offset(1) = 0.5;
    REQUIRE_THROWS_WITH(check_scaling(below, train), ContainsText("more than the training split"));

    // Standard: column 1 of the first 5 rows is 1, 2, 3, 7, 8: mean 4.2, population variance
    // (3.2^2 + 2.2^2 + 1.2^2 + 2.8^2 + 3.8^2) / 5 = 38.8 / 5.
    Scaling standard{ScalingKind::Standard, Eigen::RowVectorXd(3), Eigen::RowVectorXd(3)};
    standard.offset << 4.2, 1.8, 6.6;
    standard.scale << std::sqrt(38.8 / 5), std::sqrt((0.64 + 0.04 + 1.44 + 0.64 + 0.04) / 5), std::sqrt(3.84);
    CHECK_NOTHROW(check_scaling(standard, train));
    Scaling sample_sd = standard;
    sample_sd.scale(0) = std::sqrt(38.8 / 4);
    REQUIRE_THROWS_WITH(check_scaling(sample_sd, train), ContainsText("n - 1"));
}

TEST_CASE("Scaling::inverse undoes (x - offset) / scale", "[tabular]") {
    Scaling s{ScalingKind::Standard, Eigen::RowVectorXd(2), Eigen::RowVectorXd(2)};
    s.offset << 10, -1;
    s.scale << 2, 0.5;
    RowMatrix y(2, 2);
    y << 0, 1, -1.5, 4;
    const RowMatrix x = s.inverse(y);
    CHECK(x(0, 0) == 10.0);
    CHECK(x(0, 1) == -0.5);
    CHECK(x(1, 0) == 7.0);
    CHECK(x(1, 1) == 1.0);
}

TEST_CASE("The ANOVA F ranks the features that separate the classes", "[tabular]") {
    // Column 1: class means 2 and 8 around 5; between = 3 * 9 + 3 * 9 = 54 on 1 degree of
    // freedom, within = 2 + 2 = 4 on 6 - 2 = 4: F = 54 / 1 = 54.
    // Column 2: the same values in both classes: F = 0. Column 3: no spread inside a class.
    const Eigen::VectorXd f = class_separation(small_data(), kSmallLabels);
    CHECK_THAT(f(0), WithinRel(54.0, 1e-12));
    CHECK(f(1) == 0.0);
    CHECK(std::isinf(f(2)));

    CHECK(most_separating_features(small_data(), kSmallLabels, 1) == std::vector<int>{2});
    CHECK(most_separating_features(small_data(), kSmallLabels, 2) == std::vector<int>{0, 2});
    CHECK(most_separating_features(small_data(), kSmallLabels, 5) == std::vector<int>{0, 1, 2});
    REQUIRE_THROWS_AS(class_separation(small_data(), {0, 0, 0, 0, 0, 0}), std::invalid_argument);
}

TEST_CASE("Feature names follow the files' column order", "[tabular]") {
    CHECK(feature_names("iris", 4)[2] == "petal length (cm)");
    CHECK(feature_names("wine", 13)[12] == "proline");
    CHECK(feature_names("wine", 4)[0] == "feature 1");  // not the wine file's shape
}

TEST_CASE("Collapse needs both a tiny KL and nearly constant means", "[tabular]") {
    Eigen::VectorXd still(2), moving(2);
    still << 0.001, 0.04;
    moving << 0.001, 0.3;
    CHECK(is_collapsed(0.05, still));
    CHECK_FALSE(is_collapsed(0.05, moving));
    CHECK_FALSE(is_collapsed(0.5, still));
}

TEST_CASE("The reconstruction error is measured in each feature's sd", "[tabular]") {
    RowMatrix original(2, 2), recon(2, 2);
    original << 0, 0, 2, 2;
    recon << 1, 0, 2, 4;
    Eigen::RowVectorXd sd(2);
    sd << 1, 2;
    // Errors in sd units: (1, 0) and (0, 1): rms = sqrt(2 / 4).
    CHECK_THAT(rms_in_sd_units(original, recon, sd), WithinRel(std::sqrt(0.5), 1e-15));
}

TEST_CASE("History keeps the lowest batch loss and refuses NaN", "[tabular]") {
    History h;
    REQUIRE_THROWS_AS(h.last(), std::logic_error);
    h.add_batch({1, 2, 3});
    h.add_batch({-4, 1, -3});
    h.add_batch({1, 1, 2});
    h.add_epoch({1, 2, 3}, {2, 2, 4});
    CHECK(h.min_batch_total() == -3.0);
    CHECK(h.batches() == 3);
    CHECK(h.last().test.total == 4.0);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    REQUIRE_THROWS_AS(h.add_batch({nan, 0, nan}), vae::NumericError);
    REQUIRE_THROWS_WITH(h.add_epoch({1, 1, 1}, {1, 1, -std::numeric_limits<double>::infinity()}),
                        ContainsText("scaling lesson"));
}

TEST_CASE("Exercise 6's flags: vanilla first, beta below and above 1", "[tabular]") {
    const Settings s = parse({});
    CHECK(s.betas == std::vector<double>{1.0, 0.1, 4.0});
    CHECK(s.datasets == std::vector<std::string>{"iris", "wine"});
    CHECK(s.scaling == ScalingKind::MinMax);
    CHECK(
        s.model_spec(13).describe() ==
        nn::ModelSpec::mirrored(13, {32, 16}, 2, nn::Activation::ReLU, nn::Likelihood::Gaussian).describe());
    CHECK(parse({"--dataset", "wine", "--latent", "3"}).datasets == std::vector<std::string>{"wine"});
    REQUIRE_THROWS_WITH(parse({"--beta-low", "1"}), ContainsText("--beta-low"));
    REQUIRE_THROWS_AS(parse({"--beta-high", "0.5"}), vae::UsageError);
}

}  // namespace test_tabular
