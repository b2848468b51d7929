// Exercise 7's checks of a student's code (schedule, ELBO, k-means, matching, log-mean-exp), its settings,
// its data loading when MNIST is absent, and the epoch log it reads back.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "ex07/epoch_log.hpp"
#include "ex07/report.hpp"
#include "temp_dir.hpp"
#include "vae/error.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/nn/likelihood.hpp"
#include "vae/rng.hpp"

namespace test_mnist_checks {

using namespace vae::mnist;
namespace nn = vae::nn;
using vae::analysis::Labels;
using vae::analysis::Matrix;

namespace {

Settings parse(const std::vector<std::string>& args) {
    return vae::parse_command_line(add_flags, args).settings;
}

// The ELBO written out element by element, in double: an independent computation.
Elbo elbo_by_loops(const Batch& x, const Workspace& ws) {
    const auto l = ws.logits();
    const auto mu = ws.mu();
    const auto lv = ws.logvar();
    double recon = 0, kl = 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            const double p = 1.0 / (1.0 + std::exp(-double(l(i, j))));  // sigmoid
            recon -= double(x(i, j)) * std::log(p) + (1.0 - double(x(i, j))) * std::log(1.0 - p);
        }
        for (Eigen::Index k = 0; k < mu.cols(); ++k)
            kl += 0.5 * (std::exp(double(lv(i, k))) + double(mu(i, k)) * mu(i, k) - lv(i, k) - 1.0);
    }
    return {recon / double(x.rows()), kl / double(x.rows())};
}

}  // namespace

TEST_CASE("check_schedule accepts lib's warm-up and names the first wrong beta", "[mnist]") {
    Settings s;
    s.epochs = 8;
    s.beta = 1.0;
    s.warmup_epochs = 5;
    const BetaFunction right = [](int e, double beta, int k) {
        return k == 0 ? beta : beta * double(std::min(e, k)) / double(k);
    };
    REQUIRE_NOTHROW(check_schedule(right, s));

    // The classic slip: integer division gives 0 until the warm-up ends.
    const BetaFunction integer_division = [](int e, double beta, int k) {
        return k == 0 ? beta : beta * double(std::min(e, k) / k);
    };
    REQUIRE_THROWS_WITH(check_schedule(integer_division, s),
                        ContainsText("warmup_beta(epoch 1, beta 1, warm-up 5) is 0"));
    // Counting epochs from 1 reaches beta one epoch early.
    const BetaFunction from_one = [](int e, double beta, int k) {
        return k == 0 ? beta : beta * double(std::min(e + 1, k)) / double(k);
    };
    REQUIRE_THROWS_AS(check_schedule(from_one, s), std::logic_error);
    // Forgetting K = 0 divides by zero; the fixed cases catch it even when the run warms up.
    const BetaFunction no_constant_case = [](int e, double beta, int k) {
        return beta * double(std::min(e, k)) / double(k);
    };
    REQUIRE_THROWS_WITH(check_schedule(no_constant_case, s), ContainsText("warm-up 0"));
}

TEST_CASE("test_elbo sums a student's ELBO over batches and matches nn::evaluate", "[mnist]") {
    const nn::ModelSpec spec = nn::ModelSpec::mirrored(6, {5}, 2, nn::Activation::ReLU);
    const Model model(spec, 7);
    Images x(23, 6);  // 23 rows: batches of 10, 10 and 3
    vae::Rng rng(3, vae::Stream::Data);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = float(rng.uniform());

    const Elbo mine = test_elbo(model, x, 11, elbo_by_loops, 10);
    const nn::LossParts lib = nn::evaluate(model, x, 11, 10);
    CHECK_THAT(mine.recon, WithinRel(lib.recon, 1e-5));
    CHECK_THAT(mine.kl, WithinRel(lib.kl, 1e-5));
    CHECK_THAT(mine.negative(), WithinRel(lib.recon + lib.kl, 1e-5));

    // Half the KL (the 0.5 counted twice) is caught on the first batch.
    const ElboFunction half_kl = [](const Batch& b, const Workspace& ws) {
        Elbo e = elbo_by_loops(b, ws);
        e.kl *= 0.5;
        return e;
    };
    REQUIRE_THROWS_WITH(test_elbo(model, x, 11, half_kl, 10), ContainsText("KL term"));
    // Averaging over pixels as well as images (BCE's default 'mean') is caught too.
    const ElboFunction mean_over_pixels = [](const Batch& b, const Workspace& ws) {
        Elbo e = elbo_by_loops(b, ws);
        e.recon /= double(b.cols());
        return e;
    };
    REQUIRE_THROWS_WITH(test_elbo(model, x, 11, mean_over_pixels, 10), ContainsText("reconstruction term"));
}

