// t-SNE against truths that do not come from it: the definition of perplexity, the
// derivative of its own objective by finite differences, and data whose clusters are known
// (and which the PCA plane cannot separate).
#ifdef _OPENMP
#include <omp.h>
#endif

#include <algorithm>
#include <cmath>

#include "../../lib/core/src/nn/thread_pool.hpp"
#include "catch_compat.hpp"
#include "vae/analysis/neighbours.hpp"
#include "vae/analysis/pca.hpp"
#include "vae/analysis/tsne.hpp"
#include "vae/rng.hpp"

namespace test_analysis_tsne {

using namespace vae::analysis;

namespace {

Matrix normals(int rows, int cols, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Data);
    Matrix m(rows, cols);
    for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = rng.normal();
    return m;
}

// `clusters` blobs of `per_cluster` points, N(10 e_c, I) in as many dimensions as clusters:
// every centre 14 from every other, each blob about 4.5 across. Labels are the blob.
struct Blobs {
    Matrix x;
    Labels labels;
};
Blobs simplex_blobs(int clusters, int per_cluster, std::uint64_t seed) {
    Blobs b;
    b.x = normals(clusters * per_cluster, clusters, seed);
    for (int i = 0; i < clusters * per_cluster; ++i) {
        b.labels.push_back(i / per_cluster);  // blocks, so each blob has even and odd rows
        b.x(i, i / per_cluster) += 10.0;
    }
    return b;
}

// k-NN accuracy of the even rows as training set for the odd rows.
double split_knn_accuracy(const Matrix& y, const Labels& labels) {
    Matrix train(0, y.cols()), test(0, y.cols());
    Labels train_labels, test_labels;
    for (Eigen::Index i = 0; i < y.rows(); ++i) {
        Matrix& to = i % 2 == 0 ? train : test;
        to.conservativeResize(to.rows() + 1, Eigen::NoChange);
        to.row(to.rows() - 1) = y.row(i);
        (i % 2 == 0 ? train_labels : test_labels).push_back(labels[std::size_t(i)]);
    }
    return knn_accuracy(train, train_labels, test, test_labels, 5);
}

}  // namespace

TEST_CASE("t-SNE affinities: each row a Gaussian at the asked perplexity", "[analysis][tsne]") {
    const Matrix x = normals(30, 3, 4);
    const double perplexity = 5.0;
    const Matrix p = tsne_conditional_affinities(x, perplexity);
    for (Eigen::Index i = 0; i < p.rows(); ++i) {
        INFO("row " << i);
        CHECK(p(i, i) == 0.0);
        CHECK_THAT(p.row(i).sum(), WithinRel(1.0, 1e-12));
        // Perplexity = exp(entropy), by definition.
        double entropy = 0.0;
        for (Eigen::Index j = 0; j < p.cols(); ++j)
            if (p(i, j) > 0) entropy -= p(i, j) * std::log(p(i, j));
        CHECK_THAT(entropy, WithinAbs(std::log(perplexity), 1e-5));
        // A Gaussian in the distance: log p_j + beta d_j^2 is the same for every j. beta from the
        // nearest and the farthest neighbour must fit all the others.
        Eigen::Index near = i == 0 ? 1 : 0, far = near;
        for (Eigen::Index j = 0; j < p.cols(); ++j) {
            if (j == i) continue;
            if (p(i, j) > p(i, near)) near = j;
            if (p(i, j) < p(i, far)) far = j;
        }
        const auto d2 = [&](Eigen::Index j) { return (x.row(i) - x.row(j)).squaredNorm(); };
        const double beta = std::log(p(i, near) / p(i, far)) / (d2(far) - d2(near));
        for (Eigen::Index j = 0; j < p.cols(); ++j)
            if (j != i && p(i, j) > 1e-200)
                CHECK_THAT(std::log(p(i, j)) + beta * d2(j),
                           WithinAbs(std::log(p(i, near)) + beta * d2(near), 1e-8));
    }
    const Matrix joint = tsne_joint_affinities(x, perplexity);
    CHECK((joint - joint.transpose()).cwiseAbs().maxCoeff() == 0.0);
    CHECK_THAT(joint.sum(), WithinRel(1.0, 1e-12));
    CHECK_THAT(joint(3, 7), WithinRel((p(3, 7) + p(7, 3)) / 60.0, 1e-15));
}

TEST_CASE("t-SNE affinities of equidistant points are uniform, whatever the perplexity", "[analysis][tsne]") {
    // The corners of a simplex (rows of the identity) are all sqrt 2 apart: no beta can make
    // one neighbour likelier than another.
    const Matrix x = Matrix::Identity(6, 6);
    const Matrix p = tsne_conditional_affinities(x, 2.0);
    for (Eigen::Index i = 0; i < 6; ++i)
        for (Eigen::Index j = 0; j < 6; ++j) CHECK_THAT(p(i, j), WithinAbs(i == j ? 0.0 : 0.2, 1e-15));
    REQUIRE_THROWS_AS(tsne_conditional_affinities(x, 5.0), std::invalid_argument);  // perplexity >= n - 1
    REQUIRE_THROWS_AS(tsne_conditional_affinities(x, 0.5), std::invalid_argument);
}

