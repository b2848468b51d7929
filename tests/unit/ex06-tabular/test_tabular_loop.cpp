// Exercise 6 asks the student for an epoch loop built from lib's pieces (shuffle with the
// Shuffle stream, Model::forward drawing eps from the Noise stream, backward, one Adam step;
// the test split scored with the Noise stream restarted). That recipe is what nn::train does,
// so the two must agree: here the recipe is written out once more and held against nn::train.
#include <numeric>
#include <vector>

#include "catch_compat.hpp"
#include "vae/nn/adam.hpp"
#include "vae/nn/train.hpp"

namespace test_tabular_loop {

namespace nn = vae::nn;
using Matrix = nn::RowMatrix<double>;

namespace {

// Rows in (0, 1), as a Bernoulli decoder expects: x_ij = sigmoid(sin(0.7 i + 1.3 j)).
Matrix rows_in_unit_interval(int n, int d, int shift) {
    Matrix x(n, d);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < d; ++j)
            x(i, j) = 1.0 / (1.0 + std::exp(-2.0 * std::sin(0.7 * (i + shift) + 1.3 * j)));
    return x;
}

struct EpochNumbers {
    double recon, kl, test_recon, test_kl;
};

std::vector<EpochNumbers> recipe(nn::Model<double>& model, const Matrix& train, const Matrix& test,
                                 double beta, int epochs, int batch_size, double lr, std::uint64_t seed) {
    nn::Adam<double> adam(model.num_params(), {lr});
    nn::Workspace<double> ws;
    vae::Rng order_rng(seed, vae::Stream::Shuffle), noise(seed, vae::Stream::Noise);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(train.rows()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::vector<EpochNumbers> out;
    Matrix batch;
    for (int e = 0; e < epochs; ++e) {
        order_rng.shuffle(order);
        double recon = 0, kl = 0;
        for (Eigen::Index first = 0; first < train.rows(); first += batch_size) {
            const Eigen::Index rows = std::min<Eigen::Index>(batch_size, train.rows() - first);
            batch.resize(rows, train.cols());
            for (Eigen::Index i = 0; i < rows; ++i) batch.row(i) = train.row(order[std::size_t(first + i)]);
            const nn::LossParts loss = model.forward(batch, noise, ws);
            model.backward(batch, nn::LossWeights{1.0, beta}, ws);
            adam.step(model.params(), model.grads());
            recon += loss.recon * double(rows);
            kl += loss.kl * double(rows);
        }
        vae::Rng test_noise(seed, vae::Stream::Noise);
        const nn::LossParts t = model.forward(test, test_noise, ws);
        out.push_back({recon / double(train.rows()), kl / double(train.rows()), t.recon, t.kl});
    }
    return out;
}

}  // namespace

TEST_CASE("Exercise 6's epoch-loop recipe reproduces nn::train", "[tabular]") {
    const Matrix train = rows_in_unit_interval(37, 4, 0);  // 37 rows: batches of 8, 8, 8, 8, 5
    const Matrix test = rows_in_unit_interval(11, 4, 100);
    const nn::ModelSpec spec = nn::ModelSpec::mirrored(4, {8}, 2);
    const double beta = 4.0, lr = 3e-3;
    const std::uint64_t seed = 9;

    nn::Model<double> by_recipe(spec, seed), by_train(spec, seed);
    const auto mine = recipe(by_recipe, train, test, beta, 3, 8, lr, seed);

    nn::TrainConfig c;
    c.epochs = 3;
    c.batch_size = 8;
    c.seed = seed;
    c.adam.lr = lr;
    c.beta = nn::BetaSchedule::constant(beta);
    const auto lib = nn::train(by_train, train, &test, c);

    REQUIRE(lib.size() == mine.size());
    for (std::size_t e = 0; e < lib.size(); ++e) {
        INFO("epoch " << e + 1);
        // The same arithmetic in the same order, up to how nn::train may slice a batch.
        CHECK_THAT(mine[e].recon, WithinRel(lib[e].recon, 1e-12));
        CHECK_THAT(mine[e].kl, WithinRel(lib[e].kl, 1e-12));
        CHECK_THAT(mine[e].test_recon, WithinRel(lib[e].test_recon, 1e-12));
        CHECK_THAT(mine[e].test_kl, WithinRel(lib[e].test_kl, 1e-12));
    }
    // And the trained parameters themselves.
    CHECK_THAT((by_recipe.params() - by_train.params()).norm(),
               WithinAbs(0.0, 1e-12 * by_train.params().norm()));
}

}  // namespace test_tabular_loop