TEST_CASE("check_kmeans accepts a finished Lloyd run and returns its inertia", "[mnist]") {
    Matrix x(4, 1);
    x << 0, 1, 10, 11;
    // Means 0.5 and 10.5: every sample is 0.5 from its mean, inertia 4 * 0.25.
    CHECK_THAT(check_kmeans(x, {0, 0, 1, 1}, 2), WithinRel(1.0, 1e-15));
    CHECK_THAT(check_kmeans(x, {1, 1, 0, 0}, 2), WithinRel(1.0, 1e-15));  // numbering is free
    // Sample 1 sits at 1, its cluster's mean at 22/3, the other mean at 0: not finished.
    REQUIRE_THROWS_WITH(check_kmeans(x, {0, 1, 1, 1}, 2), ContainsText("sample 1 is in cluster 1"));
    REQUIRE_THROWS_WITH(check_kmeans(x, {0, 0, 2, 1}, 2), ContainsText("numbered 0..1"));
    REQUIRE_THROWS_AS(check_kmeans(x, {0, 0, 1}, 2), std::logic_error);
}

TEST_CASE("check_matching wants the best one-to-one pairing", "[mnist]") {
    // Counts n(cluster, label): c0 = {2, 1, 0}, c1 = {2, 0, 0}, c2 = {0, 1, 2}.
    const Labels clusters = {0, 0, 0, 1, 1, 2, 2, 2};
    const Labels labels = {0, 0, 1, 0, 0, 2, 2, 1};
    // Best: c0 -> 1, c1 -> 0, c2 -> 2 puts 1 + 2 + 2 = 5 of 8 on their label.
    vae::analysis::ClusterMatching best;
    best.label_of = {1, 0, 2};
    best.matched = 5;
    best.total = 8;
    best.accuracy = 5.0 / 8.0;
    REQUIRE_NOTHROW(check_matching(best, clusters, labels, 3));

    vae::analysis::ClusterMatching diagonal = best;  // c0 -> 0, c1 -> 1, c2 -> 2: only 4
    diagonal.label_of = {0, 1, 2};
    diagonal.matched = 4;
    diagonal.accuracy = 0.5;
    REQUIRE_THROWS_WITH(check_matching(diagonal, clusters, labels, 3),
                        ContainsText("best one-to-one matching puts 5"));

    vae::analysis::ClusterMatching greedy = best;  // each cluster's most frequent label: 0, 0, 2
    greedy.label_of = {0, 0, 2};
    greedy.matched = 6;
    greedy.accuracy = 0.75;
    REQUIRE_THROWS_WITH(check_matching(greedy, clusters, labels, 3), ContainsText("same label 0"));

    vae::analysis::ClusterMatching miscounted = best;
    miscounted.matched = 6;
    REQUIRE_THROWS_WITH(check_matching(miscounted, clusters, labels, 3),
                        ContainsText("its pairs put 5 of 8"));
    vae::analysis::ClusterMatching wrong_share = best;
    wrong_share.accuracy = 5.0 / 3.0;
    REQUIRE_THROWS_WITH(check_matching(wrong_share, clusters, labels, 3), ContainsText("accuracy"));
}

