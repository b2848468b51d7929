// The importance-weighted estimate of log p(x) against answers known without it: a linear
// Gaussian decoder, whose marginal likelihood has a closed form; the single-sample ELBO at
// K = 1, recomputed from the Gaussian densities; and hand-made log-mean-exp cases.
#ifdef _OPENMP
#include <omp.h>
#endif

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>

#include "../../lib/core/src/nn/thread_pool.hpp"
#include "catch_compat.hpp"
#include "vae/error.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/nn/likelihood.hpp"

namespace test_nn_likelihood {

using namespace vae::nn;

namespace {

const double kPi = 3.14159265358979323846;

RowMatrix<double> filled(int rows, int cols, std::uint64_t seed, bool uniform) {
    vae::Rng rng(seed, vae::Stream::Data);
    RowMatrix<double> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = uniform ? rng.uniform() : rng.normal();
    return m;
}

// A VAE with no hidden layers and a Gaussian likelihood: the head is affine in x, and the
// decoder is logits = z W + b (W: L x D). Since the model's squared error is the density of
// N(l, I/2), the data are x = b + z W + noise with z ~ N(0, I), noise ~ N(0, I/2), so
//     x ~ N(b, C),   C = W^T W + I/2.
struct LinearGaussian {
    static constexpr int D = 4, L = 2;
    Model<double> model{spec(), 1};
    RowMatrix<double> W() const { return model.layer(1).W; }
    RowVector<double> b() const { return model.layer(1).b; }

    static ModelSpec spec() {
        ModelSpec s;
        s.input_dim = D;
        s.latent_dim = L;
        s.likelihood = Likelihood::Gaussian;
        return s;
    }

    // log N(x; b, W^T W + I/2), from the Cholesky factor of C.
    double exact_log_px(const RowVector<double>& x) const {
        const RowMatrix<double> C = W().transpose() * W() + 0.5 * RowMatrix<double>::Identity(D, D);
        const Eigen::LLT<Eigen::MatrixXd> llt(C);
        const Eigen::VectorXd r = (x - b()).transpose();
        const double log_det = 2.0 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
        return -0.5 * (D * std::log(2.0 * kPi) + log_det + r.dot(llt.solve(r)));
    }

