// The forward pass against hand computations: the loss convention, the stable BCE, the
// reparameterization, decoding, and how beta enters the loss and its gradient.
#include <cmath>

#include "catch_compat.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/nn/model.hpp"

namespace test_nn_loss {

using namespace vae::nn;

namespace {

RowMatrix<double> filled(int rows, int cols, std::uint64_t seed, bool uniform) {
    vae::Rng rng(seed, vae::Stream::Data);
    RowMatrix<double> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = uniform ? rng.uniform() : rng.normal();
    return m;
}

ModelSpec tiny_spec(Likelihood lik, Mode mode) {
    ModelSpec s = ModelSpec::mirrored(6, {5}, 2, Activation::Tanh, lik, mode);
    return s;
}

}  // namespace

TEST_CASE("BCE from logits is stable at extreme logits (hand-computed case)", "[nn][loss]") {
    // An autoencoder with no hidden layers and chosen weights:
    //   z = x W_head = x0 (W_head = [1; 0]),  logits = z W_out = [800 z, -800 z].
    ModelSpec s;
    s.input_dim = 2;
    s.latent_dim = 1;
    s.mode = Mode::Autoencoder;
    Model<double> model(s, 1);
    model.params().setZero();
    model.layer(0).W << 1.0, 0.0;
    model.layer(1).W << 800.0, -800.0;

    RowMatrix<double> x(1, 2);
    x << 1.0, 0.5;  // z = 1, logits = [800, -800]
    Workspace<double> ws;
    const LossParts p = model.forward(x, RowMatrix<double>(0, 0), ws);
    // Feature 1: l = 800, x = 1:   max(l,0) - l x + log1p(e^-800) = 800 - 800 + 0 = 0.
    // Feature 2: l = -800, x = 0.5: 0 + 400 + log1p(e^-800) = 400.
    // The naive -x log(sigmoid(l)) - (1-x) log(1 - sigmoid(l)) would give 0 * log(0) = NaN.
    CHECK(p.recon == 400.0);
    CHECK(p.kl == 0.0);
    // d/dl = sigmoid(l) - x = [1 - 1, 0 - 0.5]
    CHECK_THAT(ws.recon_gradient()(0, 0), WithinAbs(0.0, 1e-300));
    CHECK(ws.recon_gradient()(0, 1) == -0.5);
}

TEST_CASE("Forward pass follows the loss convention (sums per sample, mean over batch)", "[nn][loss]") {
    const RowMatrix<double> x = filled(4, 6, 1, true);
    const RowMatrix<double> eps = filled(4, 2, 2, false);

    SECTION("Bernoulli VAE") {
        Model<double> model(tiny_spec(Likelihood::Bernoulli, Mode::Variational), 3);
        Workspace<double> ws;
        const LossParts p = model.forward(x, eps, ws);

        // Recompute everything from the cached head and logits with the textbook formulas.
        double kl = 0.0, recon = 0.0;
        for (int i = 0; i < 4; ++i) {
            for (int k = 0; k < 2; ++k) {
                const double mu = ws.mu()(i, k), lv = ws.logvar()(i, k);
                kl += 0.5 * (std::exp(lv) + mu * mu - lv - 1.0);
                CHECK_THAT(ws.z()(i, k), WithinRel(mu + std::exp(0.5 * lv) * eps(i, k), 1e-14));
            }
            for (int j = 0; j < 6; ++j) {
                const double q = 1.0 / (1.0 + std::exp(-ws.logits()(i, j)));
                recon -= x(i, j) * std::log(q) + (1.0 - x(i, j)) * std::log(1.0 - q);
            }
        }
        CHECK_THAT(p.kl, WithinRel(kl / 4, 1e-12));
        CHECK_THAT(p.recon, WithinRel(recon / 4, 1e-12));
        CHECK(p.kl > 0.0);
    }
    SECTION("Gaussian VAE: squared error") {
        Model<double> model(tiny_spec(Likelihood::Gaussian, Mode::Variational), 4);
        Workspace<double> ws;
        const LossParts p = model.forward(x, eps, ws);
        const double sq = (ws.logits() - x).squaredNorm();
        CHECK_THAT(p.recon, WithinRel(sq / 4, 1e-12));
        CHECK_THAT(ws.recon_gradient()(2, 3), WithinRel(2.0 * (ws.logits()(2, 3) - x(2, 3)), 1e-14));
    }
    SECTION("autoencoder: z = mu, no KL, eps ignored") {
        Model<double> model(tiny_spec(Likelihood::Bernoulli, Mode::Autoencoder), 5);
        Workspace<double> ws;
        const LossParts p = model.forward(x, eps, ws);
        CHECK(p.kl == 0.0);
        CHECK(ws.z() == RowMatrix<double>(ws.mu()));
        CHECK(ws.output(model.head_layer()).cols() == 2);  // the head has no log-variance
    }
}

TEST_CASE("decode gives sigmoid(z W + b) for Bernoulli and z W + b for Gaussian", "[nn][loss]") {
    for (Likelihood lik : {Likelihood::Bernoulli, Likelihood::Gaussian}) {
        ModelSpec s;
        s.input_dim = 3;
        s.latent_dim = 2;
        s.likelihood = lik;
        Model<double> model(s, 6);
        model.layer(1).b << 0.1, -0.2, 0.3;
        const RowMatrix<double> z = filled(5, 2, 7, false);
        const RowMatrix<double> means = decode(model, z, 2);  // batches of 2, 2, 1
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 3; ++j) {
                const double logit =
                    z(i, 0) * model.layer(1).W(0, j) + z(i, 1) * model.layer(1).W(1, j) + model.layer(1).b(j);
                const double expected = lik == Likelihood::Bernoulli ? 1.0 / (1.0 + std::exp(-logit)) : logit;
                CHECK_THAT(means(i, j), WithinRel(expected, 1e-13));
            }
    }
}

