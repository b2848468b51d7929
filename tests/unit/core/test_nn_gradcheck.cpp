// Finite-difference checks of the hand-written backward pass, in double precision.
//
// Numeric derivative: the 5-point central difference
//   f'(p) ~ [8 (f(p+h) - f(p-h)) - (f(p+2h) - f(p-2h))] / (12 h),   h = 1e-4,
// whose truncation error is O(h^4) ~ 1e-16 and rounding error ~ 1e-16 |f| / h ~ 1e-11.
// Relative error of a parameter: |analytic - numeric| / max(|analytic|, |numeric|, 1e-4);
// the floor keeps gradients that are (almost) exactly zero from dividing by ~0, and below it
// the check is absolute at 1e-10. Bound: 1e-6 for every parameter block, for smooth (tanh,
// sigmoid, identity) and ReLU networks alike. For ReLU the bound is only meaningful away
// from the kink, so that test first asserts that no ReLU pre-activation lies within 1e-3 of
// 0, far beyond the 2h * |input| a perturbation can move it.
#include <algorithm>
#include <cmath>
#include <string>

#include "catch_compat.hpp"
#include "vae/nn/model.hpp"

namespace test_nn_gradcheck {

using namespace vae::nn;

namespace {

RowMatrix<double> uniform_data(int rows, int cols, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Data);
    RowMatrix<double> x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.uniform();
    return x;
}

RowMatrix<double> normal_data(int rows, int cols, std::uint64_t seed, vae::Stream stream) {
    vae::Rng rng(seed, stream);
    RowMatrix<double> x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.normal();
    return x;
}

// Biases start at zero; give them values so that their role in the forward pass is tested.
void randomize_biases(Model<double>& model, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Sample);
    for (int l = 0; l < model.num_layers(); ++l)
        for (Eigen::Index j = 0; j < model.layer(l).b.size(); ++j) model.layer(l).b(j) = 0.3 * rng.normal();
}

double loss(const Model<double>& model, const RowMatrix<double>& x, const RowMatrix<double>& eps,
            const LossWeights& w) {
    Workspace<double> ws;
    const LossParts p = model.forward(x, eps, ws);
    return w.recon * p.recon + w.kl * p.kl;
}

struct BlockError {
    std::string name;
    double max_rel = 0.0;
    double max_abs_grad = 0.0;  // to show that the block was not trivially zero
};

// Relative error per parameter block (each layer's W and b), analytic vs numeric.
std::vector<BlockError> check_gradients(Model<double>& model, const RowMatrix<double>& x,
                                        const RowMatrix<double>& eps, const LossWeights& w) {
    Workspace<double> ws;
    model.forward(x, eps, ws);
    model.backward(x, w, ws);
    const Vector<double> analytic = model.grads();

    const double h = 1e-4;
    std::vector<BlockError> blocks;
    auto params = model.params();
    for (const DenseShape& layer : model.layers()) {
        const std::size_t w_end = layer.offset + std::size_t(layer.in) * layer.out;
        const std::size_t ranges[2][2] = {{layer.offset, w_end}, {w_end, layer.offset + layer.size()}};
        for (int part = 0; part < 2; ++part) {
            BlockError e{layer.name + (part == 0 ? ".W" : ".b")};
            for (std::size_t i = ranges[part][0]; i < ranges[part][1]; ++i) {
                const Eigen::Index k = Eigen::Index(i);
                const double saved = params[k];
                auto f = [&](double delta) {
                    params[k] = saved + delta;
                    return loss(model, x, eps, w);
                };
                const double numeric = (8.0 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12.0 * h);
                params[k] = saved;
                const double a = analytic[k];
                const double rel = std::abs(a - numeric) / std::max({std::abs(a), std::abs(numeric), 1e-4});
                e.max_rel = std::max(e.max_rel, rel);
                e.max_abs_grad = std::max(e.max_abs_grad, std::abs(a));
            }
            blocks.push_back(e);
        }
    }
    return blocks;
}

void require_all_blocks(const std::vector<BlockError>& blocks, double bound = 1e-6) {
    for (const BlockError& b : blocks) {
        INFO("block " << b.name << ": max relative error " << b.max_rel << ", max |grad| " << b.max_abs_grad);
        CHECK(b.max_rel <= bound);
    }
}

ModelSpec small_spec(Activation enc, Activation dec, Likelihood lik, Mode mode) {
    ModelSpec s;
    s.input_dim = 5;
    s.encoder_hidden = {4, 3};
    s.latent_dim = 2;
    s.decoder_hidden = {3, 4};
    s.encoder_activation = enc;
    s.decoder_activation = dec;
    s.likelihood = lik;
    s.mode = mode;
    return s;
}

}  // namespace

