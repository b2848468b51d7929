// Exercise 7's likelihood, latent-usage, picture and map helpers on small made-up models
// and data: each against a hand-worked case or the lib function it must agree with.
#include <algorithm>
#include <cmath>
#include <set>

#include "catch_compat.hpp"
#include "ex07/embeddings.hpp"
#include "ex07/latent_pictures.hpp"
#include "ex07/latent_usage.hpp"
#include "ex07/likelihood_report.hpp"
#include "ex07/training_animation.hpp"
#include "vae/analysis/latent.hpp"
#include "vae/nn/evaluate.hpp"

namespace test_mnist_new_items {

using namespace vae::mnist;

namespace {

// A 16-pixel VAE (4 x 4 images) with random weights, and images with pixels in [0, 1].
Model small_model() { return Model(vae::nn::ModelSpec::mirrored(16, {12}, 3), 5); }

Images random_images(int rows, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Data);
    Images x(rows, 16);
    for (Eigen::Index k = 0; k < x.size(); ++k) x.data()[k] = float(rng.uniform());
    return x;
}

}  // namespace

TEST_CASE("seeded_subset: distinct sorted rows, each as likely as any other", "[mnist]") {
    const auto s = seeded_subset(100, 30, 7);
    REQUIRE(s.size() == 30);
    CHECK(std::is_sorted(s.begin(), s.end()));
    CHECK(std::set<Eigen::Index>(s.begin(), s.end()).size() == 30);
    CHECK(s.front() >= 0);
    CHECK(s.back() < 100);
    CHECK(seeded_subset(100, 30, 7) == s);
    CHECK(seeded_subset(100, 30, 8) != s);
    CHECK(seeded_subset(5, 9, 1) == std::vector<Eigen::Index>{0, 1, 2, 3, 4});
    // 3 of 10 over 4000 seeds: each row chosen with probability 0.3 (sd of the share 0.007).
    std::vector<int> chosen(10, 0);
    for (std::uint64_t seed = 0; seed < 4000; ++seed)
        for (const Eigen::Index i : seeded_subset(10, 3, seed)) ++chosen[std::size_t(i)];
    for (const int c : chosen) CHECK_THAT(c / 4000.0, WithinAbs(0.3, 0.03));
}

TEST_CASE("the likelihood estimate on a subset: its K, its ELBO and its gap", "[mnist]") {
    CHECK(iw_sample_counts(1000) == std::vector<int>{1, 10, 100, 1000});
    CHECK(iw_sample_counts(50) == std::vector<int>{1, 10, 50});
    CHECK(iw_sample_counts(1) == std::vector<int>{1});

    const Model model = small_model();
    const Images test = random_images(40, 2);
    const LikelihoodEstimates e = estimate_likelihood(model, test, 12, 100, 3);
    REQUIRE(e.images == 12);
    REQUIRE(e.by_samples.size() == 3);
    CHECK(e.by_samples[1].samples == 10);
    // The same images through lib directly.
    const Images x = select_images(test, seeded_subset(40, 12, 3));
    const vae::nn::LossParts parts = vae::nn::evaluate(model, x, 3);
    CHECK(e.elbo.recon == parts.recon);
    CHECK(e.elbo.kl == parts.kl);
    CHECK(e.best().nll == vae::nn::iw_nll(model, x, 100, 3).nll);
    CHECK(e.elbo_gap() == e.elbo.negative() - e.best().nll);

    vae::Report report;
    add_likelihood(report, e);
    CHECK(report.value("test_nll_iw") == e.best().nll);
    CHECK(report.value("iw_samples") == 100);
    CHECK(report.value("iw_images") == 12);
    CHECK(report.value("elbo_gap") == e.elbo_gap());
    CHECK(report.value("test_nll_iw_k1") == e.by_samples[0].nll);
    CHECK(report.value("test_nll_iw_k10") == e.by_samples[1].nll);
    CHECK(report.find("test_nll_iw_k100") == nullptr);  // that one is test_nll_iw
}