TEST_CASE("t-SNE gradient is the derivative of its KL divergence (finite differences)", "[analysis][tsne]") {
    const Matrix x = normals(7, 3, 1);
    const Matrix p = tsne_joint_affinities(x, 2.0);
    const Matrix y = normals(7, 2, 2);
    const Matrix grad = tsne_gradient(p, y);
    const double h = 1e-5;
    for (Eigen::Index i = 0; i < y.rows(); ++i)
        for (Eigen::Index c = 0; c < 2; ++c) {
            Matrix plus = y, minus = y;
            plus(i, c) += h;
            minus(i, c) -= h;
            const double numeric = (tsne_kl_divergence(p, plus) - tsne_kl_divergence(p, minus)) / (2 * h);
            INFO("y(" << i << ", " << c << ")");
            CHECK_THAT(grad(i, c), WithinAbs(numeric, 1e-8 + 1e-6 * std::abs(numeric)));
        }
    // KL(P || Q) >= 0, and 0 only when Q = P: a hand-made case with Q = P exactly. Three
    // points on a line at 0, 1, 2 give w = 1/2, 1/5, 1/2 (both directions), Z = 2 (1/2 + 1/5 + 1/2).
    Matrix y3(3, 2);
    y3 << 0, 0, 1, 0, 2, 0;
    Matrix q(3, 3);
    q << 0, 0.5, 0.2, 0.5, 0, 0.5, 0.2, 0.5, 0;
    q /= 2.4;
    CHECK_THAT(tsne_kl_divergence(q, y3), WithinAbs(0.0, 1e-15));
    CHECK((tsne_gradient(q, y3).cwiseAbs().maxCoeff()) < 1e-15);
}

TEST_CASE("t-SNE separates clusters the PCA plane mixes, the same way every run", "[analysis][tsne]") {
    // Twenty blobs at the corners of a simplex: no plane shows them apart (each direction of
    // the simplex carries the same variance), but their neighbourhoods do not overlap at all.
    const Blobs b = simplex_blobs(20, 20, 3);
    TsneOptions options;
    options.perplexity = 10.0;  // below the 19 other points of a blob
    const double pca_accuracy = split_knn_accuracy(fit_pca(b.x, 2).transform(b.x), b.labels);
    const Tsne first = fit_tsne(b.x, options);
    const double tsne_accuracy = split_knn_accuracy(first.embedding, b.labels);
    INFO("5-NN accuracy: PCA plane " << pca_accuracy << ", t-SNE " << tsne_accuracy);
    CHECK(pca_accuracy < 0.7);
    CHECK(tsne_accuracy >= 0.99);
    CHECK(silhouette_score(first.embedding, b.labels) > 0.7);
    // The optimisation went down after the exaggeration, and reports where it ended.
    REQUIRE(first.kl_iterations == std::vector<int>{250, 500, 750, 1000});
    CHECK(first.kl_divergence == first.kl_history.back());
    CHECK(first.kl_divergence < first.kl_history[0]);  // iteration 250, its end
    CHECK(first.learning_rate == 50.0);                // 400 / 12 < 50

    // Determinism: bit for bit, with no seed (PCA start) and with a seeded random start.
    const Tsne again = fit_tsne(b.x, options);
    CHECK(again.embedding == first.embedding);
    TsneOptions random = options;
    random.start = TsneStart::Random;
    random.seed = 5;
    const Tsne r1 = fit_tsne(b.x, random), r2 = fit_tsne(b.x, random);
    CHECK(r1.embedding == r2.embedding);
    CHECK(split_knn_accuracy(r1.embedding, b.labels) >= 0.99);
    random.seed = 6;
    CHECK(fit_tsne(b.x, random).embedding != r1.embedding);
}

#ifdef _OPENMP
TEST_CASE("t-SNE gives the same bits on one thread as on several", "[analysis][tsne]") {
    struct RestoreThreads {
        const int saved = omp_get_max_threads();
        ~RestoreThreads() { omp_set_num_threads(saved); }
    } restore;
    const Blobs b = simplex_blobs(5, 30, 8);
    TsneOptions options;
    options.iterations = 300;
    options.perplexity = 10.0;
    omp_set_num_threads(std::max(2, restore.saved));
    REQUIRE(vae::nn::detail::available_threads() >= 2);
    const Tsne many = fit_tsne(b.x, options);
    omp_set_num_threads(1);
    REQUIRE(vae::nn::detail::available_threads() == 1);
    const Tsne one = fit_tsne(b.x, options);
    CHECK(one.embedding == many.embedding);
    CHECK(one.kl_divergence == many.kl_divergence);
}
#endif

}  // namespace test_analysis_tsne