TEST_CASE("VAE gradients match finite differences, Bernoulli, tanh/sigmoid", "[nn][gradcheck]") {
    Model<double> model(
        small_spec(Activation::Tanh, Activation::Sigmoid, Likelihood::Bernoulli, Mode::Variational), 11);
    randomize_biases(model, 11);
    const RowMatrix<double> x = uniform_data(3, 5, 1);
    const RowMatrix<double> eps = normal_data(3, 2, 2, vae::Stream::Noise);

    SECTION("full loss, beta = 0.7") {
        const auto blocks = check_gradients(model, x, eps, {1.0, 0.7});
        require_all_blocks(blocks);
        for (const BlockError& b : blocks) {
            INFO(b.name);
            CHECK(b.max_abs_grad > 1e-3);  // every block takes part
        }
    }
    SECTION("reconstruction term alone") { require_all_blocks(check_gradients(model, x, eps, {1.0, 0.0})); }
    SECTION("KL term alone") {
        const auto blocks = check_gradients(model, x, eps, {0.0, 1.0});
        require_all_blocks(blocks);
        // The KL term does not depend on the decoder: its gradient there is exactly zero.
        for (int l = model.head_layer() + 1; l < model.num_layers(); ++l) {
            CHECK(model.gradient(l).W.cwiseAbs().maxCoeff() == 0.0);
            CHECK(model.gradient(l).b.cwiseAbs().maxCoeff() == 0.0);
        }
        CHECK(model.gradient(0).W.cwiseAbs().maxCoeff() > 1e-3);
    }
}

TEST_CASE("VAE gradients match finite differences, Gaussian likelihood", "[nn][gradcheck]") {
    Model<double> model(
        small_spec(Activation::Sigmoid, Activation::Tanh, Likelihood::Gaussian, Mode::Variational), 12);
    randomize_biases(model, 12);
    const RowMatrix<double> x = normal_data(4, 5, 3, vae::Stream::Data);
    const RowMatrix<double> eps = normal_data(4, 2, 4, vae::Stream::Noise);
    SECTION("full loss, beta = 2.5") { require_all_blocks(check_gradients(model, x, eps, {1.0, 2.5})); }
    SECTION("reconstruction alone") { require_all_blocks(check_gradients(model, x, eps, {1.0, 0.0})); }
    SECTION("KL alone") { require_all_blocks(check_gradients(model, x, eps, {0.0, 1.0})); }
}

TEST_CASE("Autoencoder gradients match finite differences", "[nn][gradcheck]") {
    for (Likelihood lik : {Likelihood::Bernoulli, Likelihood::Gaussian}) {
        INFO("likelihood " << to_string(lik));
        Model<double> model(small_spec(Activation::Tanh, Activation::Tanh, lik, Mode::Autoencoder), 13);
        randomize_biases(model, 13);
        const RowMatrix<double> x = uniform_data(3, 5, 5);
        const RowMatrix<double> no_eps(0, 0);
        require_all_blocks(check_gradients(model, x, no_eps, {1.0, 1.0}));
        Workspace<double> ws;
        CHECK(model.forward(x, no_eps, ws).kl == 0.0);
    }
}

TEST_CASE("Gradients without hidden layers (head reads x, output reads z)", "[nn][gradcheck]") {
    ModelSpec s;
    s.input_dim = 4;
    s.latent_dim = 3;
    Model<double> model(s, 14);
    randomize_biases(model, 14);
    const RowMatrix<double> x = uniform_data(5, 4, 6);
    const RowMatrix<double> eps = normal_data(5, 3, 7, vae::Stream::Noise);
    require_all_blocks(check_gradients(model, x, eps, {1.0, 0.7}));
}

TEST_CASE("ReLU gradients match finite differences away from the kink", "[nn][gradcheck]") {
    Model<double> model(
        small_spec(Activation::ReLU, Activation::ReLU, Likelihood::Bernoulli, Mode::Variational), 15);
    randomize_biases(model, 15);
    const RowMatrix<double> x = uniform_data(4, 5, 8);
    const RowMatrix<double> eps = normal_data(4, 2, 9, vae::Stream::Noise);

    // Every ReLU pre-activation u = in W + b, recomputed from the cached layer inputs.
    Workspace<double> ws;
    model.forward(x, eps, ws);
    double closest = 1e300;
    int active = 0;
    for (int l = 0; l < model.num_layers(); ++l) {
        if (model.layers()[l].activation != Activation::ReLU) continue;
        RowMatrix<double> in = l == 0                        ? RowMatrix<double>(x)
                               : l == model.head_layer() + 1 ? RowMatrix<double>(ws.z())
                                                             : RowMatrix<double>(ws.output(l - 1));
        const RowMatrix<double> u = (in * model.layer(l).W).rowwise() + model.layer(l).b;
        closest = std::min(closest, u.cwiseAbs().minCoeff());
        active += int((u.array() > 0).count());
    }
    INFO("closest ReLU pre-activation to the kink: " << closest);
    REQUIRE(closest > 1e-3);
    REQUIRE(active > 0);
    require_all_blocks(check_gradients(model, x, eps, {1.0, 1.0}));
}

}  // namespace test_nn_gradcheck