    // Inputs drawn from the model's own marginal.
    RowMatrix<double> draw(int n, std::uint64_t seed) const {
        const RowMatrix<double> z = filled(n, L, seed, false);
        const RowMatrix<double> noise = std::sqrt(0.5) * filled(n, D, seed + 1, false);
        return (z * W()).rowwise() + b() + noise;
    }
};

}  // namespace

TEST_CASE("log_mean_exp: hand-computed cases, and no overflow far from 0", "[nn][likelihood]") {
    const double two[] = {0.0, 0.0};
    CHECK(log_mean_exp(two, 2) == 0.0);
    const double one_three[] = {0.0, std::log(3.0)};  // log((1 + 3) / 2) = log 2
    CHECK_THAT(log_mean_exp(one_three, 2), WithinRel(std::log(2.0), 1e-15));
    // exp(1000) overflows a double; the answer is 1000 + log((1 + 3) / 2).
    const double far[] = {1000.0, 1000.0 + std::log(3.0)};
    CHECK_THAT(log_mean_exp(far, 2), WithinRel(1000.0 + std::log(2.0), 1e-15));
    const double low[] = {-1000.0, -1000.0 + std::log(3.0)};  // exp(-1000) underflows to 0
    CHECK_THAT(log_mean_exp(low, 2), WithinRel(-1000.0 + std::log(2.0), 1e-15));
    const double single[] = {-7.25};
    CHECK(log_mean_exp(single, 1) == -7.25);
    const double inf = std::numeric_limits<double>::infinity();
    const double none[] = {-inf, -inf};
    CHECK(log_mean_exp(none, 2) == -inf);
    const double some[] = {-inf, std::log(4.0)};  // (0 + 4) / 2
    CHECK_THAT(log_mean_exp(some, 2), WithinRel(std::log(2.0), 1e-15));
}

TEST_CASE("iw_estimate: the mean and its standard error over inputs (hand-computed)", "[nn][likelihood]") {
    RowMatrix<double> log_w(2, 2);
    log_w << -1.0, -1.0 + std::log(3.0),  // log p_2 = -1 + log 2;  log p_1 = -1
        -3.0, -3.0 + std::log(3.0);       // log p_2 = -3 + log 2;  log p_1 = -3
    const IwEstimate one = iw_estimate(log_w, 1);
    CHECK(one.samples == 1);
    CHECK(one.nll == 2.0);
    // log p = -1, -3: sd = sqrt((1 + 1) / 1), standard error sqrt(2) / sqrt(2) = 1.
    CHECK_THAT(one.std_error, WithinRel(1.0, 1e-15));
    const IwEstimate both = iw_estimate(log_w, 2);
    CHECK_THAT(both.nll, WithinRel(2.0 - std::log(2.0), 1e-15));
    REQUIRE_THROWS_AS(iw_estimate(log_w, 0), std::invalid_argument);
    REQUIRE_THROWS_AS(iw_estimate(log_w, 3), std::invalid_argument);
}

TEST_CASE("with the exact posterior as encoder every weight is p(x), already at K = 1", "[nn][likelihood]") {
    // W with orthogonal rows w_j makes the true posterior diagonal, so the encoder can be it:
    //   Var(z_j | x) = 1 / (1 + 2 |w_j|^2),   E(z_j | x) = Var(z_j | x) 2 w_j . (x - b).
    // Then p(x, z) / q(z | x) = p(x) for every z, and each log w is log p(x) exactly.
    LinearGaussian lg;
    Model<double>& m = lg.model;
    m.params().setZero();
    m.layer(1).W << 1.0, 1.0, 0.0, 0.5,  //
        0.5, -0.5, 2.0, 0.0;             // rows orthogonal: 0.5 - 0.5 + 0 + 0 = 0
    m.layer(1).b << 0.3, -0.2, 0.1, 1.0;
    for (int j = 0; j < LinearGaussian::L; ++j) {
        const RowVector<double> w = lg.W().row(j);
        const double var = 1.0 / (1.0 + 2.0 * w.squaredNorm());
        m.layer(0).W.col(j) = 2.0 * var * w.transpose();  // mu_j = x (2 var w_j) - 2 var w_j . b
        m.layer(0).b(j) = -2.0 * var * w.dot(lg.b());
        m.layer(0).b(LinearGaussian::L + j) = std::log(var);  // log sigma_j^2, the same for every x
    }
    const RowMatrix<double> x = lg.draw(5, 11);
    const RowMatrix<double> log_w = iw_log_weights(m, x, 3, 7);
    const double c = likelihood_log_constant(m.spec());
    CHECK_THAT(c, WithinRel(-2.0 * std::log(kPi), 1e-15));
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double exact = lg.exact_log_px(x.row(i));
        for (Eigen::Index k = 0; k < 3; ++k) CHECK_THAT(log_w(i, k) + c, WithinAbs(exact, 1e-12));
    }
}

