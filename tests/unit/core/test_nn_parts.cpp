// Large products are split by columns into parts that run on separate threads. The split
// must not change the numbers beyond rounding: compare 1 part with 3 (uneven) parts,
// forced, so that this runs the same on a machine with any number of cores.
#ifdef _OPENMP
#include <omp.h>
#endif

#include <algorithm>

// Catch2 2.x declares its listener base class only when asked to.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "catch_compat.hpp"
#if VAE_CATCH_MAJOR >= 3
#include <catch2/reporters/catch_reporter_event_listener.hpp>
#include <catch2/reporters/catch_reporter_registrars.hpp>
#endif
#include "vae/nn/model.hpp"
// Private to lib, for the one thing no public call tells: how many threads a run may use.
#include "../../lib/core/src/nn/thread_pool.hpp"

namespace test_nn_parts {

using namespace vae::nn;

namespace {

RowMatrix<double> uniform(int rows, int cols, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Data);
    RowMatrix<double> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform();
    return m;
}

double relative_difference(const Vector<double>& a, const Vector<double>& b) {
    return (a - b).norm() / b.norm();
}

}  // namespace

TEST_CASE("Splitting products into parts gives the same loss and gradient", "[nn][parts]") {
    for (Mode mode : {Mode::Variational, Mode::Autoencoder}) {
        INFO("mode " << to_string(mode));
        // 100 rows x 400 x 64 = 2.56e6 multiply-adds: above the split threshold, as is the
        // loss over 100 x 400 outputs. With 3 parts the columns are cut unevenly.
        const ModelSpec spec =
            ModelSpec::mirrored(400, {64}, 4, Activation::Tanh, Likelihood::Bernoulli, mode);
        Model<double> model(spec, 4);
        const RowMatrix<double> x = uniform(100, 400, 5);

        Workspace<double> one, three;
        one.set_parts(1);
        three.set_parts(3);
        vae::Rng rng_one(6, vae::Stream::Noise), rng_three(6, vae::Stream::Noise);
        const LossParts p1 = model.forward(x, rng_one, one);
        const LossParts p3 = model.forward(x, rng_three, three);
        CHECK(one.parts() == 1);
        CHECK(three.parts() == 3);
        CHECK_THAT(p3.recon, WithinRel(p1.recon, 1e-13));
        CHECK_THAT(p3.kl + 1.0, WithinRel(p1.kl + 1.0, 1e-13));
        CHECK((RowMatrix<double>(three.logits()) - RowMatrix<double>(one.logits())).norm() <=
              1e-13 * RowMatrix<double>(one.logits()).norm());

        model.backward(x, 0.5, one);
        const Vector<double> g1 = model.grads();
        model.backward(x, 0.5, three);
        const Vector<double> g3 = model.grads();
        CHECK(relative_difference(g3, g1) <= 1e-13);
        CHECK(g1.norm() > 0.0);

        // backward_part of two halves of the batch, summed, is the whole batch's gradient.
        const RowMatrix<double> eps = one.eps();
        Workspace<double> top, bottom;
        Vector<double> part_top(model.num_params()), part_bottom(model.num_params());
        model.forward(x.topRows(40), eps.topRows(40), top);
        model.backward_part(x.topRows(40), {1.0, 0.5}, top, 100, part_top);
        model.forward(x.bottomRows(60), eps.bottomRows(60), bottom);
        model.backward_part(x.bottomRows(60), {1.0, 0.5}, bottom, 100, part_bottom);
        CHECK(relative_difference(part_top + part_bottom, g1) <= 1e-13);
    }
}

#ifdef _OPENMP
namespace {

// The training threads' pool is sized once, at its first use, from OpenMP's thread count
// then, and a run never has more threads than the pool. On a one-core machine it would hold
// one thread, and the test below would compare one thread with one thread. So before any
// test runs, the pool is created with at least two threads; OpenMP's count is then put
// back, so that every other test still runs with the threads this machine is configured for.
class PoolOfAtLeastTwoThreads :
#if VAE_CATCH_MAJOR >= 3
    public Catch::EventListenerBase {
public:
    using Catch::EventListenerBase::EventListenerBase;
#else
    public Catch::TestEventListenerBase {
public:
    using Catch::TestEventListenerBase::TestEventListenerBase;
#endif
    void testRunStarting(Catch::TestRunInfo const& info) override {
        const int configured = omp_get_max_threads();
        omp_set_num_threads(std::max(2, configured));
        detail::available_threads();  // creates the pool
        omp_set_num_threads(configured);
#if VAE_CATCH_MAJOR >= 3
        Catch::EventListenerBase::testRunStarting(info);
#else
        Catch::TestEventListenerBase::testRunStarting(info);
#endif
    }
};
CATCH_REGISTER_LISTENER(PoolOfAtLeastTwoThreads)

// Restores OpenMP's thread count however the test case ends.
struct OmpThreads {
    const int saved = omp_get_max_threads();
    ~OmpThreads() { omp_set_num_threads(saved); }
};

}  // namespace

TEST_CASE("A fixed number of parts gives the same bits with any number of threads", "[nn][parts]") {
    const ModelSpec spec = ModelSpec::mirrored(400, {64}, 4, Activation::ReLU);
    Model<float> model(spec, 7);
    RowMatrix<float> x = uniform(100, 400, 8).cast<float>();
    auto run = [&](Vector<float>& grads) {
        Workspace<float> ws;
        ws.set_parts(4);
        vae::Rng rng(9, vae::Stream::Noise);
        const LossParts p = model.forward(x, rng, ws);
        model.backward(x, 1.0, ws);
        grads = model.grads();
        return p;
    };
    const OmpThreads restore;
    // The training threads follow OpenMP's setting: at least two even on a one-core machine,
    // or this would compare one thread with itself.
    omp_set_num_threads(std::max(2, restore.saved));
    REQUIRE(detail::available_threads() >= 2);
    Vector<float> g_many, g_one;
    const LossParts many_threads = run(g_many);
    omp_set_num_threads(1);
    REQUIRE(detail::available_threads() == 1);
    const LossParts one_thread = run(g_one);
    CHECK(one_thread.recon == many_threads.recon);
    CHECK(one_thread.kl == many_threads.kl);
    CHECK(g_one == g_many);
}
#endif

}  // namespace test_nn_parts
