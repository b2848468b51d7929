// Model layout and initial weights: the flat parameter buffer, names, counts, and the He and
// Glorot initialisations checked against their defining statistics.
#include <cmath>

#include "catch_compat.hpp"
#include "vae/error.hpp"
#include "vae/nn/model.hpp"

namespace test_nn_spec {

using namespace vae::nn;

TEST_CASE("Layers tile the flat parameter buffer in order", "[nn][spec]") {
    ModelSpec spec = ModelSpec::mirrored(10, {7, 5}, 3, Activation::Sigmoid);
    const Model<float> model(spec, 1);
    // encoder 10x7+7, 7x5+5, head 5x6+6, decoder 3x5+5, 5x7+7, output 7x10+10
    const long long expected = 77 + 40 + 36 + 20 + 42 + 80;
    CHECK(spec.parameter_count() == expected);
    CHECK(static_cast<long long>(model.num_params()) == expected);
    CHECK(spec.weight_count() == 70 + 35 + 30 + 15 + 35 + 70);
    const char* names[] = {"encoder.0", "encoder.1", "head", "decoder.0", "decoder.1", "output"};
    std::size_t offset = 0;
    REQUIRE(model.num_layers() == 6);
    for (int l = 0; l < 6; ++l) {
        const DenseShape& s = model.layers()[l];
        CHECK(s.name == names[l]);
        CHECK(s.offset == offset);
        offset += s.size();
    }
    CHECK(offset == model.num_params());
    CHECK(model.head_layer() == 2);
    CHECK(model.layers()[2].out == 6);  // mu and log sigma^2
    CHECK(model.layers()[2].activation == Activation::Identity);
    CHECK(model.layers()[5].activation == Activation::Identity);
    CHECK(model.layers()[3].activation == Activation::Sigmoid);
    CHECK(spec.describe() == "10-7-5-[3]-5-7-10 sigmoid/sigmoid bernoulli vae");

    spec.mode = Mode::Autoencoder;
    CHECK(Model<float>(spec, 1).layers()[2].out == 3);  // mu only
}

TEST_CASE("Initial weights: He normal for ReLU layers, Glorot uniform otherwise", "[nn][spec]") {
    ModelSpec spec = ModelSpec::mirrored(400, {300}, 200, Activation::ReLU);
    const Model<double> model(spec, 7);
    // encoder.0 (400 -> 300) is followed by ReLU: N(0, 2/400), 120000 draws.
    const auto W0 = model.layer(0).W;
    const double n0 = double(W0.size());
    const double mean0 = W0.sum() / n0;
    const double var0 = (W0.array() - mean0).square().sum() / (n0 - 1);
    CHECK(std::abs(mean0) < 4.0 * std::sqrt(2.0 / 400 / n0));  // 4 standard errors
    CHECK_THAT(var0, WithinRel(2.0 / 400, 0.02));              // se of a variance: sqrt(2/n) = 0.4%

    // head (300 -> 400) is linear: U(-a, a), a = sqrt(6 / (300 + 400)), variance a^2 / 3.
    const auto Wh = model.layer(1).W;
    const double a = std::sqrt(6.0 / 700.0);
    CHECK(Wh.cwiseAbs().maxCoeff() <= a);
    CHECK(Wh.cwiseAbs().maxCoeff() > 0.99 * a);
    const double varh = Wh.array().square().sum() / double(Wh.size());
    CHECK_THAT(varh, WithinRel(a * a / 3.0, 0.02));
    CHECK(model.layer(0).b.isZero());

    // The same seed gives the same weights; another seed other weights.
    CHECK(Model<double>(spec, 7).params() == model.params());
    CHECK(Model<double>(spec, 8).params() != model.params());
    // float and double models draw the same numbers (then rounded).
    CHECK(Model<float>(spec, 7).params() == model.params().cast<float>());
}

TEST_CASE("Bad sizes and names are refused", "[nn][spec]") {
    ModelSpec spec = ModelSpec::mirrored(4, {3, 0}, 2);
    REQUIRE_THROWS_WITH(Model<float>(spec, 1), "encoder hidden layer 2's width must be at least 1 (got 0)");
    spec = ModelSpec::mirrored(4, {3}, 0);
    REQUIRE_THROWS_AS(Model<float>(spec, 1), vae::UsageError);
    REQUIRE_THROWS_WITH(parse_activation("softplus"),
                        "unknown activation 'softplus' (expected relu, sigmoid, tanh or identity)");
    CHECK(parse_activation("tanh") == Activation::Tanh);
    CHECK(parse_likelihood("gaussian") == Likelihood::Gaussian);
    CHECK(parse_mode("ae") == Mode::Autoencoder);
    REQUIRE_THROWS_AS(parse_mode("vae2"), vae::UsageError);
}

}  // namespace test_nn_spec
