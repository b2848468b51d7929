// Large products are split by columns into parts that run on separate threads. The split
// must not change the numbers beyond rounding: compare 1 part with 3 (uneven) parts,
// forced, so that this runs the same on a machine with any number of cores.
#ifdef _OPENMP
#include <omp.h>
#endif

#include "catch_compat.hpp"
#include "vae/nn/model.hpp"

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
        const ModelSpec spec = ModelSpec::mirrored(400, {64}, 4, Activation::Tanh, Likelihood::Bernoulli, mode);
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
    Vector<float> g_all, g_one;
    const LossParts all_threads = run(g_all);
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);  // the training threads follow OpenMP's setting
    const LossParts one_thread = run(g_one);
    omp_set_num_threads(threads);
    CHECK(one_thread.recon == all_threads.recon);
    CHECK(one_thread.kl == all_threads.kl);
    CHECK(g_one == g_all);
}
#endif