TEST_CASE("check_log_mean_exp wants the stable form and names the usual slips", "[mnist]") {
    // Loops, not Eigen's exp: GCC 12 warns inside its AVX-512 intrinsics when that is inlined.
    const auto sum_exp = [](const vae::Vector& w, double shift) {
        double sum = 0.0;
        for (Eigen::Index k = 0; k < w.size(); ++k) sum += std::exp(w(k) - shift);
        return sum;
    };
    const auto stable = [&](const vae::Vector& w) {
        const double m = w.maxCoeff();
        return m + std::log(sum_exp(w, m) / double(w.size()));
    };
    check_log_mean_exp(stable);
    const auto naive = [&](const vae::Vector& w) { return std::log(sum_exp(w, 0.0) / double(w.size())); };
    REQUIRE_THROWS_WITH(check_log_mean_exp(naive), ContainsText("log_mean_exp(w = {1000, 1000}) is inf"));
    REQUIRE_THROWS_WITH(check_log_mean_exp(naive), ContainsText("factor out the largest weight"));
    const auto sum_not_mean = [&](const vae::Vector& w) { return stable(w) + std::log(double(w.size())); };
    REQUIRE_THROWS_WITH(check_log_mean_exp(sum_not_mean), ContainsText("the log of the sum"));
    const auto k_outside = [&](const vae::Vector& w) {
        const double m = w.maxCoeff();
        return m + std::log(sum_exp(w, m)) / double(w.size());
    };
    REQUIRE_THROWS_WITH(check_log_mean_exp(k_outside), ContainsText("1/K belongs inside the log"));
    const auto mean_of_w = [](const vae::Vector& w) { return w.mean(); };
    REQUIRE_THROWS_WITH(check_log_mean_exp(mean_of_w), ContainsText("not the mean of the w_k"));

    vae::Vector w(3);
    w << -90.0, -95.0, -100.0;
    CHECK(checked_log_mean_exp(stable, w, 7) == nn::log_mean_exp(w.data(), 3));
    REQUIRE_THROWS_WITH(checked_log_mean_exp(sum_not_mean, w, 7), ContainsText("test image 7's K = 3"));
}

TEST_CASE("parse_arch reads the presets and refuses anything else", "[mnist]") {
    std::vector<int> hidden;
    int latent = 0;
    parse_arch(kArch2d, hidden, latent);
    CHECK(hidden == std::vector<int>{512, 256});
    CHECK(latent == 2);
    parse_arch(kArch20d, hidden, latent);
    CHECK(hidden == std::vector<int>{400});
    CHECK(latent == 20);
    for (const char* bad : {"785-2", "784", "784--2", "784-a-2", "784-2-", "784-0-2", ""})
        REQUIRE_THROWS_AS(parse_arch(bad, hidden, latent), vae::UsageError);
}

TEST_CASE("exercise 7's flags give the issue's defaults and refuse impossible subsets", "[mnist]") {
    const Settings s = parse({});
    CHECK(s.model_spec().describe() == "784-512-256-[2]-256-512-784 relu/relu bernoulli vae");
    CHECK(s.epochs == 20);
    CHECK(s.batch_size == 128);
    CHECK(s.learning_rate == 1e-3);
    CHECK(s.schedule().at(0) == 0.0);
    CHECK_THAT(s.schedule().at(2), WithinRel(0.4, 1e-15));
    CHECK(s.schedule().at(5) == 1.0);
    CHECK(s.tag() == "mnist_2d");

    const Settings c = parse({"--arch", "784-400-20", "--beta-warmup", "0", "--dataset", "fashion"});
    CHECK(c.model_spec().describe() == "784-400-[20]-400-784 relu/relu bernoulli vae");
    CHECK(c.schedule().at(0) == 1.0);
    CHECK(c.tag() == "fashion_20d");

    REQUIRE_THROWS_WITH(parse({"--train-subset", "100"}), ContainsText("--batch-size"));
    REQUIRE_THROWS_WITH(parse({"--test-subset", "9"}), ContainsText("--test-subset"));
    REQUIRE_THROWS_AS(parse({"--arch", "784-100-3"}), vae::UsageError);

    // The evaluation settings: the defaults, and their bounds.
    CHECK(s.iw_samples == 1000);
    CHECK(s.iw_images == 500);
    CHECK(s.tsne_images == 2000);
    CHECK_FALSE(s.no_animation);
    const Settings e =
        parse({"--iw-samples", "10", "--iw-images", "50", "--tsne-images", "100", "--no-animation"});
    CHECK(e.iw_samples == 10);
    CHECK(e.iw_images == 50);
    CHECK(e.tsne_images == 100);
    CHECK(e.no_animation);
    REQUIRE_THROWS_WITH(parse({"--tsne-images", "99"}),
                        ContainsText("--tsne-images expects an integer (100 to 5000)"));
    REQUIRE_THROWS_WITH(parse({"--iw-samples", "40001"}), ContainsText("--iw-samples expects at most 40000"));
    // Only the images the estimate can use count: a small test subset allows a larger K.
    CHECK(parse({"--iw-samples", "40001", "--test-subset", "100"}).iw_samples == 40001);
}

