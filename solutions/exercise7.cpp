// Exercise 7 — a fully connected VAE on MNIST: beta warm-up, the Bernoulli ELBO on pixel
// intensities, and what the latent space learnt about digits (reference solution).
//
// lib trains the network (forward, backward, Adam) and draws the pictures; this file holds
// the parts that teach: the schedule of the KL weight, the bound itself, clustering the
// latent means without labels, scored by the best one-to-one matching of clusters to digits,
// and the stable log-mean-exp at the heart of the importance-weighted -log p(x).
// The exercise: docs/exercise7.md; questions 7e-7g are answered in solutions/answers.md.
#include <algorithm>
#include <cmath>
#include <ex07/report.hpp>
#include <vae/analysis/kmeans.hpp>
#include <vae/analysis/matching.hpp>
#include <vae/exercise.hpp>
#include <vae/rng.hpp>
#include <vector>

namespace mnist = vae::mnist;
using vae::analysis::Labels;
using vae::analysis::Matrix;

// 7a. beta warm-up. Early on, a full KL weight pulls every posterior onto the prior before
// the decoder has learnt to use z. So beta starts at 0 and rises linearly to its value over
// the first K epochs (epochs counted from 0):
//   beta(e) = beta * min(e, K) / K,   and beta(e) = beta when K = 0 (no warm-up).
double warmup_beta(int epoch, double beta, int warmup) {
    if (warmup == 0) return beta;
    return beta * double(std::min(epoch, warmup)) / double(warmup);
}

// 7b. The negative ELBO of a batch x (B images, pixels x in [0, 1]) from one forward pass:
// the decoder's logits l (B x 784), and the encoder's mu and log sigma^2 (B x latent).
// Per image, summed over pixels j and latent dimensions k, then averaged over the batch:
//   recon = (1/B) sum_i sum_j  max(l, 0) - l x + log1p(exp(-|l|))    = -log p(x | z), Bernoulli
//   KL    = (1/B) sum_i 0.5 sum_k (exp(lv) + mu^2 - lv - 1)
// The first line is binary cross-entropy written so that exp never overflows. Summed in
// double: 784 pixels x 500 images of float terms would lose digits.
mnist::Elbo negative_elbo(const mnist::Batch& x, const mnist::Workspace& ws) {
    const double B = double(x.rows());
    const auto l = ws.logits().cast<double>().array();
    const auto xd = x.cast<double>().array();
    const auto mu = ws.mu().cast<double>().array();
    const auto lv = ws.logvar().cast<double>().array();
    mnist::Elbo e;
    e.recon = (l.max(0.0) - l * xd + (-l.abs()).exp().log1p()).sum() / B;
    e.kl = 0.5 * (lv.exp() + mu.square() - lv - 1.0).sum() / B;
    return e;
}

// 7c. k-means on the rows of x: seeded by k-means++ (lib), then Lloyd's two steps until no
// sample changes cluster:
//   assign:  c(i) = argmin_c |x_i - m_c|^2          (the lowest c on a tie)
//   update:  m_c  = mean of the x_i with c(i) = c   (an empty cluster keeps its centre)
Labels kmeans(const Matrix& x, int k, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Cluster);
    Matrix centres = vae::analysis::kmeans_plus_plus(x, k, rng);
    Labels assignment(static_cast<std::size_t>(x.rows()), -1);
    for (bool changed = true; changed;) {
        changed = false;
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const int nearest = vae::analysis::nearest_centre(x.row(i), centres);
            if (nearest != assignment[std::size_t(i)]) changed = true;
            assignment[std::size_t(i)] = nearest;
        }
        Matrix sums = Matrix::Zero(k, x.cols());
        std::vector<long> count(static_cast<std::size_t>(k), 0);
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            sums.row(assignment[std::size_t(i)]) += x.row(i);
            ++count[std::size_t(assignment[std::size_t(i)])];
        }
        for (int c = 0; c < k; ++c)
            if (count[std::size_t(c)] > 0) centres.row(c) = sums.row(c) / double(count[std::size_t(c)]);
    }
    return assignment;
}

// 7d. Cluster numbers are arbitrary, so pair each cluster with a label, one-to-one, so that
// as many images as possible sit in a cluster paired with their own label. With the table
//   n(c, l) = how many images of label l are in cluster c,
// that is an assignment problem: maximise sum_c n(c, label_of[c]). The Hungarian method
// minimises a cost, so give it cost = -n. Then accuracy = matched / total.
vae::analysis::ClusterMatching best_matching(const Labels& clusters, const Labels& labels, int k) {
    vae::analysis::CountMatrix n = vae::analysis::CountMatrix::Zero(k, k);
    for (std::size_t i = 0; i < clusters.size(); ++i) ++n(clusters[i], labels[i]);
    vae::analysis::ClusterMatching m;
    m.label_of = vae::analysis::min_cost_assignment(-n.cast<double>());
    for (int c = 0; c < k; ++c) m.matched += n(c, m.label_of[std::size_t(c)]);
    m.total = static_cast<long>(labels.size());
    m.accuracy = double(m.matched) / double(m.total);
    return m;
}

// 7h. The log of the mean importance weight of one test image, log((1/K) sum_k exp(w_k)),
// with the largest weight factored out so that no exp overflows or underflows to 0:
//   m + log((1/K) sum_k exp(w_k - m)),   m = max_k w_k.
double log_mean_exp(const vae::Vector& w) {
    const double m = w.maxCoeff();
    const double sum = (w.array() - m).exp().sum();  // each term in (0, 1]: nothing overflows
    return m + std::log(sum / double(w.size()));
}

// s holds the flags (data set, network, schedule, subsets: --help lists them); options says
// where the data are and the plots go.
vae::Report run_exercise(const mnist::Settings& s, const vae::Options& options) {
    mnist::Experiment experiment(vae::exercise_info.title, options, s);  // loads MNIST (or Fashion-MNIST)

    // Your five functions, tried once on the untrained model: a TODO or a slip shows at once.
    experiment.check_before_training(warmup_beta, negative_elbo, kmeans, best_matching, log_mean_exp);
    experiment.train();  // lib: minibatches, forward, backward, Adam; beta as in 7a
    experiment.evaluate(negative_elbo, log_mean_exp);  // 7b: the test -ELBO; 7h: test_nll_iw

    const Labels clusters = kmeans(experiment.test_mu(), mnist::kClusters, s.seed);  // 7c
    experiment.add_clustering(clusters,
                              best_matching(clusters, experiment.test_labels(), mnist::kClusters));  // 7d
    return experiment.finish();
}

// The program: exercise 7's flags (into mnist::Settings), then the run above.
const vae::Program vae::program(mnist::add_flags, run_exercise);