TEST_CASE("posteriors, KL per dimension and its report names", "[mnist]") {
    const Model model = small_model();
    const Images x = random_images(7, 4);
    const Posteriors p = encode_posteriors(model, x);
    vae::nn::Workspace<float> ws;
    model.encode(x, ws);  // the same one batch of 7
    CHECK(p.mu == ws.mu().cast<double>());
    CHECK(p.logvar == ws.logvar().cast<double>());
    // In batches of 3, 3 and 1 the same numbers up to the products' rounding.
    const Posteriors q = encode_posteriors(model, x, 3);
    CHECK((q.mu - p.mu).cwiseAbs().maxCoeff() < 1e-6);
    CHECK((q.logvar - p.logvar).cwiseAbs().maxCoeff() < 1e-6);

    vae::analysis::Vector kl(3);
    kl << 0.004, 2.5, 0.3;
    vae::Report report;
    add_kl_per_dimension(report, kl);
    CHECK(report.value("kl_dim_1") == 0.004);
    CHECK(report.value("kl_dim_3") == 0.3);
    CHECK(report.value("active_units_kl") == 2);
}

TEST_CASE("traversal values, and the first image of each class", "[mnist]") {
    CHECK(traversal_values(5, 2.0) == std::vector<double>{-2.0, -1.0, 0.0, 1.0, 2.0});
    const vae::analysis::Labels labels = {3, 1, 4, 1, 5, 9, 2, 6};
    using Pairs = std::vector<std::pair<Eigen::Index, Eigen::Index>>;
    CHECK(first_of_classes(labels, {{1, 9}, {4, 6}, {7, 1}}) == Pairs{{1, 5}, {2, 7}});  // no 7: left out
}

TEST_CASE("a training frame: originals, reconstructions, decoded prior codes, in whole rows", "[mnist]") {
    const vae::analysis::Matrix z = prior_codes(3, 3, 9);
    CHECK(z == prior_codes(3, 3, 9));
    vae::Rng rng(9, vae::Stream::Sample);
    CHECK(z(0, 0) == rng.normal());  // row by row from the sampling stream
    CHECK(z(0, 1) == rng.normal());

    const Model model = small_model();
    const Images originals = random_images(3, 6);
    TrainingAnimation animation(originals, z, 2);
    animation.capture(model, "epoch 1");
    REQUIRE(animation.frames() == 1);
    const vae::plot::ImageGrid& g = animation.frame(0);
    // 3 originals in 2 rows of 2, their reconstructions in the next 2, the 3 samples in 2 more.
    CHECK(g.rows == 6);
    CHECK(g.cols == 2);
    const auto tile = [&](int row, int col) {
        return g.pixels.block(row * (g.side + g.gap), col * (g.side + g.gap), g.side, g.side);
    };
    const auto image = [](const vae::Matrix& m, Eigen::Index r) {
        return Eigen::Map<const vae::Matrix>(m.row(r).data(), 4, 4);
    };
    const vae::Matrix recon = vae::nn::reconstruct(model, originals).cast<double>();
    const vae::Matrix samples = vae::nn::decode(model, z.cast<float>().eval()).cast<double>();
    CHECK(tile(1, 0) == image(originals.cast<double>(), 2));
    CHECK(tile(1, 1).isZero());  // the padding of the originals' last row
    CHECK(tile(2, 1) == image(recon, 1));
    CHECK(tile(5, 0) == image(samples, 2));
}

TEST_CASE("even rows classify odd rows: hand-made maps", "[mnist]") {
    // Pairs of rows (even, odd) at the same spot share a label: every odd row is classified
    // right. Shifting the labels of the odd rows by one class makes every one wrong.
    vae::analysis::Matrix y(6, 2);
    y << 0, 0, 0, 0.1, 10, 0, 10, 0.1, 0, 10, 0.1, 10;
    CHECK(even_odd_knn_accuracy(y, {0, 0, 1, 1, 2, 2}, 1) == 1.0);
    CHECK(even_odd_knn_accuracy(y, {0, 1, 1, 2, 2, 0}, 1) == 0.0);
}

}  // namespace test_mnist_new_items