TEST_CASE("encode returns mu; evaluate averages per sample over unequal batches", "[nn][loss]") {
    Model<double> model(tiny_spec(Likelihood::Bernoulli, Mode::Variational), 8);
    const RowMatrix<double> x = filled(7, 6, 9, true);
    const RowMatrix<double> mu = encode(model, x, 3);
    Workspace<double> ws;
    model.encode(x, ws);
    // Batches of 3 and of 7 may round differently inside the matrix product.
    CHECK((mu - RowMatrix<double>(ws.mu())).norm() <= 1e-14 * mu.norm());

    // evaluate with batches 3, 3, 1 must equal one forward pass over all 7 rows with the same
    // eps, which evaluate draws from Rng(seed, Noise) row after row.
    vae::Rng rng(42, vae::Stream::Noise);
    const LossParts whole = model.forward(x, rng, ws);
    const LossParts batched = evaluate(model, x, 42, 3);
    CHECK_THAT(batched.recon, WithinRel(whole.recon, 1e-13));
    CHECK_THAT(batched.kl, WithinRel(whole.kl, 1e-13));
    // Same seed, same numbers.
    CHECK(evaluate(model, x, 42, 3).recon == batched.recon);
}

TEST_CASE("beta weights the KL term in the loss and in the gradient", "[nn][loss]") {
    Model<double> model(tiny_spec(Likelihood::Bernoulli, Mode::Variational), 10);
    const RowMatrix<double> x = filled(5, 6, 11, true);
    const RowMatrix<double> eps = filled(5, 2, 12, false);
    Workspace<double> ws;
    auto gradient_at = [&](const LossWeights& w) {
        model.forward(x, eps, ws);
        model.backward(x, w, ws);
        return Vector<double>(model.grads());
    };
    const LossParts p = model.forward(x, eps, ws);
    CHECK_THAT(p.total(1.0) - p.total(0.0), WithinRel(p.kl, 1e-12));
    CHECK(p.total(0.0) != p.total(1.0));

    const Vector<double> g0 = gradient_at({1.0, 0.0});
    const Vector<double> g1 = gradient_at({1.0, 1.0});
    const Vector<double> g_kl = gradient_at({0.0, 1.0});
    CHECK((g1 - g0).norm() > 1e-3 * g1.norm());  // beta = 0 and 1 differ

    // The gradient is affine in beta: g(beta) = g(0) + beta * g_KL, for several beta.
    for (double beta : {0.3, 2.5, 7.0}) {
        INFO("beta " << beta);
        model.forward(x, eps, ws);
        model.backward(x, beta, ws);
        const Vector<double> expected = g0 + beta * g_kl;
        CHECK((Vector<double>(model.grads()) - expected).norm() <= 1e-13 * expected.norm());
    }
    CHECK((g1 - (g0 + g_kl)).norm() <= 1e-13 * g1.norm());
}

}  // namespace test_nn_loss