TEST_CASE("whatever the encoder, the estimate converges to the closed form, and only tightens with K",
          "[nn][likelihood]") {
    LinearGaussian lg;
    Model<double>& m = lg.model;
    m.layer(1).W << 0.6, -0.35, 0.2, 0.45,  //
        0.15, 0.55, -0.5, 0.1;              // a posterior with correlated coordinates
    m.layer(1).b << 0.5, 0.0, -0.5, 1.0;
    const RowMatrix<double> x = lg.draw(60, 21);
    Eigen::VectorXd exact(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) exact(i) = lg.exact_log_px(x.row(i));
    const double c = likelihood_log_constant(m.spec());

    // Two encoders that know nothing of the decoder: the prior itself (mu = 0, sigma = 1 for
    // every x), and random weights.
    for (const bool prior_encoder : {true, false}) {
        INFO((prior_encoder ? "encoder = the prior" : "random encoder"));
        if (prior_encoder) {
            m.layer(0).W.setZero();
            m.layer(0).b.setZero();
        } else {
            m.layer(0).W = 0.3 * filled(LinearGaussian::D, 2 * LinearGaussian::L, 5, false);
            m.layer(0).b = 0.2 * filled(1, 2 * LinearGaussian::L, 6, false);
            // sigma about 1.3: wider than the posterior (sd about 0.7), as a proposal must be
            // for the weights to have a variance; a narrower one converges too, but slowly.
            m.layer(0).b.tail(LinearGaussian::L).array() += 0.5;
        }
        constexpr int M = 20000;
        const RowMatrix<double> log_w = iw_log_weights(m, x, M, 3);
        // E[log p_K(x)] - log p(x) for each K, from the M draws of each input cut into M / K
        // independent groups of K: the mean over inputs and groups.
        double previous_bias = -std::numeric_limits<double>::infinity();
        for (const int K : {1, 10, 100, 1000}) {
            double sum = 0.0;
            for (Eigen::Index i = 0; i < x.rows(); ++i)
                for (int g = 0; g < M / K; ++g)
                    sum += log_mean_exp(log_w.row(i).data() + g * K, K) + c - exact(i);
            const double bias = sum / (double(x.rows()) * (M / K));
            INFO("K = " << K << ": E[log p_K(x)] - log p(x) = " << bias);
            CHECK(bias > previous_bias);      // only tightens
            if (K <= 100) CHECK(bias < 0.0);  // a lower bound (at K = 1000 the gap is below the noise)
            previous_bias = bias;
        }
        CHECK(std::abs(previous_bias) < 0.05);
        // All M draws at once: on average over the inputs a hundred times closer to the closed
        // form than K = 1. (Not every input: where q covers the posterior badly, the weights
        // have a heavy tail and converge slowly, as the largest error shows.)
        const Eigen::ArrayXd error = iw_estimate(log_w, M).log_px.array() + c - exact.array();
        const double k1_error = (iw_estimate(log_w, 1).log_px.array() + c - exact.array()).abs().mean();
        INFO("mean |error|: K = 1 " << k1_error << ", K = " << M << " " << error.abs().mean()
                                    << "; largest at K = " << M << ": " << error.abs().maxCoeff());
        CHECK(k1_error > 1.0);
        CHECK(error.abs().mean() < 0.01 * k1_error);
    }
}

TEST_CASE("at K = 1 the estimate is the single-sample ELBO with the same eps as evaluate()",
          "[nn][likelihood]") {
    const ModelSpec spec = ModelSpec::mirrored(6, {5}, 3, Activation::Tanh, Likelihood::Bernoulli);
    const Model<double> model(spec, 4);
    const RowMatrix<double> x = filled(9, 6, 8, true);
    const std::uint64_t seed = 17;
    const RowMatrix<double> log_w = iw_log_weights(model, x, 1, seed);
    REQUIRE(log_w.rows() == 9);
    REQUIRE(log_w.cols() == 1);

    // The same eps, row by row as evaluate() draws them; each row's forward pass on its own.
    vae::Rng rng(seed, vae::Stream::Noise);
    Workspace<double> ws;
    double recon_sum = 0.0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        RowMatrix<double> eps(1, 3);
        for (int j = 0; j < 3; ++j) eps(0, j) = rng.normal();
        const LossParts p = model.forward(x.row(i), eps, ws);
        recon_sum += p.recon;
        // log p(z) - log q(z | x) from the two Gaussian densities, with (z - mu) / sigma
        // recomputed rather than taken as eps.
        double log_prior = 0.0, log_q = 0.0;
        for (int j = 0; j < 3; ++j) {
            const double z = ws.z()(0, j), mu = ws.mu()(0, j), var = std::exp(ws.logvar()(0, j));
            log_prior += -0.5 * std::log(2.0 * kPi) - 0.5 * z * z;
            log_q += -0.5 * std::log(2.0 * kPi * var) - 0.5 * (z - mu) * (z - mu) / var;
        }
        CHECK_THAT(log_w(i, 0), WithinRel(-p.recon + log_prior - log_q, 1e-12));
    }
    // evaluate() scores the same codes: its reconstruction term is the same number.
    const LossParts ev = evaluate(model, x, seed);
    CHECK_THAT(recon_sum / double(x.rows()), WithinRel(ev.recon, 1e-12));
}