TEST_CASE("load_data says how to fetch MNIST when it is absent", "[mnist]") {
    vae_test::TempDir dir;
    const Settings s;
    try {
        load_data(dir.file(""), s);
        FAIL("load_data did not throw");
    } catch (const vae::MissingData& e) {
        CHECK_THAT(e.what(), ContainsText("scripts/fetch-mnist"));
        CHECK_THAT(e.what(), ContainsText("mnist"));
    }
    // Three of the four files are not enough either.
    std::filesystem::create_directory(dir.file("mnist"));
    for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"})
        dir.write(std::string("mnist/") + name, "");
    CHECK_FALSE(mnist_present(dir.file("mnist")));
    REQUIRE_THROWS_AS(load_data(dir.file(""), s), vae::MissingData);
    // With all four present but empty, the loader's own validation speaks (not "missing").
    dir.write("mnist/t10k-labels-idx1-ubyte.gz", "");
    CHECK(mnist_present(dir.file("mnist")));
    try {
        load_data(dir.file(""), s);
        FAIL("load_data accepted empty files");
    } catch (const vae::MissingData&) {
        FAIL("empty files were reported as missing");
    } catch (const vae::InputError& e) {
        CHECK_THAT(e.what(), ContainsText("train-images-idx3-ubyte"));
    }
}

TEST_CASE("read_epoch_log reads back what nn::train writes", "[mnist]") {
    vae_test::TempDir dir;
    nn::EpochStats a;
    a.epoch = 1;
    a.beta = 0.25;
    a.total = 180.5;
    a.recon = 170.25;
    a.kl = 41.0;
    a.grad_norm = 95.125;
    a.has_test = true;
    a.test_total = 160.0;
    a.test_recon = 150.0;
    a.test_kl = 40.0;
    a.seconds = 1.5;
    nn::EpochStats b = a;
    b.epoch = 2;
    b.has_test = false;
    b.test_total = b.test_recon = b.test_kl = std::nan("");
    const std::string path = dir.write(
        "log.csv", nn::epoch_csv_header() + "\n" + nn::epoch_csv_row(a) + "\n" + nn::epoch_csv_row(b) + "\n");
    const std::vector<nn::EpochStats> log = read_epoch_log(path);
    REQUIRE(log.size() == 2);
    CHECK(log[0].epoch == 1);
    CHECK(log[0].beta == 0.25);
    CHECK(log[0].recon == 170.25);
    CHECK(log[0].grad_norm == 95.125);
    CHECK(log[0].has_test);
    CHECK(log[0].test_kl == 40.0);
    CHECK(log[0].seconds == 1.5);
    CHECK(log[1].epoch == 2);
    CHECK_FALSE(log[1].has_test);
    CHECK(std::isnan(log[1].test_total));

    const std::string bad =
        dir.write("bad.csv", nn::epoch_csv_header() + "\n" + nn::epoch_csv_row(a) + "\n1,2,x\n");
    REQUIRE_THROWS_WITH(read_epoch_log(bad), ContainsText("line 3"));
    const std::string not_number =
        dir.write("nan.csv", nn::epoch_csv_header() + "\n1,0.5,abc,1,1,1,1,1,1,1\n");
    REQUIRE_THROWS_WITH(read_epoch_log(not_number), ContainsText("column 3 (total)"));
    REQUIRE_THROWS_AS(read_epoch_log(dir.write("header.csv", "epoch,beta\n")), vae::InputError);
}

}  // namespace test_mnist_checks
