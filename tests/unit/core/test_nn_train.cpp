// Training on synthetic problems: the loss falls, reconstructions improve, runs are
// reproducible bit for bit (at sizes where the matrix products are blocked), logs are
// written, and divergence stops with a clear error.
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "catch_compat.hpp"
#include "vae/data/idx.hpp"
#include "vae/error.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/nn/train.hpp"

namespace test_nn_train {

using namespace vae::nn;

namespace {

// `width` features in (0, 1) driven by 2 hidden factors: x = sigmoid(A t + c), t ~ N(0, I).
// The offsets c repeat every 12 features, so that wide data does not saturate.
RowMatrix<float> synthetic(int n, std::uint64_t seed, int width = 12) {
    vae::Rng rng(seed, vae::Stream::Data);
    RowMatrix<double> A(2, width);
    for (Eigen::Index i = 0; i < A.size(); ++i) A.data()[i] = 2.0 * std::sin(1.3 * i + 0.4);
    RowMatrix<float> x(n, width);
    for (int i = 0; i < n; ++i) {
        const double t0 = rng.normal(), t1 = rng.normal();
        for (int j = 0; j < width; ++j)
            x(i, j) = float(1.0 / (1.0 + std::exp(-(A(0, j) * t0 + A(1, j) * t1 + 0.1 * (j % 12) - 0.5))));
    }
    return x;
}

ModelSpec spec() { return ModelSpec::mirrored(12, {24}, 2, Activation::ReLU); }

TrainConfig config(int epochs) {
    TrainConfig c;
    c.epochs = epochs;
    c.batch_size = 32;  // 600 rows: 18 full batches and one of 24
    c.seed = 5;
    c.adam.lr = 5e-3;
    return c;
}

double mean_squared_error(const RowMatrix<float>& a, const RowMatrix<float>& b) {
    return (a - b).cast<double>().squaredNorm() / double(a.size());
}

}  // namespace

TEST_CASE("Training lowers the loss and improves reconstructions", "[nn][train]") {
    const RowMatrix<float> x = synthetic(600, 1);
    const RowMatrix<float> test = synthetic(200, 2);
    const Model<float> untrained(spec(), 3);
    Model<float> model = untrained;

    TrainConfig c = config(40);
    c.beta = BetaSchedule::linear_warmup(0.0, 1.0, 10);
    int calls = 0;
    const auto history = train(model, x, &test, c, [&](const EpochStats& s, const Model<float>&) {
        ++calls;
        CHECK(s.epoch == calls);
    });
    REQUIRE(history.size() == 40);
    CHECK(calls == 40);
    CHECK(history[0].beta == 0.0);
    CHECK(history[5].beta == 0.5);
    CHECK(history[39].beta == 1.0);

    // With beta fixed at 1 from epoch 11, the total must keep falling.
    INFO("total at epoch 11: " << history[10].total << ", at epoch 40: " << history[39].total);
    CHECK(history[39].total < history[10].total);
    CHECK(history[39].recon < 0.8 * history[0].recon);
    CHECK(history[39].has_test);
    CHECK(std::isfinite(history[39].test_total));
    CHECK(history[39].grad_norm > 0.0);

    // The test ELBO of the trained model beats the untrained one, with the same eps (train
    // evaluates with Rng(config seed, Noise)).
    const LossParts before = evaluate(untrained, test, c.seed);
    const LossParts after = evaluate(model, test, c.seed);
    CHECK(after.total(1.0) < before.total(1.0));
    CHECK_THAT(after.total(1.0), WithinRel(history[39].test_total, 1e-6));

    // Reconstructions through the means: the trained model's error is far smaller.
    const double err_before = mean_squared_error(reconstruct(untrained, test), test);
    const double err_after = mean_squared_error(reconstruct(model, test), test);
    INFO("reconstruction MSE before " << err_before << ", after " << err_after);
    CHECK(err_after < 0.5 * err_before);
}

TEST_CASE("The autoencoder mode trains too", "[nn][train]") {
    const RowMatrix<float> x = synthetic(600, 1);
    ModelSpec s = spec();
    s.mode = Mode::Autoencoder;
    const Model<float> untrained(s, 3);
    Model<float> model = untrained;
    const auto history = train(model, x, nullptr, config(30));
    CHECK(history.back().kl == 0.0);
    CHECK(!history.back().has_test);
    CHECK(std::isnan(history.back().test_total));
    CHECK(mean_squared_error(reconstruct(model, x), x) <
          0.5 * mean_squared_error(reconstruct(untrained, x), x));
}

TEST_CASE("Training is reproducible bit for bit", "[nn][train]") {
    // Sizes at which the products are summed in sweeps, as in MNIST training:
    // lib/core/src/nn/gemm.hpp cuts a depth above 256 into near-equal sweeps, and the depths here
    // are 784 (the first layer forward and the last layer's backward to its input: 4 sweeps),
    // 400 (the products over the hidden layer: 2 sweeps) and the batch (the weight gradients).
    // 300 rows: 4 batches of 64 and one of 44.
    constexpr int kInput = 784, kHidden = 400, kBatch = 64;
    const RowMatrix<float> x = synthetic(300, 1, kInput);
    const ModelSpec wide = ModelSpec::mirrored(kInput, {kHidden}, 8, Activation::ReLU);
    auto run = [&](std::uint64_t seed, Model<float>& model) {
        TrainConfig c = config(2);
        c.batch_size = kBatch;
        c.seed = seed;
        c.clip_norm = 5.0;
        return train(model, x, &x, c);
    };
    Model<float> a(wide, 3), b(wide, 3), other(wide, 3);
    const auto ha = run(5, a), hb = run(5, b), ho = run(6, other);
    REQUIRE(ha.size() == 2);
    for (std::size_t e = 0; e < ha.size(); ++e) {
        INFO("epoch " << e + 1);
        CHECK(ha[e].total == hb[e].total);
        CHECK(ha[e].recon == hb[e].recon);
        CHECK(ha[e].kl == hb[e].kl);
        CHECK(ha[e].grad_norm == hb[e].grad_norm);
        CHECK(ha[e].test_total == hb[e].test_total);
    }
    CHECK(Vector<float>(a.params()) == Vector<float>(b.params()));
    // Training moved the parameters, so the equality above is about trained numbers.
    CHECK(Vector<float>(a.params()) != Vector<float>(Model<float>(wide, 3).params()));
    // Another seed shuffles and samples differently.
    CHECK(ho.back().total != ha.back().total);
}

TEST_CASE("Training on bytes gives the bits of training on their intensities", "[nn][train]") {
    // MNIST's training images stay bytes; each batch is converted as it is gathered. The run
    // must be the run on the matrix converted at load, bit for bit.
    constexpr int kWidth = 40, kRows = 150;
    RowMatrix<std::uint8_t> bytes(kRows, kWidth);
    vae::Rng rng(4, vae::Stream::Data);
    for (Eigen::Index i = 0; i < bytes.size(); ++i) bytes.data()[i] = std::uint8_t(rng.uniform() * 256.0);
    RowMatrix<float> floats(kRows, kWidth);
    for (Eigen::Index i = 0; i < bytes.size(); ++i) floats.data()[i] = float(bytes.data()[i]) / 255.0f;
    REQUIRE(floats.maxCoeff() <= 1.0f);

    // gather() itself, on rows out of order.
    const Eigen::Index order[3] = {7, 0, 149};
    RowMatrix<float> got(3, kWidth);
    TrainingRows<float>(bytes).gather(order, got);
    for (int i = 0; i < 3; ++i) CHECK(got.row(i) == floats.row(order[i]));
    // Every byte value, against the loader's conversion.
    RowMatrix<std::uint8_t> all(1, 256);
    for (int b = 0; b < 256; ++b) all(0, b) = std::uint8_t(b);
    RowMatrix<float> all_out(1, 256);
    const Eigen::Index first = 0;
    TrainingRows<float>(all).gather(&first, all_out);
    for (int b = 0; b < 256; ++b) CHECK(all_out(0, b) == vae::data::byte_intensity(std::uint8_t(b)));

    const ModelSpec net = ModelSpec::mirrored(kWidth, {16}, 2, Activation::ReLU);
    Model<float> on_bytes(net, 2), on_floats(net, 2);
    TrainConfig c = config(2);
    c.batch_size = 32;
    const auto hb = train(on_bytes, bytes, &floats, c);
    const auto hf = train(on_floats, floats, &floats, c);
    for (std::size_t e = 0; e < hb.size(); ++e) {
        INFO("epoch " << e + 1);
        CHECK(hb[e].total == hf[e].total);
        CHECK(hb[e].test_total == hf[e].test_total);
    }
    CHECK(Vector<float>(on_bytes.params()) == Vector<float>(on_floats.params()));
    CHECK(Vector<float>(on_bytes.params()) != Vector<float>(Model<float>(net, 2).params()));
}

TEST_CASE("Training writes a CSV log with one row per epoch", "[nn][train]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("vae_nn_train_" + std::to_string(::getpid()));
    const std::string path = (dir / "log" / "train.csv").string();
    const RowMatrix<float> x = synthetic(100, 1);
    Model<float> model(spec(), 3);
    TrainConfig c = config(3);
    c.csv_path = path;
    const auto history = train(model, x, nullptr, c);

    std::ifstream in(path);
    REQUIRE(in);
    std::string line;
    std::getline(in, line);
    CHECK(line == epoch_csv_header());
    int rows = 0;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string epoch, beta, total;
        std::getline(fields, epoch, ',');
        std::getline(fields, beta, ',');
        std::getline(fields, total, ',');
        CHECK(std::stoi(epoch) == rows + 1);
        CHECK_THAT(std::stod(total), WithinRel(history[rows].total, 1e-8));
        CHECK(line.find(",,,") != std::string::npos);  // no test set: empty test columns
        ++rows;
    }
    CHECK(rows == 3);
    fs::remove_all(dir);
}

TEST_CASE("A NaN stops training with the epoch and batch named", "[nn][train]") {
    RowMatrix<float> x = synthetic(64, 1);
    x(10, 3) = std::numeric_limits<float>::quiet_NaN();
    Model<float> model(spec(), 3);
    TrainConfig c = config(2);
    c.shuffle = false;  // row 10 then sits in batch 1 of 2
    REQUIRE_THROWS_WITH(train(model, x, nullptr, c),
                        "training stopped: the reconstruction loss became NaN or infinite at "
                        "epoch 1, batch 1 of 2 (try a smaller learning rate or gradient clipping)");
    REQUIRE_THROWS_AS(train(model, x, nullptr, c), vae::NumericError);
}

TEST_CASE("Bad training settings are refused", "[nn][train]") {
    const RowMatrix<float> x = synthetic(10, 1);
    Model<float> model(spec(), 3);
    TrainConfig c = config(0);
    REQUIRE_THROWS_AS(train(model, x, nullptr, c), vae::UsageError);
    const RowMatrix<float> wrong(10, 5);
    REQUIRE_THROWS_WITH(train(model, wrong, nullptr, config(1)),
                        "the training set has 5 features, the model expects 12");
}

}  // namespace test_nn_train