TEST_CASE("the passes through the decoder do not change the weights, nor their order", "[nn][likelihood]") {
    // K codes of input i are codes i K .. i K + K - 1 of one eps stream, so K samples of x
    // score exactly as one sample each of x with every row repeated K times. 7 x 300 codes
    // take three passes, and inputs straddle the passes' borders.
    const ModelSpec spec = ModelSpec::mirrored(10, {8}, 2, Activation::ReLU, Likelihood::Bernoulli);
    const Model<float> model(spec, 2);
    const RowMatrix<float> x = filled(7, 10, 3, true).cast<float>();
    const int K = 300;
    RowMatrix<float> repeated(7 * K, 10);
    for (Eigen::Index t = 0; t < repeated.rows(); ++t) repeated.row(t) = x.row(t / K);
    const RowMatrix<double> many = iw_log_weights(model, x, K, 9);
    const RowMatrix<double> single = iw_log_weights(model, repeated, 1, 9);
    // (Not bit for bit: the encoder sees batches of 7 and of 500 rows, and the matrix
    // products round differently for different batch sizes.)
    for (Eigen::Index t = 0; t < repeated.rows(); ++t)
        REQUIRE_THAT(many(t / K, t % K), WithinAbs(single(t, 0), 1e-5));
    // And a float model agrees with its double twin up to float rounding.
    Model<double> twin(spec, 2);
    twin.params() = model.params().cast<double>();
    const IwEstimate f = iw_nll(model, x, 50, 1), d = iw_nll(twin, x.cast<double>(), 50, 1);
    CHECK_THAT(f.nll, WithinRel(d.nll, 1e-5));
}

TEST_CASE("iw_log_weights refuses an autoencoder and bad sample counts", "[nn][likelihood]") {
    const Model<double> ae(
        ModelSpec::mirrored(4, {}, 2, Activation::ReLU, Likelihood::Bernoulli, Mode::Autoencoder), 1);
    const RowMatrix<double> x = filled(2, 4, 1, true);
    REQUIRE_THROWS_AS(iw_log_weights(ae, x, 5, 1), vae::UsageError);
    const Model<double> vae_model(ModelSpec::mirrored(4, {}, 2), 1);
    REQUIRE_THROWS_AS(iw_log_weights(vae_model, x, 0, 1), vae::UsageError);
    REQUIRE_THROWS_AS(iw_log_weights(vae_model, RowMatrix<double>(2, 3), 1, 1), std::invalid_argument);
    CHECK(likelihood_log_constant(vae_model.spec()) == 0.0);  // Bernoulli: -recon is the log-likelihood
}

#ifdef _OPENMP
TEST_CASE("the log weights are the same bits on one thread as on several", "[nn][likelihood]") {
    struct RestoreThreads {
        const int saved = omp_get_max_threads();
        ~RestoreThreads() { omp_set_num_threads(saved); }
    } restore;
    // Wide enough that the decoder's products and the scoring are split between threads.
    const Model<float> model(ModelSpec::mirrored(784, {200}, 8), 3);
    const RowMatrix<float> x = filled(3, 784, 5, true).cast<float>();
    omp_set_num_threads(std::max(2, restore.saved));
    REQUIRE(vae::nn::detail::available_threads() >= 2);
    const RowMatrix<double> many = iw_log_weights(model, x, 700, 4);
    omp_set_num_threads(1);
    REQUIRE(vae::nn::detail::available_threads() == 1);
    CHECK(iw_log_weights(model, x, 700, 4) == many);
}
#endif

}  // namespace test_nn_likelihood
